"""The portal for mentors (issue 15): what a mentor reads and reports on
``/my/tandems``, her portal access and its revocation.

Portal users get no access rights on the mentoring models. The controller
(``controllers/portal.py``) reads through the methods below, in sudo and
strictly filtered to the tandems of the user's own contact; it shows only
the fields of ``_portal_values``.
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .mentoring_tandem import CONTACT_PHASES

# A mentor keeps her portal access this many days after her last tandem ended.
PORTAL_GRACE_DAYS = 30
RATINGS = ("1", "2", "3", "4", "5")
# The longest meeting a mentor reports: a whole day out.
MAX_DURATION_MINUTES = 24 * 60
SUMMARY_MAX_LENGTH = 500


def first_name(partner):
    """The first name of a contact: the first-name field where the
    organisation uses one (the OCA's ``partner_firstname``), else the first
    word of the name. Mentors read only this of their mentee (issue 15,
    item 2)."""
    given = "firstname" in partner._fields and partner.firstname
    if given:
        return given
    return (partner.name or "").split(" ", 1)[0]


# One class per concern, as the tandem's other files.
# pylint: disable=consider-merging-classes-inherited
class MentoringTandemPortal(models.Model):
    _inherit = "mentoring.tandem"

    portal_reminder_date = fields.Date(
        "Mentor Reminded for",
        readonly=True,
        copy=False,
        help="The due day of the meeting report for which the mentor last got "
        "a check-in e-mail: one e-mail per due day, never two.",
    )

    @api.model
    def _portal_tandems(self, partner):
        """The tandems a mentor reads on the portal: hers (the mentor
        profile's contact is ``partner``), matched and running, not
        archived, not anonymised. In sudo: portal users have no access
        rights on tandems; callers show only ``_portal_values``.

        :param partner: the portal user's contact (res.partner; several
            contacts give the tandems of each)
        :return: mentoring.tandem in sudo
        """
        if not partner:
            return self.sudo().browse()
        return self.sudo().search(
            [
                ("mentor_id.partner_id", "in", partner.ids),
                ("mentor_id.consent_withdrawn_date", "=", False),
                ("phase", "in", CONTACT_PHASES),
                ("date_anonymized", "=", False),
            ],
            order="date_matched desc, id desc",
        )

    def _portal_reports(self, users):
        """The meetings ``users`` reported on these tandems, newest first."""
        return (
            self.env["mentoring.key.moment"]
            .sudo()
            .search(
                [
                    ("tandem_id", "in", self.ids),
                    ("source", "=", "portal"),
                    ("category", "=", "mentor_report"),
                    ("author_id", "in", users.ids),
                ]
            )
        )

    def _portal_next_report_date(self, reports):
        """When the mentor's next meeting report is due: the programme's
        check-in days after her last report, or after the match."""
        self.ensure_one()
        days = self.program_id.portal_checkin_days
        if not days:
            return False
        own = reports.filtered(lambda moment: moment.tandem_id == self)
        last = max(own.mapped("date"), default=self.date_matched)
        return last and last + timedelta(days=days)

    def _portal_values(self, reports):
        """What the mentor reads of her tandem, and nothing else (issue 15,
        item 2): her mentee's first name, the programme, the coordinator's
        name and phone, when the next report is due, her own reports.

        :param reports: her reports (``_portal_reports``) of these tandems,
            read once for the whole page
        :return: dict of plain values
        """
        self.ensure_one()
        coordinator = self.coordinator_id
        own = reports.filtered(lambda moment: moment.tandem_id == self)
        return {
            "id": self.id,
            "mentee_first_name": first_name(self.mentee_id.partner_id),
            "program": self.program_id.name,
            "coordinator_name": coordinator.name or "",
            "coordinator_phone": coordinator.partner_id.phone
            or coordinator.partner_id.mobile
            or "",
            "date_matched": self.date_matched,
            "next_report_date": self._portal_next_report_date(own),
            "next_feedback_date": self.next_feedback_date,
            "survey_url": self._portal_open_survey_url(),
            "reports": [
                {
                    "date": moment.date,
                    "duration": moment.duration_minutes,
                    "rating": moment.mentor_rating,
                    "summary": moment.summary,
                    "talk_requested": moment.talk_requested,
                }
                for moment in own
            ],
        }

    def _portal_open_survey_url(self):
        """The link to the mentor's own feedback survey of this tandem that
        she has not completed yet (the newest), or False."""
        self.ensure_one()
        if self._feedback_closed():
            return False
        now = fields.Datetime.now()
        answers = self.sudo().survey_answer_ids.filtered(
            lambda answer: (
                answer.mentoring_audience == "mentor"
                and answer.state != "done"
                and answer.partner_id == self.mentor_id.partner_id
                and (not answer.deadline or answer.deadline >= now)
            )
        )
        return answers[:1].get_start_url() if answers else False

    def _portal_report_meeting(self, user, values):
        """Save a meeting the mentor ``user`` reports on the portal as a key
        moment of the shipped type "Meeting reported by the mentor"
        (``source = 'portal'``, author the mentor). A request for a talk or
        a rating of 1 or 2 gives the coordinator an activity; the tandem's
        health shows attention until she documents a contact of her own
        (``is_talk_requested``).

        :param user: the portal user, the mentor of this tandem
        :param values: dict with ``date`` (ISO string), ``duration`` (minutes,
            string), ``summary``, ``rating`` ('1'..'5'), ``talk`` (truthy)
        :return: the key moment (sudo)
        :raise ValidationError: a value is missing or wrong, in the user's
            language; nothing is saved
        """
        self.ensure_one()
        tandem = self.sudo()
        _ = self.env._
        errors = []
        today = tandem.company_id._mentoring_today()
        try:
            day = fields.Date.to_date((values.get("date") or "").strip() or None)
        except ValueError:
            day = None
        if not day:
            errors.append(_("Enter the day of the meeting."))
        elif day > today:
            errors.append(
                _(
                    "The meeting cannot be on %(date)s, in the future: report "
                    "it once it has happened.",
                    date=format_date(self.env, day),
                )
            )
        elif tandem.date_matched and day < tandem.date_matched:
            errors.append(
                _(
                    "The meeting cannot be on %(date)s, before your tandem "
                    "began on %(matched)s.",
                    date=format_date(self.env, day),
                    matched=format_date(self.env, tandem.date_matched),
                )
            )
        duration_text = (values.get("duration") or "").strip()
        duration = int(duration_text) if duration_text.isdigit() else 0
        if not 0 < duration <= MAX_DURATION_MINUTES:
            errors.append(
                _(
                    "Enter how long the meeting took, in minutes (1 to %(max)s).",
                    max=MAX_DURATION_MINUTES,
                )
            )
        summary = " ".join((values.get("summary") or "").split())
        if not summary:
            errors.append(_("Write in a few words what you did."))
        elif len(summary) > SUMMARY_MAX_LENGTH:
            errors.append(
                _(
                    "Keep it short: at most %(max)s characters.",
                    max=SUMMARY_MAX_LENGTH,
                )
            )
        rating = values.get("rating")
        if rating not in RATINGS:
            errors.append(_("Choose how the meeting went (1 to 5)."))
        if errors:
            raise ValidationError("\n".join(errors))
        talk = bool(values.get("talk"))
        moment = (
            self.env["mentoring.key.moment"]
            .with_user(user)
            .sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "tandem_id": tandem.id,
                    "type_id": self.env["mentoring.key.moment.type"]
                    .sudo()
                    ._mentor_report_type()
                    .id,
                    "source": "portal",
                    "author_id": user.id,
                    "date": day,
                    "duration_minutes": duration,
                    "summary": summary,
                    "mentor_rating": rating,
                    "talk_requested": talk,
                }
            )
        )
        if talk or rating in ("1", "2"):
            tandem._portal_ask_coordinator(talk, day)
        return moment

    def _portal_ask_coordinator(self, talk, day):
        """An activity for the coordinator: the mentor asked for a talk or
        reported a difficult meeting. No names in it beyond the tandem it is
        on. Scheduled by OdooBot (the superuser), not the mentor: the
        coordinator's e-mail names no mentor as its sender. In the
        coordinator's language, as the family's request."""
        self.ensure_one()
        coordinator = self._activity_user()
        if not coordinator:
            return
        env = self.with_context(lang=coordinator.lang or self.env.lang).env
        _ = env._
        if talk:
            note = _(
                "The mentor would like to talk to you (meeting of %(date)s).",
                date=format_date(env, day),
            )
        else:
            note = _(
                "The mentor reported a difficult meeting on %(date)s.",
                date=format_date(env, day),
            )
        self.with_user(SUPERUSER_ID).activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Mentor asks for a talk") if talk else _("Difficult meeting"),
            note=note,
            user_id=coordinator.id,
            date_deadline=self.company_id._mentoring_today(),
        )

    @api.model
    def _cron_monitor_quality(self):
        """Daily, with the health of the tandems: remind the mentors on the
        portal to report a meeting, and revoke the portal access of mentors
        whose last tandem ended long enough ago."""
        result = super()._cron_monitor_quality()
        self._portal_send_checkin_reminders()
        self.env["mentoring.mentor"]._cron_portal_revoke()
        return result

    @api.model
    def _portal_send_checkin_reminders(self):
        """One e-mail to each mentor with portal access whose meeting report
        is due (the programme's *Mentor Check-in after (Days)* after her last
        report or the match; issue 15, item 4). Idempotent: the due day is
        kept in ``portal_reminder_date``, so a second run the same or a later
        day sends nothing until she reports again and a new due day comes.
        The e-mail holds no name of anybody, only a link.

        :return: the queued mail.mail records
        """
        portal_users = (
            self.env["res.users"]
            .sudo()
            .search([("groups_id", "in", self.env.ref("base.group_portal").ids)])
        )
        if not portal_users:
            return self.env["mail.mail"]
        tandems = self.sudo().search(
            [
                ("mentor_id.partner_id", "in", portal_users.partner_id.ids),
                ("mentor_id.consent_withdrawn_date", "=", False),
                ("phase", "in", CONTACT_PHASES),
                ("date_anonymized", "=", False),
                ("program_id.portal_checkin_days", ">", 0),
            ]
        )
        reports = tandems._portal_reports(
            portal_users & tandems.mentor_id.partner_id.user_ids
        )
        days = tandems.company_id._mentoring_days()
        values = []
        for tandem in tandems:
            due = tandem._portal_next_report_date(reports)
            partner = tandem.mentor_id.partner_id
            if (
                not due
                or due > days[tandem.company_id]
                or tandem.portal_reminder_date == due
                or not partner.email
            ):
                continue
            values.append(tandem._portal_checkin_mail_values(partner))
            tandem.portal_reminder_date = due
        return self.env["mail.mail"].sudo().create(values)

    def _portal_checkin_mail_values(self, partner):
        """The check-in e-mail to the mentor, in her language: a question and
        a link to report a meeting, no names."""
        self.ensure_one()
        env = self.with_context(lang=partner.lang or self.env.lang).env
        _ = env._
        url = f"{self.get_base_url()}/my/tandems/{self.id}/report"
        body = Markup("<p>%s</p><p>%s</p><p><a href='%s'>%s</a></p><p>%s</p>") % (
            _("Hello,"),
            _(
                "you have not reported a meeting of your tandem for a while. "
                "How are you getting on? When you have met, please tell us "
                "in two minutes:"
            ),
            url,
            _("Report a meeting"),
            _("If you would like to talk to your coordinator, tick it in the form."),
        )
        return {
            "subject": _("How was your last meeting?"),
            "body_html": body,
            "recipient_ids": [fields.Command.link(partner.id)],
            "email_from": self.company_id.email_formatted
            or self.env.company.email_formatted,
            "auto_delete": True,
        }


class MentoringKeyMomentTypePortal(models.Model):
    _inherit = "mentoring.key.moment.type"

    @api.model
    def _mentor_report_type(self):
        """The shipped type of the mentors' reports, or another of its
        category if an administrator replaced it."""
        kind = self.env.ref(
            "qualitaetsmentor.key_moment_type_mentor_report", raise_if_not_found=False
        )
        if kind and kind.sudo().active:
            return kind.sudo()
        kind = self.sudo().search([("category", "=", "mentor_report")], limit=1)
        if not kind:
            raise UserError(
                self.env._(
                    "No key moment type for meetings reported by mentors: ask "
                    "an administrator to restore one."
                )
            )
        return kind


class MentoringMentorPortal(models.Model):
    _inherit = "mentoring.mentor"

    def action_grant_portal_access(self):
        """Open Odoo's portal invitation (``portal.wizard``) for the mentor's
        contact. The invitation names the user and the organisation only."""
        self.ensure_one()
        self._portal_check_grant()
        # Coordinators manage contacts (base.group_partner_manager), the
        # right the portal invitation asks for.
        return (
            self.env["portal.wizard"]
            .create({"partner_ids": [fields.Command.set(self.partner_id.ids)]})
            ._action_open_modal()
        )

    def _portal_check_grant(self):
        """Whether this mentor may get portal access: the button on the
        mentor form and Odoo's own portal invitation (Contacts,
        ``portal.wizard.user``) ask the same.

        :raise UserError: her consent is withdrawn, her profile anonymised or
            archived, or she has no e-mail address
        """
        self.ensure_one()
        if self.consent_withdrawn_date or self.date_anonymized or not self.active:
            raise UserError(
                self.env._(
                    "%(name)s withdrew her consent or left the programme: no "
                    "access to the portal.",
                    name=self.name,
                )
            )
        if not self.partner_id.email:
            raise UserError(
                self.env._(
                    "Enter the e-mail address of %(name)s first: the invitation "
                    "to the portal goes there.",
                    name=self.name,
                )
            )

    def _portal_revoke(self):
        """Take the portal access of these mentors' contacts away, as the
        portal invitation's "Revoke" does (the user leaves the portal group
        and is archived). Internal users keep theirs."""
        partners = self.sudo().partner_id
        if not partners:
            return
        wizard = (
            self.env["portal.wizard"]
            .sudo()
            .create({"partner_ids": [fields.Command.set(partners.ids)]})
        )
        for line in wizard.user_ids.filtered("is_portal"):
            line.action_revoke_access()

    def _consent_withdrawn(self):
        """A mentor who withdraws her consent loses her portal access, unless
        she still mentors with consent in another programme."""
        result = super()._consent_withdrawn()
        still_mentoring = self.sudo().search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("consent_withdrawn_date", "=", False),
                ("tandem_ids.phase", "in", CONTACT_PHASES),
            ]
        )
        self.filtered(
            lambda mentor: mentor.partner_id not in still_mentoring.partner_id
        )._portal_revoke()
        return result

    @api.model
    def _cron_portal_revoke(self):
        """Daily: revoke the portal access of mentors whose last tandem ended
        (issue 15, item 1): once its end survey for the mentor was answered
        or its invitation is ``PORTAL_GRACE_DAYS`` days old; without an end
        survey, ``PORTAL_GRACE_DAYS`` days after the end. A mentor with no
        ended and no running tandem (never matched, or her tandem deleted)
        loses it ``PORTAL_GRACE_DAYS`` days after her portal user was
        created (the invitation): the portal shows her nothing."""
        group_portal = self.env.ref("base.group_portal")
        users = (
            self.env["res.users"].sudo().search([("groups_id", "in", group_portal.ids)])
        )
        partners = users.partner_id
        mentors = (
            self.sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids)])
        )
        tandems = (
            self.env["mentoring.tandem"]
            .sudo()
            .with_context(active_test=False)
            .search([("mentor_id", "in", mentors.ids)])
        )
        days = (tandems.company_id | mentors.company_id)._mentoring_days()
        end_surveys = {
            answer.mentoring_tandem_id: answer
            for answer in self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("mentoring_tandem_id", "in", tandems.ids),
                    ("mentoring_feedback_point", "=", "end"),
                    ("mentoring_audience", "=", "mentor"),
                ]
            )
        }
        grace = timedelta(days=PORTAL_GRACE_DAYS)
        leaving = self.browse()
        # Grouped once: one pass over the tandems, not one per mentor.
        by_partner = tandems.grouped(lambda tandem: tandem.mentor_id.partner_id)
        accounts = users.grouped("partner_id")
        for partner, profiles in mentors.grouped("partner_id").items():
            own = by_partner.get(partner, tandems.browse())
            running = own.filtered(lambda t: t.active and t.phase != "closure")
            ended = (own - running).filtered("date_ended")
            if running:
                continue
            if not ended:
                # Never matched (or her tandems were deleted): the access
                # ends PORTAL_GRACE_DAYS after the invitation.
                invited = min(accounts[partner].mapped("create_date")).date()
                if invited + grace <= days[profiles[:1].company_id]:
                    leaving |= profiles
                continue
            today = days[own[:1].company_id]
            last_end = max(ended.mapped("date_ended"))
            answers = [
                end_surveys[tandem]
                for tandem in ended
                if tandem.date_ended == last_end and tandem in end_surveys
            ]
            if answers:
                # The end survey was sent: she keeps her access until she
                # answered it or its invitation is PORTAL_GRACE_DAYS old.
                gone = any(
                    answer.state == "done"
                    or (answer.mentoring_invited_date or last_end) + grace <= today
                    for answer in answers
                )
            else:
                # Ended on or before today minus the grace: access ends today.
                gone = last_end + grace <= today
            if gone:
                leaving |= profiles
        leaving._portal_revoke()
