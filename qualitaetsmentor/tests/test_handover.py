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
        # The running tandems; the closed one stays (issue 13, item 13).
        self.assertEqual(wizard.tandem_count, 2)
        action = wizard.action_hand_over()
        Tandem = self.env["mentoring.tandem"].with_context(active_test=False)
        self.assertEqual(
            Tandem.search([("coordinator_id", "=", self.coordinator_a.id)]),
            self.closed,
        )
        tandems -= self.closed
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

    def test_readonly_users_do_not_hand_over(self):
        viewer = self._viewer(self.program_a, "qm_handover_viewer", "Vera Vorstand")
        with self.assertRaises(AccessError):
            self.env["mentoring.handover.wizard"].with_user(viewer).create(
                {
                    "from_user_id": self.coordinator_a.id,
                    "to_user_id": self.successor.id,
                }
            )

    # Issue 13, item 13: a coordinator hands her own tandems over to another
    # coordinator of the same programme.

    def _own_wizard(self, **values):
        return (
            self.env["mentoring.handover.wizard"]
            .with_user(self.coordinator_a)
            .create({"to_user_id": self.successor.id, **values})
        )

    def test_coordinator_hands_her_own_tandems_to_a_colleague(self):
        self.program_a.coordinator_ids = [Command.link(self.successor.id)]
        wizard = self._own_wizard()
        self.assertEqual(wizard.from_user_id, self.coordinator_a)
        self.assertEqual(wizard.tandem_count, 2)
        action = wizard.action_hand_over()
        self.assertEqual((self.tandem_a | self.second).coordinator_id, self.successor)
        self.assertEqual(self.closed.coordinator_id, self.coordinator_a)
        self.assertEqual(
            self.tandem_a.activity_ids.filtered(
                lambda a: a.summary == "Call the family"
            ).user_id,
            self.successor,
        )
        self.assertEqual(action["type"], "ir.actions.report")

    def test_coordinator_hands_over_only_to_a_coordinator_of_the_programme(self):
        with self.assertRaises(UserError) as refusal:
            self._own_wizard().action_hand_over()
        self.assertIn(
            "is not a coordinator of Lesepaten Altona", str(refusal.exception)
        )
        self.assertEqual(self.tandem_a.coordinator_id, self.coordinator_a)

    def test_coordinator_cannot_hand_over_another_coordinators_tandems(self):
        self.program_a.coordinator_ids = [Command.link(self.successor.id)]
        colleague = self._coordinator("coord_a3", "Doris Dritte")
        self.program_a.coordinator_ids = [Command.link(colleague.id)]
        wizard = self._own_wizard(from_user_id=colleague.id)
        with self.assertRaises(UserError):
            wizard.action_hand_over()
        with self.assertRaises(UserError):
            self._own_wizard(leave_programs=True).action_hand_over()
        self.assertEqual(self.tandem_a.coordinator_id, self.coordinator_a)

    def test_chosen_tandems_are_running_ones(self):
        wizard = self._wizard(
            scope="chosen", tandem_ids=[Command.set((self.second | self.closed).ids)]
        )
        self.assertEqual(wizard.tandem_count, 1)
        self.assertIn("'phase', 'in'", wizard._fields["tandem_ids"].domain)

    def test_dossier_opens_without_the_document_layout_dialog(self):
        # Odoo asks its settings administrator for the company's letterhead
        # when none is set, before any report.
        self.env.company.external_report_layout_id = False
        odoo_admin = self.env.ref("base.user_admin")
        self.program_a.coordinator_ids = [Command.link(self.successor.id)]
        action = (
            self.env["mentoring.handover.wizard"]
            .with_user(odoo_admin)
            .create(
                {
                    "from_user_id": self.coordinator_a.id,
                    "to_user_id": self.successor.id,
                }
            )
            .action_hand_over()
        )
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"], "qualitaetsmentor.report_handover_dossier"
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

    def test_dossier_of_a_closed_tandem_asks_for_no_contact(self):
        closed = self._new_pair("Alma Alt", "Anton Alt")
        self._close(closed)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "qualitaetsmentor.report_handover_dossier", closed.ids
        )
        self.assertIn("The tandem has ended: nothing is due.", html.decode())
        self.assertNotIn("Keep in touch", html.decode())

    def test_foreign_coordinator_cannot_read_the_dossier(self):
        with self.assertRaises(AccessError):
            self._render(self.coordinator_b)
