from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestPortalTour(MentoringTourCase):
    """A German mentor reports a meeting on her phone and asks for a talk;
    the coordinator finds it on the tandem (issue 15, tests)."""

    # A phone: the mentor reports from the bus (item 5).
    browser_size = "390x844"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "portal", "qualitaetsmentor"], ["de_DE"]
        )

    def test_mentor_reports_a_meeting_on_her_phone(self):
        coordinator = self._tour_coordinator("portal_koordinatorin", "Paula Koord")
        tandem = self._programme_with_tandem(coordinator, "Portal")
        tandem.program_id.portal_report_counts_as_contact = True
        tandem.mentee_id.name = "Tourkind Nachname"
        mentor = new_test_user(
            self.env,
            login="portal_mentorin",
            password="portal_mentorin",
            groups="base.group_portal",
            partner_id=tandem.mentor_id.partner_id.id,
            lang="de_DE",
        )
        before = tandem.activity_ids
        self.start_tour("/my", "qualitaetsmentor_portal_report", login=mentor.login)
        today = tandem.company_id._mentoring_today()
        report = tandem.key_moment_ids.filtered(lambda m: m.source == "portal")
        self.assertEqual(report.summary, "Zusammen im Tierpark")
        self.assertEqual(report.date, today)
        self.assertEqual(report.duration_minutes, 45)
        self.assertEqual(report.mentor_rating, "2")
        self.assertTrue(report.talk_requested)
        self.assertEqual(report.author_id, mentor)
        # As the coordinator: on her tandem, the activity is hers, the
        # contact rhythm counts it (the programme says so), attention.
        tandem = tandem.with_user(coordinator)
        self.assertIn(report, tandem.key_moment_ids)
        activity = tandem.activity_ids - before
        self.assertEqual(activity.user_id, coordinator)
        self.assertEqual(tandem.last_contact_date, today)
        self.assertEqual(tandem.health, "attention")
        self.assertIn("Treffen von der Mentor:in gemeldet", tandem.message_ids[0].body)
