from odoo.exceptions import UserError

from .common import MentoringCase

PLAN = "qualitaetsmentor.mail_activity_plan_matching"


class GermanCase(MentoringCase):
    """German loaded for QualitätsMENTOR and the core addons it shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(["qualitaetsmentor"], ["de_DE"])
        cls.german_coordinator = cls._coordinator(
            "coord_de", "Dora Deutsch", lang="de_DE", tz="Europe/Berlin"
        )
        cls.program_a.coordinator_ids |= cls.german_coordinator

    def _german(self, model, user=None):
        """``model`` as a German user works with it: her user, her language
        in the context (as a request of the web client has it)."""
        user = user or self.german_coordinator
        return self.env[model].with_user(user).with_context(lang=user.lang)

    def _german_organisation(self):
        self.env.ref("base.main_company").partner_id.lang = "de_DE"


class TestGermanPlans(GermanCase):
    """Odoo 18 stores plan names and template texts in one language: the
    addon writes its shipped plan in the organisation's language."""

    def _install_in_english(self):
        """The plan as an English installation left it."""
        plan = self.env.ref(PLAN)
        plan.name = "Start of a tandem"
        for template in plan.template_ids:
            template.note = template.activity_type_id.with_context(
                lang="en_US"
            ).default_note
        return plan

    def test_plan_and_templates_in_german_after_update(self):
        plan = self._install_in_english()
        self._german_organisation()
        self.env["mail.activity.plan"]._mentoring_localize_shipped_plans()
        self.assertEqual(plan.name, "Start eines Tandems")
        for template in plan.template_ids:
            with self.subTest(template=template.activity_type_id.name):
                self.assertIn("Schlüsselmoment", template.note)
                self.assertEqual(
                    template.note,
                    template.activity_type_id.with_context(lang="de_DE").default_note,
                )

    def test_an_administrators_edits_survive_the_update(self):
        plan = self._install_in_english()
        template = plan.template_ids[0]
        template.write(
            {"summary": "Familie anrufen", "note": "<p>Unsere eigene Notiz</p>"}
        )
        other = plan.template_ids[1]
        self._german_organisation()
        self.env["mail.activity.plan"]._mentoring_localize_shipped_plans()
        self.assertEqual(template.summary, "Familie anrufen")
        self.assertEqual(template.note, "<p>Unsere eigene Notiz</p>")
        self.assertIn("Schlüsselmoment", other.note, "the untouched one follows")
        plan.name = "Unser Start"
        self.env["mail.activity.plan"]._mentoring_localize_shipped_plans()
        self.assertEqual(plan.name, "Unser Start")

    def test_back_to_english_for_an_english_organisation(self):
        self._german_organisation()
        self.env["mail.activity.plan"]._mentoring_localize_shipped_plans()
        self.env.ref("base.main_company").partner_id.lang = "en_US"
        for user in self.env.ref("qualitaetsmentor.group_coordinator").users:
            user.lang = "en_US"
        self.env.ref("base.user_admin").lang = "en_US"
        self.env["mail.activity.plan"]._mentoring_localize_shipped_plans()
        self.assertEqual(self.env.ref(PLAN).name, "Start of a tandem")

    def test_without_company_language_most_coordinators_decide(self):
        self.env.ref("base.main_company").partner_id.lang = "en_US"
        coordinators = self.env.ref("qualitaetsmentor.group_coordinator").users
        coordinators.lang = "de_DE"
        self.coordinator_a.lang = "en_US"
        self.assertEqual(
            self.env["mail.activity.plan"]._mentoring_organisation_lang(), "de_DE"
        )

    def test_the_chatter_at_the_match_names_the_german_plan(self):
        self._install_in_english()
        self._german_organisation()
        self.env["mail.activity.plan"]._mentoring_localize_shipped_plans()
        tandem = self._new_pair("Mira Plan", "Moritz Plan", "preparation")
        tandem.coordinator_id = self.german_coordinator
        tandem.with_user(self.german_coordinator).with_context(lang="de_DE").write(
            {"stage_id": self.stages["matching"].id}
        )
        notes = tandem.message_ids.mapped("body")
        started = [body for body in notes if "Start eines Tandems" in body]
        self.assertTrue(started, notes)
        self.assertIn("wurde gestartet", started[0])
        self.assertFalse([body for body in notes if "Start of a tandem" in body])
        activity = tandem.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("qualitaetsmentor.mail_activity_type_getting_to_know")
            )
        )
        self.assertIn("Schlüsselmoment", activity.note)


