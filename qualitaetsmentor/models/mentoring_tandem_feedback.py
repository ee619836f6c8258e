"""Feedback surveys of a tandem (issue 15, items 6 and 7): the daily
invitations at the feedback points, the answers linked to the tandem, the
key moment and the coordinator's activity when an answer comes back.

The feedback points follow the programme's feedback talks
(``_feedback_schedule``: after the getting-to-know phase, after 6 and 12
months) and the end of the tandem. Each point gets an answer of its own per
audience (``survey.user_input``, unique per tandem, point and audience), so
the daily run never invites twice.
"""

import logging
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import formatLang, split_every

from .mentoring_tandem import CONTACT_PHASES
from .mentoring_tandem_reminder import MONITORING_BATCH

_logger = logging.getLogger(__name__)

# A feedback point is invited on its day or, after a missed run, within this
# many days; a tandem ended longer ago gets no end survey (it ended before
# the surveys came, or the run missed it for a month).
FEEDBACK_INVITE_DAYS = 30
# An invitation's link is answered within this many days of the invitation
# (Odoo's deadline of the answer), so that no link lives for ever.
FEEDBACK_ANSWER_DAYS = 60


# One class per concern, as the tandem's other files.
# pylint: disable=consider-merging-classes-inherited
class MentoringTandemFeedback(models.Model):
    _inherit = "mentoring.tandem"

    survey_answer_ids = fields.One2many(
        "survey.user_input",
        "mentoring_tandem_id",
        "Feedback Surveys",
        readonly=True,
    )
    feedback_no_email_point = fields.Char(
        "Feedback Point Noted Without E-mail",
        copy=False,
        readonly=True,
        help="Technical: the last feedback point whose survey could not be "
        "sent since the mentor has no e-mail address, and of which the "
        "tandem's chatter told the coordinator (once per point).",
    )
    relationship_score = fields.Float(
        "Relationship Quality (Survey)",
        compute="_compute_relationship_score",
        store=True,
        compute_sudo=True,
        digits=(3, 1),
        aggregator="avg",
        help="The score of the latest completed feedback survey of the mentor "
        "or the family, from 1 (poor) to 5 (very good); empty while none was "
        "completed.",
    )

    @api.depends(
        "survey_answer_ids.state",
        "survey_answer_ids.mentoring_score",
        "survey_answer_ids.end_datetime",
    )
    def _compute_relationship_score(self):
        for tandem in self:
            done = tandem.survey_answer_ids.filtered(
                lambda answer: answer.state == "done" and answer.mentoring_score
            )
            latest = max(
                done,
                key=lambda answer: (
                    answer.end_datetime or answer.create_date,
                    answer.id,
                ),
                default=None,
            )
            tandem.relationship_score = latest.mentoring_score if latest else 0.0

    def _feedback_point_dates(self):
        """The day of each feedback point of this tandem: the programme's
        feedback talks (as ``_feedback_schedule``) and the end.

        :return: dict feedback point -> date, points the programme does not
            hold left out
        """
        self.ensure_one()
        program, matched = self.program_id, self.date_matched
        dates = {}
        if matched and program.feedback_first_days:
            dates["getting_to_know"] = matched + timedelta(
                days=program.feedback_first_days
            )
        if matched and program.feedback_second_months:
            dates["month_6"] = matched + relativedelta(
                months=program.feedback_second_months
            )
        if matched and program.feedback_third_months:
            dates["month_12"] = matched + relativedelta(
                months=program.feedback_third_months
            )
        if self.phase == "closure" and self.date_ended:
            dates = {"end": self.date_ended}
        return dates

    def _feedback_recipients(self):
        """Who answers this tandem's surveys: the mentor and, where the
        programme invites families, the guardian of a minor mentee or the
        adult mentee (``mentoring.mentee._portal_family_partner``, as the
        families' portal). Contacts without an e-mail address are left out.

        :return: dict audience -> res.partner
        """
        self.ensure_one()
        recipients = {"mentor": self.mentor_id.partner_id}
        if self.program_id.survey_invite_family:
            # The same contact as the families' portal: the guardian of a
            # minor (by consent or by age group), else the mentee herself.
            recipients["family"] = self.mentee_id._portal_family_partner()
        return {
            audience: partner
            for audience, partner in recipients.items()
            if partner and partner.email
        }

    @api.model
    def _cron_monitor_quality(self):
        """Daily, after the health and reminders: invite to the feedback
        surveys that are due (``_feedback_send_invitations``)."""
        result = super()._cron_monitor_quality()
        self._feedback_send_invitations()
        return result

    @api.model
    def _feedback_send_invitations(self):
        """Invite the mentor (and the family, where the programme says so) to
        the survey of each feedback point that is due by the organisation's
        day: a point of a running tandem on its day, the end when the tandem
        was closed; both up to ``FEEDBACK_INVITE_DAYS`` days late. One
        answer per tandem, point and audience, sent with Odoo's survey
        invitation e-mail (``survey.mail_template_user_input_invite``, no
        names but the addressee's). Idempotent: a point with an answer is
        never invited again. Tandems whose mentor or mentee withdrew consent,
        and anonymised tandems, get nothing.

        Run by the cron worker it commits after each batch of tandems that
        sent invitations.

        :return: the created survey.user_input records (sudo)
        """
        companies = self.env["res.company"].sudo().search([])
        days = companies._mentoring_days()
        oldest = min(days.values()) - timedelta(days=FEEDBACK_INVITE_DAYS)
        tandems = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("date_anonymized", "=", False),
                    ("mentor_id.consent_withdrawn_date", "=", False),
                    ("mentee_id.consent_withdrawn_date", "=", False),
                    ("program_id.feedback_survey_ids", "!=", False),
                    "|",
                    "&",
                    ("phase", "in", CONTACT_PHASES),
                    ("date_matched", "!=", False),
                    "&",
                    ("phase", "=", "closure"),
                    ("date_ended", ">=", oldest),
                ]
            )
        )
        answers = self.env["survey.user_input"].sudo()
        for ids in split_every(MONITORING_BATCH, tandems.ids):
            sent = self.browse(ids).sudo()._feedback_invite(days)
            answers |= sent
            if sent and self.env.context.get("cron_id"):
                # The invitations of a batch are kept, as the batches of
                # _cron_monitor_quality.
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return answers

    def _feedback_invite(self, days):
        """Invite these tandems' due feedback points; see
        ``_feedback_send_invitations``."""
        sent = {
            (
                answer.mentoring_tandem_id.id,
                answer.mentoring_feedback_point,
                answer.mentoring_audience,
            )
            for answer in self.env["survey.user_input"]
            .sudo()
            .search([("mentoring_tandem_id", "in", self.ids)])
        }
        answers = self.env["survey.user_input"].sudo()
        for tandem in self:
            today = days[tandem.company_id]
            surveys = {
                (line.feedback_point, line.audience): line.survey_id
                for line in tandem.program_id.feedback_survey_ids
            }
            recipients = None
            due = None
            for point, day in tandem._feedback_point_dates().items():
                if not day <= today < day + timedelta(days=FEEDBACK_INVITE_DAYS):
                    continue
                if (
                    surveys.get((point, "mentor"))
                    and (
                        tandem.id,
                        point,
                        "mentor",
                    )
                    not in sent
                ):
                    due = point
                if recipients is None:
                    recipients = tandem._feedback_recipients()
                for audience, partner in recipients.items():
                    survey = surveys.get((point, audience))
                    if not survey or (tandem.id, point, audience) in sent:
                        continue
                    answers |= tandem._feedback_create_answer(
                        survey, partner, point, audience
                    )
            if due and "mentor" not in recipients:
                tandem._feedback_log_no_email(due)
        return answers

    def _feedback_create_answer(self, survey, partner, point, audience):
        """Create the answer of ``partner`` to ``survey`` for this tandem's
        feedback point and send the invitation e-mail."""
        self.ensure_one()
        survey = survey.sudo()
        if not survey.active:
            # An archived survey takes no answers: nothing is sent, and the
            # log and the programme's form say so.
            _logger.warning(
                "Tandem %s: feedback survey %s is archived, no invitation sent.",
                self.id,
                survey.id,
            )
            return self.env["survey.user_input"].sudo()
        today = self.company_id._mentoring_today()
        answer = survey._create_answer(
            partner=partner,
            check_attempts=False,
            mentoring_tandem_id=self.id,
            mentoring_feedback_point=point,
            mentoring_audience=audience,
            mentoring_invited_date=today,
            # 23:59 of the organisation's day, stored in UTC as Odoo's
            # datetimes are.
            deadline=self.company_id._mentoring_tz()
            .localize(
                datetime.combine(
                    today + timedelta(days=FEEDBACK_ANSWER_DAYS), time(23, 59)
                )
            )
            .astimezone(pytz.utc)
            .replace(tzinfo=None),
        )
        template = self.env.ref(
            "survey.mail_template_user_input_invite", raise_if_not_found=False
        )
        if template:
            template.sudo().send_mail(
                answer.id,
                email_values={
                    "email_from": self.company_id.email_formatted
                    or self.env.company.email_formatted,
                    "recipient_ids": [fields.Command.link(partner.id)],
                    "email_to": False,
                },
            )
        return answer

    def _feedback_log_no_email(self, point):
        """A due survey of feedback ``point`` not sent since the mentor has
        no e-mail address: a note in the tandem's chatter tells the
        coordinator, once per point (``feedback_no_email_point``), in her
        language and as OdooBot."""
        self.ensure_one()
        _logger.info(
            "Tandem %s: feedback survey not sent, the mentor has no e-mail address.",
            self.id,
        )
        if self.feedback_no_email_point == point:
            return
        tandem = self.sudo()
        tandem = tandem.with_user(SUPERUSER_ID).with_context(
            lang=tandem._activity_user().lang
            or tandem.company_id.partner_id.lang
            or self.env.lang
        )
        tandem.message_post(
            body=Markup("<p>%s</p>")
            % tandem.env._(
                "The feedback survey could not be sent: the mentor has no "
                "e-mail address. Add it on the mentor's form; the survey is "
                "sent at the next daily run, up to %(days)s days after the "
                "feedback point.",
                days=FEEDBACK_INVITE_DAYS,
            ),
            # No notification: its e-mail would carry the tandem's name.
            subtype_xmlid="mail.mt_note",
        )
        tandem.feedback_no_email_point = point

    def _feedback_closed(self):
        """Whether this tandem takes no feedback any more: it is anonymised,
        or its mentor or mentee withdrew the data-protection consent
        (Art. 7(3) DSGVO: nothing new is collected after a withdrawal)."""
        self.ensure_one()
        tandem = self.sudo()
        return bool(
            tandem.date_anonymized
            or tandem.mentor_id.consent_withdrawn_date
            or tandem.mentee_id.consent_withdrawn_date
        )

    def _feedback_drop_open_answers(self):
        """Delete the open (not completed) survey answers of these tandems:
        called when consent is withdrawn or the tandem is anonymised, so that
        their invitation links no longer open and the portal no longer
        offers them. Completed answers stay (the anonymisation scrubs them).

        :return: the number of deleted answers
        """
        answers = (
            self.env["survey.user_input"]
            .sudo()
            .search([("mentoring_tandem_id", "in", self.ids), ("state", "!=", "done")])
        )
        count = len(answers)
        answers.unlink()
        return count

    def _feedback_received(self, answer):
        """A feedback survey of this tandem was completed: document it as a
        key moment of the shipped type "Feedback received" with its score,
        and give the coordinator an activity when the score lies below the
        programme's low score or an alarming item was answered 1 or 2.

        An answer of a tandem that takes no feedback any more
        (``_feedback_closed``) is ignored.

        :param answer: the completed survey.user_input (sudo)
        :return: the key moment (sudo), or an empty recordset when ignored
        """
        self.ensure_one()
        tandem = self.sudo()
        if tandem._feedback_closed():
            return self.env["mentoring.key.moment"].sudo()
        coordinator = tandem._activity_user()
        # Written by OdooBot in the organisation's language, whoever brought
        # the answer (a visitor with the token is Odoo's public user, in her
        # browser's language).
        tandem = tandem.with_user(SUPERUSER_ID).with_context(
            lang=coordinator.lang
            or tandem.company_id.partner_id.lang
            or self.env.ref("base.partner_root").lang
            or self.env.lang
        )
        env = tandem.env
        _ = env._
        points = {
            "getting_to_know": _("Feedback after getting to know"),
            "month_6": _("Feedback after 6 months"),
            "month_12": _("Feedback after 12 months"),
            "end": _("Feedback at the end"),
        }
        audiences = {"mentor": _("mentor"), "family": _("mentee or guardian")}
        answer = answer.with_env(env)
        score = answer.mentoring_score
        alarming = answer._mentoring_alarming_lines()
        low = bool(score) and score < tandem.program_id.survey_low_score
        summary = _(
            "%(point)s (%(audience)s): %(score)s of 5",
            point=points.get(answer.mentoring_feedback_point, ""),
            audience=audiences.get(answer.mentoring_audience, ""),
            score=formatLang(env, score, digits=1) if score else "–",
        )
        today = tandem.company_id._mentoring_today()
        author = answer.partner_id.user_ids[:1]
        earlier = (
            self.env["mentoring.key.moment"]
            .sudo()
            .search_count(
                [
                    ("tandem_id", "=", tandem.id),
                    ("category", "=", "feedback_survey"),
                    ("survey_user_input_id", "!=", answer.id),
                    (
                        "survey_user_input_id.mentoring_feedback_point",
                        "=",
                        answer.mentoring_feedback_point,
                    ),
                ],
                limit=1,
            )
        )
        moment = (
            env["mentoring.key.moment"]
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "tandem_id": tandem.id,
                    "type_id": env["mentoring.key.moment.type"]
                    ._feedback_survey_type()
                    .id,
                    "source": "portal",
                    "author_id": author.id,
                    "date": today,
                    "summary": summary,
                    "survey_score": score,
                    "survey_user_input_id": answer.id,
                    "survey_alarm": low or bool(alarming),
                    "survey_first_of_point": not earlier,
                }
            )
        )
        if (low or alarming) and coordinator:
            if alarming:
                note = _(
                    "A feedback survey of the tandem was answered with an "
                    "alarming answer: %(questions)s. Please get in touch.",
                    # Titles are sentences ending in a full stop: quoted
                    # one after another, without a second full stop.
                    questions=" ".join(
                        "„%s“" % (title or "").strip().rstrip(".")
                        for title in alarming.question_id.mapped("title")
                    ),
                )
            else:
                note = _(
                    "A feedback survey of the tandem scored %(score)s of 5, "
                    "below the programme's %(low)s. Please get in touch.",
                    score=formatLang(env, score, digits=1),
                    low=formatLang(env, tandem.program_id.survey_low_score, digits=1),
                )
            tandem.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Alarming feedback") if alarming else _("Low feedback score"),
                note=note,
                user_id=coordinator.id,
                date_deadline=today,
            )
        return moment
