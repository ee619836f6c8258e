from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        # Users added to or removed from a group on the group's form (or a
        # group made to imply another): the same rule as on the user
        # (res_users.py, _mentoring_check_roles).
        if not {"users", "implied_ids"} & vals.keys():
            return super().write(vals)
        before = self.with_context(active_test=False).users
        result = super().write(vals)
        after = self.with_context(active_test=False).users
        (before | after)._mentoring_check_roles()
        return result
