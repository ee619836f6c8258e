"""Contacts: the contact of a mentor, mentee or guardian is read only by who
may read the profile (coordinators of the programme, administrators of its
company), through every door of Odoo's Contacts app; everything else of Odoo
keeps working for them."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user

from .common import MentoringCase


class TestContacts(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guardian_a = cls.env["res.partner"].create(
            {"name": "Gisela Großmutter", "email": "gisela@example.org"}
        )
        cls.mentee_a.guardian_id = cls.guardian_a
        cls.mentor_a.partner_id.write(
            {"email": "martina@example.org", "city": "Hamburg"}
        )
        cls.people_a = (
            cls.mentor_a.partner_id | cls.mentee_a.partner_id | cls.guardian_a
        )
        cls.viewer = cls._viewer(cls.program_a, "qm_contacts_viewer", "Renate Vorstand")
        cls.internal = new_test_user(
            cls.env, login="qm_contacts_internal", groups="base.group_user"
        )
        cls.plain_contact = cls.env["res.partner"].create({"name": "Emil Bäckerei"})
        # Exporting is a right of its own; every role here has it.
        export = cls.env.ref("base.group_allow_export")
        for user in (
            cls.coordinator_a,
            cls.coordinator_b,
            cls.admin,
            cls.viewer,
            cls.internal,
        ):
            user.groups_id = [Command.link(export.id)]

    def _found(self, user, word):
        """The names of the contacts ``user`` finds for ``word`` through
        search, name_search, the mail composer's suggestions and an export."""
        partners = self.env["res.partner"].with_user(user)
        found = set(partners.search([("name", "ilike", word)]).mapped("name"))
        found |= {name for _id, name in partners.name_search(word, limit=100)}
        suggestions = partners.get_mention_suggestions(word, limit=100)
        found |= {partner["name"] for partner in suggestions.get("res.partner", [])}
        rows = partners.search([("email", "ilike", "example.org")]).export_data(
            ["name", "email", "city"]
        )["datas"]
        found |= {row[0] for row in rows if word in row[0]}
        return found

    def test_who_finds_the_people_of_a_programme(self):
        people = {"Martina Mentorin", "Gisela Großmutter"}
        for user, expected in (
            (self.coordinator_a, people),
            (self.admin, people),
            (self.coordinator_b, set()),
            (self.viewer, set()),
            (self.internal, set()),
        ):
            with self.subTest(user=user.login):
                found = self._found(user, "Martina Mentorin") | self._found(
                    user, "Gisela Großmutter"
                )
                self.assertEqual(found, expected)

    def test_reading_a_person_by_id_is_refused(self):
        for user in (self.coordinator_b, self.viewer, self.internal):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.people_a.with_user(user).read(["name", "email", "city"])
                with self.assertRaises(AccessError):
                    self.guardian_a.with_user(user).write({"city": "Kiel"})

    def test_a_person_stays_protected_when_her_link_goes(self):
        # Another guardian takes the place, and a mentor profile is deleted:
        # the contacts they leave stay the programme's, not everyone's.
        new_guardian = self.env["res.partner"].create({"name": "Gerd Großvater"})
        self.mentee_a.guardian_id = new_guardian
        mentor_partner = self.mentor_a.partner_id
        self.mentor_a.tandem_ids.unlink()
        self.mentor_a.unlink()
        for partner in (self.guardian_a, mentor_partner):
            for user in (self.coordinator_b, self.viewer, self.internal):
                with self.subTest(partner=partner.name, user=user.login):
                    with self.assertRaises(AccessError):
                        partner.with_user(user).read(["name"])
            for user in (self.coordinator_a, self.admin):
                with self.subTest(partner=partner.name, user=user.login):
                    self.assertEqual(
                        partner.with_user(user).read(["name"])[0]["name"],
                        partner.name,
                    )
        # Moving a profile to another programme is no such letting go: the
        # contact follows her profile.
        self.mentee_a.program_id = self.program_b
        with self.assertRaises(AccessError):
            new_guardian.with_user(self.coordinator_a).read(["name"])
        self.assertEqual(
            new_guardian.with_user(self.coordinator_b).read(["name"])[0]["name"],
            "Gerd Großvater",
        )

    def test_other_contacts_stay_as_odoo_has_them(self):
        # A contact who is nobody's mentor, mentee or guardian, and the
        # contacts of colleagues, are found by everyone, as before.
        for user in (self.viewer, self.internal, self.coordinator_b):
            with self.subTest(user=user.login):
                partners = self.env["res.partner"].with_user(user)
                self.assertEqual(
                    partners.search([("name", "=", "Emil Bäckerei")]),
                    self.plain_contact,
                )
                self.assertIn(
                    self.coordinator_a.partner_id,
                    partners.search([("name", "=", "Anna Koordinatorin")]),
                )

    def test_access_follows_the_programme(self):
        partners = self.env["res.partner"].with_user(self.coordinator_b)
        mentor_partner = self.mentor_a.partner_id
        self.assertFalse(partners.search([("id", "=", mentor_partner.id)]))
        # The mentor moves to programme B: its coordinator reads her now,
        # the coordinator of A no longer does.
        self.mentor_a.program_id = self.program_b
        self.assertEqual(
            partners.search([("id", "=", mentor_partner.id)]), mentor_partner
        )
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.coordinator_a)
            .search([("id", "=", mentor_partner.id)])
        )
        # Leaving programme B's coordinators ends it too.
        self._free_to_leave(self.coordinator_b, self.program_b)
        self.program_b.coordinator_ids = [Command.unlink(self.coordinator_b.id)]
        self.assertFalse(partners.search([("id", "=", mentor_partner.id)]))

    def test_administrators_only_in_their_company(self):
        other = self.env["res.company"].create({"name": "Anderer Träger"})
        admin_other = self._user(
            "qm_contacts_admin_other",
            "Olga Anderswo",
            "admin",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        self.assertFalse(
            self.env["res.partner"]
            .with_user(admin_other)
            .search([("id", "in", self.people_a.ids)])
        )

    def test_a_colleague_who_mentors_stays_a_colleague(self):
        # An employee who is also a mentor: her contact is a user's contact
        # and stays readable to everyone, as Odoo needs it (chatter, mentions).
        self.mentor_a.partner_id = self.coordinator_b.partner_id
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.internal)
            .search([("id", "=", self.coordinator_b.partner_id.id)]),
            self.coordinator_b.partner_id,
        )

    def test_coordinator_writes_to_the_mentor_with_odoo_s_composer(self):
        # Odoo's own tools keep working for who may read the person: the
        # mentor is suggested as a recipient and receives the e-mail.
        env = self.env(user=self.coordinator_a)
        suggestions = env["res.partner"].get_mention_suggestions("Martina")
        self.assertIn(
            self.mentor_a.partner_id.id,
            [partner["id"] for partner in suggestions["res.partner"]],
        )
        composer = (
            env["mail.compose.message"]
            .with_context(
                default_model="mentoring.tandem",
                default_res_ids=self.tandem_a.ids,
                default_composition_mode="comment",
            )
            .create(
                {
                    "body": "<p>Treffen am Montag?</p>",
                    "partner_ids": [Command.set(self.mentor_a.partner_id.ids)],
                }
            )
        )
        composer._action_send_mail()
        message = self.tandem_a.message_ids[0]
        self.assertEqual(message.partner_ids, self.mentor_a.partner_id)
        self.assertIn("Treffen am Montag?", message.body)

    def test_importing_a_person_known_in_another_programme(self):
        # Coordinator B imports a new mentor who is already the guardian of
        # a mentee of programme A: one person stays one contact (issue 11,
        # case 11); she reads the contact of her new mentor from then on,
        # and still nothing of programme A.
        wizard = (
            self.env["base_import.import"]
            .with_user(self.coordinator_b)
            .create(
                {
                    "res_model": "mentoring.mentor",
                    "file": b"name,email,program_id,status\n"
                    b"Gisela Gro\xc3\x9fmutter,gisela@example.org,"
                    + self.program_b.name.encode()
                    + b",applicant\n",
                    "file_type": "text/csv",
                    "file_name": "mentoren.csv",
                }
            )
        )
        result = wizard.execute_import(
            ["name", "email", "program_id", "status"],
            ["name", "email", "program_id", "status"],
            {
                "has_headers": True,
                "quoting": '"',
                "separator": ",",
                "encoding": "utf-8",
            },
        )
        self.assertFalse(result["messages"])
        mentor = self.env["mentoring.mentor"].browse(result["ids"])
        self.assertEqual(mentor.partner_id, self.guardian_a)
        partners = self.env["res.partner"].with_user(self.coordinator_b)
        self.assertEqual(
            partners.search([("email", "=", "gisela@example.org")]), self.guardian_a
        )
        self.assertFalse(partners.search([("id", "=", self.mentee_a.partner_id.id)]))
