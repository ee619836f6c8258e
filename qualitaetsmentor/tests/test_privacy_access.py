from datetime import date

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user

from .common import MentoringCase

READ, WRITE, CREATE, UNLINK = "read", "write", "create", "unlink"
ALL = {READ, WRITE, CREATE, UNLINK}

# Who may do what, model by model, inside the programmes a user is added to.
EXPECTED = {
    "readonly": {
        "mentoring.program": {READ},
        "mentoring.stage": {READ},
        "mentoring.tag": {READ},
        "mentoring.key.moment.type": {READ},
        "mentoring.end.reason": {READ},
        "mentoring.mentor": set(),
        "mentoring.mentee": set(),
        "mentoring.tandem": {READ},
        "mentoring.key.moment": {READ},
        "mentoring.anonymization.log": set(),
        "mentoring.anonymization.wizard": set(),
        "mentoring.personal.data.export": set(),
    },
    "coordinator": {
        "mentoring.program": {READ},
        "mentoring.stage": {READ},
        "mentoring.tag": {READ, WRITE, CREATE},
        "mentoring.key.moment.type": {READ},
        "mentoring.end.reason": {READ},
        "mentoring.mentor": {READ, WRITE, CREATE},
        "mentoring.mentee": {READ, WRITE, CREATE},
        "mentoring.tandem": {READ, WRITE, CREATE},
        # Coordinators correct key moments; administrators delete them, with
        # a reason (issue 13, item 1).
        "mentoring.key.moment": {READ, WRITE, CREATE},
        "mentoring.anonymization.log": set(),
        "mentoring.anonymization.wizard": set(),
        "mentoring.personal.data.export": set(),
    },
    "admin": {
        "mentoring.program": ALL,
        "mentoring.stage": ALL,
        "mentoring.tag": ALL,
        "mentoring.key.moment.type": ALL,
        "mentoring.end.reason": ALL,
        "mentoring.mentor": ALL,
        "mentoring.mentee": ALL,
        "mentoring.tandem": ALL,
        "mentoring.key.moment": ALL,
        "mentoring.anonymization.log": {READ},
        "mentoring.anonymization.wizard": ALL,
        "mentoring.personal.data.export": ALL,
    },
}

SENSITIVE_FIELDS = {
    "mentoring.tandem": ["name", "mentor_id", "mentee_id", "description"],
    "mentoring.key.moment": ["summary", "notes", "relationship_quality"],
    "mentoring.mentor": [
        "police_clearance_date",
        "police_clearance_relevant_entry",
        "police_clearance_valid_until",
        "consent_date",
        "consent_scope",
        "consent_withdrawn_date",
        "notes",
        # the matching criteria and preferences (issue 14)
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
        "zip",
        "city",
        "partner_latitude",
        "partner_longitude",
    ],
    "mentoring.mentee": [
        "needs",
        "goals",
        "guardian_id",
        "birth_year",
        "consent_date",
        "consent_given_by",
        "consent_scope",
        "consent_withdrawn_date",
        "notes",
        "language_ids",
        "interest_ids",
        "availability_ids",
        "mentor_gender_wish",
        "street",
        "zip",
        "city",
        "partner_latitude",
        "partner_longitude",
    ],
}


