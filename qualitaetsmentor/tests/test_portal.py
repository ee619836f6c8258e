"""The mentors' portal (issue 15): what a mentor reads, what she reports,
what follows for the coordinator, and when her access ends."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests.common import new_test_user

from odoo.addons.mail.tests.common import MockEmail

from .common import MentoringCase


class PortalMentorRecords:
    """Martina (mentor of tandem A) with a portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator_a.partner_id.phone = "040 123456"
        cls.portal_mentor = new_test_user(
            cls.env,
            login="qm_portal_martina",
            name="Martina Mentorin",
            groups="base.group_portal",
            partner_id=cls.mentor_a.partner_id.id,
            password="x" * 12,
        )
        cls.mentor_a.partner_id.email = "martina@example.com"
        cls.env.cr.precommit.run()

    def _report(self, tandem=None, **values):
        values = {
            "date": "2026-04-10",
            "duration": "90",
            "summary": "We went to the library",
            "rating": "4",
            **values,
        }
        tandem = tandem or self.tandem_a
        return tandem.with_user(self.portal_mentor)._portal_report_meeting(
            self.portal_mentor, values
        )


class TestPortalReport(PortalMentorRecords, MentoringCase):
    def _quiet_standards(self):
        """No feedback talk due: the tandem's health is OK but for the
        mentor's report."""
        self.program_a.write(
            {
                "feedback_first_days": 0,
                "feedback_second_months": 0,
                "feedback_third_months": 0,
            }
        )

    def test_mentor_reads_only_her_running_tandems(self):
        tandems = self.env["mentoring.tandem"]._portal_tandems(
            self.portal_mentor.partner_id
        )
        self.assertEqual(tandems, self.tandem_a)
        self._close(self.tandem_a)
        self.assertFalse(
            self.env["mentoring.tandem"]._portal_tandems(self.portal_mentor.partner_id)
        )

    @freeze_time("2026-04-20")
    def test_values_are_only_those_of_item_2(self):
        self._report()
        values = self.tandem_a._portal_values(
            self.tandem_a._portal_reports(self.portal_mentor)
        )
        self.assertEqual(
            set(values),
            {
                "id",
                "mentee_first_name",
                "program",
                "coordinator_name",
                "coordinator_phone",
                "date_matched",
                "next_report_date",
                "next_feedback_date",
                "survey_url",
                "reports",
            },
        )
        self.assertEqual(values["mentee_first_name"], "Emil")
        self.assertEqual(values["program"], "Lesepaten Altona")
        self.assertEqual(values["coordinator_name"], "Anna Koordinatorin")
        self.assertEqual(values["coordinator_phone"], "040 123456")
        # 21 days after her last report.
        self.assertEqual(values["next_report_date"], date(2026, 5, 1))
        self.assertEqual(len(values["reports"]), 1)
        self.assertEqual(values["reports"][0]["summary"], "We went to the library")

    @freeze_time("2026-04-20")
    def test_report_is_a_key_moment_by_the_mentor(self):
        activities = self.tandem_a.activity_ids
        moment = self._report()
        self.assertEqual(moment.tandem_id, self.tandem_a)
        self.assertEqual(moment.source, "portal")
        self.assertEqual(
            moment.type_id,
            self.env.ref("qualitaetsmentor.key_moment_type_mentor_report"),
        )
        self.assertEqual(moment.author_id, self.portal_mentor)
        self.assertEqual(moment.duration_minutes, 90)
        self.assertEqual(moment.mentor_rating, "4")
        note = self.tandem_a.message_ids[0]
        self.assertEqual(note.author_id, self.mentor_a.partner_id)
        self.assertIn("Meeting reported by the mentor", note.body)
        self.assertNotIn("library", note.body)
        # The mentor does not follow the tandem: no e-mail of its chatter.
        self.assertNotIn(self.mentor_a.partner_id, self.tandem_a.message_partner_ids)
        # A good meeting asks nothing of the coordinator.
        self.assertEqual(self.tandem_a.activity_ids, activities)
        self.assertFalse(self.tandem_a.is_talk_requested)

    @freeze_time("2026-04-20")
    def test_report_counts_as_contact_only_where_the_programme_says(self):
        before = self.tandem_a.last_contact_date
        self._report(date="2026-04-15")
        self.assertEqual(self.tandem_a.last_contact_date, before)
        self.program_a.portal_report_counts_as_contact = True
        self.assertEqual(self.tandem_a.last_contact_date, date(2026, 4, 15))

    @freeze_time("2026-04-20")
    def test_wrong_values_are_refused_in_german_and_nothing_is_saved(self):
        count = len(self.tandem_a.key_moment_ids)
        cases = [
            ({"date": "2026-04-21"}, "das liegt in der Zukunft"),
            ({"date": "2026-02-27"}, "vor Beginn"),
            ({"date": ""}, "Tag des Treffens"),
            ({"duration": "0"}, "in Minuten"),
            ({"duration": "abc"}, "in Minuten"),
            ({"summary": "   "}, "was Sie gemacht haben"),
            ({"rating": "7"}, "1 bis 5"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                with self.assertRaises(ValidationError) as caught:
                    self._report(self.tandem_a.with_context(lang="de_DE"), **values)
                self.assertIn(message, str(caught.exception))
        self.assertEqual(len(self.tandem_a.key_moment_ids), count)

    @freeze_time("2026-04-20")
    def test_a_talk_request_gives_the_coordinator_an_activity_and_attention(self):
        self._quiet_standards()
        self._moment(self.tandem_a, "check_in", date(2026, 4, 12))
        self.assertEqual(self.tandem_a.health, "ok")
        before = self.tandem_a.activity_ids
        self._report(date="2026-04-18", talk="1")
        activity = self.tandem_a.activity_ids - before
        self.assertEqual(activity.user_id, self.coordinator_a)
        self.assertEqual(activity.summary, "Mentor asks for a talk")
        # Scheduled by OdooBot: the coordinator's notification is not "from"
        # the mentor.
        self.assertScheduledByOdooBot(activity, self.coordinator_a)
        self.assertTrue(self.tandem_a.is_talk_requested)
        self.assertEqual(self.tandem_a.health, "attention")
        # Her own contact ends it.
        self._moment(self.tandem_a, "check_in", date(2026, 4, 19))
        self.assertFalse(self.tandem_a.is_talk_requested)
        self.assertEqual(self.tandem_a.health, "ok")

    @freeze_time("2026-04-20")
    def test_the_activity_is_in_the_coordinators_language(self):
        self._quiet_standards()
        self.coordinator_a.lang = "de_DE"
        before = self.tandem_a.activity_ids
        self._report(date="2026-04-18", talk="1")
        activity = self.tandem_a.activity_ids - before
        self.assertEqual(activity.summary, "Mentor:in bittet um ein Gespräch")
        self.assertIn("18.04.2026", activity.note)

    @freeze_time("2026-04-20")
    def test_a_bad_rating_gives_the_coordinator_an_activity(self):
        self._quiet_standards()
        self._moment(self.tandem_a, "check_in", date(2026, 4, 12))
        before = self.tandem_a.activity_ids
        self._report(date="2026-04-18", rating="2")
        self.assertEqual(
            (self.tandem_a.activity_ids - before).summary, "Difficult meeting"
        )
        self.assertEqual(self.tandem_a.health, "attention")


class TestPortalAccessLifecycle(PortalMentorRecords, MentoringCase, MockEmail):
    def _portal_wizard_user(self):
        wizard = self.mentor_a.with_user(
            self.coordinator_a
        ).action_grant_portal_access()
        return self.env["portal.wizard"].browse(wizard["res_id"]).user_ids

    def test_invitation_opens_odoos_portal_wizard_without_mentee_names(self):
        self.portal_mentor.unlink()
        self.mentor_a.partner_id.lang = "de_DE"
        line = self._portal_wizard_user()
        self.assertEqual(line.partner_id, self.mentor_a.partner_id)
        with self.mock_mail_gateway():
            line.with_user(self.coordinator_a).action_grant_access()
        user = self.mentor_a.partner_id.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(len(self._mails), 1)
        mail = self._mails[0]
        self.assertEqual(mail["email_to"], ['"Martina Mentorin" <martina@example.com>'])
        self.assertIn("Martina Mentorin", mail["body"])
        for secret in ("Emil", "Mentee", "Lesepaten"):
            self.assertNotIn(secret, mail["body"] + mail["subject"])

    def test_consent_withdrawn_revokes_the_access(self):
        self.mentor_a.consent_withdrawn_date = date(2026, 4, 20)
        self.assertFalse(self.portal_mentor.active)
        self.assertFalse(
            self.portal_mentor.with_context(active_test=False)._is_portal()
        )

    def test_access_ends_30_days_after_the_last_tandem(self):
        self._close(self.tandem_a, on=date(2026, 6, 30))
        with freeze_time("2026-07-29"):
            self.env["mentoring.mentor"]._cron_portal_revoke()
        self.assertTrue(self.portal_mentor.active)
        with freeze_time("2026-07-30"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertFalse(self.portal_mentor.active)

    def test_a_running_tandem_keeps_the_access(self):
        with freeze_time("2026-12-30"):
            self.env["mentoring.mentor"]._cron_portal_revoke()
        self.assertTrue(self.portal_mentor.active)

    def test_without_a_tandem_access_ends_30_days_after_the_invitation(self):
        """A mentor never matched (or whose tandem was deleted) sees nothing
        on the portal: her access ends 30 days after the invitation."""
        mentor = self._mentor(self.program_a, "Nora Wartend")
        user = new_test_user(
            self.env,
            login="qm_portal_nora",
            groups="base.group_portal",
            partner_id=mentor.partner_id.id,
        )
        self.env.cr.execute(
            "UPDATE res_users SET create_date = %s WHERE id = %s",
            (datetime(2026, 6, 1, 9), user.id),
        )
        user.invalidate_recordset(["create_date"])
        with freeze_time("2026-06-30"):
            self.env["mentoring.mentor"]._cron_portal_revoke()
        self.assertTrue(user.active)
        with freeze_time("2026-07-01"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertFalse(user.active)
        # Martina's tandem runs: she stays.
        self.assertTrue(self.portal_mentor.active)


class TestPortalCheckinReminder(PortalMentorRecords, MentoringCase):
    """Item 4: one e-mail per due report, never two."""

    def _remind(self, day):
        with freeze_time(day):
            return self.env["mentoring.tandem"]._portal_send_checkin_reminders()

    def test_one_email_per_period_with_a_link_and_no_names(self):
        # Matched on 2026-03-01: the first report is due 21 days later.
        self.assertFalse(self._remind("2026-03-21"))
        mail = self._remind("2026-03-22")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.mentor_a.partner_id)
        self.assertIn(f"/my/tandems/{self.tandem_a.id}/report", mail.body_html)
        for name in ("Emil", "Mentee", "Anna", "Koordinatorin", "Martina"):
            self.assertNotIn(name, mail.body_html + mail.subject)
        # Never twice for the same due report, the same day or later.
        self.assertFalse(self._remind("2026-03-22"))
        self.assertFalse(self._remind("2026-04-10"))
        # She reports: the next report is due 21 days after it.
        with freeze_time("2026-03-25"):
            self._report(date="2026-03-25")
        self.assertFalse(self._remind("2026-04-14"))
        self.assertEqual(len(self._remind("2026-04-15")), 1)

    def test_german_for_a_german_mentor(self):
        self.mentor_a.partner_id.lang = "de_DE"
        mail = self._remind("2026-03-22")
        self.assertEqual(mail.subject, "Wie war Ihr letztes Treffen?")

    def test_no_email_without_portal_access_or_where_the_programme_says_never(self):
        self.program_a.portal_checkin_days = 0
        self.assertFalse(self._remind("2026-03-22"))
        self.program_a.portal_checkin_days = 21
        self.portal_mentor.active = False
        self.assertFalse(self._remind("2026-03-22"))
