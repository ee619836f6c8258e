from datetime import date

from odoo import Command
from odoo.exceptions import AccessError

from .common import MentoringCase

# Strings that identify the people of the ended tandem; none may survive.
PERSONAL = [
    "Zacharias",
    "Quenzel",
    "Yvonne",
    "Quastbeck",
    "Xaverius",
    "zq@example.org",
    "xq@example.org",
    "0171 9988776",
    "Quenzelweg",
    "Dachboden",
    "Zoo-Ausflug",
    "Rollstuhl",
]

# The tables a person's data can reach: the app's own, contacts, chatter,
# files and activities.
SCANNED_TABLES = (
    "res_partner",
    "mail_message",
    "mail_tracking_value",
    "mail_mail",
    "mail_activity",
    "mail_followers",
    "ir_attachment",
)

# The key moments of the ended tandem: type, date, summary, confidential.
MOMENTS_C = (
    ("getting_to_know", date(2025, 1, 15), "Kennenlernen mit Yvonne", False),
    ("check_in", date(2025, 4, 2), "Zoo-Ausflug mit Zacharias", False),
    ("conflict", date(2025, 9, 1), "Streit bei Quastbeck zu Hause", True),
    ("closing", date(2025, 12, 20), "Abschluss: Yvonne zieht um", False),
)


