from datetime import date

from .common import MentoringCase


class TestProfiles(MentoringCase):
    def test_profile_created_from_a_name_gets_its_contact(self):
        mentor = self.env["mentoring.mentor"].create(
            {
                "name": "Jana Neu",
                "email": "jana@example.org",
                "program_id": self.program_a.id,
            }
        )
        self.assertEqual(mentor.partner_id.name, "Jana Neu")
        self.assertEqual(mentor.partner_id.email, "jana@example.org")
        mentor.name = "Jana Neu-Berg"
        self.assertEqual(mentor.partner_id.name, "Jana Neu-Berg")

    def test_police_clearance_is_valid_for_five_years(self):
        self.mentor_a.police_clearance_date = date(2026, 2, 15)
        self.assertEqual(self.mentor_a.police_clearance_valid_until, date(2031, 2, 15))
        self.mentor_a.police_clearance_date = False
        self.assertFalse(self.mentor_a.police_clearance_valid_until)

    def test_age_group_from_birth_year(self):
        this_year = self.env.company._mentoring_today().year
        self.mentee_a.birth_year = this_year - 8
        self.assertEqual(self.mentee_a.age_group, "child")
        self.mentee_a.birth_year = this_year - 15
        self.assertEqual(self.mentee_a.age_group, "youth")
        self.mentee_a.birth_year = this_year - 20
        self.assertEqual(self.mentee_a.age_group, "young_adult")

    def test_implausible_birth_year_is_refused(self):
        with self.assertRefused("not plausible"):
            self.mentee_a.birth_year = 1850

    def test_default_programme_is_the_coordinators_only_one(self):
        mentor = (
            self.env["mentoring.mentor"]
            .with_user(self.coordinator_a)
            .create({"name": "Kai Neu"})
        )
        self.assertEqual(mentor.program_id, self.program_a)

    def test_tandem_counts(self):
        self.assertEqual(self.mentor_a.tandem_count, 1)
        self.assertEqual(self.mentee_a.tandem_count, 1)
        self.assertEqual(self.program_a.tandem_count, 1)
        self.assertEqual(self.program_a.mentor_count, 1)
        action = self.mentor_a.action_open_tandems()
        self.assertEqual(
            self.env["mentoring.tandem"].search(action["domain"]), self.tandem_a
        )