class PrivacyCase(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.readonly = cls._viewer(cls.program_a, "qm_readonly", "Renate Vorstand")
        # A second coordinator of programme A who does not coordinate tandem A.
        cls.coordinator_a2 = cls._coordinator("coord_a2", "Clara Kollegin")
        cls.program_a.coordinator_ids = [Command.link(cls.coordinator_a2.id)]
        cls.moment_a, cls.moment_a_confidential = cls._private_moments(cls.tandem_a)
        cls.moment_b = cls._moment(
            cls.tandem_b, "check_in", date(2026, 4, 2), "Check-in B"
        )
        cls.tag = cls.env["mentoring.tag"].create({"name": "Existing"})
        cls.roles = {
            "readonly": cls.readonly,
            "coordinator": cls.coordinator_a,
            "admin": cls.admin,
        }


class TestAccessMatrix(PrivacyCase):
    """Every role, every model, every operation."""

    def _existing(self, model):
        return {
            "mentoring.program": self.program_a,
            "mentoring.stage": self.stages["matching"],
            "mentoring.tag": self.tag,
            "mentoring.key.moment.type": self.types["check_in"],
            "mentoring.end.reason": self.env.ref("qualitaetsmentor.end_reason_regular"),
            "mentoring.mentor": self.mentor_a,
            "mentoring.mentee": self.mentee_a,
            "mentoring.tandem": self.tandem_a,
            "mentoring.key.moment": self.moment_a,
            "mentoring.anonymization.log": self.env[
                "mentoring.anonymization.log"
            ].create({"details": "Tandem 1"}),
            "mentoring.anonymization.wizard": self.env["mentoring.anonymization.wizard"]
            .with_user(self.admin)
            .create({}),
            "mentoring.personal.data.export": self.env["mentoring.personal.data.export"]
            .with_user(self.admin)
            .create({"mentor_id": self.mentor_a.id}),
        }[model]

    def _new_values(self, model, n):
        return {
            "mentoring.program": {"name": f"Programm {n}"},
            "mentoring.stage": {"name": f"Stage {n}"},
            "mentoring.tag": {"name": f"Tag {n}"},
            "mentoring.key.moment.type": {"name": f"Type {n}"},
            "mentoring.end.reason": {"name": f"Reason {n}"},
            "mentoring.mentor": {
                "name": f"Mentor {n}",
                "program_id": self.program_a.id,
            },
            "mentoring.mentee": {
                "name": f"Mentee {n}",
                "program_id": self.program_a.id,
            },
            "mentoring.tandem": {"program_id": self.program_a.id},
            "mentoring.key.moment": {
                "tandem_id": self.tandem_a.id,
                "type_id": self.types["check_in"].id,
                "date": date(2026, 4, 3),
                "summary": f"Moment {n}",
            },
            "mentoring.anonymization.log": {"details": f"Log {n}"},
            "mentoring.anonymization.wizard": {},
            "mentoring.personal.data.export": {"mentor_id": self.mentor_a.id},
        }[model]

    def _write_values(self, model):
        return {
            "mentoring.program": {"color": 4},
            "mentoring.stage": {"fold": True},
            "mentoring.tag": {"color": 4},
            "mentoring.key.moment.type": {"sequence": 99},
            "mentoring.end.reason": {"sequence": 99},
            "mentoring.mentor": {"availability_note": "Chess on Saturdays"},
            "mentoring.mentee": {"waiting_since": date(2026, 1, 1)},
            "mentoring.tandem": {"priority": "1"},
            "mentoring.key.moment": {"date": date(2026, 4, 1)},
            "mentoring.anonymization.log": {"details": "changed"},
            "mentoring.anonymization.wizard": {"log_id": False},
            "mentoring.personal.data.export": {"file_name": "changed.json"},
        }[model]

    def _allowed(self, operation, run):
        try:
            with self.env.cr.savepoint():
                run()
        except AccessError:
            return False
        return True

    def test_access_matrix(self):
        n = 0
        for role, expectations in EXPECTED.items():
            user = self.roles[role]
            for model, allowed in expectations.items():
                n += 1
                record = self._existing(model).with_user(user)
                # a throw-away record to delete, made by the administrator
                doomed = (
                    self.env[model]
                    .with_user(self.admin)
                    .sudo()
                    .create(self._new_values(model, f"doomed {n}"))
                )
                operations = {
                    READ: lambda record=record: record.read(["display_name"]),
                    WRITE: lambda record=record, model=model: record.write(
                        self._write_values(model)
                    ),
                    CREATE: lambda user=user, model=model, n=n: (
                        self.env[model]
                        .with_user(user)
                        .create(self._new_values(model, n))
                    ),
                    # With the reason the dialog "Delete Key Moment" gives.
                    UNLINK: lambda user=user, doomed=doomed: (
                        doomed.with_user(user)
                        .with_context(mentoring_delete_reason="Access matrix")
                        .unlink()
                    ),
                }
                for operation, run in operations.items():
                    with self.subTest(role=role, model=model, operation=operation):
                        self.assertEqual(
                            self._allowed(operation, run),
                            operation in allowed,
                            f"{role} {operation} {model}",
                        )

    def test_record_rules_keep_each_role_in_its_programmes(self):
        for role in ("readonly", "coordinator"):
            user = self.roles[role]
            for record in (self.program_b, self.tandem_b, self.moment_b):
                with self.subTest(role=role, model=record._name):
                    foreign = record.with_user(user)
                    self.assertNotIn(foreign, foreign.search([]))
                    with self.assertRaises(AccessError):
                        foreign.read(["display_name"])
        # the read-only user sees her programme's tandems, the admin all
        Tandem = self.env["mentoring.tandem"]
        self.assertEqual(
            Tandem.with_user(self.readonly).search(
                [("id", "in", [self.tandem_a.id, self.tandem_b.id])]
            ),
            self.tandem_a,
        )
        self.assertEqual(
            Tandem.with_user(self.admin).search(
                [("id", "in", [self.tandem_a.id, self.tandem_b.id])]
            ),
            self.tandem_a | self.tandem_b,
        )

    def test_sensitive_fields_carry_groups(self):
        for model, names in SENSITIVE_FIELDS.items():
            for name in names:
                with self.subTest(model=model, field=name):
                    self.assertEqual(
                        self.env[model]._fields[name].groups,
                        "qualitaetsmentor.group_coordinator",
                    )

    def test_readonly_user_reads_no_sensitive_field(self):
        for record in (self.tandem_a, self.moment_a):
            for name in SENSITIVE_FIELDS[record._name]:
                with self.subTest(model=record._name, field=name):
                    with self.assertRaises(AccessError):
                        record.with_user(self.readonly).read([name])
        # what the board needs is there, without a name
        values = self.tandem_a.with_user(self.readonly).read(
            [
                "display_name",
                "program_id",
                "stage_id",
                "phase",
                "date_matched",
                "coordinator_id",
            ]
        )[0]
        self.assertEqual(values["display_name"], f"Tandem {self.tandem_a.id}")
        self.assertEqual(values["stage_id"][0], self.stages["accompaniment"].id)
        self.assertNotIn("library", self.moment_a.with_user(self.readonly).display_name)
        # nor where the web client shows a tandem as a link (in sudo)
        linked = self.moment_a.with_user(self.readonly).web_read(
            {"tandem_id": {"fields": {"display_name": {}}}}
        )[0]["tandem_id"]
        self.assertEqual(linked["display_name"], f"Tandem {self.tandem_a.id}")
        self.assertEqual(
            self.moment_a.with_user(self.readonly).read(["tandem_id"])[0]["tandem_id"][
                1
            ],
            f"Tandem {self.tandem_a.id}",
        )
        # a coordinator reads them all
        self.tandem_a.with_user(self.coordinator_a).read(
            SENSITIVE_FIELDS["mentoring.tandem"]
        )
        self.mentee_a.with_user(self.coordinator_a).read(
            SENSITIVE_FIELDS["mentoring.mentee"]
        )

    def test_readonly_user_reads_neither_chatter_nor_attachments(self):
        self.tandem_a.message_post(
            body="Emil’s mother called", subtype_xmlid="mail.mt_note"
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "report.txt",
                "raw": b"school report",
                "res_model": "mentoring.tandem",
                "res_id": self.tandem_a.id,
            }
        )
        messages = [
            ("model", "=", "mentoring.tandem"),
            ("res_id", "=", self.tandem_a.id),
        ]
        Message = self.env["mail.message"]
        found = Message.search(messages)
        self.assertTrue(found)
        self.assertFalse(Message.with_user(self.readonly).search(messages))
        self.assertEqual(Message.with_user(self.coordinator_a).search(messages), found)
        with self.assertRaises(AccessError):
            found.with_user(self.readonly).read(["body"])
        fetched = Message.with_user(self.readonly)._message_fetch(messages)["messages"]
        self.assertFalse(fetched, "the chatter route returns nothing either")
        with self.assertRaises(AccessError):
            attachment.with_user(self.readonly).read(["raw"])
        attachment.with_user(self.coordinator_a).read(["raw"])

    def test_confidential_key_moment_only_for_the_tandems_coordinator(self):
        moment = self.moment_a_confidential
        Moment = self.env["mentoring.key.moment"]
        for user in (self.coordinator_a, self.admin):
            with self.subTest(user=user.login):
                self.assertIn(moment, Moment.with_user(user).search([]))
                moment.with_user(user).read(["summary"])
        for user in (self.coordinator_a2, self.readonly):
            with self.subTest(user=user.login):
                self.assertNotIn(moment, Moment.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    moment.with_user(user).read(["display_name"])
        # The colleague still reads the ordinary key moments of the tandem.
        self.assertIn(self.moment_a, Moment.with_user(self.coordinator_a2).search([]))
        # and she cannot write a confidential one on somebody else's tandem
        with self.assertRefused(
            "Only the coordinator of the tandem (Anna Koordinatorin)"
        ):
            Moment.with_user(self.coordinator_a2).create(
                {
                    "tandem_id": self.tandem_a.id,
                    "type_id": self.types["conflict"].id,
                    "date": date(2026, 4, 10),
                    "summary": "Seen something",
                    "confidential": True,
                }
            )
        with self.assertRefused("Only the coordinator of the tandem"):
            self.moment_a.with_user(self.coordinator_a2).confidential = True
        # After a handover the new coordinator reads it, the old one no longer.
        self.tandem_a.coordinator_id = self.coordinator_a2
        self.assertIn(moment, Moment.with_user(self.coordinator_a2).search([]))
        self.assertNotIn(moment, Moment.with_user(self.coordinator_a).search([]))

    def test_a_coordinator_cannot_be_a_readonly_viewer(self):
        with self.assertRefused("Bernd Koordinator can coordinate"):
            self.program_a.viewer_ids = [Command.link(self.coordinator_b.id)]
        self.assertEqual(self.program_a.viewer_ids, self.readonly)

    def test_nothing_sensitive_lives_on_the_contact(self):
        added = self.env["ir.model.fields"].browse(
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "qualitaetsmentor"),
                    ("model", "=", "ir.model.fields"),
                    ("name", "=like", "field_res_partner__%"),
                ]
            )
            .mapped("res_id")
        )
        self.assertEqual(
            set(added.mapped("name")),
            {
                "mentoring_mentor_ids",
                "mentoring_mentee_ids",
                "mentoring_guardian_of_ids",
                "mentoring_person_program_ids",
                "mentoring_former_program_ids",
            },
        )
        # Which programmes a contact is mentored in is for administrators only.
        for name in added.mapped("name"):
            with self.subTest(field=name):
                self.assertEqual(
                    self.env["res.partner"]._fields[name].groups,
                    "qualitaetsmentor.group_admin",
                )
        # An employee without the app reads neither the contact nor the
        # profile (issue 11, case 4).
        employee = new_test_user(
            self.env, login="qm_employee", groups="base.group_user"
        )
        self.mentor_a.partner_id.email = "martina@example.org"
        for record in (self.mentor_a.partner_id, self.mentor_a, self.tandem_a):
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    record.with_user(employee).read(["display_name"])