class AnonymizationCase(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only this scenario is in reach: the demo data of the database stays
        # out of the way, as if it had been anonymised long ago.
        ours = [("program_id", "not in", (cls.program_a | cls.program_b).ids)]
        for model in ("mentoring.tandem", "mentoring.mentor", "mentoring.mentee"):
            cls.env[model].with_context(active_test=False).search(ours).write(
                {"date_anonymized": date(2020, 1, 1)}
            )
        cls.program_a.write(
            {
                "retention_months": 6,
                "retention_reason": "Closing talks with the families",
                "police_clearance_retention_months": 3,
            }
        )
        cls.moved = cls.env.ref("qualitaetsmentor.end_reason_moved")
        cls.guardian = cls.env["res.partner"].create(
            {"name": "Xaverius Quastbeck", "email": "xq@example.org"}
        )
        cls.mentor_c = cls.env["mentoring.mentor"].create(
            {
                "name": "Zacharias Quenzel",
                "email": "zq@example.org",
                "phone": "0171 9988776",
                "program_id": cls.program_a.id,
                "status": "active",
                "interest_ids": [Command.create({"name": "Basteln"})],
                "language_ids": [
                    Command.link(cls.env.ref("qualitaetsmentor.language_de").id)
                ],
                "availability_ids": [
                    Command.link(
                        cls.env.ref("qualitaetsmentor.availability_mon_evening").id
                    )
                ],
                "availability_note": "Dachboden-Bastelei montags nach 18 Uhr",
                "max_distance_km": 4,
                "capacity": 2,
                "preferred_age_min": 9,
                "preferred_age_max": 13,
                "gender": "male",
                "interview_date": date(2024, 11, 28),
                "training_date": date(2024, 12, 6),
                "police_clearance_date": date(2024, 12, 10),
                "consent_date": date(2024, 12, 1),
                "consent_scope": "Kontakt- und Matchingdaten",
                "notes": "<p>Zacharias Quenzel wohnt im Quenzelweg 3.</p>",
            }
        )
        cls.mentor_c.partner_id.write(
            {
                "street": "Quenzelweg 3",
                "zip": "22765",
                "partner_latitude": 53.5526,
                "partner_longitude": 9.9356,
            }
        )
        cls.mentee_c = cls.env["mentoring.mentee"].create(
            {
                "name": "Yvonne Quastbeck",
                "program_id": cls.program_a.id,
                "birth_year": 2014,
                "waiting_since": date(2024, 11, 20),
                "needs": "Begleitung mit dem Rollstuhl",
                "goals": "Zoo-Ausflug allein planen",
                "consent_date": date(2024, 12, 3),
            }
        )
        cls.tandem_c = cls._tandem(
            cls.program_a, cls.mentor_c, cls.mentee_c, cls.coordinator_a
        )
        cls.env.cr.precommit.run()
        # a tracked change that names a person
        cls.mentee_c.guardian_id = cls.guardian
        cls.tandem_c.write(
            {
                "date_matched": date(2025, 1, 10),
                "date_started": date(2025, 1, 15),
                "description": "<p>Yvonne und Zacharias: Zoo-Ausflug geplant.</p>",
            }
        )
        cls.moments_c = cls._moments(
            cls.tandem_c,
            MOMENTS_C,
            notes="<p>{summary}: Xaverius Quastbeck war dabei.</p>",
            relationship_quality="4",
        )
        cls.tandem_c.message_post(
            body="Anruf von Xaverius Quastbeck (xq@example.org)",
            subject="Yvonne",
            attachments=[("zeugnis.txt", b"Zeugnis von Yvonne Quastbeck")],
        )
        cls.mentor_c.message_post(body="Zacharias Quenzel hat angerufen.")
        cls.mentor_c.partner_id.message_post(body="Zacharias Quenzel: neue Nummer")
        cls.env["ir.attachment"].create(
            {
                "name": "Quenzel-Bewerbung.txt",
                "raw": b"Bewerbung Zacharias Quenzel",
                "res_model": "mentoring.mentor",
                "res_id": cls.mentor_c.id,
            }
        )
        cls.tandem_c.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Yvonne anrufen",
            note="Rollstuhl klären",
            user_id=cls.coordinator_a.id,
        )
        # The tandem ends at the end of 2025.
        cls.tandem_c.write(
            {
                "stage_id": cls.stages["closure"].id,
                "date_ended": date(2025, 12, 31),
                "end_reason_id": cls.moved.id,
            }
        )
        cls.mentor_c.status = "ended"
        cls.env["mentoring.personal.data.export"].with_user(cls.admin).create(
            {"mentor_id": cls.mentor_c.id}
        )
        cls.env.cr.precommit.run()

    def _plan(self, today):
        plan = self.env["mentoring.anonymization"]._plan(today)
        return {
            kind: {record for record, _reason, _due in items}
            for kind, items in plan.items()
        }

    def _run(self, today, dry_run=False):
        _plan, log = self.env["mentoring.anonymization"]._run(
            dry_run=dry_run, today=today
        )
        self.env.flush_all()
        return log

    def _figures(self):
        """What the funder reports count: tandems per year, phase, end
        reason and programme, key moments per type and month, mentees per
        age group."""
        tandems = self.env["mentoring.tandem"].with_context(active_test=False)
        moments = self.env["mentoring.key.moment"]
        mentees = self.env["mentoring.mentee"].with_context(active_test=False)
        return {
            "matched per year": tandems._read_group(
                [], ["date_matched:year"], ["__count"]
            ),
            "ended per year": tandems._read_group([], ["date_ended:year"], ["__count"]),
            "per phase": tandems._read_group([], ["phase"], ["__count"]),
            "per end reason": tandems._read_group(
                [], ["end_reason_id", "ended_prematurely"], ["__count"]
            ),
            "per programme": tandems._read_group([], ["program_id"], ["__count"]),
            "key moments": moments._read_group(
                [], ["type_id", "date:month"], ["__count"]
            ),
            "contacts": tandems._read_group(
                [], ["last_contact_date:month"], ["__count"]
            ),
            "age groups": mentees._read_group([], ["age_group"], ["__count"]),
            "mentors": self.env["mentoring.mentor"]
            .with_context(active_test=False)
            ._read_group([], ["program_id"], ["__count"]),
        }

    def _personal_strings_in_database(self, strings):
        """Every text, varchar and jsonb column of the tables a person's data
        can reach, searched for each string."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = 'public'
               AND data_type IN ('text', 'character varying', 'jsonb')
               AND (table_name IN %s OR table_name LIKE 'mentoring\\_%%')
            """,
            [SCANNED_TABLES],
        )
        columns = cr.fetchall()
        self.assertGreater(len(columns), 50)
        found = []
        for table, column in columns:
            for string in strings:
                cr.execute(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',  # noqa: S608
                    [f"%{string}%"],
                )
                if cr.fetchone()[0]:
                    found.append(f"{table}.{column}: {string}")
        return found


