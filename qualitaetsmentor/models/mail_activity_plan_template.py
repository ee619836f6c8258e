from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MailActivityPlanTemplate(models.Model):
    """Plans of tandems can assign an activity to the tandem's coordinator,
    as the HR plans assign them to an employee's manager."""

    _inherit = "mail.activity.plan.template"

    responsible_type = fields.Selection(
        selection_add=[("coordinator", "Tandem Coordinator")],
        ondelete={"coordinator": "cascade"},
    )

    @api.constrains("plan_id", "responsible_type")
    def _check_responsible_coordinator(self):
        for template in self:
            if (
                template.responsible_type == "coordinator"
                and template.plan_id.res_model != "mentoring.tandem"
            ):
                raise ValidationError(
                    self.env._(
                        "Only plans for tandems can assign an activity to the "
                        "tandem's coordinator."
                    )
                )

    def _determine_responsible(self, on_demand_responsible, applied_on_record):
        if self.responsible_type != "coordinator":
            return super()._determine_responsible(
                on_demand_responsible, applied_on_record
            )
        # Without a coordinator, the user the plan is launched for (the one
        # who moves the tandem) takes the activity.
        coordinator = applied_on_record.coordinator_id or on_demand_responsible
        return {
            "responsible": coordinator,
            "error": not coordinator
            and self.env._(
                "The tandem %(name)s has no coordinator.", name=applied_on_record.name
            ),
        }
