"""The families' portal over HTTP (issue 15, item 10): a guardian reads her
child's tandem and nothing else, a mentor reads nothing of the guardian."""

from datetime import date

from odoo.tests import tagged
from odoo.tests.common import HttpCase

from .common import MentoringCase
from .test_portal import PortalMentorRecords
from .test_portal_family import PortalFamilyRecords

# What the guardian must never read of the mentor, and the reverse.
MENTOR_CONTACT = ("Martina Mentorin", "Mentorin", "martina@example.com", "0171 5554")
GUARDIAN_CONTACT = (
    "Gisela",
    "Großmutter",
    "gisela@example.com",
    "040 999888",
    "Großmutterweg",
)


@tagged("post_install", "-at_install", "qm_browser")
class TestPortalFamilyHttp(
    PortalFamilyRecords, PortalMentorRecords, MentoringCase, HttpCase
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentor_a.partner_id.phone = "0171 5554"
        cls.tandem_a.description = "<p>Lives with his grandmother</p>"
        # Elif's family takes part too: her tandem is another family's.
        cls.program_b.portal_families = True
        cls.mentee_b.guardian_id = cls.env["res.partner"].create(
            {"name": "Hatice Mutter", "email": "hatice@example.com"}
        )
        cls.env.cr.precommit.run()

    def _as_guardian(self):
        self.authenticate(self.portal_guardian.login, "x" * 12)

    def _csrf_token(self, url):
        page = self.url_open(url)
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        return page.text[start : page.text.index('"', start)]

    def test_her_childs_tandem_shows_the_mentors_first_name_only(self):
        self._as_guardian()
        for url in ("/my/tandems", f"/my/tandems/{self.tandem_a.id}"):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                self.assertIn("Martina", page.text)
                self.assertIn("Lesepaten Altona", page.text)
                self.assertIn("Anna Koordinatorin", page.text)
                self.assertIn("040 123456", page.text)
                for secret in MENTOR_CONTACT + (
                    "grandmother",
                    "Elif",
                    "Markus",
                    "Hatice",
                    "Report a meeting",
                ):
                    self.assertNotIn(secret, page.text)

    def test_another_childs_tandem_and_the_report_answer_404(self):
        self._as_guardian()
        for url in (
            f"/my/tandems/{self.tandem_b.id}",
            f"/my/tandems/{self.tandem_b.id}/report",
            f"/my/tandems/{self.tandem_a.id}/report",
        ):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 404)
                self.assertNotIn("Elif", page.text)
        token = self._csrf_token(f"/my/tandems/{self.tandem_a.id}")
        count = len(self.tandem_a.key_moment_ids)
        page = self.url_open(
            f"/my/tandems/{self.tandem_a.id}/report",
            data={
                "csrf_token": token,
                "date": "2026-04-10",
                "duration": "60",
                "summary": "Not mine to report",
                "rating": "5",
            },
        )
        self.assertEqual(page.status_code, 404)
        page = self.url_open(
            f"/my/tandems/{self.tandem_b.id}/talk", data={"csrf_token": token}
        )
        self.assertEqual(page.status_code, 404)
        self.assertEqual(len(self.tandem_a.key_moment_ids), count)
        self.assertFalse(
            self.tandem_b.key_moment_ids.filtered(lambda m: m.source == "portal")
        )

    def test_she_asks_for_a_talk(self):
        self._as_guardian()
        token = self._csrf_token(f"/my/tandems/{self.tandem_a.id}")
        page = self.url_open(
            f"/my/tandems/{self.tandem_a.id}/talk", data={"csrf_token": token}
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("will get in touch", page.text)
        moment = self.tandem_a.key_moment_ids.filtered(lambda m: m.source == "portal")
        self.assertEqual(moment.author_id, self.portal_guardian)
        self.assertTrue(moment.talk_requested)
        self.assertEqual(self.tandem_a.activity_ids.user_id, self.coordinator_a)

    def test_call_kw_on_every_mentoring_model_is_refused(self):
        self._as_guardian()
        models = self.env["ir.model"].search([("model", "=like", "mentoring.%")])
        for name in models.mapped("model"):
            if self.env[name]._abstract:
                continue
            for method, args in (
                ("search_read", [[], ["display_name"]]),
                ("read", [[self.tandem_a.id], ["display_name"]]),
            ):
                with self.subTest(model=name, method=method):
                    with self.assertRaisesRegex(Exception, "AccessError|access"):
                        self.make_jsonrpc_request(
                            f"/web/dataset/call_kw/{name}/{method}",
                            {
                                "model": name,
                                "method": method,
                                "args": args,
                                "kwargs": {},
                            },
                        )

    def test_the_home_tile_fits_a_family(self):
        """Families report no meetings: their tile says what they do."""
        self._as_guardian()
        page = self.url_open("/my")
        self.assertIn("Your tandem, ask for a talk", page.text)
        self.assertNotIn("Report a meeting", page.text)
        self.authenticate(self.portal_mentor.login, "x" * 12)
        page = self.url_open("/my")
        self.assertIn("Report a meeting, ask for a talk", page.text)
        self.assertNotIn("Your tandem", page.text)

    def test_the_mentors_pages_show_nothing_of_the_guardian(self):
        self.authenticate(self.portal_mentor.login, "x" * 12)
        for url in (
            "/my",
            "/my/tandems",
            f"/my/tandems/{self.tandem_a.id}",
            f"/my/tandems/{self.tandem_a.id}/report",
        ):
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                if url != "/my":
                    self.assertIn("Emil", page.text)
                for secret in GUARDIAN_CONTACT:
                    self.assertNotIn(secret, page.text)

    def test_a_mentor_who_is_a_guardian_sees_both_with_their_own_rights(self):
        # Gisela mentors Gustav in programme B.
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
        own = self._tandem(
            self.program_b,
            mentor,
            self._mentee(self.program_b, "Gustav Mentee"),
            self.coordinator_b,
        )
        self._as_guardian()
        page = self.url_open("/my")
        self.assertIn("Your tandems: report a meeting, ask for a talk", page.text)
        page = self.url_open("/my/tandems")
        self.assertIn("Gustav", page.text)
        self.assertIn("Martina", page.text)
        self.assertNotIn("Gustav Mentee", page.text)
        self.assertEqual(self.url_open(f"/my/tandems/{own.id}/report").status_code, 200)
        self.assertEqual(
            self.url_open(f"/my/tandems/{self.tandem_a.id}/report").status_code, 404
        )
