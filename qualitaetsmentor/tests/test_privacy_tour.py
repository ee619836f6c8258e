from datetime import date

from odoo.tests import tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestPrivacyTours(MentoringTourCase):
    def _program(self, name, **values):
        return self.env["mentoring.program"].create({"name": name, **values})

    def _pair(self, program, mentor_name, mentee_name, stage, **values):
        """A screened pair whose tandem reached ``stage`` through the gates."""
        mentor = self.env["mentoring.mentor"].create(
            {
                "name": mentor_name,
                "program_id": program.id,
                "status": "active",
                "interview_date": date(2023, 10, 2),
                "training_date": date(2023, 10, 9),
                "consent_date": date(2023, 10, 2),
                "police_clearance_date": date(2023, 10, 2),
            }
        )
        mentee = self.env["mentoring.mentee"].create(
            {
                "name": mentee_name,
                "program_id": program.id,
                "waiting_since": date(2023, 11, 1),
                "consent_date": date(2023, 11, 1),
            }
        )
        date_ended = values.pop("date_ended", False)
        tandem = self.env["mentoring.tandem"].create(
            {
                "program_id": program.id,
                "mentor_id": mentor.id,
                "mentee_id": mentee.id,
                "stage_id": self.env.ref("qualitaetsmentor.stage_matching").id,
                **values,
            }
        )
        moments = {"accompaniment": ["getting_to_know"]}
        moments["closure"] = ["getting_to_know", "closing"]
        for category in moments.get(stage, []):
            self.env["mentoring.key.moment"].create(
                {
                    "tandem_id": tandem.id,
                    "type_id": self.env.ref(
                        f"qualitaetsmentor.key_moment_type_{category}"
                    ).id,
                    "date": date_ended
                    if category == "closing"
                    else values.get("date_started", date(2024, 1, 15)),
                    "summary": "Documented",
                }
            )
        if stage == "closure":
            tandem.write(
                {
                    "date_ended": date_ended,
                    "end_reason_id": self.env.ref(
                        "qualitaetsmentor.end_reason_regular"
                    ).id,
                }
            )
        tandem.stage_id = self.env.ref(f"qualitaetsmentor.stage_{stage}")
        return mentor, mentee, tandem

    def test_readonly_user_reads_the_board_without_names(self):
        program = self._program("Tour Vorstandsprogramm")
        readonly = self._viewer(
            program, "tour_vorstand", "Tour Vorstand", password="tour_vorstand"
        )
        _mentor, _mentee, tandem = self._pair(
            program,
            "Geheimnisvoll Mentorin",
            "Geheimnisvoll Mentee",
            "accompaniment",
            description="<p>Geheimnisvoll: nur für Koordinator:innen</p>",
        )
        self.start_tour(
            "/odoo", "qualitaetsmentor_readonly_board", login=readonly.login
        )
        self.assertEqual(
            tandem.stage_id, self.env.ref("qualitaetsmentor.stage_accompaniment")
        )

    def test_administrator_previews_and_runs_the_anonymisation(self):
        program = self._program("Tour Anonymisierung")
        mentor, mentee, tandem = self._pair(
            program,
            "Tour Endmentorin",
            "Tour Endmentee",
            "closure",
            date_matched=date(2024, 1, 10),
            date_started=date(2024, 1, 15),
            date_ended=date(2025, 1, 31),
        )
        mentor.status = "ended"
        cron = self.env.ref("qualitaetsmentor.ir_cron_mentoring_anonymization")
        self.assertFalse(cron.active)
        self.start_tour(
            "/odoo", "qualitaetsmentor_anonymization_preview", login="admin"
        )
        self.assertTrue(cron.active)
        self.assertEqual(mentor.name, f"Anonymised mentor {mentor.id}")
        self.assertEqual(mentee.name, f"Anonymised mentee {mentee.id}")
        self.assertEqual(tandem.date_anonymized, self.env.company._mentoring_today())

    def test_administrator_exports_the_personal_data_of_a_mentor(self):
        program = self._program("Tour Auskunft")
        mentor, _mentee, _tandem = self._pair(
            program, "Tour Auskunftsmentorin", "Tour Auskunftsmentee", "accompaniment"
        )
        self.start_tour("/odoo", "qualitaetsmentor_personal_data_export", login="admin")
        self.assertIn("Personal data exported", mentor.message_ids[0].body)
