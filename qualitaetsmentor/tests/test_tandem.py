from datetime import date

from freezegun import freeze_time

from .common import MentoringCase


class TestTandem(MentoringCase):
    def test_name_from_mentor_and_mentee(self):
        self.assertEqual(self.tandem_a.name, "Martina Mentorin & Emil Mentee")
        self.mentee_a.name = "Emil Beispiel"
        self.assertEqual(self.tandem_a.name, "Martina Mentorin & Emil Beispiel")

    def test_phase_follows_stage(self):
        self.assertEqual(self.tandem_a.phase, "accompaniment")
        self._close(self.tandem_a)
        self.assertEqual(self.tandem_a.phase, "closure")

    def test_stage_change_is_tracked_on_chatter(self):
        self._close(self.tandem_a)
        # Odoo writes tracking values when the transaction commits.
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "mentoring.tandem"),
                ("mail_message_id.res_id", "=", self.tandem_a.id),
                ("field_id.name", "=", "stage_id"),
            ]
        )
        self.assertEqual(tracked.new_value_char, "Closure")
        self.assertEqual(tracked.old_value_char, "Accompaniment")

    def test_last_contact_and_next_checkin_from_key_moments(self):
        # The getting-to-know meeting of 2026-03-08 is the only contact so far:
        # the second contact of the first month is due by 2026-04-01.
        self.assertEqual(self.tandem_a.last_contact_date, date(2026, 3, 8))
        self.assertEqual(self.tandem_a.next_checkin_date, date(2026, 4, 1))
        self._moment(self.tandem_a, "check_in", date(2026, 4, 2))
        # A milestone is no contact with the coordinator.
        self._moment(self.tandem_a, "milestone", date(2026, 4, 20))
        self.assertEqual(self.tandem_a.last_contact_date, date(2026, 4, 2))
        self.assertEqual(self.tandem_a.next_checkin_date, date(2026, 5, 2))
        self.program_a.contact_interval_days = 14
        self.assertEqual(self.tandem_a.next_checkin_date, date(2026, 4, 16))

    def test_no_checkin_outside_contact_phases(self):
        self._moment(self.tandem_a, "check_in", date(2026, 4, 2))
        self._close(self.tandem_a, date(2026, 4, 1))
        self.assertEqual(self.tandem_a.last_contact_date, date(2026, 4, 2))
        self.assertFalse(self.tandem_a.next_checkin_date)

    @freeze_time("2026-05-12")
    def test_days_since_last_contact(self):
        self._moment(self.tandem_a, "check_in", date(2026, 5, 2))
        self.assertEqual(self.tandem_a.days_since_last_contact, 10)

    def test_conflict_stays_open_until_a_later_key_moment(self):
        self._moment(self.tandem_a, "check_in", date(2026, 4, 2))
        self.assertFalse(self.tandem_a.has_open_conflict)
        conflict = self._moment(self.tandem_a, "conflict", date(2026, 4, 10))
        self.assertTrue(self.tandem_a.has_open_conflict)
        # A key moment on the same day is not a follow-up.
        self._moment(self.tandem_a, "check_in", date(2026, 4, 10))
        self.assertTrue(self.tandem_a.has_open_conflict)
        self._moment(self.tandem_a, "check_in", date(2026, 4, 11))
        self.assertFalse(self.tandem_a.has_open_conflict)
        conflict.date = date(2026, 4, 12)
        self.assertTrue(self.tandem_a.has_open_conflict)
        found = self.env["mentoring.tandem"].search([("has_open_conflict", "=", True)])
        self.assertIn(self.tandem_a, found)

    def test_board_shows_every_stage_even_when_empty(self):
        groups = self.env["mentoring.tandem"].read_group(
            [("program_id", "=", self.program_a.id)], ["stage_id"], ["stage_id"]
        )
        shown = [group["stage_id"][0] for group in groups]
        for stage in self.stages.values():
            self.assertIn(stage.id, shown)

    def test_mentor_and_mentee_must_be_two_people(self):
        same_person_mentee = self.env["mentoring.mentee"].create(
            {"partner_id": self.mentor_a.partner_id.id, "program_id": self.program_a.id}
        )
        count = self.env["mentoring.tandem"].search_count([])
        with self.assertRefused("cannot be mentor and mentee"):
            self._tandem(
                self.program_a, self.mentor_a, same_person_mentee, self.coordinator_a
            )
        self.assertEqual(self.env["mentoring.tandem"].search_count([]), count)

    def test_end_before_start_is_refused(self):
        with self.assertRefused("cannot end"):
            self.tandem_a.write({"date_ended": date(2026, 3, 1)})
        self.assertFalse(self.tandem_a.date_ended)

    def test_planned_end_before_start_is_refused(self):
        with self.assertRefused("planned end"):
            self.tandem_a.write({"date_planned_end": date(2026, 2, 1)})

    def test_tandem_without_programme_is_refused(self):
        count = self.env["mentoring.tandem"].search_count([])
        with self.assertRefused("needs a programme"):
            self.env["mentoring.tandem"].create({"mentor_id": self.mentor_a.id})
        with self.assertRefused("needs a programme"):
            self.tandem_a.write({"program_id": False})
        self.assertEqual(self.env["mentoring.tandem"].search_count([]), count)
        self.assertEqual(self.tandem_a.program_id, self.program_a)

    def test_profiles_must_belong_to_the_tandem_programme(self):
        with self.assertRefused("belongs to the programme"):
            self.tandem_a.mentor_id = self.mentor_b

    def test_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["qualitaetsmentor"], ["de_DE"], overwrite=True
        )
        german = self.env(context=dict(self.env.context, lang="de_DE"))
        with self.assertRefused("Programm"):
            german["mentoring.tandem"].create({"mentor_id": self.mentor_a.id})
        self.assertEqual(
            german.ref("qualitaetsmentor.stage_accompaniment").name, "Begleitung"
        )


class TestTandemStageHistory(MentoringCase):
    """Entering a phase: its dates come with the stage, the time spent in
    each stage is kept by Odoo's duration tracking."""

    def test_phase_dates_set_with_the_stage(self):
        with freeze_time("2026-04-01"):
            tandem = self._new_pair("Hanna Historie", "Hugo Historie", "preparation")
        self.assertEqual(tandem.date_phase_entered, date(2026, 4, 1))
        self.assertFalse(tandem.date_matched)
        with freeze_time("2026-04-20"):
            tandem.stage_id = self.stages["matching"]
        self.assertEqual(tandem.date_phase_entered, date(2026, 4, 20))
        self.assertEqual(tandem.date_matched, date(2026, 4, 20))
        # Another stage of the same phase keeps the day the phase began; a
        # day given with the stage (a tandem taken over from paper) wins.
        second = self.stages["matching"].copy({"name": "Kennenlernen"})
        with freeze_time("2026-04-25"):
            tandem.stage_id = second
        self.assertEqual(tandem.date_phase_entered, date(2026, 4, 20))
        with freeze_time("2026-04-26"):
            tandem.write(
                {
                    "stage_id": self.stages["preparation"].id,
                    "date_phase_entered": date(2026, 1, 5),
                }
            )
        self.assertEqual(tandem.date_phase_entered, date(2026, 1, 5))

    def test_time_in_each_stage_is_tracked(self):
        self._close(self.tandem_a)
        self.env.cr.precommit.run()
        durations = self.tandem_a.duration_tracking
        # The form's status bar shows the time spent in each stage it was in.
        self.assertIn(str(self.stages["accompaniment"].id), durations)
        self.assertIn(str(self.stages["closure"].id), durations)
