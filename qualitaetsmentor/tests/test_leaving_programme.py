"""A coordinator taken off a programme leaves it: her running tandems and
open activities of that programme go to a successor first (the handover),
or she would keep mentors' and mentees' names on activities she may no
longer read."""

from odoo import Command
from odoo.exceptions import UserError

from .common import MentoringCase


class TestLeavingProgramme(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.successor = cls._coordinator("qm_leave_successor", "Clara Nachfolgerin")
        cls.program_a.coordinator_ids = [Command.link(cls.successor.id)]

    def _remove_from_program(self):
        self.program_a.with_user(self.admin).coordinator_ids = [
            Command.unlink(self.coordinator_a.id)
        ]

    def _remove_from_user(self):
        self.coordinator_a.with_user(self.admin).sudo().mentoring_program_ids = [
            Command.unlink(self.program_a.id)
        ]

    def test_refused_while_she_coordinates_running_tandems(self):
        for remove in (self._remove_from_program, self._remove_from_user):
            with self.subTest(way=remove.__name__):
                with self.assertRaises(UserError) as refusal:
                    remove()
                self.assertIn(
                    "Anna Koordinatorin still coordinates a running tandem",
                    str(refusal.exception),
                )
                self.assertIn(self.coordinator_a, self.program_a.coordinator_ids)

    def test_refused_while_she_holds_activities_of_the_programme(self):
        self.tandem_a.coordinator_id = self.successor
        self.mentee_a.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Familie anrufen",
            user_id=self.coordinator_a.id,
        )
        with self.assertRaises(UserError) as refusal:
            self._remove_from_program()
        self.assertIn("open activities on tandems", str(refusal.exception))
        self.assertIn(self.coordinator_a, self.program_a.coordinator_ids)

    def test_after_the_handover_she_leaves(self):
        self.env["mentoring.handover.wizard"].with_user(self.admin).create(
            {
                "from_user_id": self.coordinator_a.id,
                "to_user_id": self.successor.id,
                "leave_programs": True,
            }
        ).action_hand_over()
        self.assertNotIn(self.coordinator_a, self.program_a.coordinator_ids)
        self.assertEqual(self.tandem_a.coordinator_id, self.successor)

    def test_a_coordinator_with_nothing_open_leaves_at_once(self):
        self.program_b.coordinator_ids = [Command.link(self.coordinator_a.id)]
        self.coordinator_a.mentoring_program_ids = [Command.unlink(self.program_b.id)]
        self.assertNotIn(self.coordinator_a, self.program_b.coordinator_ids)
