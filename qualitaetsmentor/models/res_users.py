from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # The record rules read these lists instead of following
    # program_id.coordinator_ids from every record: Odoo checks rules on
    # loaded records in Python, and a plain id list is what the board can
    # afford for every card. Archived programmes stay in the lists, as they
    # stayed visible to their coordinators before.
    mentoring_program_ids = fields.Many2many(
        "mentoring.program",
        "mentoring_program_coordinator_rel",
        "user_id",
        "program_id",
        string="Coordinated Programmes",
        context={"active_test": False},
    )
    mentoring_viewer_program_ids = fields.Many2many(
        "mentoring.program",
        "mentoring_program_viewer_rel",
        "user_id",
        "program_id",
        string="Programmes with Read Access",
        context={"active_test": False},
    )

    def write(self, vals):
        result = super().write(vals)
        if {"mentoring_program_ids", "mentoring_viewer_program_ids"} & vals.keys():
            # The rules put the ids into their cached domains.
            self.env.registry.clear_cache()
        return result