class TestReadonlyViews(PrivacyCase):
    """The views a read-only user opens load without an access error and
    show none of the sensitive fields."""

    def _arch_fields(self, arch):
        tree = etree.fromstring(arch)
        names = set()
        for node in tree.iter("field"):
            # only fields of the model itself, not of embedded sub-views
            parent = node.getparent()
            while parent is not None and parent.tag != "field":
                parent = parent.getparent()
            if parent is None:
                names.add(node.get("name"))
        return names

    def test_board_list_form_pivot_graph_load(self):
        Tandem = self.env["mentoring.tandem"].with_user(self.readonly)
        action = self.env.ref("qualitaetsmentor.mentoring_tandem_action")
        views = Tandem.get_views(
            [
                (False, view_type)
                for view_type in ("kanban", "list", "form", "pivot", "graph", "search")
            ],
            {"action_id": action.id, "load_filters": True},
        )["views"]
        for view_type, view in views.items():
            with self.subTest(view=view_type):
                names = self._arch_fields(view["arch"])
                for sensitive in SENSITIVE_FIELDS["mentoring.tandem"]:
                    self.assertNotIn(sensitive, names)
                if view_type == "search":
                    continue
                names -= {"__last_update"}
                specification = {name: {} for name in names if name in Tandem._fields}
                result = Tandem.web_search_read([], specification)
                self.assertEqual(result["length"], 1)
        self.assertNotIn("<chatter", views["form"]["arch"])
        self.assertIn("display_name", self._arch_fields(views["kanban"]["arch"]))
        kanban = etree.fromstring(views["kanban"]["arch"])
        self.assertEqual(kanban.get("records_draggable"), "0", "no card to drag")
        form = Tandem.browse(self.tandem_a.id).web_read(
            {
                name: {}
                for name in self._arch_fields(views["form"]["arch"])
                if name in Tandem._fields
            }
        )[0]
        self.assertEqual(form["display_name"], f"Tandem {self.tandem_a.id}")
        # the key moments behind the smart button
        moments = self.tandem_a.with_user(self.readonly).action_open_key_moments()
        Moment = self.env["mentoring.key.moment"].with_user(self.readonly)
        view = Moment.get_views([(False, "list")])["views"]["list"]
        names = self._arch_fields(view["arch"])
        self.assertNotIn("summary", names)
        result = Moment.web_search_read(moments["domain"], {name: {} for name in names})
        open_moments = self.env["mentoring.key.moment"].search_count(
            [("tandem_id", "=", self.tandem_a.id), ("confidential", "=", False)]
        )
        self.assertLess(
            open_moments,
            self.env["mentoring.key.moment"].search_count(
                [("tandem_id", "=", self.tandem_a.id)]
            ),
        )
        self.assertEqual(
            result["length"], open_moments, "the confidential moment stays hidden"
        )
        view = Moment.get_views([(False, "form")])["views"]["form"]
        names = self._arch_fields(view["arch"])
        self.assertFalse(names & set(SENSITIVE_FIELDS["mentoring.key.moment"]))
        values = Moment.browse(self.moment_a.id).web_read({name: {} for name in names})
        self.assertEqual(values[0]["date"], date(2026, 4, 2))

    def test_readonly_menus(self):
        visible = self.env["ir.ui.menu"].with_user(self.readonly)._visible_menu_ids()
        self.assertIn(self.env.ref("qualitaetsmentor.menu_board").id, visible)
        for hidden in (
            "menu_mentors",
            "menu_mentees",
            "menu_key_moments",
            "menu_configuration",
        ):
            with self.subTest(menu=hidden):
                self.assertNotIn(self.env.ref(f"qualitaetsmentor.{hidden}").id, visible)

    def test_kanban_of_a_coordinator_keeps_names(self):
        Tandem = self.env["mentoring.tandem"].with_user(self.coordinator_a)
        views = Tandem.get_views([(False, "kanban"), (False, "form")])["views"]
        names = self._arch_fields(views["kanban"]["arch"])
        self.assertIn("name", names)
        self.assertIn("mentor_id", names)
        self.assertIn("<chatter", views["form"]["arch"])
        kanban = etree.fromstring(views["kanban"]["arch"])
        self.assertNotEqual(kanban.get("records_draggable"), "0")
        self.assertEqual(
            Tandem.browse(self.tandem_a.id).display_name,
            "Martina Mentorin & Emil Mentee",
        )
