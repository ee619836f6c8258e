from odoo import api, models
from odoo.exceptions import ValidationError

from .res_users import NAMED_MODELS


class MailActivity(models.Model):
    """An activity shows its record's name ("<mentor> & <mentee>" for a
    tandem, the person's name for a profile) to the user it is assigned to,
    in the activity menu, the list of activities and Odoo's notice. On
    tandems and profiles it therefore goes only to users who may read these
    names: the coordinators of the programme and the administrators of
    QualitätsMENTOR, never an archived user. This holds whoever assigns it:
    a coordinator in the activity dialog, a stage's plan, the scheduled
    action, the handover."""

    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._mentoring_check_assignee()
        return activities

    def write(self, vals):
        result = super().write(vals)
        if {"user_id", "res_model_id", "res_model", "res_id"} & vals.keys():
            self._mentoring_check_assignee()
        return result

    def _mentoring_check_assignee(self):
        ours = self.sudo().filtered(
            lambda activity: activity.res_model in NAMED_MODELS and activity.user_id
        )
        groups = ours.grouped(lambda activity: (activity.res_model, activity.user_id))
        for (model, user), activities in groups.items():
            records = (
                self.env[model].sudo().browse(activities.mapped("res_id")).exists()
            )
            refused = records.program_id.filtered(
                lambda program, user=user: not user._mentoring_can_coordinate(program)
            )
            if refused:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot take activities on tandems, mentors or "
                        "mentees of %(programs)s: they show the names of mentors "
                        "and mentees. Assign them to an active coordinator of the "
                        "programme or an administrator of QualitätsMENTOR.",
                        user=user.name,
                        programs=", ".join(refused.mapped("name")),
                    )
                )
