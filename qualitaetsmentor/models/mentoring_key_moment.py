from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .mentoring_profile_mixin import COORDINATOR


class MentoringKeyMoment(models.Model):
    """Something worth knowing that happened in a tandem.

    Key moments are what a successor reads to understand a tandem; each one
    also leaves an internal note on the tandem's chatter with its type and
    date, never its wording (see ``_chatter_body``).
    """

    _name = "mentoring.key.moment"
    _description = "Key Moment"
    _order = "date desc, id desc"
    _rec_name = "summary"

    tandem_id = fields.Many2one(
        "mentoring.tandem",
        required=True,
        index=True,
        ondelete="cascade",
    )
    program_id = fields.Many2one(
        related="tandem_id.program_id", store=True, index=True, string="Programme"
    )
    company_id = fields.Many2one(related="tandem_id.company_id", store=True, index=True)
    type_id = fields.Many2one("mentoring.key.moment.type", required=True, index=True)
    category = fields.Selection(related="type_id.category", store=True)
    counts_as_contact = fields.Boolean(
        compute="_compute_counts_as_contact",
        search="_search_counts_as_contact",
        help="A contact for the contact rhythm: its type counts as one, or it "
        "is a mentor's report and the programme counts those.",
    )
    source = fields.Selection(
        [("coordinator", "Coordinator"), ("portal", "Portal")],
        default="coordinator",
        required=True,
        readonly=True,
        index=True,
        help="Who documented the key moment: a coordinator in the back office, "
        "or on the portal a mentor (Report a Meeting) or a family member (Ask "
        "for a Talk).",
    )
    duration_minutes = fields.Integer(
        "Duration (Minutes)",
        groups=COORDINATOR,
        help="How long the reported meeting took, as the mentor gave it.",
    )
    mentor_rating = fields.Selection(
        [
            ("1", "Badly"),
            ("2", "Not so well"),
            ("3", "OK"),
            ("4", "Well"),
            ("5", "Very well"),
        ],
        "Mentor's Rating",
        groups=COORDINATOR,
        help="How the meeting went in the mentor's own words (1–5), as she "
        "reported it on the portal.",
    )
    talk_requested = fields.Boolean(
        "Asks for a Talk",
        groups=COORDINATOR,
        help="The mentor or the family would like to talk to the coordinator.",
    )
    date = fields.Date(
        required=True,
        default=lambda self: self.env.company._mentoring_today(),
        index=True,
    )
    summary = fields.Char(required=True, groups=COORDINATOR)
    notes = fields.Html(groups=COORDINATOR)
    relationship_quality = fields.Selection(
        [
            # The first value is "no star" for the priority widget.
            ("0", "Not Rated"),
            ("1", "Poor"),
            ("2", "Difficult"),
            ("3", "Fair"),
            ("4", "Good"),
            ("5", "Very Good"),
        ],
        default="0",
        groups=COORDINATOR,
        help="How the coordinator judges the relationship between mentor and "
        "mentee at this moment.",
    )
    survey_score = fields.Float(
        digits=(3, 1),
        groups=COORDINATOR,
        readonly=True,
        help="The relationship-quality score of the completed feedback "
        "survey, from 1 (poor) to 5 (very good).",
    )
    survey_user_input_id = fields.Many2one(
        "survey.user_input",
        "Survey Answer",
        groups=COORDINATOR,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    survey_first_of_point = fields.Boolean(
        "First Feedback of its Point",
        groups=COORDINATOR,
        readonly=True,
        help="The first completed feedback survey of its feedback point: only "
        "this one counts as the feedback talk where the programme counts "
        "surveys, not the mentor's and the family's answer twice.",
    )
    survey_alarm = fields.Boolean(
        "Alarming Feedback",
        groups=COORDINATOR,
        readonly=True,
        help="The feedback survey scored below the programme's low score or "
        "an alarming question was answered 1 or 2: the tandem needs the "
        "coordinator's attention until she documents a contact of her own.",
    )
    confidential = fields.Boolean(
        help="Confidential key moments are read only by the tandem's "
        "coordinator and the administrators."
    )
    # Offered: who may read the tandem's names (mentoring.tandem's
    # coordinator_id). Not a constraint: key moments taken over from paper
    # name coordinators who have left.
    author_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        index=True,
        domain=lambda self: self.env["mentoring.tandem"]._coordinator_domain(),
    )

    @api.depends(
        "type_id.counts_as_contact",
        "type_id.category",
        "source",
        "program_id.portal_report_counts_as_contact",
    )
    def _compute_counts_as_contact(self):
        for moment in self:
            moment.counts_as_contact = moment.type_id.counts_as_contact or (
                moment.source == "portal"
                and moment.type_id.category == "mentor_report"
                and moment.program_id.portal_report_counts_as_contact
            )

    def _search_counts_as_contact(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        domain = self._contact_domain()
        return domain if (operator == "=") == value else ["!"] + domain

    @api.model
    def _contact_domain(self):
        """The key moments that count as a contact: of a type that counts,
        or reported by the mentor on the portal where the programme counts
        such reports (``mentoring.program.portal_report_counts_as_contact``,
        issue 15: default no, the standard asks for the coordinator's own
        contact). A family's request for a talk on the portal is no contact.
        """
        return [
            "|",
            ("type_id.counts_as_contact", "=", True),
            "&",
            "&",
            ("source", "=", "portal"),
            ("category", "=", "mentor_report"),
            ("program_id.portal_report_counts_as_contact", "=", True),
        ]

    @api.constrains("date")
    def _check_date_not_in_future(self):
        for moment in self:
            today = moment.company_id._mentoring_today()
            if moment.date > today:
                raise ValidationError(
                    self.env._(
                        "The key moment “%(summary)s” is dated %(date)s, in the "
                        "future. Document key moments once they have happened.",
                        summary=moment.summary,
                        date=format_date(self.env, moment.date),
                    )
                )

    @api.depends("summary")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Not `env.su`: Odoo shows a many2one's display name in sudo, and the
        # user behind the sudo is still the one who reads it.
        if self.env.user.has_group(COORDINATOR):
            return super()._compute_display_name()
        for moment in self:
            moment.display_name = self.env._(
                "%(type)s on %(date)s",
                type=moment.type_id.name,
                date=format_date(self.env, moment.date),
            )

    @api.constrains("confidential", "tandem_id")
    def _check_confidential_by_the_tandems_coordinator(self):
        if self.env.su or self.env.user.has_group("qualitaetsmentor.group_admin"):
            return
        for moment in self.filtered("confidential"):
            if moment.tandem_id.coordinator_id != self.env.user:
                raise ValidationError(
                    self.env._(
                        "Only the coordinator of the tandem (%(coordinator)s) "
                        "or an administrator can document a confidential key "
                        "moment on it.",
                        coordinator=moment.tandem_id.coordinator_id.name
                        or self.env._("none assigned"),
                    )
                )

    @api.constrains("tandem_id")
    def _check_tandem_not_anonymized(self):
        for moment in self:
            if moment.tandem_id.date_anonymized:
                raise ValidationError(
                    self.env._(
                        "This tandem was anonymised on %(date)s: no key moment "
                        "can be added to it any more.",
                        date=format_date(self.env, moment.tandem_id.date_anonymized),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        moments = super().create(vals_list)
        moments._close_fulfilled_reminders()
        for moment in moments:
            moment.tandem_id.message_post(
                body=moment._chatter_body(),
                subtype_xmlid="mail.mt_note",
            )
        return moments

    def unlink(self):
        """Delete key moments, leaving a note on each tandem with the type,
        date and the reason of the deletion, never the summary or the notes.

        Key moments are the memory of a tandem: coordinators correct them,
        only administrators delete them (access rights), and with a reason
        given in the dialog “Delete Key Moment”
        (``mentoring.key.moment.delete``), which passes it in the context key
        ``mentoring_delete_reason``. Scripts running as superuser (the
        anonymisation, data migrations) may delete without a reason.

        :raise UserError: deleted without a reason by a user
        """
        # Who may not delete at all hears that first.
        self.check_access("unlink")
        reason = (self.env.context.get("mentoring_delete_reason") or "").strip()
        if self and not reason and not self.env.su:
            raise UserError(
                self.env._(
                    "Key moments are deleted with a reason: open the key "
                    "moment and use “Delete” in its form. To correct a key "
                    "moment, edit it instead."
                )
            )
        notes = [(moment.tandem_id, moment._deletion_body(reason)) for moment in self]
        result = super().unlink()
        for tandem, body in notes:
            if tandem.exists():
                tandem.message_post(body=body, subtype_xmlid="mail.mt_note")
        return result

    def _deletion_body(self, reason):
        """The note left on the tandem when the key moment is deleted: its
        type and date and the administrator's reason, never its summary or
        notes (see ``_chatter_body``)."""
        self.ensure_one()
        message = self.env._(
            "Key moment deleted: %(type)s on %(date)s",
            type=self.type_id.name,
            date=format_date(self.env, self.date),
        )
        body = Markup("<p>%s</p>") % message
        if reason:
            body += Markup("<p>%s</p>") % self.env._(
                "Reason: %(reason)s", reason=reason
            )
        return body

    def action_delete_with_reason(self):
        """Open the dialog in which an administrator gives the reason for
        deleting this key moment."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delete Key Moment"),
            "res_model": "mentoring.key.moment.delete",
            "view_mode": "form",
            "target": "new",
            "context": {"default_key_moment_id": self.id},
        }

    def _close_fulfilled_reminders(self):
        """Mark done the reminders these key moments fulfil: a contact, a
        feedback talk, the getting-to-know meeting."""
        kinds_by_tandem = {}
        for moment in self:
            kinds = kinds_by_tandem.setdefault(moment.tandem_id, set())
            if moment.counts_as_contact:
                kinds.add("contact")
            if moment.category in ("feedback", "getting_to_know"):
                kinds.add(moment.category)
            elif moment._fulfils_feedback_talk():
                kinds.add("feedback")
        for tandem, kinds in kinds_by_tandem.items():
            if kinds:
                tandem._close_fulfilled_reminders(
                    kinds,
                    self.env._("Fulfilled by a documented key moment."),
                )

    def _chatter_body(self):
        """The note on the tandem: type, date and whether it is confidential.

        Never the summary or the notes: the note stays in the chatter when
        the key moment is later marked confidential, reworded or deleted,
        and every coordinator of the programme reads the tandem's chatter
        (doc/domain.md, "Key moments"; Art. 5 (1) c, e DSGVO).
        """
        self.ensure_one()
        if self.confidential:
            message = self.env._(
                "Confidential key moment documented: %(type)s on %(date)s",
                type=self.type_id.name,
                date=format_date(self.env, self.date),
            )
        else:
            message = self.env._(
                "Key moment documented: %(type)s on %(date)s",
                type=self.type_id.name,
                date=format_date(self.env, self.date),
            )
        return Markup("<p>%s</p>") % message

    def _fulfils_feedback_talk(self):
        """A completed feedback survey counts as a feedback talk where its
        programme says so (*Completed Survey Counts as Feedback Talk*)."""
        self.ensure_one()
        return (
            self.category == "feedback_survey"
            and self.survey_first_of_point
            and self.program_id.survey_fulfils_feedback_talk
        )

    @api.model
    def _feedback_survey_talk_domain(self):
        """The completed feedback surveys that count as the feedback talk of
        their feedback point, where the programme counts them (issue 15,
        item 7: default no)."""
        return [
            ("category", "=", "feedback_survey"),
            ("survey_first_of_point", "=", True),
            ("program_id.survey_fulfils_feedback_talk", "=", True),
        ]
