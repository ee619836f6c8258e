from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import MentoringCase


class TestHandover(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.successor = cls._coordinator("coord_c", "Clara Nachfolgerin")
        cls.second = cls._new_pair("Sven Zweit", "Sina Zweit", "matching")
        cls.closed = cls._new_pair("Alma Alt", "Anton Alt")
        cls._close(cls.closed, date(2026, 6, 1), active=False)
        cls.tandem_a.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call the family",
            user_id=cls.coordinator_a.id,
        )

    def _wizard(self, **values):
        return (
            self.env["mentoring.handover.wizard"]
            .with_user(self.admin)
            .create(
                {
                    "from_user_id": self.coordinator_a.id,
                    "to_user_id": self.successor.id,
                    **values,
                }
            )
        )

    def test_handover_leaves_nothing_with_the_old_coordinator(self):
        tandems = (self.tandem_a | self.second | self.closed).with_context(
            active_test=False
        )
        self.assertTrue(
            tandems.activity_ids.filtered(lambda a: a.user_id == self.coordinator_a)
        )
        wizard = self._wizard(note="Familie Beispiel prefers calls after 5 pm.")
        self.assertEqual(wizard.tandem_count, 3)
        action = wizard.action_hand_over()
        Tandem = self.env["mentoring.tandem"].with_context(active_test=False)
        self.assertFalse(
            Tandem.search([("coordinator_id", "=", self.coordinator_a.id)])
        )
        self.assertEqual(tandems.coordinator_id, self.successor)
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "mentoring.tandem"),
                    ("res_id", "in", tandems.ids),
                    ("user_id", "=", self.coordinator_a.id),
                ]
            )
        )
        self.assertIn(
            "Call the family",
            self.tandem_a.activity_ids.filtered(
                lambda a: a.user_id == self.successor
            ).mapped("summary"),
        )
        for tandem in tandems:
            followers = tandem.message_partner_ids
            self.assertNotIn(self.coordinator_a.partner_id, followers)
            self.assertIn(self.successor.partner_id, followers)
            note = tandem.message_ids.filtered(lambda m: "Handover" in (m.body or ""))
            self.assertIn(
                "Anna Koordinatorin handed this tandem over to Clara", note.body
            )
            self.assertIn("prefers calls after 5 pm", note.body)
        # The successor joins the programme and sees her tandems.
        self.assertIn(self.successor, self.program_a.coordinator_ids)
        self.assertEqual(
            Tandem.with_user(self.successor).search(
                [("coordinator_id", "=", self.successor.id)]
            ),
            tandems,
        )
        self.assertEqual(
            action["report_name"], "qualitaetsmentor.report_handover_dossier"
        )
        self.assertEqual(sorted(action["context"]["active_ids"]), sorted(tandems.ids))

    def _activity_on(self, profile, summary):
        return profile.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            user_id=self.coordinator_a.id,
        )

    def test_handover_moves_the_activities_on_the_profiles(self):
        clearance = self._activity_on(
            self.tandem_a.mentor_id, "Ask for the police clearance"
        )
        consent = self._activity_on(self.tandem_a.mentee_id, "Renew the consent")
        # Her tandem "second" stays with her: so do its profiles' activities.
        kept = self._activity_on(self.second.mentee_id, "Call the guardian")
        self._wizard(
            scope="chosen", tandem_ids=[Command.set(self.tandem_a.ids)]
        ).action_hand_over()
        self.assertEqual(clearance.user_id, self.successor)
        self.assertEqual(consent.user_id, self.successor)
        self.assertEqual(kept.user_id, self.coordinator_a)
        self._wizard().action_hand_over()
        self.assertEqual(kept.user_id, self.successor)

    def test_handover_of_chosen_tandems(self):
        wizard = self._wizard(scope="chosen", tandem_ids=[Command.set(self.second.ids)])
        self.assertEqual(wizard.tandem_count, 1)
        wizard.action_hand_over()
        self.assertEqual(self.second.coordinator_id, self.successor)
        self.assertEqual(self.tandem_a.coordinator_id, self.coordinator_a)

    def test_handover_started_from_selected_tandems(self):
        wizard = (
            self.env["mentoring.handover.wizard"]
            .with_user(self.admin)
            .with_context(active_model="mentoring.tandem", active_ids=self.second.ids)
            .create({"to_user_id": self.successor.id})
        )
        self.assertEqual(wizard.from_user_id, self.coordinator_a)
        self.assertEqual(wizard.scope, "chosen")
        self.assertEqual(wizard.tandem_count, 1)

    def test_handover_refuses_nonsense(self):
        with self.assertRaises(UserError):
            self._wizard(to_user_id=self.coordinator_a.id).action_hand_over()
        outsider = self.env["res.users"].create(
            {"name": "Otto Extern", "login": "otto_extern"}
        )
        with self.assertRaises(UserError):
            self._wizard(to_user_id=outsider.id).action_hand_over()
        self.assertEqual(self.tandem_a.coordinator_id, self.coordinator_a)

    def test_only_administrators_hand_over(self):
        with self.assertRaises(AccessError):
            self.env["mentoring.handover.wizard"].with_user(self.coordinator_a).create(
                {
                    "from_user_id": self.coordinator_a.id,
                    "to_user_id": self.successor.id,
                }
            )


