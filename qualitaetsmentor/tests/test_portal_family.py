"""The portal for families (issue 15, item 10): who is invited, what a
guardian or adult mentee reads, her request for a talk, and when her access
ends."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests.common import new_test_user

from odoo.addons.mail.tests.common import MockEmail

from .common import MentoringCase


class PortalFamilyRecords:
    """Programme A lets families take part. Gisela Großmutter is Emil's
    guardian (Emil, born 2015, is a child) with a portal user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program_a.portal_families = True
        cls.coordinator_a.partner_id.phone = "040 123456"
        cls.guardian_a = cls.env["res.partner"].create(
            {
                "name": "Gisela Großmutter",
                "email": "gisela@example.com",
                "phone": "040 999888",
                "street": "Großmutterweg 7",
            }
        )
        cls.mentee_a.guardian_id = cls.guardian_a
        cls.portal_guardian = new_test_user(
            cls.env,
            login="qm_portal_gisela",
            name="Gisela Großmutter",
            groups="base.group_portal",
            partner_id=cls.guardian_a.id,
            password="x" * 12,
        )
        cls.env.cr.precommit.run()

    def _family_tandems(self, partner):
        return self.env["mentoring.tandem"]._portal_family_tandems(partner)

    def _adult(self, program, name, email="adult@example.com"):
        mentee = self._mentee(program, name)
        mentee.write({"birth_year": 1990, "email": email})
        return mentee


class TestPortalFamilyReads(PortalFamilyRecords, MentoringCase):
    def test_a_guardian_reads_only_her_childs_running_tandem(self):
        self.assertEqual(self._family_tandems(self.guardian_a), self.tandem_a)
        # The child's own contact is no family member on the portal.
        self.assertFalse(self._family_tandems(self.mentee_a.partner_id))
        # Another child's tandem, even in a programme with families.
        self.program_b.portal_families = True
        self.assertNotIn(self.tandem_b, self._family_tandems(self.guardian_a))
        self._close(self.tandem_a)
        self.assertFalse(self._family_tandems(self.guardian_a))

    def test_only_where_the_programme_lets_families_take_part(self):
        self.program_a.portal_families = False
        self.assertFalse(self._family_tandems(self.guardian_a))

    def test_not_once_the_consent_is_withdrawn(self):
        self.mentee_a.consent_withdrawn_date = date(2026, 4, 20)
        self.assertFalse(self._family_tandems(self.guardian_a))

    def test_an_adult_mentee_reads_her_own_tandem_not_her_guardian(self):
        adult = self._adult(self.program_a, "Alma Erwachsen")
        adult.guardian_id = self.guardian_a
        mentor = self._mentor(self.program_a, "Moritz Mentor")
        tandem = self._tandem(self.program_a, mentor, adult, self.coordinator_a)
        self.assertEqual(self._family_tandems(adult.partner_id), tandem)
        self.assertEqual(self._family_tandems(self.guardian_a), self.tandem_a)

    @freeze_time("2026-04-20")
    def test_values_are_the_mentors_first_name_and_nothing_else(self):
        values = self.tandem_a._portal_family_values()
        self.assertEqual(
            set(values),
            {
                "id",
                "mentor_first_name",
                "program",
                "coordinator_name",
                "coordinator_phone",
                "next_feedback_date",
            },
        )
        self.assertEqual(values["mentor_first_name"], "Martina")
        self.assertEqual(values["program"], "Lesepaten Altona")
        self.assertEqual(values["coordinator_name"], "Anna Koordinatorin")
        self.assertEqual(values["coordinator_phone"], "040 123456")
        self.assertEqual(values["next_feedback_date"], self.tandem_a.next_feedback_date)
        self.assertTrue(values["next_feedback_date"])


