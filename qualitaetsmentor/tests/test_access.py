from datetime import date

from odoo import Command
from odoo.exceptions import AccessError

from .common import MentoringCase


class TestAccess(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.moment_a = cls._moment(
            cls.tandem_a, "check_in", date(2026, 4, 2), "Check-in A"
        )
        cls.moment_b = cls._moment(
            cls.tandem_b, "check_in", date(2026, 4, 2), "Check-in B"
        )

    def _records(self, side):
        return {
            "mentoring.tandem": getattr(self, f"tandem_{side}"),
            "mentoring.mentor": getattr(self, f"mentor_{side}"),
            "mentoring.mentee": getattr(self, f"mentee_{side}"),
            "mentoring.key.moment": getattr(self, f"moment_{side}"),
        }

    def test_coordinator_reads_and_writes_her_own_programme(self):
        for model, record in self._records("a").items():
            with self.subTest(model=model):
                mine = record.with_user(self.coordinator_a)
                mine.read(["display_name"])
                self.assertIn(mine, mine.search([]))
        tandem = self.tandem_a.with_user(self.coordinator_a)
        self._close(tandem)
        self.assertEqual(tandem.phase, "closure")
        self.mentor_a.with_user(self.coordinator_a).write(
            {"availability_note": "Football on Saturdays"}
        )
        self.moment_a.with_user(self.coordinator_a).write({"summary": "Changed"})

    def test_coordinator_cannot_see_another_programme(self):
        for model, record in self._records("b").items():
            with self.subTest(model=model):
                foreign = record.with_user(self.coordinator_a)
                self.assertNotIn(foreign, foreign.search([]))
                with self.assertRaises(AccessError):
                    foreign.read(["display_name"])
                with self.assertRaises(AccessError):
                    foreign.write(
                        {"active": False}
                        if model != "mentoring.key.moment"
                        else {"summary": "x"}
                    )
        # and the other way round
        self.assertNotIn(
            self.tandem_a,
            self.env["mentoring.tandem"].with_user(self.coordinator_b).search([]),
        )

    def test_coordinator_cannot_move_a_tandem_into_a_foreign_programme(self):
        with self.assertRaises(AccessError):
            self.env["mentoring.tandem"].with_user(self.coordinator_a).create(
                {
                    "program_id": self.program_b.id,
                    "mentor_id": self.mentor_b.id,
                    "mentee_id": self.mentee_b.id,
                }
            )

    def test_coordinator_cannot_configure(self):
        stage = self.stages["matching"].with_user(self.coordinator_a)
        stage.read(["name"])
        with self.assertRaises(AccessError):
            stage.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["mentoring.end.reason"].with_user(self.coordinator_a).create(
                {"name": "Any"}
            )
        with self.assertRaises(AccessError):
            self.program_a.with_user(self.coordinator_a).write({"name": "Renamed"})

    def test_coordinator_cannot_delete_a_tandem(self):
        with self.assertRaises(AccessError):
            self.tandem_a.with_user(self.coordinator_a).unlink()

    def test_administrator_sees_and_configures_everything(self):
        for side in ("a", "b"):
            for model, record in self._records(side).items():
                with self.subTest(model=model, side=side):
                    self.assertIn(
                        record, self.env[model].with_user(self.admin).search([])
                    )
        self.stages["matching"].with_user(self.admin).write({"fold": True})
        self.program_b.with_user(self.admin).write({"contact_interval_days": 21})
        self.assertEqual(self.program_b.contact_interval_days, 21)

    def test_other_company_is_out_of_reach(self):
        other_company = self.env["res.company"].create({"name": "Anderer Träger"})
        self.program_b.company_id = other_company
        self.admin.company_ids = self.env.company
        self.assertNotIn(
            self.tandem_b, self.env["mentoring.tandem"].with_user(self.admin).search([])
        )

    def _visible_tandems(self, user):
        return self.env["mentoring.tandem"].with_user(user).search([])

    def test_programme_membership_changes_apply_at_once(self):
        # The rules keep each user's programme ids in Odoo's rule cache; a
        # new colleague must see the programme's tandems without a restart,
        # and one who leaves must lose them in the same moment.
        self.assertNotIn(self.tandem_b, self._visible_tandems(self.coordinator_a))
        self.program_b.with_user(self.admin).coordinator_ids = [
            Command.link(self.coordinator_a.id)
        ]
        self.assertIn(self.tandem_b, self._visible_tandems(self.coordinator_a))
        self.mentor_b.with_user(self.coordinator_a).read(["name"])
        self.program_b.with_user(self.admin).coordinator_ids = [
            Command.unlink(self.coordinator_a.id)
        ]
        self.assertNotIn(self.tandem_b, self._visible_tandems(self.coordinator_a))
        with self.assertRaises(AccessError):
            self.mentor_b.with_user(self.coordinator_a).read(["name"])

    def test_membership_changed_on_the_user_applies_at_once(self):
        self.coordinator_a.mentoring_program_ids = [Command.link(self.program_b.id)]
        self.assertIn(self.tandem_b, self._visible_tandems(self.coordinator_a))
        self.assertIn(self.coordinator_a, self.program_b.coordinator_ids)
        self._free_to_leave(self.coordinator_a, self.program_a)
        self.coordinator_a.mentoring_program_ids = [Command.unlink(self.program_a.id)]
        self.assertNotIn(self.tandem_a, self._visible_tandems(self.coordinator_a))

    def test_new_programme_is_visible_to_its_coordinators(self):
        programs_of_a = self.env["mentoring.program"].with_user(self.coordinator_a)
        self.assertEqual(programs_of_a.search([]), self.program_a)
        program = self.env["mentoring.program"].create(
            {
                "name": "Neues Programm",
                "coordinator_ids": [Command.link(self.coordinator_a.id)],
            }
        )
        self.assertEqual(programs_of_a.search([]), self.program_a | program)
        self.assertNotIn(
            program,
            self.env["mentoring.program"].with_user(self.coordinator_b).search([]),
        )

    def test_archived_programme_stays_with_its_coordinators(self):
        self.program_a.active = False
        self.assertIn(self.tandem_a, self._visible_tandems(self.coordinator_a))
