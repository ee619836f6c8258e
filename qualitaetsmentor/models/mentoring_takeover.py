"""Taking over tandems that ran on paper before QualitätsMENTOR.

An organisation that starts with QualitätsMENTOR has tandems running: each
row of a take-over (imported through Odoo's import with the template
``static/import/tandems.csv``, or entered in the form) creates the tandem in
its phase with its history, so that it comes in as it is, not as a new
tandem that is at once overdue (issue 13, item 10):

* the phase was entered on the tandem's start (accompaniment) or match
  (matching), not on the day of the take-over;
* the last documented contact, getting-to-know meeting and feedback talk
  become key moments on their dates: the next contact is due one interval
  after the last contact;
* a getting-to-know meeting or feedback talks the coordinator documented on
  paper before the introduction need no date: the reason "documented on
  paper before the introduction" is logged on the tandem (a waiver of the
  getting-to-know meeting, a note for the feedback talks due until the
  take-over). Coordinators give this reason only here; any other waiver
  stays with administrators.

The screening facts of the mentor and mentee (interview, training, consent,
the extended police clearance of § 72a SGB VIII) are those of their
profiles, imported before: the gates check them as for any tandem, and the
police clearance is never waived (see ``REQUIREMENT_CATALOGUE``).
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .mentoring_stage import PHASES

RUNNING = ("matching", "accompaniment")


class MentoringTakeover(models.Model):
    _name = "mentoring.takeover"
    _description = "Taken-over Tandem"
    _order = "id desc"
    _rec_name = "tandem_id"

    program_id = fields.Many2one(
        "mentoring.program", "Programme", required=True, index=True
    )
    company_id = fields.Many2one(
        related="program_id.company_id", store=True, index=True
    )
    mentor_id = fields.Many2one(
        "mentoring.mentor",
        required=True,
        domain="[('program_id', '=', program_id)]",
    )
    mentee_id = fields.Many2one(
        "mentoring.mentee",
        required=True,
        domain="[('program_id', '=', program_id)]",
    )
    coordinator_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        help="Who accompanies the tandem; you when left empty.",
    )
    phase = fields.Selection(
        [(code, label) for code, label in PHASES if code in RUNNING],
        required=True,
        default="accompaniment",
    )
    date_matched = fields.Date("Matched", required=True)
    date_started = fields.Date(
        "Started",
        help="When the tandem entered accompaniment; the day of the "
        "getting-to-know meeting, else the match, when left empty.",
    )
    date_planned_end = fields.Date("Planned End")
    date_getting_to_know = fields.Date("Getting-to-know Meeting On")
    last_contact_date = fields.Date("Last Documented Contact")
    last_feedback_date = fields.Date("Last Feedback Talk")
    getting_to_know_on_paper = fields.Boolean(
        "Getting-to-know Meeting on Paper",
        help="The getting-to-know meeting was documented on paper before the "
        "introduction of QualitätsMENTOR: logged on the tandem as a waiver "
        "with this reason.",
    )
    feedback_on_paper = fields.Boolean(
        "Feedback Talks on Paper",
        help="The feedback talks due until the take-over were documented on "
        "paper before the introduction of QualitätsMENTOR: logged on the "
        "tandem; the next one is due after the take-over.",
    )
    tandem_id = fields.Many2one(
        "mentoring.tandem", readonly=True, ondelete="cascade", index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        takeovers = super().create(vals_list)
        for takeover in takeovers:
            # Coordinators create take-overs; the tandem is set once, here.
            takeover.sudo().tandem_id = takeover._take_over()
        return takeovers

    def _paper_reason(self):
        return self.env._("documented on paper before the introduction")

    def _check_takeover(self, today):
        """Refuse a row that cannot describe a running tandem, naming it."""
        _ = self.env._
        # As superuser: a profile of another programme is named, not read.
        mentor, mentee = self.mentor_id.sudo(), self.mentee_id.sudo()
        name = f"{mentor.name} & {mentee.name}"
        if (mentor.program_id | mentee.program_id) != self.program_id:
            raise ValidationError(
                _(
                    "%(name)s: mentor and mentee must belong to the programme "
                    "%(program)s.",
                    name=name,
                    program=self.program_id.name,
                )
            )
        dates = (
            self.date_matched,
            self.date_started,
            self.date_getting_to_know,
            self.last_contact_date,
            self.last_feedback_date,
        )
        if any(day and day > today for day in dates):
            raise ValidationError(
                _(
                    "%(name)s: the dates of a tandem taken over lie in the past; "
                    "today is %(today)s.",
                    name=name,
                    today=format_date(self.env, today),
                )
            )
        if self.date_started and self.date_started < self.date_matched:
            raise ValidationError(
                _(
                    "%(name)s: the start lies before the match.",
                    name=name,
                )
            )
        # The history of a tandem begins with its match.
        if any(day and day < self.date_matched for day in dates[2:]):
            raise ValidationError(
                _(
                    "%(name)s: the getting-to-know meeting, the last contact and "
                    "the last feedback talk lie on or after the match "
                    "(%(matched)s).",
                    name=name,
                    matched=format_date(self.env, self.date_matched),
                )
            )
        if self.phase == "accompaniment" and not (
            self.date_getting_to_know or self.getting_to_know_on_paper
        ):
            raise ValidationError(
                _(
                    "%(name)s comes in in accompaniment: give the date of the "
                    "getting-to-know meeting, or mark it as documented on paper "
                    "before the introduction.",
                    name=name,
                )
            )

    def _take_over(self):
        """Create this row's tandem in its phase, with its history.

        :return: the new mentoring.tandem
        :raise ValidationError: for a row that cannot be a running tandem of
            the programme, or whose profiles do not meet the gates (e.g. no
            valid police clearance where the programme requires one)
        """
        self.ensure_one()
        _ = self.env._
        today = self.program_id.company_id._mentoring_today()
        self._check_takeover(today)
        types = {
            code: self.env.ref(f"qualitaetsmentor.key_moment_type_{code}")
            for code in ("getting_to_know", "check_in", "feedback")
        }
        start = (
            self.date_started or self.date_getting_to_know or self.date_matched
            if self.phase == "accompaniment"
            else False
        )
        # Through preparation, which has no gate, without the activities a
        # new match gets: this tandem's history is on paper.
        Tandem = self.env["mentoring.tandem"].with_context(
            mail_activity_automation_skip=True
        )
        stages = self.env["mentoring.stage"].search(
            Tandem._stage_domain(self.program_id)
        )
        preparation = stages.filtered(lambda s: s.phase == "preparation")[:1]
        target = stages.filtered(lambda s: s.phase == self.phase)[:1]
        tandem = Tandem.create(
            {
                "program_id": self.program_id.id,
                "mentor_id": self.mentor_id.id,
                "mentee_id": self.mentee_id.id,
                "coordinator_id": (self.coordinator_id or self.env.user).id,
                "stage_id": preparation.id or target.id,
                "date_requested": self.date_matched,
                "date_matched": self.date_matched,
                "date_started": start,
                "date_planned_end": self.date_planned_end,
            }
        )
        moments = [
            (
                "getting_to_know",
                self.date_getting_to_know,
                _("Getting-to-know meeting (from the paper records)"),
            ),
            (
                "check_in",
                self.last_contact_date,
                _("Last contact before the introduction (from the paper records)"),
            ),
            (
                "feedback",
                self.last_feedback_date,
                _("Feedback talk (from the paper records)"),
            ),
        ]
        self.env["mentoring.key.moment"].create(
            [
                {
                    "tandem_id": tandem.id,
                    "type_id": types[code].id,
                    "date": day,
                    "summary": summary,
                }
                for code, day, summary in moments
                if day
            ]
        )
        if self.getting_to_know_on_paper and not self.date_getting_to_know:
            # The only waiver a coordinator gives, and only here.
            self.env["mentoring.gate.waiver"].sudo().create(
                {
                    "tandem_id": tandem.id,
                    "requirement": "getting_to_know",
                    "reason": self._paper_reason(),
                    "user_id": self.env.user.id,
                }
            )
        if self.feedback_on_paper or self.last_feedback_date:
            tandem.feedback_held_until = (
                today if self.feedback_on_paper else self.last_feedback_date
            )
        tandem.write(
            {
                "stage_id": target.id,
                "date_phase_entered": start or self.date_matched,
            }
        )
        phase_names = dict(self._fields["phase"]._description_selection(self.env))
        body = Markup("<p>%s</p>") % _(
            "Taken over from the paper records by %(user)s: in the phase "
            "%(phase)s since %(date)s, matched on %(matched)s.",
            user=self.env.user.name,
            phase=phase_names[self.phase],
            date=format_date(self.env, start or self.date_matched),
            matched=format_date(self.env, self.date_matched),
        )
        if self.feedback_on_paper:
            body += Markup("<p>%s</p><p>%s</p>") % (
                _(
                    "Feedback talks due until %(date)s waived by %(user)s",
                    date=format_date(self.env, today),
                    user=self.env.user.name,
                ),
                _("Reason: %(reason)s", reason=self._paper_reason()),
            )
        tandem.message_post(body=body, subtype_xmlid="mail.mt_note")
        tandem._monitor_quality()
        return tandem

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Running Tandems"),
                "template": "/qualitaetsmentor/static/import/tandems.csv",
            }
        ]