class TestPortalFamilyTalk(PortalFamilyRecords, MentoringCase):
    @freeze_time("2026-04-20")
    def test_a_talk_request_gives_the_coordinator_an_activity_and_attention(self):
        self.program_a.write(
            {
                "feedback_first_days": 0,
                "feedback_second_months": 0,
                "feedback_third_months": 0,
                "portal_report_counts_as_contact": True,
            }
        )
        self._moment(self.tandem_a, "check_in", date(2026, 4, 12))
        self.assertEqual(self.tandem_a.health, "ok")
        contact = self.tandem_a.last_contact_date
        before = self.tandem_a.activity_ids
        moment = self.tandem_a.with_user(self.portal_guardian)._portal_family_ask_talk(
            self.portal_guardian
        )
        self.assertEqual(moment.source, "portal")
        self.assertEqual(moment.author_id, self.portal_guardian)
        self.assertEqual(
            moment.type_id,
            self.env.ref("qualitaetsmentor.key_moment_type_family_talk"),
        )
        self.assertTrue(moment.talk_requested)
        self.assertFalse(moment.counts_as_contact)
        self.assertEqual(self.tandem_a.last_contact_date, contact)
        activity = self.tandem_a.activity_ids - before
        self.assertEqual(activity.user_id, self.coordinator_a)
        self.assertEqual(activity.summary, "Family asks for a talk")
        self.assertNotIn("Gisela", activity.note + activity.summary)
        # Scheduled by OdooBot: the coordinator's notification is not "from"
        # the guardian; the key moment stays hers.
        notification = self.assertScheduledByOdooBot(activity, self.coordinator_a)
        self.assertNotIn("Gisela", notification.body)
        self.assertEqual(self.tandem_a.health, "attention")
        self.assertIn("Family asks for a talk", self.tandem_a.message_ids[0].body)
        # Asking twice the same day adds nothing.
        again = self.tandem_a._portal_family_ask_talk(self.portal_guardian)
        self.assertEqual(again, moment)
        self.assertEqual(len(self.tandem_a.activity_ids - before), 1)
        # The coordinator's own contact ends the attention.
        self._moment(self.tandem_a, "check_in", date(2026, 4, 20))
        self.assertEqual(self.tandem_a.health, "ok")

    @freeze_time("2026-04-20")
    def test_without_its_type_the_request_is_refused_and_nothing_saved(self):
        self.env.ref("qualitaetsmentor.key_moment_type_family_talk").active = False
        count = len(self.tandem_a.key_moment_ids)
        with self.assertRaises(UserError):
            self.tandem_a._portal_family_ask_talk(self.portal_guardian)
        self.assertEqual(len(self.tandem_a.key_moment_ids), count)

    @freeze_time("2026-04-20")
    def test_a_talk_request_is_no_report_of_the_mentor(self):
        self.tandem_a._portal_family_ask_talk(self.portal_guardian)
        self.assertFalse(
            self.tandem_a._portal_reports(self.portal_guardian | self.env.user)
        )

    def test_the_labels_fit_a_family_too(self):
        """The source and the request of a key moment are the mentor's or
        the family's: their labels name neither."""
        fields = (
            self.env["mentoring.key.moment"]
            .with_context(lang="de_DE")
            .fields_get(["source", "talk_requested"])
        )
        self.assertEqual(dict(fields["source"]["selection"])["portal"], "Portal")
        self.assertEqual(fields["talk_requested"]["string"], "Bittet um ein Gespräch")


