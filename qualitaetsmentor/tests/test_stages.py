from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError

from .common import MentoringCase


class TestStages(MentoringCase):
    """Stages and their plans: activity deadlines follow the documented dates,
    a stage limited to programmes takes no tandem of another one, and entering
    a stage again duplicates no open activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_types = cls._refs(
            "mail_activity_type_", "contact", "getting_to_know"
        )
        # A stage only programme B uses, first on the board.
        cls.stage_b = cls.env["mentoring.stage"].create(
            {
                "name": "Vorgespräch Harburg",
                "phase": "recruitment",
                "sequence": 0,
                "program_ids": [Command.link(cls.program_b.id)],
            }
        )

    def _activities(self, tandem, kind):
        return tandem.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_types[kind]
        )

    # Back-dated match (issue 11, case 6)

    def test_back_dated_match_plans_from_the_match(self):
        tandem = self._new_pair("Bea Back", "Ben Back", "preparation")
        with freeze_time("2026-04-12"):
            tandem.write(
                {
                    "stage_id": self.stages["matching"].id,
                    "date_matched": date(2026, 3, 1),
                }
            )
            self.assertTrue(tandem.is_contact_overdue)
        # The plan counts from the match, as the card does.
        self.assertEqual(tandem.next_checkin_date, date(2026, 3, 15))
        self.assertEqual(
            self._activities(tandem, "contact").date_deadline, date(2026, 3, 15)
        )
        self.assertEqual(
            self._activities(tandem, "getting_to_know").date_deadline,
            date(2026, 3, 8),
        )

    def test_open_reminder_follows_a_corrected_match_date(self):
        tandem = self._new_pair("Cora Korrektur", "Carl Korrektur", "preparation")
        with freeze_time("2026-04-12"):
            tandem.stage_id = self.stages["matching"]
        contact = self._activities(tandem, "contact")
        self.assertEqual(contact.date_deadline, date(2026, 4, 26))
        # The match happened six weeks ago: the coordinator corrects the date.
        tandem.date_matched = date(2026, 3, 1)
        with freeze_time("2026-04-13"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertEqual(self._activities(tandem, "contact"), contact)
        self.assertEqual(contact.date_deadline, date(2026, 3, 15))
        self.assertTrue(tandem.is_contact_overdue)

    def test_accompaniment_plan_counts_from_the_start(self):
        plan = self.env["mail.activity.plan"].create(
            {
                "name": "Begleitung",
                "res_model": "mentoring.tandem",
                "template_ids": [
                    Command.create(
                        {
                            "activity_type_id": self.env.ref(
                                "mail.mail_activity_data_todo"
                            ).id,
                            "summary": "Begrüßungsbrief",
                            "responsible_type": "coordinator",
                            "delay_count": 10,
                            "delay_unit": "days",
                            "delay_from": "after_plan_date",
                        }
                    )
                ],
            }
        )
        self.stages["accompaniment"].activity_plan_id = plan
        tandem = self._new_pair("Dora Start", "Dirk Start", "accompaniment")
        todo = tandem.activity_ids.filtered(lambda a: a.summary == "Begrüßungsbrief")
        # Started on 2026-03-08 (see _tandem).
        self.assertEqual(todo.date_deadline, date(2026, 3, 18))

    # Stage of another programme (issue 11, case 7)

    def test_stage_of_another_programme_is_refused(self):
        with self.assertRaises(ValidationError) as refusal:
            self.tandem_a.with_user(self.coordinator_a).stage_id = self.stage_b
        self.assertIn("Vorgespräch Harburg", str(refusal.exception))
        self.assertEqual(self.tandem_a.stage_id, self.stages["accompaniment"])

    def test_changing_the_programme_keeps_no_foreign_stage(self):
        tandem = self.env["mentoring.tandem"].create(
            {"program_id": self.program_b.id, "stage_id": self.stage_b.id}
        )
        with self.assertRaises(ValidationError) as refusal:
            tandem.program_id = self.program_a
        self.assertIn("Lesepaten Altona", str(refusal.exception))
        self.assertEqual(tandem.program_id, self.program_b)

    def test_limiting_a_stage_keeps_no_foreign_tandem(self):
        with self.assertRaisesRegex(ValidationError, "Move them"):
            self.stages["accompaniment"].program_ids = [Command.link(self.program_b.id)]

    def test_default_stage_follows_the_programme(self):
        Tandem = self.env["mentoring.tandem"]
        tandem_a = Tandem.create({"program_id": self.program_a.id})
        tandem_b = Tandem.create({"program_id": self.program_b.id})
        self.assertEqual(tandem_a.stage_id, self.stages["recruitment"])
        self.assertEqual(tandem_b.stage_id, self.stage_b)
        defaults = Tandem.with_context(
            default_program_id=self.program_a.id
        ).default_get(["stage_id"])
        self.assertEqual(defaults["stage_id"], self.stages["recruitment"].id)
        defaults = Tandem.with_context(
            default_program_id=self.program_b.id
        ).default_get(["stage_id"])
        self.assertEqual(defaults["stage_id"], self.stage_b.id)
        # The form swaps a stage the new programme does not use.
        new = Tandem.new({"program_id": self.program_b.id, "stage_id": self.stage_b.id})
        new.program_id = self.program_a
        new._onchange_program_id_stage()
        self.assertEqual(new.stage_id, self.stages["recruitment"])

    def _columns(self, user, **context):
        groups = (
            self.env["mentoring.tandem"]
            .with_user(user)
            .with_context(**context)
            .read_group([], ["stage_id"], ["stage_id"])
        )
        return {group["stage_id"][0] for group in groups if group["stage_id"]}

    def test_board_columns_follow_the_programmes_seen(self):
        # Coordinator A sees only programme A's tandems: no column of B.
        columns = self._columns(self.coordinator_a)
        self.assertNotIn(self.stage_b.id, columns)
        self.assertIn(self.stages["matching"].id, columns)
        # A coordinator of both programmes sees the columns of both.
        both = self._coordinator("coord_ab", "Clara Beide")
        (self.program_a | self.program_b).coordinator_ids = [Command.link(both.id)]
        self.assertIn(self.stage_b.id, self._columns(both))
        # A programme chosen in the context narrows the board to its stages.
        self.assertNotIn(
            self.stage_b.id, self._columns(both, default_program_id=self.program_a.id)
        )

    # Plans twice (issue 11, case 8)

    def test_entering_a_stage_again_duplicates_no_open_activity(self):
        tandem = self._new_pair("Emma Erneut", "Erik Erneut", "preparation")
        tandem.stage_id = self.stages["matching"]
        self.assertEqual(len(self._activities(tandem, "getting_to_know")), 1)
        self.assertEqual(len(self._activities(tandem, "contact")), 1)
        tandem.stage_id = self.stages["preparation"]
        tandem.stage_id = self.stages["matching"]
        self.assertEqual(len(self._activities(tandem, "getting_to_know")), 1)
        self.assertEqual(len(self._activities(tandem, "contact")), 1)
        # Done activities come again: the meeting is still to be held.
        self._activities(tandem, "getting_to_know").action_feedback(feedback="Done")
        tandem.stage_id = self.stages["preparation"]
        tandem.stage_id = self.stages["matching"]
        self.assertEqual(len(self._activities(tandem, "getting_to_know")), 1)
        self.assertEqual(len(self._activities(tandem, "contact")), 1)
