from datetime import date, timedelta

from .common import MentoringCase


class TestPrivacyConstraints(MentoringCase):
    """Bad input is refused with a message that says what is wrong, and
    nothing of it is saved."""

    def _tomorrow(self):
        return self.env.company._mentoring_today() + timedelta(days=1)

    def test_consent_dates(self):
        given = self.mentor_a.consent_date
        with self.assertRefused("in the future"):
            self.mentor_a.consent_date = self._tomorrow()
        self.assertEqual(self.mentor_a.consent_date, given)
        self.mentor_a.consent_date = date(2026, 3, 1)
        with self.assertRefused(
            "cannot withdraw the consent (02/01/2026) before giving it (03/01/2026)"
        ):
            self.mentor_a.consent_withdrawn_date = date(2026, 2, 1)
        self.assertFalse(self.mentor_a.consent_withdrawn_date)
        self.assertFalse(
            self.mentor_a.message_ids.filtered(
                lambda m: "Consent withdrawn" in (m.body or "")
            ),
            "a refused withdrawal leaves no note",
        )

    def test_a_minor_does_not_consent_alone(self):
        self.assertEqual(self.mentee_a.age_group, "child")
        self.assertEqual(self.mentee_a.consent_given_by, "guardian")
        with self.assertRefused("is under 18"):
            self.mentee_a.consent_given_by = "mentee"
        self.assertEqual(self.mentee_a.consent_given_by, "guardian")
        adult = self.env["mentoring.mentee"].create(
            {
                "name": "Ada Erwachsen",
                "program_id": self.program_a.id,
                "birth_year": 1990,
            }
        )
        self.assertEqual(adult.consent_given_by, "mentee")

    def test_guardian_is_another_person(self):
        with self.assertRefused("cannot be their own guardian"):
            self.mentee_a.guardian_id = self.mentee_a.partner_id
        self.assertFalse(self.mentee_a.guardian_id)

    def test_police_clearance_not_in_the_future(self):
        inspected = self.mentor_a.police_clearance_date
        with self.assertRefused("in the future"):
            self.mentor_a.police_clearance_date = self._tomorrow()
        self.assertEqual(self.mentor_a.police_clearance_date, inspected)

    def test_retention_settings(self):
        with self.assertRefused("Document the reason"):
            self.program_a.retention_months = 12
        self.assertEqual(self.program_a.retention_months, 0)
        self.program_a.write(
            {"retention_months": 12, "retention_reason": "Follow-up talks"}
        )
        with self.assertRefused("between 0 and 120 months"):
            self.program_a.retention_months = -1
        with self.assertRefused("at most 3 months"):
            self.program_a.police_clearance_retention_months = 4
        self.assertEqual(self.program_a.police_clearance_retention_months, 3)
        with self.assertRefused("Document the reason"):
            self.env["mentoring.program"].create(
                {"name": "Ohne Grund", "retention_months": 6}
            )
        self.assertFalse(
            self.env["mentoring.program"].search([("name", "=", "Ohne Grund")])
        )
