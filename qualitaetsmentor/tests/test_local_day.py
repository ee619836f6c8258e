from datetime import date

from freezegun import freeze_time

from .common import MentoringCase

# In January Berlin is one hour ahead of UTC: 23:30 UTC is 00:30 of the next
# day there, 00:30 UTC is 01:30 of the same day.
NIGHT_BEFORE = "2026-01-18 23:30:00"  # 2026-01-19 00:30 in Berlin
EARLY_ON_DUE_DAY = "2026-01-19 00:30:00"  # 2026-01-19 01:30 in Berlin
NIGHT_AFTER = "2026-01-19 23:30:00"  # 2026-01-20 00:30 in Berlin


class TestLocalDay(MentoringCase):
    """Every date the server derives from "today" is the organisation's local
    day: the day in the time zone of the company's contact, Europe/Berlin when
    it has none; not the server's UTC day, nor the day of whoever saves.

    These tests set the company's time zone themselves: they hold without
    demo data."""

    def setUp(self):
        super().setUp()
        self.company = self.env.company
        # Matched on 2026-01-05: the first contact is due 14 days later, on
        # 2026-01-19. Created without the stage plan, whose own contact
        # activity would stand in for the reminder.
        self.tandem = (
            self.env["mentoring.tandem"]
            .with_context(mail_activity_automation_skip=True)
            .create(
                {
                    "program_id": self.program_a.id,
                    "mentor_id": self._mentor(self.program_a, "Nora Nacht").id,
                    "mentee_id": self._mentee(self.program_a, "Nils Nacht").id,
                    "coordinator_id": self.coordinator_a.id,
                    "stage_id": self.stages["matching"].id,
                    "date_matched": date(2026, 1, 5),
                    "date_phase_entered": date(2026, 1, 5),
                }
            )
        )
        self.assertEqual(self.tandem.next_checkin_date, date(2026, 1, 19))
        self.contact_type = self.env.ref("qualitaetsmentor.mail_activity_type_contact")

    def _set_tz(self, tz):
        self.company.partner_id.tz = tz

    def _run_cron(self, moment):
        with freeze_time(moment):
            self.env["mentoring.tandem"]._cron_monitor_quality()

    def _contact_reminders(self):
        return self.tandem.activity_ids.filtered(
            lambda a: a.activity_type_id == self.contact_type
        )

    def test_today_is_the_company_day(self):
        for tz in ("Europe/Berlin", False):
            with self.subTest(tz=tz):
                self._set_tz(tz)
                with freeze_time(NIGHT_AFTER):
                    self.assertEqual(self.company._mentoring_today(), date(2026, 1, 20))
                with freeze_time(EARLY_ON_DUE_DAY):
                    self.assertEqual(self.company._mentoring_today(), date(2026, 1, 19))
        self._set_tz("America/New_York")
        with freeze_time(NIGHT_AFTER):
            self.assertEqual(self.company._mentoring_today(), date(2026, 1, 19))

    def test_contact_due_yesterday_is_overdue_after_local_midnight(self):
        for tz in ("Europe/Berlin", False):
            with self.subTest(tz=tz):
                self._set_tz(tz)
                # 01:30 in Berlin on the day the contact is due: not overdue.
                self._run_cron(EARLY_ON_DUE_DAY)
                self.assertFalse(self.tandem.is_contact_overdue)
                self.assertEqual(self.tandem.health, "ok")
                # 00:30 in Berlin on the next day, still the due day in UTC.
                self._run_cron(NIGHT_AFTER)
                self.assertTrue(self.tandem.is_contact_overdue)
                self.assertEqual(self.tandem.health, "attention")

    def test_a_company_in_utc_counts_utc_days(self):
        self._set_tz("UTC")
        self._run_cron(NIGHT_AFTER)
        self.assertFalse(self.tandem.is_contact_overdue)

    def _assert_reminded_7_days_ahead(self, tz):
        self._set_tz(tz)
        # 2026-01-11 01:30 in Berlin: the contact is due in 8 days.
        self._run_cron("2026-01-11 00:30:00")
        self.assertFalse(self._contact_reminders())
        # 2026-01-12 00:30 in Berlin: due in 7 days, the reminder comes.
        self._run_cron("2026-01-11 23:30:00")
        reminder = self._contact_reminders()
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.date_deadline, date(2026, 1, 19))
        self.assertEqual(reminder.user_id, self.coordinator_a)

    def test_contact_reminder_7_local_days_ahead(self):
        self._assert_reminded_7_days_ahead("Europe/Berlin")

    def test_contact_reminder_7_local_days_ahead_without_company_tz(self):
        self._assert_reminded_7_days_ahead(False)

    def test_a_save_in_another_time_zone_flips_nothing(self):
        self._set_tz(False)
        self._run_cron(NIGHT_AFTER)
        self.assertTrue(self.tandem.is_contact_overdue)
        # Still 2026-01-19 in New York: her save recomputes the health with
        # the organisation's day, not hers.
        self.coordinator_a.tz = "America/New_York"
        with freeze_time(NIGHT_AFTER):
            self.tandem.with_user(self.coordinator_a).write(
                {"date_phase_entered": date(2026, 1, 6)}
            )
            self.tandem.flush_recordset()
        self.assertTrue(self.tandem.is_contact_overdue)
        self.assertEqual(self.tandem.health, "attention")

    def test_a_save_a_day_ahead_flips_nothing(self):
        self._set_tz(False)
        # 13:00 in Berlin on the due day: not overdue.
        self._run_cron("2026-01-19 12:00:00")
        self.assertFalse(self.tandem.is_contact_overdue)
        # Already 2026-01-20 in Auckland: her save changes nothing.
        self.coordinator_a.tz = "Pacific/Auckland"
        with freeze_time("2026-01-19 12:00:00"):
            self.tandem.with_user(self.coordinator_a).write(
                {"date_phase_entered": date(2026, 1, 6)}
            )
            self.tandem.flush_recordset()
        self.assertFalse(self.tandem.is_contact_overdue)
        self.assertEqual(self.tandem.health, "ok")

    def test_phase_dates_and_defaults_are_the_local_day(self):
        self._set_tz("Europe/Berlin")
        self.coordinator_a.tz = "America/New_York"
        tandem = self._new_pair("Tara Tag", "Tom Tag", "preparation")
        with freeze_time(NIGHT_AFTER):
            tandem.with_user(self.coordinator_a).stage_id = self.stages["matching"]
            new = (
                self.env["mentoring.tandem"]
                .with_user(self.coordinator_a)
                .create({"program_id": self.program_a.id})
            )
        self.assertEqual(tandem.date_matched, date(2026, 1, 20))
        self.assertEqual(tandem.date_phase_entered, date(2026, 1, 20))
        self.assertEqual(new.date_requested, date(2026, 1, 20))
        self.assertEqual(new.date_phase_entered, date(2026, 1, 20))

    def test_retention_counts_in_each_organisation_s_day(self):
        # The anonymisation runs for every company at once; a tandem's
        # retention ends on its own organisation's day, whichever company
        # the run happens in (here one on UTC, where it is still the 30th).
        self._set_tz("Europe/Berlin")
        self.program_a.write(
            {"retention_months": 12, "retention_reason": "Abschlussgespräche"}
        )
        # Closed on 2026-03-31: its data goes on 2027-03-31.
        tandem = self._new_pair("Rita Rest", "Rolf Rest", "closure")
        elsewhere = self.env["res.company"].create({"name": "Träger in UTC"})
        elsewhere.partner_id.tz = "UTC"
        anonymization = self.env["mentoring.anonymization"].with_company(elsewhere)
        with freeze_time("2027-03-30 22:30:00"):  # 00:30 on the 31st in Berlin
            plan = anonymization._plan()
        self.assertIn(
            (tandem, "retention", date(2027, 3, 31)),
            [(record, reason, due) for record, reason, due in plan["tandem"]],
        )
        with freeze_time("2027-03-30 21:30:00"):  # 23:30 on the 30th in Berlin
            plan = anonymization._plan()
        self.assertNotIn(tandem, [record for record, _r, _d in plan["tandem"]])

    def test_search_filters_count_the_organisation_s_day(self):
        # The board's filters are evaluated on the server with the
        # organisation's day, not with the browser's: a coordinator in New
        # York at 18:30 on the 18th sees what is due on the 19th in Hamburg.
        self._set_tz("Europe/Berlin")
        self.coordinator_a.tz = "America/New_York"
        tandems = self.env["mentoring.tandem"].with_user(self.coordinator_a)
        mentors = self.env["mentoring.mentor"].with_user(self.coordinator_a)
        self.tandem.mentor_id.police_clearance_date = date(2021, 1, 19)
        self.assertEqual(
            self.tandem.mentor_id.police_clearance_valid_until, date(2026, 1, 19)
        )
        for moment, due in (
            ("2026-01-18 22:30:00", False),  # 23:30 on the 18th in Berlin
            (NIGHT_BEFORE, True),  # 00:30 on the 19th in Berlin
        ):
            with self.subTest(moment=moment), freeze_time(moment):
                self.assertEqual(
                    self.tandem in tandems.search([("is_checkin_due", "=", True)]),
                    due,
                )
                self.assertEqual(
                    self.tandem in tandems.search([("is_checkin_due", "=", False)]),
                    not due,
                )
                self.assertEqual(
                    self.tandem.with_user(self.coordinator_a).is_checkin_due, due
                )
                self.tandem.invalidate_recordset(["is_checkin_due"])
        with freeze_time("2026-01-19 22:30:00"):  # 23:30 on the 19th in Berlin
            self.assertNotIn(
                self.tandem.mentor_id,
                mentors.search([("is_clearance_missing", "=", True)]),
            )
        with freeze_time(NIGHT_AFTER):  # 00:30 on the 20th in Berlin
            self.assertIn(
                self.tandem.mentor_id,
                mentors.search([("is_clearance_missing", "=", True)]),
            )
            self.assertIn(
                self.tandem,
                tandems.search([("is_feedback_soon", "=", True)]),
            )