class TestAnonymization(AnonymizationCase):
    def test_the_scenario_holds_personal_data_before(self):
        # Guards the other tests: the scan finds what is there.
        found = self._personal_strings_in_database(PERSONAL)
        for table in (
            "res_partner",
            "mentoring_mentor",
            "mentoring_mentee",
            "mentoring_tandem",
            "mentoring_key_moment",
            "mail_message",
            "mail_tracking_value",
            "ir_attachment",
            "mail_activity",
        ):
            with self.subTest(table=table):
                self.assertTrue([hit for hit in found if hit.startswith(f"{table}.")])

    def test_nothing_is_due_before_the_retention_period_ends(self):
        plan = self._plan(date(2026, 6, 29))
        self.assertFalse(plan["tandem"])
        self.assertNotIn(self.mentor_c, plan["mentor"])
        self.assertNotIn(self.mentee_c, plan["mentee"])
        # the running tandems of the programme are never listed
        plan = self._plan(date(2030, 1, 1))
        self.assertNotIn(self.tandem_a, plan["tandem"])
        self.assertNotIn(self.mentor_a, plan["mentor"])

    def test_police_clearance_goes_three_months_after_the_last_tandem(self):
        self.assertNotIn(
            self.mentor_c, self._plan(date(2026, 3, 30))["police_clearance"]
        )
        plan = self._plan(date(2026, 3, 31))
        self.assertIn(self.mentor_c, plan["police_clearance"])
        self.assertNotIn(self.mentor_c, plan["mentor"])
        self._run(date(2026, 3, 31))
        self.assertFalse(self.mentor_c.police_clearance_date)
        self.assertFalse(self.mentor_c.police_clearance_valid_until)
        self.assertEqual(self.mentor_c.name, "Zacharias Quenzel", "the rest stays")
        tracked = self.mentor_c.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name.startswith("police_clearance")
        )
        self.assertFalse(tracked, "the chatter forgets the inspection date too")
        self.assertIn(
            "Police-clearance facts removed", self.mentor_c.message_ids[0].body
        )

    def test_a_mentor_who_does_not_start_loses_the_police_clearance_at_once(self):
        applicant = self.env["mentoring.mentor"].create(
            {
                "name": "Quirin Abbruch",
                "program_id": self.program_a.id,
                "police_clearance_date": date(2026, 10, 1),
            }
        )
        self.assertNotIn(applicant, self._plan(date(2026, 10, 2))["mentor"])
        applicant.status = "ended"
        self.assertIn(applicant, self._plan(date(2026, 10, 2))["mentor"])
        self._run(date(2026, 10, 2))
        self.assertFalse(applicant.police_clearance_date)
        self.assertEqual(applicant.name, f"Anonymised mentor {applicant.id}")

    def test_dry_run_changes_nothing_and_is_logged(self):
        before = self._personal_strings_in_database(PERSONAL)
        log = self._run(date(2026, 7, 1), dry_run=True)
        self.assertTrue(log.dry_run)
        self.assertEqual(log.tandem_count, 1)
        self.assertEqual(log.mentor_count, 1)
        self.assertEqual(log.mentee_count, 1)
        self.assertEqual(log.partner_count, 3, "mentor, mentee and guardian")
        self.assertGreater(log.message_count, 3)
        self.assertEqual(log.attachment_count, 2)
        self.assertIn(f"Tandem {self.tandem_c.id} (Lesepaten Altona)", log.details)
        self.assertEqual(self._personal_strings_in_database(PERSONAL), before)
        self.assertEqual(self.mentor_c.name, "Zacharias Quenzel")
        for string in PERSONAL:
            self.assertNotIn(string, log.details)

    def test_anonymization_keeps_the_report_figures(self):
        before = self._figures()
        log = self._run(date(2026, 7, 1))
        self.assertFalse(log.dry_run)
        self.assertEqual(log.tandem_count, 1)
        self.assertEqual(self._figures(), before)
        # what stays on the tandem
        self.assertEqual(self.tandem_c.phase, "closure")
        self.assertEqual(self.tandem_c.date_matched, date(2025, 1, 10))
        self.assertEqual(self.tandem_c.end_reason_id, self.moved)
        self.assertEqual(self.mentee_c.age_group, "child")
        self.assertEqual(
            self.moments_c.mapped("type_id.name"),
            ["Getting-to-know meeting", "Check-in", "Conflict", "Closing talk"],
        )
        self.assertEqual(self.moments_c.mapped("relationship_quality"), ["4"] * 4)
        # the stage history stays in the chatter, nothing else
        stage_changes = self.tandem_c.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "stage_id"
        )
        self.assertEqual(stage_changes.mapped("new_value_char"), ["Closure"])

    def test_no_personal_string_is_left_behind(self):
        self._run(date(2026, 7, 1))
        self.assertEqual(self._personal_strings_in_database(PERSONAL), [])
        # and the chatter, as a coordinator reads it
        for record in (self.tandem_c, self.mentor_c, self.mentee_c):
            for message in record.with_user(self.coordinator_a).message_ids:
                for string in PERSONAL:
                    self.assertNotIn(string, message.body or "")
        self.assertEqual(self.mentor_c.name, f"Anonymised mentor {self.mentor_c.id}")
        self.assertEqual(self.mentee_c.name, f"Anonymised mentee {self.mentee_c.id}")
        mentor, mentee = self.mentor_c.id, self.mentee_c.id
        self.assertEqual(
            self.tandem_c.name,
            f"Anonymised mentor {mentor} & Anonymised mentee {mentee}",
        )
        self.assertEqual(self.guardian.name, f"Anonymised guardian {self.mentee_c.id}")
        self.assertFalse(self.mentor_c.active)
        self.assertEqual(self.tandem_c.date_anonymized, date(2026, 7, 1))
        self.assertFalse(self.env["mentoring.personal.data.export"].search([]))
        self.assertFalse(self.tandem_c.activity_ids)
        # The people of the running tandem are untouched.
        self.assertEqual(self.tandem_a.name, "Martina Mentorin & Emil Mentee")

    def test_the_matching_criteria_and_coordinates_go(self):
        """Issue 14: languages, interests, availability, the preferences and
        the contact's address and coordinates are removed; the shared tags
        themselves stay (they name no one)."""
        self.assertTrue(self.mentor_c.partner_id.partner_latitude)
        self._run(date(2026, 7, 1))
        mentor = self.mentor_c.with_context(active_test=False)
        self.assertFalse(mentor.language_ids)
        self.assertFalse(mentor.interest_ids)
        self.assertFalse(mentor.availability_ids)
        self.assertFalse(mentor.availability_note)
        self.assertEqual(
            (
                mentor.max_distance_km,
                mentor.capacity,
                mentor.preferred_age_min,
                mentor.preferred_age_max,
                mentor.gender,
            ),
            (0, 1, 0, 0, False),
        )
        partner = mentor.partner_id
        self.assertEqual((partner.partner_latitude, partner.partner_longitude), (0, 0))
        self.assertFalse(partner.street)
        self.assertFalse(partner.zip)
        self.assertFalse(partner.date_localization)
        self.assertTrue(
            self.env["mentoring.interest"].search([("name", "=", "Basteln")])
        )

    def test_a_second_run_finds_nothing_new(self):
        self._run(date(2026, 7, 1))
        log = self._run(date(2026, 7, 2))
        self.assertEqual(
            (log.tandem_count, log.mentor_count, log.mentee_count, log.partner_count),
            (0, 0, 0, 0),
        )

    def test_an_anonymised_tandem_takes_no_new_key_moment(self):
        self._run(date(2026, 7, 1))
        with self.assertRefused("was anonymised"):
            self._moment(self.tandem_c, "check_in", date(2026, 7, 1))

    def test_a_contact_used_elsewhere_is_left_alone(self):
        """The mentor is also a user of Odoo: her contact stays as it is,
        the profile moves to a neutral contact."""
        contact = self.mentor_c.partner_id
        self.env["res.users"].create({"login": "zq_user", "partner_id": contact.id})
        self._run(date(2026, 7, 1))
        self.assertEqual(contact.name, "Zacharias Quenzel")
        self.assertNotEqual(self.mentor_c.partner_id, contact)
        self.assertEqual(self.mentor_c.name, f"Anonymised mentor {self.mentor_c.id}")
        self.assertFalse(self.mentor_c.notes)

    def test_a_mentor_on_the_portal_goes_with_her_portal_user(self):
        """Issue 15, item 11: a portal user does not keep the contact; her
        login goes, the user is archived and queued for deletion, and her
        reports are anonymised with the tandem."""
        contact = self.mentor_c.partner_id
        user = self.env["res.users"].create(
            {
                "login": "zq@example.org",
                "partner_id": contact.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        self.env["mentoring.key.moment"].create(
            {
                "tandem_id": self.tandem_c.id,
                "type_id": self.env.ref(
                    "qualitaetsmentor.key_moment_type_mentor_report"
                ).id,
                "source": "portal",
                "author_id": user.id,
                "date": date(2025, 6, 1),
                "summary": "Mit Yvonne im Zoo-Ausflug",
                "duration_minutes": 60,
                "mentor_rating": "4",
            }
        )
        self._run(date(2026, 7, 1))
        self.assertEqual(self.mentor_c.partner_id, contact)
        self.assertEqual(contact.name, f"Anonymised mentor {self.mentor_c.id}")
        self.assertFalse(user.active)
        self.assertTrue(user.login.startswith("__deleted_user_"))
        self.assertTrue(
            self.env["res.users.deletion"].search([("user_id", "=", user.id)])
        )
        self.assertEqual(self._personal_strings_in_database(PERSONAL), [])

    def test_a_guardian_on_the_portal_goes_with_her_portal_user(self):
        """Issue 15, item 10: the family's portal user goes with the
        guardian's contact, as the mentor's does; her request for a talk is
        anonymised with the tandem."""
        user = self.env["res.users"].create(
            {
                "login": "xq@example.org",
                "partner_id": self.guardian.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        self.env["mentoring.key.moment"].create(
            {
                "tandem_id": self.tandem_c.id,
                "type_id": self.env.ref(
                    "qualitaetsmentor.key_moment_type_family_talk"
                ).id,
                "source": "portal",
                "author_id": user.id,
                "date": date(2025, 6, 2),
                "summary": "Xaverius Quastbeck bittet um ein Gespräch",
                "talk_requested": True,
            }
        )
        self._run(date(2026, 7, 1))
        self.assertFalse(user.active)
        self.assertTrue(user.login.startswith("__deleted_user_"))
        self.assertEqual(self._personal_strings_in_database(PERSONAL), [])

    def test_a_guardian_of_another_child_stays(self):
        sibling = self.env["mentoring.mentee"].create(
            {
                "name": "Wanda Quastbeck",
                "program_id": self.program_a.id,
                "birth_year": 2016,
                "guardian_id": self.guardian.id,
            }
        )
        self._run(date(2026, 7, 1))
        self.assertEqual(self.guardian.name, "Xaverius Quastbeck")
        self.assertFalse(self.mentee_c.guardian_id)
        self.assertEqual(sibling.guardian_id, self.guardian)

    def test_a_running_tandem_keeps_the_person(self):
        # The mentee was matched again and is in a running tandem.
        mentor_d = self._mentor(self.program_a, "Dora Neu")
        self._tandem(self.program_a, mentor_d, self.mentee_c, self.coordinator_a)
        plan = self._plan(date(2026, 7, 1))
        self.assertIn(self.tandem_c, plan["tandem"], "the old tandem's notes go")
        self.assertIn(self.mentor_c, plan["mentor"])
        self.assertNotIn(self.mentee_c, plan["mentee"])
        self._run(date(2026, 7, 1))
        self.assertEqual(self.mentee_c.name, "Yvonne Quastbeck")
        self.assertEqual(self.guardian.name, "Xaverius Quastbeck")
        self.assertFalse(self.tandem_c.description)

    def test_a_mentor_waiting_for_a_new_match_stays(self):
        self.mentor_c.status = "ready"
        plan = self._plan(date(2026, 7, 1))
        self.assertIn(self.tandem_c, plan["tandem"])
        self.assertNotIn(self.mentor_c, plan["mentor"])
        self.assertNotIn(self.mentor_c, plan["police_clearance"])

    def test_a_tandem_without_end_date_is_listed_not_anonymised(self):
        self.tandem_c.date_ended = False
        plan = self._plan(date(2030, 1, 1))
        self.assertIn(self.tandem_c, plan["undated"])
        self.assertNotIn(self.tandem_c, plan["tandem"])
        self.assertNotIn(self.mentor_c, plan["mentor"])


class TestAnonymizationPreview(AnonymizationCase):
    def test_daily_run_is_off_until_an_administrator_starts_it(self):
        cron = self.env.ref("qualitaetsmentor.ir_cron_mentoring_anonymization")
        self.assertFalse(cron.active)
        Wizard = self.env["mentoring.anonymization.wizard"].with_user(self.admin)
        action = Wizard._action_open()
        wizard = Wizard.browse(action["res_id"])
        self.assertFalse(wizard.cron_active)
        self.assertTrue(wizard.log_id.dry_run)
        # today, the ended tandem of 2025 is past its six months
        listed = wizard.line_ids.filtered(lambda line: line.kind == "tandem")
        self.assertIn(self.tandem_c, listed.tandem_id)
        self.assertIn(self.mentor_c, wizard.line_ids.mentor_id)
        self.assertEqual(
            self.mentor_c.name, "Zacharias Quenzel", "a preview changes nothing"
        )
        wizard.action_anonymize()
        self.assertTrue(cron.active)
        self.assertEqual(self.mentor_c.name, f"Anonymised mentor {self.mentor_c.id}")
        logs = self.env["mentoring.anonymization.log"].search([], order="id")
        self.assertEqual(logs.mapped("dry_run")[-2:], [True, False])
        self.assertEqual(logs[-1].user_id, self.admin)
        # the daily run is the same method
        self.mentor_a.write({"status": "ended", "active": False})
        self.tandem_a.write({"active": False, "date_ended": date(2026, 4, 30)})
        cron.method_direct_trigger()
        self.assertEqual(self.mentor_a.name, f"Anonymised mentor {self.mentor_a.id}")

    def test_coordinators_cannot_run_it(self):
        with self.assertRaises(AccessError):
            self.env["mentoring.anonymization.wizard"].with_user(
                self.coordinator_a
            ).create({})
        with self.assertRaises(AccessError):
            self.env["mentoring.anonymization.log"].with_user(
                self.coordinator_a
            ).search([])
        self.assertEqual(self.mentor_c.name, "Zacharias Quenzel")


class TestConsentWithdrawal(AnonymizationCase):
    def test_withdrawal_without_running_tandem_anonymises_before_retention_ends(self):
        self.mentee_c.consent_withdrawn_date = date(2026, 1, 20)
        note = self.mentee_c.message_ids[0]
        self.assertIn("Consent withdrawn on 01/20/2026", note.body)
        self.assertIn("next run of the anonymisation", note.body)
        plan = self._plan(date(2026, 1, 21))
        self.assertIn(self.mentee_c, plan["mentee"])
        self.assertIn(self.tandem_c, plan["tandem"], "the ended tandem goes with her")
        self.assertNotIn(self.mentor_c, plan["mentor"], "the mentor's time is not up")
        self._run(date(2026, 1, 21))
        self.assertEqual(self.mentee_c.name, f"Anonymised mentee {self.mentee_c.id}")
        self.assertFalse(self.tandem_c.description)
        self.assertEqual(self.mentor_c.name, "Zacharias Quenzel")

    def test_withdrawal_waits_for_the_running_tandem(self):
        self.mentee_a.with_user(self.coordinator_a).consent_withdrawn_date = date(
            2026, 5, 4
        )
        self.assertIn(
            "once the running tandems have ended", self.mentee_a.message_ids[0].body
        )
        activity = self.tandem_a.activity_ids.filtered(
            lambda activity: activity.summary == "Consent withdrawn"
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.coordinator_a)
        self.assertNotIn("Emil", activity.note)
        self.assertNotIn(self.mentee_a, self._plan(date(2026, 5, 5))["mentee"])
        # the coordinator closes the tandem
        self._close(self.tandem_a, date(2026, 5, 10))
        plan = self._plan(date(2026, 5, 11))
        self.assertIn(self.mentee_a, plan["mentee"])
        self.assertIn(self.tandem_a, plan["tandem"])

    def test_withdrawal_is_tracked_on_the_profile(self):
        self.mentor_c.consent_withdrawn_date = date(2026, 2, 1)
        self.env.cr.precommit.run()
        tracked = self.mentor_c.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "consent_withdrawn_date"
        )
        self.assertTrue(tracked)
        # it stays after the anonymisation, as proof
        self._run(date(2026, 2, 2))
        tracked = self.mentor_c.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "consent_withdrawn_date"
        )
        self.assertTrue(tracked)
        self.assertEqual(self.mentor_c.consent_withdrawn_date, date(2026, 2, 1))
