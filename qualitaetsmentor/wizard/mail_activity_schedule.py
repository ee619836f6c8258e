from odoo import models


class MailActivitySchedule(models.TransientModel):
    """Odoo's plan launcher, told by a tandem's stage which activity types
    are open on the tandem already (see mentoring.tandem's
    ``_launch_stage_plans``): entering a stage again does not duplicate them."""

    _inherit = "mail.activity.schedule"

    def _plan_filter_activity_templates_to_schedule(self):
        templates = super()._plan_filter_activity_templates_to_schedule()
        skip = self.env.context.get("mentoring_skip_activity_type_ids")
        if not skip:
            return templates
        return templates.filtered(lambda t: t.activity_type_id.id not in skip)
