import base64
import json
from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError

from .common import MentoringCase
from .survey_common import SurveyAnswers


class TestPersonalDataExport(SurveyAnswers, MentoringCase):
    """Art. 15 DSGVO: one file with everything about one person, and nothing
    about anybody else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentor_a.write(
            {
                "email": "martina@example.org",
                "phone": "040 123456",
                "interest_ids": [
                    Command.create({"name": "Lesen"}),
                    Command.create({"name": "Radfahren"}),
                ],
                "language_ids": [
                    Command.link(cls.env.ref("qualitaetsmentor.language_ar").id)
                ],
                "availability_ids": [
                    Command.link(
                        cls.env.ref("qualitaetsmentor.availability_tue_afternoon").id
                    )
                ],
                "availability_note": "Jeden zweiten Samstag",
                "max_distance_km": 7,
                "capacity": 2,
                "preferred_age_min": 8,
                "preferred_age_max": 12,
                "gender": "female",
                "consent_date": date(2026, 1, 10),
                "consent_scope": "Kontakt- und Matchingdaten",
                "police_clearance_date": date(2026, 1, 20),
                "notes": "<p>Martina passt gut zu Emil, sagt Anna Koordinatorin.</p>",
            }
        )
        cls.mentor_a.partner_id.write(
            {
                "street": "Lesestraße 1",
                "partner_latitude": 53.5511,
                "partner_longitude": 9.9937,
            }
        )
        cls.guardian = cls.env["res.partner"].create(
            {"name": "Gundula Mentee", "email": "gundula@example.org"}
        )
        cls.mentee_a.write(
            {
                "guardian_id": cls.guardian.id,
                "needs": "Leseförderung wegen Legasthenie",
                "goals": "Liest allein",
            }
        )
        cls.tandem_a.description = "<p>Emil und Martina treffen sich dienstags.</p>"
        cls.moments = cls._moments(
            cls.tandem_a,
            (
                (
                    "getting_to_know",
                    date(2026, 3, 8),
                    "Kennenlernen: Emil Mentee war schüchtern",
                    False,
                ),
                ("conflict", date(2026, 4, 1), "Streit mit Gundula Mentee", True),
            ),
            notes="<p>Emil hat vorgelesen.</p>",
        )
        cls.tandem_a.message_post(
            body="Nachricht von Martina", author_id=cls.mentor_a.partner_id.id
        )
        cls.mentor_a.message_post(body="Martina hat die Schulung besucht.")
        # what belongs to others: the other programme, another mentor
        cls.mentor_b.write(
            {"email": "markus@example.org", "notes": "<p>Markus privat</p>"}
        )
        cls.env.cr.precommit.run()

    def _export(self, profile, user=None):
        action = profile.with_user(user or self.admin).action_export_personal_data()
        export = self.env[action["res_model"]].browse(action["res_id"])
        self.assertTrue(export.file_name.endswith(".json"))
        return json.loads(base64.b64decode(export.data_file)), export

    @staticmethod
    def _ids(entries):
        """The ids of the exported ``entries``, in their order."""
        return [entry["id"] for entry in entries]

    def test_export_holds_every_record_about_the_person(self):
        expected = self.env["mail.message"].search(
            [
                "|",
                "|",
                "&",
                ("model", "=", "mentoring.mentor"),
                ("res_id", "=", self.mentor_a.id),
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "=", self.mentor_a.partner_id.id),
                "&",
                ("model", "=", "mentoring.tandem"),
                ("res_id", "=", self.tandem_a.id),
            ]
        )
        data, _export = self._export(self.mentor_a)
        self.assertEqual(data["contact"]["email"], "martina@example.org")
        self.assertEqual(data["contact"]["street"], "Lesestraße 1")
        self.assertEqual(self._ids(data["profiles"]), self.mentor_a.ids)
        profile = data["profiles"][0]
        self.assertEqual(profile["police_clearance_date"], "2026-01-20")
        self.assertEqual(profile["consent_scope"], "Kontakt- und Matchingdaten")
        # the matching criteria (issue 14), tags by their names
        self.assertEqual(sorted(profile["interest_ids"]), ["Lesen", "Radfahren"])
        self.assertEqual(profile["language_ids"], ["Arabic"])
        self.assertEqual(profile["availability_ids"], ["Tuesday Afternoon"])
        self.assertEqual(profile["availability_note"], "Jeden zweiten Samstag")
        self.assertEqual(profile["max_distance_km"], 7)
        self.assertEqual(profile["capacity"], 2)
        self.assertEqual(
            (profile["preferred_age_min"], profile["preferred_age_max"]), (8, 12)
        )
        self.assertEqual(profile["gender"], "Female")
        self.assertEqual(data["contact"]["partner_latitude"], 53.5511)
        self.assertEqual(data["contact"]["partner_longitude"], 9.9937)
        self.assertEqual(self._ids(data["tandems"]), self.tandem_a.ids)
        tandem = data["tandems"][0]
        self.assertEqual(tandem["role"], "mentor")
        self.assertEqual(tandem["other_side"], "mentee")
        self.assertEqual(tandem["stage_id"], "Accompaniment")
        self.assertEqual(tandem["date_started"], "2026-03-08")
        self.assertEqual(
            set(self._ids(tandem["key_moments"])), set(self.tandem_a.key_moment_ids.ids)
        )
        self.assertTrue(set(self.moments.ids) <= set(self.tandem_a.key_moment_ids.ids))
        # every message on her profile, her contact and her tandem
        exported = set(self._ids(data["messages"] + tandem["messages"]))
        self.assertGreaterEqual(len(expected), 5)
        self.assertEqual(exported, set(expected.ids))
        mine = [message for message in tandem["messages"] if message["author"] == "you"]
        self.assertEqual(
            [message["text"] for message in mine], ["Nachricht von Martina"]
        )

    def test_export_holds_her_portal_access_and_reports(self):
        """Issue 15, item 11: her portal user and the meetings she reported,
        with her own name left as it is."""
        user = self.env["res.users"].create(
            {
                "login": "martina.portal",
                "partner_id": self.mentor_a.partner_id.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        report = self.env["mentoring.key.moment"].create(
            {
                "tandem_id": self.tandem_a.id,
                "type_id": self.env.ref(
                    "qualitaetsmentor.key_moment_type_mentor_report"
                ).id,
                "source": "portal",
                "author_id": user.id,
                "date": date(2026, 4, 10),
                "summary": "Martina Mentorin las mit ihm",
                "duration_minutes": 45,
                "mentor_rating": "5",
            }
        )
        data, _export = self._export(self.mentor_a)
        self.assertEqual(
            [(access["login"], access["active"]) for access in data["portal_access"]],
            [("martina.portal", True)],
        )
        moments = {m["id"]: m for m in data["tandems"][0]["key_moments"]}
        self.assertEqual(moments[report.id]["duration_minutes"], 45)
        self.assertEqual(moments[report.id]["summary"], "Martina Mentorin las mit ihm")

    def test_export_holds_nothing_about_anybody_else(self):
        data, _export = self._export(self.mentor_a)
        text = json.dumps(data, ensure_ascii=False)
        for other in (
            "Emil",
            "Gundula",
            "gundula@example.org",
            "Legasthenie",
            "Liest allein",
            "Anna",
            "Koordinatorin",
            "Petra Administratorin",
            "Markus",
            "markus@example.org",
            "Familienpaten",
            "Elif",
        ):
            with self.subTest(other=other):
                self.assertNotIn(other, text)
        # the other people stand there by role
        tandem = data["tandems"][0]
        self.assertEqual(
            tandem["description"], "[mentee] und Martina treffen sich dienstags."
        )
        summaries = [moment["summary"] for moment in tandem["key_moments"]]
        self.assertIn("Kennenlernen: [mentee] war schüchtern", summaries)
        self.assertIn("Streit mit [guardian]", summaries)
        self.assertIn("Martina passt gut zu [mentee], sagt [organisation].", text)

    def test_mentee_export_names_the_guardian_by_role(self):
        data, _export = self._export(self.mentee_a)
        text = json.dumps(data, ensure_ascii=False)
        self.assertIn("Leseförderung wegen Legasthenie", text)
        self.assertNotIn("Gundula", text)
        self.assertNotIn("Martina", text)
        self.assertEqual(data["tandems"][0]["role"], "mentee")
        changes = [
            change
            for message in data["messages"]
            for change in message["changes"]
            if change["field"] == "Guardian"
        ]
        self.assertEqual(
            changes, [{"field": "Guardian", "old": None, "new": "guardian"}]
        )

    def test_guardian_export_holds_her_portal_access_and_requests(self):
        """Issue 15, item 10: the guardian has no profile of her own; her
        export, from her child's form, holds her contact, her portal access
        and her requests for a talk, and nothing of the child or mentor."""
        self.program_a.portal_families = True
        user = self.env["res.users"].create(
            {
                "login": "gundula.portal",
                "partner_id": self.guardian.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        request = self.tandem_a._portal_family_ask_talk(user)
        action = self.mentee_a.with_user(self.admin).action_export_guardian_data()
        export = self.env[action["res_model"]].browse(action["res_id"])
        self.assertTrue(export.file_name.startswith("personal-data-guardian-"))
        data = json.loads(base64.b64decode(export.data_file))
        self.assertEqual(data["contact"]["email"], "gundula@example.org")
        self.assertEqual(data["profiles"], [])
        self.assertEqual(
            [(access["login"], access["active"]) for access in data["portal_access"]],
            [("gundula.portal", True)],
        )
        self.assertEqual(
            [entry["id"] for entry in data["portal_requests"]], [request.id]
        )
        self.assertEqual(
            [entry["programme"] for entry in data["guardian_of"]], ["Lesepaten Altona"]
        )
        text = json.dumps(data, ensure_ascii=False)
        for other in ("Emil", "Martina", "Legasthenie", "Streit"):
            with self.subTest(other=other):
                self.assertNotIn(other, text)
        self.assertIn(
            "Personal data of the guardian exported", self.mentee_a.message_ids[0].body
        )
        # The child's own export holds nothing of her portal access.
        data, _export = self._export(self.mentee_a)
        self.assertEqual(data["portal_access"], [])
        self.assertEqual(data["portal_requests"], [])
        with self.assertRaises(AccessError):
            self.mentee_a.with_user(self.coordinator_a).action_export_guardian_data()

    def test_every_export_redacts_names_and_their_genitive(self):
        """Art. 15 (4) DSGVO: the names of others go in every export, also in
        the German genitive ("Emils", "Emil's", "Emil’s", "Martina’")."""
        self._moment(
            self.tandem_a,
            "check_in",
            date(2026, 4, 10),
            "Gespräch mit Emils Mutter, Emil’s Buch, Martina’ Rad, Gundulas Rat",
        )
        data, _export = self._export(self.mentor_a)
        summaries = [m["summary"] for m in data["tandems"][0]["key_moments"]]
        self.assertIn(
            "Gespräch mit [mentee] Mutter, [mentee] Buch, Martina’ Rad, [guardian] Rat",
            summaries,
        )
        data, _export = self._export(self.mentee_a)
        summaries = [m["summary"] for m in data["tandems"][0]["key_moments"]]
        self.assertIn(
            "Gespräch mit Emils Mutter, Emil’s Buch, [mentor] Rad, [guardian] Rat",
            summaries,
        )

    def test_guardian_export_redacts_the_mentor_of_her_child(self):
        """The guardian's free text names the people of her child's tandem
        by their role, as the child's export does."""
        survey = self._feedback_survey()
        self._answer(
            survey,
            self.tandem_a,
            self.guardian,
            [2, 2, 2, 2],
            text="Martina war zweimal nicht da, Emils Laune ist schlecht.",
            audience="family",
        )
        action = self.mentee_a.with_user(self.admin).action_export_guardian_data()
        export = self.env[action["res_model"]].browse(action["res_id"])
        data = json.loads(base64.b64decode(export.data_file))
        [answer] = data["survey_answers"]
        self.assertIn(
            "[mentor] war zweimal nicht da, [mentee] Laune ist schlecht.",
            [line["answer"] for line in answer["answers"]],
        )
        text = json.dumps(data, ensure_ascii=False)
        for other in ("Martina", "Emil"):
            with self.subTest(other=other):
                self.assertNotIn(other, text)

    def test_export_holds_her_survey_answers(self):
        """Issue 15, item 11: her feedback answers, with point, score and
        each question and answer; names of others by their role."""
        survey = self._feedback_survey()
        answer = self._answer(
            survey,
            self.tandem_a,
            self.mentor_a.partner_id,
            [4, 4, 5, 3],
            text="Emil liest jetzt gern, Gundula Mentee ist froh.",
        )
        # The family's answer is the mentee's side, not hers.
        self._answer(
            survey,
            self.tandem_a,
            self.guardian,
            [2, 2, 2, 2],
            text="Gundula: alles gut",
            audience="family",
        )
        data, _export = self._export(self.mentor_a)
        [exported] = data["survey_answers"]
        self.assertEqual(exported["id"], answer.id)
        self.assertEqual(exported["tandem"], self.tandem_a.id)
        self.assertEqual(exported["feedback_point"], "After 6 Months")
        self.assertEqual(exported["answered_by"], "you")
        self.assertEqual(exported["score"], 4.0)
        self.assertEqual(
            exported["date"], fields.Datetime.to_string(answer.end_datetime)
        )
        self.assertEqual(
            [(line["question"], line["answer"]) for line in exported["answers"]],
            [
                ("Frage 1", 4),
                ("Frage 2", 4),
                ("Frage 3", 5),
                ("Frage 4", 3),
                (
                    "Was möchten Sie uns sagen?",
                    "[mentee] liest jetzt gern, [guardian] ist froh.",
                ),
            ],
        )

    def test_mentee_export_holds_the_family_answers(self):
        survey = self._feedback_survey()
        self._answer(
            survey,
            self.tandem_a,
            self.guardian,
            [5, 5, 4, 4],
            text="Martina ist toll.",
            point="getting_to_know",
            audience="family",
        )
        self._answer(survey, self.tandem_a, self.mentor_a.partner_id, [1, 1, 1, 1])
        data, _export = self._export(self.mentee_a)
        [exported] = data["survey_answers"]
        self.assertEqual(exported["answered_by"], "guardian")
        self.assertEqual(exported["feedback_point"], "After Getting to Know")
        self.assertEqual(exported["score"], 4.5)
        self.assertEqual(exported["answers"][-1]["answer"], "[mentor] ist toll.")

    def test_export_is_noted_and_only_for_administrators(self):
        _data, export = self._export(self.mentor_a)
        self.assertIn("Personal data exported", self.mentor_a.message_ids[0].body)
        with self.assertRaises(AccessError):
            self.mentor_a.with_user(self.coordinator_a).action_export_personal_data()
        with self.assertRaises(AccessError):
            export.with_user(self.coordinator_a).read(["data_file"])
