from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .test_german import GermanCase

GEOCODER = "odoo.addons.base_geolocalize.models.base_geocoder.GeoCoder.geo_find"


class TestMatchingCriteria(GermanCase):
    """Issue 14, items 1–4: the structured criteria of both profiles, their
    location and the preferences, with German refusals."""

    def _refusal(self, record, values):
        """The German message of the ValidationError ``values`` raise on
        ``record`` when the German coordinator writes them; nothing saved."""
        german = record.with_user(self.german_coordinator).with_context(lang="de_DE")
        before = german.read(list(values))[0]
        with self.assertRaises(ValidationError) as refusal:
            with self.env.cr.savepoint():
                german.write(values)
        self.assertEqual(german.read(list(values))[0], before)
        return str(refusal.exception)

    def test_mentor_preferences_are_checked(self):
        self.assertIn(
            "Reisebereitschaft",
            self._refusal(self.mentor_a, {"max_distance_km": -1}),
        )
        self.assertIn(
            "mindestens ein Tandem", self._refusal(self.mentor_a, {"capacity": 0})
        )
        self.assertIn(
            "nicht negativ", self._refusal(self.mentor_a, {"preferred_age_min": -2})
        )
        message = self._refusal(
            self.mentor_a, {"preferred_age_min": 14, "preferred_age_max": 10}
        )
        self.assertIn("14", message)
        self.assertIn("10", message)
        self.assertIn("Martina Mentorin", message)
        # 0 means "any", and an open end is fine
        self.mentor_a.write(
            {
                "preferred_age_min": 10,
                "preferred_age_max": 0,
                "max_distance_km": 0,
                "capacity": 3,
            }
        )
        self.mentor_a.preferred_age_max = 10
        self.assertEqual(self.mentor_a.capacity, 3)

    def test_programme_weights_are_not_negative(self):
        program = self.program_a.with_context(lang="de_DE")
        with self.assertRaises(ValidationError) as refusal:
            with self.env.cr.savepoint():
                program.match_weight_language = -5
        self.assertIn("Gewicht", str(refusal.exception))
        self.assertIn("Gemeinsame Sprachen", str(refusal.exception))
        program.match_weight_language = 0
        self.assertEqual(program.match_weight_language, 0)

    def test_address_and_coordinates_are_the_contact_s(self):
        mentee = self.env["mentoring.mentee"].create(
            {
                "name": "Paula Platz",
                "program_id": self.program_a.id,
                "street": "Große Bergstraße 160",
                "zip": "22767",
                "city": "Hamburg",
                "partner_latitude": 53.551,
                "partner_longitude": 9.942,
            }
        )
        partner = mentee.partner_id
        self.assertEqual(partner.street, "Große Bergstraße 160")
        self.assertEqual(
            (partner.partner_latitude, partner.partner_longitude), (53.551, 9.942)
        )
        # address and coordinates entered together stay together (the
        # contact resets its coordinates when only the address changes)
        mentee.with_user(self.coordinator_a).write(
            {"street": "Holstenstraße 40", "partner_latitude": 53.555}
        )
        self.assertEqual(partner.street, "Holstenstraße 40")
        self.assertEqual(partner.partner_latitude, 53.555)

    def test_coordinates_outside_their_range_are_refused(self):
        self.mentor_a.write({"partner_latitude": 53.55, "partner_longitude": 9.94})
        # On the profile, where the coordinator enters them: German, naming
        # the person and the value; nothing saved.
        message = self._refusal(self.mentor_a, {"partner_latitude": 123})
        self.assertIn("Breitengrad", message)
        self.assertIn("Martina Mentorin", message)
        self.assertIn("123", message)
        self.assertIn("-90 und 90", message)
        message = self._refusal(self.mentor_a, {"partner_longitude": -180.5})
        self.assertIn("Längengrad", message)
        self.assertIn("-180 und 180", message)
        # A new profile alike.
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["mentoring.mentee"].create(
                {
                    "name": "Paula Platz",
                    "program_id": self.program_a.id,
                    "partner_latitude": -90.01,
                    "partner_longitude": 9.9,
                }
            )
        # On the contact itself.
        partner = self.mentor_a.partner_id
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            partner.partner_latitude = 123
        self.assertEqual(partner.partner_latitude, 53.55)
        # The edges of the ranges are coordinates.
        self.mentor_a.write({"partner_latitude": -90, "partner_longitude": 180})
        self.assertEqual(
            (partner.partner_latitude, partner.partner_longitude), (-90, 180)
        )

    def test_geolocate_writes_the_coordinates(self):
        self.mentor_a.write({"street": "Max-Brauer-Allee 24", "city": "Hamburg"})
        with patch(GEOCODER, return_value=(53.5526, 9.9356)) as geo_find:
            self.mentor_a.with_user(self.coordinator_a).action_geolocate()
        self.assertIn("Max-Brauer-Allee 24", geo_find.call_args.args[0])
        partner = self.mentor_a.partner_id
        self.assertEqual(
            (partner.partner_latitude, partner.partner_longitude), (53.5526, 9.9356)
        )
        self.assertTrue(partner.date_localization)

    def test_geolocate_without_geocoder_says_so_in_german(self):
        self.mentor_a.write(
            {
                "street": "Max-Brauer-Allee 24",
                "city": "Hamburg",
                "partner_latitude": 53.1,
                "partner_longitude": 9.1,
            }
        )
        mentor = self.mentor_a.with_user(self.german_coordinator).with_context(
            lang="de_DE"
        )
        offline = UserError("Error with geolocation server: connection refused")
        with (
            patch(GEOCODER, side_effect=offline),
            self.assertRaises(UserError) as error,
        ):
            mentor.action_geolocate()
        self.assertIn("Geokodierungsdienst", str(error.exception))
        self.assertIn("von Hand", str(error.exception))
        with patch(GEOCODER, return_value=None), self.assertRaises(UserError) as error:
            mentor.action_geolocate()
        self.assertIn("Kein Ort", str(error.exception))
        # nothing changed
        partner = self.mentor_a.partner_id
        self.assertEqual(
            (partner.partner_latitude, partner.partner_longitude), (53.1, 9.1)
        )
        self.assertFalse(partner.date_localization)
        self.mentor_a.write({"street": False, "zip": False, "city": False})
        with self.assertRaises(UserError) as error:
            mentor.action_geolocate()
        self.assertIn("keine Adresse", str(error.exception))

    def test_who_reads_the_preferences(self):
        self.mentor_a.write(
            {
                "language_ids": [
                    Command.link(self.env.ref("qualitaetsmentor.language_ar").id)
                ],
                "preferred_age_min": 8,
                "gender": "female",
                "partner_latitude": 53.5,
            }
        )
        names = [
            "language_ids",
            "interest_ids",
            "availability_ids",
            "availability_note",
            "max_distance_km",
            "capacity",
            "preferred_age_min",
            "preferred_age_max",
            "gender",
            "street",
            "partner_latitude",
        ]
        values = self.mentor_a.with_user(self.coordinator_a).read(names)[0]
        self.assertEqual(values["preferred_age_min"], 8)
        self.assertEqual(values["gender"], "female")
        self.assertEqual(values["partner_latitude"], 53.5)
        self.assertEqual(
            self.mentor_a.with_user(self.admin).read(["gender"])[0]["gender"], "female"
        )
        self.mentee_a.with_user(self.coordinator_a).read(["mentor_gender_wish"])
        # the coordinator of another programme and a read-only user do not
        viewer = self._viewer(self.program_a, "qm_viewer_criteria", "Vera Vorstand")
        for user in (self.coordinator_b, viewer):
            for profile, fields in (
                (self.mentor_a, names),
                (self.mentee_a, ["mentor_gender_wish", "language_ids"]),
            ):
                with self.subTest(user=user.login, model=profile._name):
                    with self.assertRaises(AccessError):
                        profile.with_user(user).read(fields)

    def test_availability_grid_in_german(self):
        grid = self._german("mentoring.availability.slot").get_availability_grid()
        self.assertEqual(
            [weekday[2] for weekday in grid["weekdays"]],
            ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
        )
        self.assertEqual(
            [part[1] for part in grid["parts"]], ["vormittags", "nachmittags", "abends"]
        )
        self.assertEqual(len(grid["slots"]), 21)
        tuesday = self.env.ref("qualitaetsmentor.availability_tue_afternoon")
        self.assertEqual(
            tuesday.with_context(lang="de_DE").display_name, "Dienstag nachmittags"
        )

    def test_languages_in_german(self):
        language = self.env.ref("qualitaetsmentor.language_ar").with_context(
            lang="de_DE"
        )
        self.assertEqual(language.name, "Arabisch")
        self.assertEqual(language.code, "ar")
