import pytz

from odoo import api, models

# Health reasons in the order the dossier lists them as risks.
HEALTH_REASONS = (
    "has_open_conflict",
    "is_clearance_expired",
    "is_contact_overdue",
    "is_feedback_overdue",
    "is_feedback_due",
    "is_clearance_expiring",
    "is_phase_overdue",
    "is_planned_end_passed",
    "is_planned_end_near",
)
HEALTH_BADGES = {
    "ok": "text-bg-success",
    "attention": "text-bg-warning",
    "critical": "text-bg-danger",
}


class HandoverDossier(models.AbstractModel):
    """What a successor needs to know about each tandem of a coordinator."""

    _name = "report.qualitaetsmentor.report_handover_dossier"
    _description = "Handover Dossier"

    @api.model
    def _get_report_values(self, docids, data=None):
        tandems = self.env["mentoring.tandem"].browse(docids)
        tandems.check_access("read")
        sections = []
        for coordinator, coordinator_tandems in tandems.grouped(
            "coordinator_id"
        ).items():
            requirements = coordinator_tandems._get_requirements_for_checklist()
            sections.append(
                {
                    "coordinator": coordinator,
                    "tandems": [
                        self._tandem_values(tandem, requirements[tandem])
                        for tandem in coordinator_tandems.sorted(
                            lambda t: (
                                ("critical", "attention", "ok").index(t.health or "ok"),
                                t.name or "",
                            )
                        )
                    ],
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "mentoring.tandem",
            "docs": tandems,
            "sections": sections,
        }

    def _tandem_values(self, tandem, requirements):
        fields_ = tandem._fields
        may_read_confidential = (
            tandem.coordinator_id == self.env.user
            or self.env.user.has_group("qualitaetsmentor.group_admin")
        )
        moments = self.env["mentoring.key.moment"].search(
            [("tandem_id", "=", tandem.id)], limit=3
        )
        return {
            "tandem": tandem,
            "phase": dict(fields_["phase"]._description_selection(self.env)).get(
                tandem.phase
            ),
            "health": dict(fields_["health"]._description_selection(self.env)).get(
                tandem.health
            ),
            "health_class": HEALTH_BADGES.get(tandem.health, "text-bg-secondary"),
            "risks": [
                fields_[fname]._description_string(self.env)
                for fname in HEALTH_REASONS
                if tandem[fname]
            ],
            "missing": [req.label for req in requirements if req.is_open],
            "moments": [
                {
                    "moment": moment,
                    "summary": moment.summary
                    if may_read_confidential or not moment.confidential
                    else self.env._("Confidential"),
                }
                for moment in moments
            ],
            "activities": tandem.activity_ids,
            "next_steps": tandem._get_next_steps(requirements),
            "feedback": self._feedback_values(tandem),
        }

    def _feedback_values(self, tandem):
        """The completed feedback surveys of ``tandem`` (issue 15, item 8):
        feedback point, who answered (by role), date and score, oldest
        first. Only these facts, never a free text or a name: whoever reads
        the dossier reads the tandem, and the answers themselves stay in the
        survey app for the programme's coordinators
        (``security/survey_security.xml``). Read in sudo for that reason.

        :return: a list of dicts with ``point``, ``audience``, ``date``,
            ``score``
        """
        Answer = self.env["survey.user_input"].sudo()
        answers = Answer.search(
            [("mentoring_tandem_id", "=", tandem.id), ("state", "=", "done")],
            order="end_datetime, id",
        )
        point_names = dict(
            Answer._fields["mentoring_feedback_point"]._description_selection(self.env)
        )
        audience_names = dict(
            Answer._fields["mentoring_audience"]._description_selection(self.env)
        )
        tz = tandem.company_id._mentoring_tz()
        return [
            {
                "point": point_names.get(answer.mentoring_feedback_point, ""),
                "audience": audience_names.get(answer.mentoring_audience, ""),
                "date": answer.end_datetime
                and pytz.utc.localize(answer.end_datetime).astimezone(tz).date(),
                "score": answer.mentoring_score,
            }
            for answer in answers
        ]