class TestPortalFamilyAccess(PortalFamilyRecords, MentoringCase, MockEmail):
    def _grant(self, mentee):
        wizard = mentee.with_user(self.coordinator_a).action_grant_portal_access()
        return self.env["portal.wizard"].browse(wizard["res_id"]).user_ids

    def test_invitation_goes_to_the_guardian_without_other_names(self):
        self.portal_guardian.unlink()
        self.guardian_a.lang = "de_DE"
        line = self._grant(self.mentee_a)
        self.assertEqual(line.partner_id, self.guardian_a)
        with self.mock_mail_gateway():
            line.with_user(self.coordinator_a).action_grant_access()
        self.assertTrue(self.guardian_a.user_ids._is_portal())
        self.assertEqual(len(self._mails), 1)
        mail = self._mails[0]
        self.assertEqual(len(mail["email_to"]), 1)
        self.assertIn("Gisela Großmutter", mail["email_to"][0])
        self.assertIn("Gisela Großmutter", mail["body"])
        for secret in ("Emil", "Mentee", "Martina", "Mentorin", "Lesepaten", "Anna"):
            self.assertNotIn(secret, mail["body"] + mail["subject"])

    def test_an_adult_mentee_is_invited_herself(self):
        adult = self._adult(self.program_a, "Alma Erwachsen")
        adult.guardian_id = self.guardian_a
        mentor = self._mentor(self.program_a, "Moritz Mentor")
        self._tandem(self.program_a, mentor, adult, self.coordinator_a)
        self.assertEqual(self._grant(adult).partner_id, adult.partner_id)

    def test_refused_in_german_where_it_may_not_be(self):
        adult = self._adult(self.program_a, "Bea Ohnemail", email=False)
        orphan = self._mentee(self.program_a, "Carl Ohnevormund")
        withdrawn = self._mentee(self.program_a, "Dana Widerruf")
        withdrawn.guardian_id = self.guardian_a
        withdrawn.consent_withdrawn_date = date(2026, 4, 1)
        elsewhere = self._mentee(self.program_b, "Erik Anderswo")
        elsewhere.guardian_id = self.guardian_a
        cases = [
            (elsewhere, self.coordinator_b, "Eine Administrator:in von"),
            (withdrawn, self.coordinator_a, "Einwilligung"),
            (orphan, self.coordinator_a, "Erziehungsberechtigte"),
            (adult, self.coordinator_a, "E-Mail-Adresse von Bea Ohnemail"),
        ]
        for mentee, coordinator, message in cases:
            with self.subTest(mentee=mentee.name):
                with self.assertRaises(UserError) as caught:
                    mentee.with_user(coordinator).with_context(
                        lang="de_DE"
                    ).action_grant_portal_access()
                self.assertIn(message, str(caught.exception))

    def test_no_invitation_without_a_running_tandem(self):
        """The portal shows running tandems only: a family whose child was
        never matched, or whose tandem ended, is not invited."""
        self.portal_guardian.unlink()
        unmatched = self._mentee(self.program_a, "Hanna Ohnetandem")
        unmatched.guardian_id = self.guardian_a
        self._close(self.tandem_a, on=date(2026, 4, 30))
        for mentee in (unmatched, self.mentee_a):
            with self.subTest(mentee=mentee.name):
                with self.assertRaises(UserError) as caught:
                    mentee.with_user(self.coordinator_a).with_context(
                        lang="de_DE"
                    ).action_grant_portal_access()
                self.assertIn(
                    f"{mentee.name} hat kein laufendes Tandem", str(caught.exception)
                )

    def test_odoos_own_invitation_asks_the_same(self):
        """Found by a tester: Contacts → Action → Grant portal access
        (``portal.wizard``) gave access where the mentee's button refuses;
        the mentor's side had the same gap."""
        self.portal_guardian.unlink()
        self.mentee_a.consent_withdrawn_date = date(2026, 4, 1)
        self.mentor_a.partner_id.email = "martina@example.com"
        self.mentor_a.consent_withdrawn_date = date(2026, 4, 1)
        for partner, message in (
            (self.guardian_a, "Einwilligung"),
            (self.mentor_a.partner_id, "Einwilligung"),
        ):
            wizard = (
                self.env["portal.wizard"]
                .with_user(self.coordinator_a)
                .with_context(lang="de_DE")
                .create({"partner_ids": [Command.set(partner.ids)]})
            )
            with self.subTest(partner=partner.name):
                with self.assertRaises(UserError) as caught:
                    wizard.user_ids.action_grant_access()
                self.assertIn(message, str(caught.exception))
                self.assertFalse(partner.with_context(active_test=False).user_ids)
        # A contact without a role in the programmes: Odoo's business.
        helper = self.env["res.partner"].create(
            {"name": "Hilde Helferin", "email": "hilde@example.com"}
        )
        self.env["portal.wizard"].create(
            {"partner_ids": [Command.set(helper.ids)]}
        ).user_ids.action_grant_access()
        self.assertTrue(helper.user_ids._is_portal())

    def _invited_family_without_tandem(self, invited_on):
        """Helga, invited on ``invited_on``, guardian of Hanna, who has no
        tandem (never matched, or the tandem was deleted)."""
        child = self._mentee(self.program_a, "Hanna Ohnetandem")
        child.guardian_id = self.env["res.partner"].create(
            {"name": "Helga Mutter", "email": "helga@example.com"}
        )
        user = new_test_user(
            self.env,
            login="qm_portal_helga",
            groups="base.group_portal",
            partner_id=child.guardian_id.id,
        )
        self.env.cr.execute(
            "UPDATE res_users SET create_date = %s WHERE id = %s",
            (invited_on, user.id),
        )
        user.invalidate_recordset(["create_date"])
        return user

    def test_without_a_tandem_access_ends_30_days_after_the_invitation(self):
        user = self._invited_family_without_tandem(datetime(2026, 6, 1, 9))
        with freeze_time("2026-06-30"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertTrue(user.active)
        with freeze_time("2026-07-01"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertFalse(user.active)
        # Gisela's grandchild's tandem runs: she stays.
        self.assertTrue(self.portal_guardian.active)

    def test_switching_families_off_revokes_them(self):
        self.program_a.with_user(self.admin).portal_families = False
        self.assertFalse(self.portal_guardian.active)

    def test_switching_families_off_keeps_who_has_another_reason(self):
        # Gisela mentors in programme B.
        self._guardian_mentors_in_b()
        self.program_a.portal_families = False
        self.assertTrue(self.portal_guardian.active)

    def test_switching_families_off_keeps_the_family_of_another_programme(self):
        self.program_b.portal_families = True
        sibling = self._mentee(self.program_b, "Frida Geschwister")
        sibling.guardian_id = self.guardian_a
        mentor = self._mentor(self.program_b, "Moritz Mentor")
        self._tandem(self.program_b, mentor, sibling, self.coordinator_b)
        self.program_a.portal_families = False
        self.assertTrue(self.portal_guardian.active)
        self.program_b.portal_families = False
        self.assertFalse(self.portal_guardian.active)

    def test_consent_withdrawn_revokes_the_access(self):
        self.mentee_a.consent_withdrawn_date = date(2026, 4, 20)
        self.assertFalse(self.portal_guardian.active)

    def test_another_child_with_a_running_tandem_keeps_the_access(self):
        sibling = self._mentee(self.program_a, "Frida Geschwister")
        sibling.guardian_id = self.guardian_a
        mentor = self._mentor(self.program_a, "Moritz Mentor")
        self._tandem(self.program_a, mentor, sibling, self.coordinator_a)
        self.mentee_a.consent_withdrawn_date = date(2026, 4, 20)
        self.assertTrue(self.portal_guardian.active)

    def _guardian_mentors_in_b(self):
        mentor = self.env["mentoring.mentor"].create(
            {
                "partner_id": self.guardian_a.id,
                "program_id": self.program_b.id,
                "status": "ready",
                "interview_date": date(2026, 1, 12),
                "consent_date": date(2026, 1, 12),
                "police_clearance_date": date(2026, 1, 20),
                "training_date": date(2026, 2, 7),
            }
        )
        mentee = self._mentee(self.program_b, "Gustav Mentee")
        return self._tandem(self.program_b, mentor, mentee, self.coordinator_b)

    def test_a_guardian_who_mentors_elsewhere_keeps_the_access(self):
        self._guardian_mentors_in_b()
        self.mentee_a.consent_withdrawn_date = date(2026, 4, 20)
        self.assertTrue(self.portal_guardian.active)

    def test_a_mentor_who_is_a_guardian_keeps_the_access_for_her_child(self):
        tandem = self._guardian_mentors_in_b()
        tandem.mentor_id.consent_withdrawn_date = date(2026, 4, 20)
        self.assertTrue(self.portal_guardian.active)
        # Her mentoring ended long ago, her child's tandem runs.
        self._close(tandem, on=date(2026, 4, 30))
        with freeze_time("2026-07-30"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertTrue(self.portal_guardian.active)

    def test_access_ends_30_days_after_the_familys_last_tandem(self):
        self._close(self.tandem_a, on=date(2026, 6, 30))
        with freeze_time("2026-07-29"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertTrue(self.portal_guardian.active)
        with freeze_time("2026-07-30"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertFalse(self.portal_guardian.active)

    def test_the_grace_counts_from_her_last_tandem_as_family_or_mentor(self):
        tandem = self._guardian_mentors_in_b()
        self._close(self.tandem_a, on=date(2026, 6, 1))
        self._close(tandem, on=date(2026, 6, 30))
        with freeze_time("2026-07-29"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertTrue(self.portal_guardian.active)
        with freeze_time("2026-07-30"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertFalse(self.portal_guardian.active)

    def test_a_running_tandem_keeps_the_access(self):
        with freeze_time("2026-12-30"):
            self.env["mentoring.mentee"]._cron_portal_family_revoke()
        self.assertTrue(self.portal_guardian.active)