class TestGermanSlips(GermanCase):
    """Small slips a German coordinator met (issue 13, item 9)."""

    def test_mentor_status_ended_is_beendet_and_imports(self):
        Mentor = self._german("mentoring.mentor")
        labels = dict(Mentor.fields_get(["status"])["status"]["selection"])
        self.assertEqual(labels["ended"], "Beendet")
        Tandem = self._german("mentoring.tandem")
        self.assertEqual(
            Tandem.fields_get(["date_ended"])["date_ended"]["string"], "Beendet am"
        )
        wizard = self._german("base_import.import").create(
            {
                "res_model": "mentoring.mentor",
                "file": b"Name;Programm;Status\n"
                b"Alte Mentorin;Lesepaten Altona;Beendet\n",
                "file_type": "text/csv",
                "file_name": "mentorinnen.csv",
            }
        )
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ";",
            "encoding": "utf-8",
        }
        preview = wizard.parse_preview(options)
        fields = ["/".join(match) for match in preview["matches"].values()]
        self.assertEqual(fields, ["name", "program_id", "status"])
        result = wizard.execute_import(fields, preview["headers"], options)
        self.assertFalse(result["messages"])
        mentor = self.env["mentoring.mentor"].browse(result["ids"])
        self.assertEqual(mentor.status, "ended")

    def test_a_pause_of_one_day_is_singular(self):
        self.program_a.rematch_pause_days = 1
        first = self._new_pair("Greta Eins", "Gustav Eins", "closure")
        waiting = self.env["mentoring.tandem"].create(
            {
                "program_id": self.program_a.id,
                "mentor_id": first.mentor_id.id,
                "mentee_id": self._mentee(self.program_a, "Mila Eins").id,
                "coordinator_id": self.coordinator_a.id,
                "stage_id": self.stages["preparation"].id,
            }
        )
        german = waiting.with_context(lang="de_DE")
        labels = [req.label for req in german._get_requirements("matching")[german]]
        self.assertIn(
            "Pause von einem Tag nach der letzten Patenschaft von Greta Eins "
            "(beendet am 31.03.2026)",
            labels,
        )

    def test_one_running_tandem_is_singular(self):
        program = self.env["mentoring.program"].create(
            {
                "name": "Lesepaten Eilbek",
                "coordinator_ids": [self.german_coordinator.id],
            }
        )
        self._tandem(
            program,
            self._mentor(program, "Ina Eilbek"),
            self._mentee(program, "Ole Eilbek"),
            self.german_coordinator,
        )
        with self.assertRaises(UserError) as refusal:
            self.german_coordinator.with_context(lang="de_DE").action_archive()
        self.assertIn("koordiniert noch ein laufendes Tandem", str(refusal.exception))

    def test_handover_note_in_the_successors_language(self):
        successor = self._coordinator(
            "coord_de_2", "Berta Nachfolgerin", lang="de_DE", tz="Europe/Berlin"
        )
        self.program_a.coordinator_ids |= successor
        self.env["mentoring.handover.wizard"].with_user(self.admin).with_context(
            lang="en_US"
        ).create(
            {"from_user_id": self.coordinator_a.id, "to_user_id": successor.id}
        ).action_hand_over()
        bodies = self.tandem_a.message_ids.mapped("body")
        self.assertTrue(
            [body for body in bodies if "Übergabe" in body and "Berta" in body],
            bodies,
        )

    def test_birth_year_is_shown_without_thousands_separator(self):
        view = self.env.ref("qualitaetsmentor.mentoring_mentee_view_form")
        arch = view.get_combined_arch()
        self.assertIn(
            '<field name="birth_year" options="{\'enable_formatting\': false}"', arch
        )
