from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mentoring_profile_mixin import COORDINATOR


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

    @api.constrains("plan_id", "responsible_type", "responsible_id")
    def _check_responsible_reads_tandems(self):
        # The activity shows the tandem's name, i.e. the names of mentor and
        # mentee: a tandem plan's default user holds the coordinator role.
        # At launch, a default user who does not coordinate the tandem's
        # programme passes the activity on to its coordinator.
        for template in self:
            user = template.responsible_id
            if (
                template.plan_id.res_model == "mentoring.tandem"
                and template.responsible_type == "other"
                and user
                and not (
                    user.active and self.env.ref(COORDINATOR) in user.sudo().groups_id
                )
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not an active coordinator of QualitätsMENTOR "
                        "and cannot take the activities of a plan for tandems: "
                        "they show the names of mentor and mentee.",
                        user=user.name,
                    )
                )

    def _determine_responsible(self, on_demand_responsible, applied_on_record):
        ours = self.responsible_type in ("coordinator", "other")
        if applied_on_record._name != "mentoring.tandem" or not ours:
            return super()._determine_responsible(
                on_demand_responsible, applied_on_record
            )
        if self.responsible_type == "other":
            result = super()._determine_responsible(
                on_demand_responsible, applied_on_record
            )
            if result["responsible"]._mentoring_can_coordinate(
                applied_on_record.program_id
            ):
                return result
            # A default user who does not coordinate this tandem's programme
            # would read the names of mentor and mentee: the tandem's
            # coordinator takes the activity instead.
        # Without a coordinator who may take it, the user the plan is launched
        # for (the one who moves the tandem) takes the activity.
        coordinator = applied_on_record._activity_user() or on_demand_responsible
        return {
            "responsible": coordinator,
            "error": not coordinator
            and self.env._(
                "The tandem %(name)s has no coordinator.", name=applied_on_record.name
            ),
        }

    def _mentoring_localize(self, lang, langs):
        """Summary and note of a shipped template in ``lang``, from its
        activity type, unless an administrator changed them (see
        ``mail.activity.plan._mentoring_localize_shipped_plans``)."""
        self.ensure_one()
        activity_type = self.activity_type_id
        values = {}
        for field, source in (("summary", "summary"), ("note", "default_note")):
            shipped = {activity_type.with_context(lang=code)[source] for code in langs}
            wanted = activity_type.with_context(lang=lang)[source]
            if self[field] in shipped and self[field] != wanted:
                values[field] = wanted
        if values:
            self.write(values)
