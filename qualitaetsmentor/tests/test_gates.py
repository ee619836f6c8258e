from datetime import date

from odoo.exceptions import AccessError

from .common import MentoringCase


class TestGates(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_mentor = cls._mentor(cls.program_a, "Nora Neu", screened=False)
        cls.new_mentee = cls._mentee(cls.program_a, "Nils Neu", consenting=False)
        cls.matched = cls._new_pair("Greta Gematcht", "Gustav Gematcht", "matching")

    def _new_tandem(self, phase, **values):
        return self.env["mentoring.tandem"].create(
            {
                "program_id": self.program_a.id,
                "mentor_id": self.new_mentor.id,
                "mentee_id": self.new_mentee.id,
                "coordinator_id": self.coordinator_a.id,
                "stage_id": self.stages[phase].id,
                **values,
            }
        )

    def test_matching_refusal_lists_every_missing_requirement(self):
        count = self.env["mentoring.tandem"].search_count([])
        with self.assertRefused("cannot enter the phase Matching") as refusal:
            self._new_tandem("matching")
        self.assertEqual(self.env["mentoring.tandem"].search_count([]), count)
        message = str(refusal.exception)
        for missing in (
            "Interview with Nora Neu",
            "Preparation training of Nora Neu",
            "Data-protection consent of Nora Neu",
            "Valid extended police clearance of Nora Neu without relevant entry "
            "(not inspected yet)",
            "Data-protection consent of Nils Neu or the guardian",
        ):
            self.assertIn(missing, message)
        self.assertNotIn("Mentor chosen", message)

    def test_moving_an_existing_tandem_into_matching_is_checked_too(self):
        tandem = self._new_tandem("preparation")
        self.assertEqual(tandem.checklist_phase, "matching")
        self.assertEqual(tandem.open_requirement_count, 5)
        with self.assertRefused("Interview with Nora Neu"):
            tandem.stage_id = self.stages["matching"]
        self.assertEqual(tandem.phase, "preparation")
        self.new_mentor.write(
            {
                "interview_date": date(2026, 2, 1),
                "training_date": date(2026, 2, 2),
                "consent_date": date(2026, 2, 1),
                "police_clearance_date": date(2026, 2, 3),
            }
        )
        self.new_mentee.consent_date = date(2026, 2, 1)
        self.assertEqual(tandem.open_requirement_count, 0)
        tandem.stage_id = self.stages["matching"]
        self.assertEqual(tandem.phase, "matching")
        # Entering matching dates the match.
        self.assertTrue(tandem.date_matched)

    def test_a_tandem_without_mentor_and_mentee_cannot_be_matched(self):
        with self.assertRefused("Mentor chosen") as refusal:
            self.env["mentoring.tandem"].create(
                {
                    "program_id": self.program_a.id,
                    "stage_id": self.stages["matching"].id,
                }
            )
        self.assertIn("Mentee chosen", str(refusal.exception))

    def test_police_clearance_with_relevant_entry_or_expired(self):
        mentor = self.matched.mentor_id
        mentor.police_clearance_relevant_entry = True
        with self.assertRefused("it has a relevant entry"):
            self.matched.stage_id = self.stages["accompaniment"]
        mentor.write(
            {
                "police_clearance_relevant_entry": False,
                "police_clearance_date": date(2020, 1, 10),
            }
        )
        with self.assertRefused("expired on"):
            self.matched.stage_id = self.stages["accompaniment"]

    def test_withdrawn_consent_no_longer_counts(self):
        self._moment(self.matched, "getting_to_know", date(2026, 3, 6))
        self.matched.mentee_id.consent_withdrawn_date = date(2026, 3, 7)
        with self.assertRefused(
            "Data-protection consent of Gustav Gematcht or the guardian"
        ):
            self.matched.stage_id = self.stages["accompaniment"]
        self.assertEqual(self.matched.phase, "matching")

    def test_programme_decides_on_police_clearance_and_training(self):
        self.program_a.write(
            {"police_clearance_required": False, "training_required": False}
        )
        with self.assertRefused("Interview with Nora Neu") as refusal:
            self._new_tandem("matching")
        self.assertNotIn("police clearance", str(refusal.exception))
        self.assertNotIn("training", str(refusal.exception))

    def test_accompaniment_needs_a_getting_to_know_meeting(self):
        self.assertEqual(self.matched.checklist_phase, "accompaniment")
        self.assertEqual(self.matched.open_requirement_count, 1)
        self.assertIn(
            "Documented getting-to-know meeting", self.matched.requirement_checklist
        )
        with self.assertRefused("Documented getting-to-know meeting"):
            self.matched.stage_id = self.stages["accompaniment"]
        self.assertEqual(self.matched.phase, "matching")
        # A matching talk is no getting-to-know meeting.
        self._moment(self.matched, "check_in", date(2026, 3, 5))
        with self.assertRefused("Documented getting-to-know meeting"):
            self.matched.stage_id = self.stages["accompaniment"]
        self._moment(self.matched, "getting_to_know", date(2026, 3, 6))
        self.assertEqual(self.matched.open_requirement_count, 0)
        self.matched.stage_id = self.stages["accompaniment"]
        self.assertEqual(self.matched.phase, "accompaniment")
        self.assertTrue(self.matched.date_started)

    def test_skipping_matching_checks_its_requirements_as_well(self):
        tandem = self._new_tandem("preparation")
        with self.assertRefused("Interview with Nora Neu") as refusal:
            tandem.stage_id = self.stages["accompaniment"]
        self.assertIn("Documented getting-to-know meeting", str(refusal.exception))

    def test_closure_refusal_lists_end_date_reason_and_closing_talk(self):
        with self.assertRefused("cannot enter the phase Closure") as refusal:
            self.tandem_a.stage_id = self.stages["closure"]
        for missing in ("End date", "End reason", "Documented closing talk"):
            self.assertIn(missing, str(refusal.exception))
        # What the same save fills in counts, and a refusal keeps none of it.
        with self.assertRefused("Documented closing talk") as refusal:
            self.tandem_a.write(
                {
                    "stage_id": self.stages["closure"].id,
                    "date_ended": date(2026, 6, 30),
                    "end_reason_id": self.env.ref(
                        "qualitaetsmentor.end_reason_moved"
                    ).id,
                }
            )
        self.assertNotIn("End reason", str(refusal.exception))
        self.assertFalse(self.tandem_a.date_ended)
        self.assertEqual(self.tandem_a.phase, "accompaniment")

    def test_moves_within_a_phase_are_not_checked(self):
        second = self.env["mentoring.stage"].create(
            {"name": "Second year", "phase": "accompaniment", "sequence": 45}
        )
        # The police clearance expired meanwhile: the gate would refuse it.
        self.tandem_a.mentor_id.police_clearance_date = date(2020, 1, 10)
        self.tandem_a.stage_id = second
        self.assertEqual(self.tandem_a.stage_id, second)
        self.assertEqual(self.tandem_a.open_requirement_count, 1)

    def test_coordinator_is_refused_like_everybody_else(self):
        with self.assertRefused("Documented getting-to-know meeting"):
            self.matched.with_user(self.coordinator_a).write(
                {"stage_id": self.stages["accompaniment"].id}
            )

    def test_administrator_waives_a_requirement_with_a_logged_reason(self):
        waivers = self.env["mentoring.gate.waiver"]
        with self.assertRaises(AccessError):
            waivers.with_user(self.coordinator_a).create(
                {
                    "tandem_id": self.matched.id,
                    "requirement": "getting_to_know",
                    "reason": "Met already at the summer party",
                }
            )
        waiver = waivers.with_user(self.admin).create(
            {
                "tandem_id": self.matched.id,
                "requirement": "getting_to_know",
                "reason": "Met already at the summer party",
            }
        )
        self.assertEqual(waiver.user_id, self.admin)
        note = self.matched.message_ids[:1]
        self.assertIn("Requirement waived by Petra Administratorin", note.body)
        self.assertIn("Documented getting-to-know meeting", note.body)
        self.assertIn("Met already at the summer party", note.body)
        self.assertEqual(self.matched.open_requirement_count, 0)
        self.assertIn("waived", self.matched.requirement_checklist)
        self.matched.with_user(self.coordinator_a).stage_id = self.stages[
            "accompaniment"
        ]
        self.assertEqual(self.matched.phase, "accompaniment")
        # The coordinator sees the waiver on her tandem.
        self.assertEqual(self.matched.with_user(self.coordinator_a).waiver_ids, waiver)

    def test_waiver_needs_a_reason(self):
        with self.assertRefused("reason"):
            self.env["mentoring.gate.waiver"].with_user(self.admin).create(
                {
                    "tandem_id": self.matched.id,
                    "requirement": "getting_to_know",
                    "reason": "   ",
                }
            )

    def test_planned_end_shorter_than_the_minimum_commitment_is_refused(self):
        with self.assertRefused("at least 6 months"):
            self.tandem_a.date_planned_end = date(2026, 8, 31)
        self.tandem_a.date_planned_end = date(2026, 9, 1)

    def test_refusal_is_translated(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["qualitaetsmentor"], ["de_DE"], overwrite=True
        )
        german = self.matched.with_context(lang="de_DE")
        with self.assertRefused("Begleitung") as refusal:
            german.stage_id = self.stages["accompaniment"]
        self.assertIn("Kennenlerntreffen", str(refusal.exception))