class TestHandoverDossier(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls._coordinator("coord_colleague", "Kai Kollege")
        cls.program_a.coordinator_ids = [Command.link(cls.colleague.id)]
        for day, kind, summary, confidential in (
            (date(2026, 4, 2), "check_in", "Zoo visit went well", False),
            (date(2026, 4, 20), "feedback", "Both want to continue", False),
            (date(2026, 5, 3), "conflict", "Father shouted at mentor", True),
        ):
            cls._moment(cls.tandem_a, kind, day, summary, confidential=confidential)
        cls.tandem_a.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call the family about the conflict",
            user_id=cls.coordinator_a.id,
            date_deadline=date(2026, 5, 10),
        )

    def _render(self, user):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(
                "qualitaetsmentor.report_handover_dossier", self.tandem_a.ids
            )
        )
        return html.decode()

    def test_dossier_tells_a_newcomer_where_the_tandem_stands(self):
        html = self._render(self.coordinator_a)
        for expected in (
            "Martina Mentorin &amp; Emil Mentee",
            "Accompaniment",
            "Critical",
            "Open Conflict",
            "Follow up the open conflict",
            "Call the family about the conflict",
            "Both want to continue",
            "Zoo visit went well",
        ):
            self.assertIn(expected, html)
        # Only the last three key moments: the getting-to-know meeting is older.
        rows = etree.fromstring(html, etree.HTMLParser()).xpath(
            "//table[contains(@class, 'o_mentoring_dossier_moments')]/tbody/tr"
        )
        self.assertEqual(
            [row.xpath("string(td[3])").strip() for row in rows],
            [
                "Father shouted at mentor",
                "Both want to continue",
                "Zoo visit went well",
            ],
        )

    def _moment_summaries(self, user):
        rows = etree.fromstring(self._render(user), etree.HTMLParser()).xpath(
            "//table[contains(@class, 'o_mentoring_dossier_moments')]/tbody/tr"
        )
        return [row.xpath("string(td[3])").strip() for row in rows]

    def test_confidential_summary_only_for_coordinator_and_administrator(self):
        for reader in (self.coordinator_a, self.admin):
            self.assertIn("Father shouted at mentor", self._moment_summaries(reader))
        # A colleague of the same programme: neither the summary nor, with
        # the record rules of data protection, the moment itself.
        summaries = self._moment_summaries(self.colleague)
        self.assertNotIn("Father shouted at mentor", summaries)
        self.assertIn("Both want to continue", summaries)

    def test_dossier_names_missing_requirements_as_next_steps(self):
        matched = self._new_pair("Mia Match", "Max Match", "matching")
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "qualitaetsmentor.report_handover_dossier", matched.ids
        )
        self.assertIn(
            "Complete before the next phase: Documented getting-to-know meeting",
            html.decode(),
        )

    def test_foreign_coordinator_cannot_read_the_dossier(self):
        with self.assertRaises(AccessError):
            self._render(self.coordinator_b)
