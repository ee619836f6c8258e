"""Roles, memberships and who the tandems' activities go to (README.md, Data
protection, Who sees it):

* the coordinator of a tandem is a coordinator of its programme or an
  administrator of QualitätsMENTOR, and its activities, reminders and plans
  go to nobody else;
* one rule for roles and memberships, whichever way they change;
* a coordinator who leaves hands over before her user is archived.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests.common import new_test_user
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.models.res_users import (
    name_boolean_group,
    name_selection_groups,
)

from .common import MentoringCase

PROGRAM_A = "Lesepaten Altona"


class RolesCase(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Who changes what: Odoo's administrator (Settings) gives groups, the
        # administrator of QualitätsMENTOR sets up programmes and hands over.
        cls.settings_admin = cls.env.ref("base.user_admin")
        cls.readonly = cls._viewer(cls.program_a, "qm_ro", "Renate Vorstand")
        cls.internal = new_test_user(
            cls.env, login="qm_internal", name="Ingo Intern", groups="base.group_user"
        )
        cls.colleague = cls._coordinator("coord_a2", "Carla Kollegin")
        cls.program_a.coordinator_ids = [Command.link(cls.colleague.id)]
        cls.groups = {
            role: cls.env.ref(f"qualitaetsmentor.group_{role}")
            for role in ("readonly", "coordinator", "admin")
        }

    def _as(self, user, records):
        return records.with_user(user)

    def _tandem_activities(self, tandem):
        return self.env["mail.activity"].search(
            [("res_model", "=", "mentoring.tandem"), ("res_id", "=", tandem.id)]
        )


class TestTandemCoordinator(RolesCase):
    """Case 1: activities only to people who may read the tandem."""

    def test_coordinator_must_coordinate_the_programme(self):
        tandem = self._as(self.coordinator_a, self.tandem_a)
        for user in (self.readonly, self.internal, self.coordinator_b):
            with self.subTest(user=user.name):
                with self.assertRefused(
                    f"{user.name} cannot coordinate tandems of {PROGRAM_A}"
                ):
                    tandem.coordinator_id = user
                self.assertEqual(self.tandem_a.coordinator_id, self.coordinator_a)
        # A colleague of the programme and an administrator may.
        tandem.coordinator_id = self.colleague
        self.assertEqual(self.tandem_a.coordinator_id, self.colleague)
        self._as(self.admin, self.tandem_a).coordinator_id = self.admin
        self.assertEqual(self.tandem_a.coordinator_id, self.admin)

    def test_new_tandem_with_a_foreign_coordinator_is_refused(self):
        Tandem = self.env["mentoring.tandem"].with_user(self.coordinator_a)
        with self.assertRefused("Renate Vorstand cannot coordinate tandems"):
            Tandem.create(
                {
                    "program_id": self.program_a.id,
                    "mentor_id": self._mentor(self.program_a, "Nina Neu").id,
                    "mentee_id": self._mentee(self.program_a, "Nils Neu").id,
                    "coordinator_id": self.readonly.id,
                }
            )
        # Created by the coordinator herself: she is its coordinator.
        tandem = Tandem.create(
            {
                "program_id": self.program_a.id,
                "mentor_id": self._mentor(self.program_a, "Nora Neu").id,
                "mentee_id": self._mentee(self.program_a, "Noah Neu").id,
            }
        )
        self.assertEqual(tandem.coordinator_id, self.coordinator_a)

    def test_moving_a_tandem_to_another_programme_needs_its_coordinator(self):
        with self.assertRefused("Anna Koordinatorin cannot coordinate tandems"):
            self._as(self.admin, self.tandem_a).write(
                {
                    "program_id": self.program_b.id,
                    "mentor_id": False,
                    "mentee_id": False,
                }
            )

    def test_the_domain_offers_only_coordinators_of_the_programme(self):
        field = self.env["mentoring.tandem"]._fields["coordinator_id"]
        for user in (self.coordinator_a, self.readonly):
            with self.subTest(user=user.name):
                env = self.env(user=user)
                domain = safe_eval(
                    field._description_domain(env),
                    {"program_id": self.program_a.id},
                )
                offered = env["res.users"].search(domain)
                self.assertIn(self.coordinator_a, offered)
                self.assertIn(self.colleague, offered)
                self.assertIn(self.admin, offered)
                for other in (self.readonly, self.internal, self.coordinator_b):
                    self.assertNotIn(other, offered)

    def test_activities_only_to_who_reads_the_names(self):
        """Whoever assigns it: the activity dialog on a tandem or a profile."""
        for record in (self.tandem_a, self.mentor_a, self.mentee_a):
            for user in (self.readonly, self.internal, self.coordinator_b):
                with self.subTest(record=record._name, user=user.name):
                    with self.assertRefused(f"{user.name} cannot take activities"):
                        self._as(self.coordinator_a, record).activity_schedule(
                            "mail.mail_activity_data_todo",
                            summary="Call",
                            user_id=user.id,
                        )
            activity = self._as(self.coordinator_a, record).activity_schedule(
                "mail.mail_activity_data_todo",
                summary="Call",
                user_id=self.colleague.id,
            )
            with self.assertRefused("Renate Vorstand cannot take activities"):
                activity.with_user(self.coordinator_a).user_id = self.readonly
            self.assertEqual(activity.user_id, self.colleague)

    def _legacy_coordinator(self, tandem, user):
        """As data from before the rule: the coordinator set in SQL."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mentoring_tandem SET coordinator_id = %s WHERE id = %s",
            (user.id, tandem.id),
        )
        self.env.invalidate_all()

    def test_reminders_skip_a_user_who_may_not_read_the_names(self):
        # On 2026-05-04 a contact is due for tandem A (matched on 2026-03-01).
        self._legacy_coordinator(self.tandem_a, self.readonly)
        with freeze_time("2026-05-04"):
            created = self.tandem_a._monitor_quality()
        self.assertFalse(created)
        self.assertFalse(
            self._tandem_activities(self.tandem_a).filtered(
                lambda a: a.user_id == self.readonly
            )
        )
        # Handed over to a coordinator, the next run reminds her.
        self._legacy_coordinator(self.tandem_a, self.colleague)
        with freeze_time("2026-05-04"):
            created = self.tandem_a._monitor_quality()
        self.assertTrue(created)
        self.assertEqual(created.user_id, self.colleague)

    def test_stage_plan_goes_to_who_may_take_it(self):
        tandem = self._new_pair("Paula Plan", "Paul Plan", "preparation")
        self._legacy_coordinator(tandem, self.internal)
        self._as(self.colleague, tandem).stage_id = self.stages["matching"]
        plan_activities = self._tandem_activities(tandem)
        self.assertTrue(plan_activities)
        self.assertEqual(plan_activities.user_id, self.colleague)

    def test_plan_template_responsible(self):
        plan = self.env.ref("qualitaetsmentor.mail_activity_plan_matching")
        Template = self.env["mail.activity.plan.template"].with_user(self.admin)
        values = {
            "plan_id": plan.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": "Ask the school",
            "responsible_type": "other",
        }
        for user in (self.readonly, self.internal):
            with self.subTest(user=user.name):
                with self.assertRefused(f"{user.name} is not an active coordinator"):
                    Template.create({**values, "responsible_id": user.id})
        # A coordinator of another programme passes the activity of a tandem
        # she does not coordinate on to its coordinator.
        Template.create({**values, "responsible_id": self.coordinator_b.id})
        tandem = self._new_pair("Petra Plan", "Peter Plan", "preparation")
        self._as(self.coordinator_a, tandem).stage_id = self.stages["matching"]
        school = self._tandem_activities(tandem).filtered(
            lambda a: a.summary == "Ask the school"
        )
        self.assertEqual(school.user_id, self.coordinator_a)

    def test_handover_successor_is_a_coordinator(self):
        field = self.env["mentoring.handover.wizard"]._fields["to_user_id"]
        domain = safe_eval(
            field._description_domain(self.env), {"from_user_id": self.coordinator_a.id}
        )
        offered = self.env["res.users"].search(domain)
        self.assertIn(self.colleague, offered)
        self.assertNotIn(self.readonly, offered)
        self.assertNotIn(self.internal, offered)
        wizard = (
            self.env["mentoring.handover.wizard"]
            .with_user(self.admin)
            .create(
                {
                    "from_user_id": self.coordinator_a.id,
                    "to_user_id": self.readonly.id,
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_hand_over()
        self.assertEqual(self.tandem_a.coordinator_id, self.coordinator_a)


class TestOneRuleForRolesAndMemberships(RolesCase):
    """Case 2: a read-only user of a programme never holds the coordinator
    role; a coordinator of a programme holds it; a read-only user of a
    programme holds the read-only role. Every way a role or a membership
    changes, in both directions; a refused change leaves nothing behind."""

    VIEWER_GETS_ROLE = "Renate Vorstand is a read-only user of Lesepaten Altona"

    def _groups(self, user):
        return user.groups_id & self.env["res.groups"].browse(
            [g.id for g in self.groups.values()]
        )

    def _refused_and_unchanged(self, user, message, change):
        before = (
            self._groups(user),
            user.mentoring_program_ids,
            user.mentoring_viewer_program_ids,
        )
        with self.assertRefused(message):
            change()
        self.assertEqual(
            (
                self._groups(user),
                user.mentoring_program_ids,
                user.mentoring_viewer_program_ids,
            ),
            before,
        )

    # --- the group on the user ----------------------------------------------

    def test_groups_on_the_user(self):
        user = self.readonly.with_user(self.settings_admin)
        for role in ("coordinator", "admin"):
            with self.subTest(role=role):
                self._refused_and_unchanged(
                    self.readonly,
                    self.VIEWER_GETS_ROLE,
                    lambda role=role: user.write(
                        {"groups_id": [Command.link(self.groups[role].id)]}
                    ),
                )
        # Revoking the read-only role of a read-only user: refused as well.
        self._refused_and_unchanged(
            self.readonly,
            "needs the group “QualitätsMENTOR / Read-only”",
            lambda: user.write(
                {"groups_id": [Command.unlink(self.groups["readonly"].id)]}
            ),
        )
        # Revoking the coordinator role of a coordinator of a programme.
        coordinator = self.coordinator_a.with_user(self.settings_admin)
        self._refused_and_unchanged(
            self.coordinator_a,
            f"Anna Koordinatorin is a coordinator of {PROGRAM_A} and needs the "
            "group “QualitätsMENTOR / Coordinator”",
            lambda: coordinator.write(
                {"groups_id": [Command.unlink(self.groups["coordinator"].id)]}
            ),
        )
        # Once an administrator removed the memberships, both pass.
        self._free_to_leave(self.coordinator_a, self.program_a)
        self.program_a.with_user(self.admin).write(
            {
                "viewer_ids": [Command.unlink(self.readonly.id)],
                "coordinator_ids": [Command.unlink(self.coordinator_a.id)],
            }
        )
        user.write({"groups_id": [Command.link(self.groups["coordinator"].id)]})
        self.assertIn(self.groups["coordinator"], self.readonly.groups_id)
        coordinator.write(
            {"groups_id": [Command.unlink(self.groups["coordinator"].id)]}
        )
        self.assertNotIn(self.groups["coordinator"], self.coordinator_a.groups_id)

    def test_groups_through_the_user_form(self):
        """The user form's selection of QualitätsMENTOR's roles and its
        check boxes (reified fields) end in a write of groups_id."""
        selection = name_selection_groups([g.id for g in self.groups.values()])
        user = self.readonly.with_user(self.settings_admin)
        self._refused_and_unchanged(
            self.readonly,
            self.VIEWER_GETS_ROLE,
            lambda: user.write({selection: self.groups["coordinator"].id}),
        )
        self._refused_and_unchanged(
            self.readonly,
            self.VIEWER_GETS_ROLE,
            lambda: user.write(
                {name_boolean_group(self.groups["coordinator"].id): True}
            ),
        )
        self._refused_and_unchanged(
            self.readonly,
            "needs the group “QualitätsMENTOR / Read-only”",
            lambda: user.write({selection: False}),
        )
        coordinator = self.coordinator_a.with_user(self.settings_admin)
        self._refused_and_unchanged(
            self.coordinator_a,
            "needs the group “QualitätsMENTOR / Coordinator”",
            lambda: coordinator.write({selection: self.groups["readonly"].id}),
        )
        # The user form's onchange (new records) is not refused, the save is.
        coordinator.onchange({selection: self.groups["readonly"].id}, [selection], {})
        self.assertIn(self.groups["coordinator"], self.coordinator_a.groups_id)
        # After the memberships went: granted and revoked.
        self._free_to_leave(self.coordinator_a, self.program_a)
        self.program_a.with_user(self.admin).write(
            {
                "viewer_ids": [Command.unlink(self.readonly.id)],
                "coordinator_ids": [Command.unlink(self.coordinator_a.id)],
            }
        )
        user.write({selection: self.groups["coordinator"].id})
        self.assertIn(self.groups["coordinator"], self.readonly.groups_id)
        coordinator.write({selection: self.groups["readonly"].id})
        self.assertNotIn(self.groups["coordinator"], self.coordinator_a.groups_id)

    def test_groups_on_the_group(self):
        """Settings → Groups → Users: the same rule."""
        coordinator_group = self.groups["coordinator"].with_user(self.settings_admin)
        self._refused_and_unchanged(
            self.readonly,
            self.VIEWER_GETS_ROLE,
            lambda: coordinator_group.write(
                {"users": [Command.link(self.readonly.id)]}
            ),
        )
        self._refused_and_unchanged(
            self.coordinator_a,
            "needs the group “QualitätsMENTOR / Coordinator”",
            lambda: coordinator_group.write(
                {"users": [Command.unlink(self.coordinator_a.id)]}
            ),
        )
        coordinator_group.write({"users": [Command.link(self.internal.id)]})
        self.assertIn(self.groups["readonly"], self.internal.groups_id)

    def test_creating_users(self):
        Users = self.env["res.users"].with_user(self.settings_admin)

        def create(login, groups, **values):
            return Users.create(
                {
                    "name": f"Neu {login}",
                    "login": login,
                    "groups_id": [Command.set([g.id for g in groups])],
                    **values,
                }
            )

        base = self.env.ref("base.group_user")
        with self.assertRefused("is a read-only user of Lesepaten Altona"):
            create(
                "neu1",
                base | self.groups["coordinator"],
                mentoring_viewer_program_ids=[Command.link(self.program_a.id)],
            )
        with self.assertRefused("needs the group “QualitätsMENTOR / Coordinator”"):
            create(
                "neu2",
                base | self.groups["readonly"],
                mentoring_program_ids=[Command.link(self.program_a.id)],
            )
        with self.assertRefused("needs the group “QualitätsMENTOR / Read-only”"):
            create(
                "neu3",
                base,
                mentoring_viewer_program_ids=[Command.link(self.program_a.id)],
            )
        self.assertFalse(
            self.env["res.users"].search([("login", "in", ("neu1", "neu2", "neu3"))])
        )
        new = create(
            "neu4",
            base | self.groups["coordinator"],
            mentoring_program_ids=[Command.link(self.program_a.id)],
        )
        self.assertIn(new, self.program_a.coordinator_ids)
        viewer = create(
            "neu5",
            base | self.groups["readonly"],
            mentoring_viewer_program_ids=[Command.link(self.program_a.id)],
        )
        self.assertIn(viewer, self.program_a.viewer_ids)

    # --- the programme's coordinators and read-only users --------------------

    def test_programme_coordinators(self):
        program = self.program_a.with_user(self.admin)
        for user, message in (
            (self.readonly, "Renate Vorstand is a read-only user"),
            (
                self.internal,
                "Ingo Intern is a coordinator of Lesepaten Altona and "
                "needs the group “QualitätsMENTOR / Coordinator”",
            ),
        ):
            with self.subTest(user=user.name):
                self._refused_and_unchanged(
                    user,
                    message,
                    lambda user=user: program.write(
                        {"coordinator_ids": [Command.link(user.id)]}
                    ),
                )
        program.write({"coordinator_ids": [Command.link(self.coordinator_b.id)]})
        self.assertIn(self.program_a, self.coordinator_b.mentoring_program_ids)
        program.write({"coordinator_ids": [Command.unlink(self.coordinator_b.id)]})
        self.assertNotIn(self.program_a, self.coordinator_b.mentoring_program_ids)
        Programs = self.env["mentoring.program"].with_user(self.admin)
        with self.assertRefused("Ingo Intern is a coordinator of Neues Programm"):
            Programs.create(
                {
                    "name": "Neues Programm",
                    "coordinator_ids": [Command.link(self.internal.id)],
                }
            )
        self.assertFalse(Programs.search([("name", "=", "Neues Programm")]))

    def test_programme_readonly_users(self):
        program = self.program_a.with_user(self.admin)
        self._refused_and_unchanged(
            self.coordinator_b,
            "Bernd Koordinator can coordinate",
            lambda: program.write(
                {"viewer_ids": [Command.link(self.coordinator_b.id)]}
            ),
        )
        self._refused_and_unchanged(
            self.internal,
            "Ingo Intern is a read-only user of Lesepaten Altona and needs the group",
            lambda: program.write({"viewer_ids": [Command.link(self.internal.id)]}),
        )
        second = self._user("qm_ro2", "Rita Beirat", "readonly")
        program.write({"viewer_ids": [Command.link(second.id)]})
        self.assertIn(self.program_a, second.mentoring_viewer_program_ids)
        program.write({"viewer_ids": [Command.unlink(second.id)]})
        self.assertFalse(second.mentoring_viewer_program_ids)
        Programs = self.env["mentoring.program"].with_user(self.admin)
        with self.assertRefused("Bernd Koordinator can coordinate"):
            Programs.create(
                {
                    "name": "Neues Programm",
                    "viewer_ids": [Command.link(self.coordinator_b.id)],
                }
            )

    def test_programme_fields_offer_only_users_of_the_role(self):
        Program = self.env["mentoring.program"]
        offered = {
            name: Program.env["res.users"].search(
                Program._fields[name]._description_domain(self.env)
            )
            for name in ("coordinator_ids", "viewer_ids")
        }
        self.assertIn(self.coordinator_b, offered["coordinator_ids"])
        self.assertIn(self.admin, offered["coordinator_ids"])
        self.assertNotIn(self.readonly, offered["coordinator_ids"])
        self.assertNotIn(self.internal, offered["coordinator_ids"])
        self.assertIn(self.readonly, offered["viewer_ids"])
        self.assertNotIn(self.coordinator_b, offered["viewer_ids"])
        self.assertNotIn(self.internal, offered["viewer_ids"])

    # --- the user's programme lists ------------------------------------------

    def test_programme_lists_on_the_user(self):
        as_admin = self.settings_admin
        for user, field, message in (
            (
                self.internal,
                "mentoring_program_ids",
                "needs the group “QualitätsMENTOR / Coordinator”",
            ),
            (
                self.readonly,
                "mentoring_program_ids",
                "Renate Vorstand is a read-only user of Lesepaten Altona",
            ),
            (
                self.internal,
                "mentoring_viewer_program_ids",
                "needs the group “QualitätsMENTOR / Read-only”",
            ),
            (
                self.coordinator_b,
                "mentoring_viewer_program_ids",
                "Bernd Koordinator is a read-only user",
            ),
        ):
            with self.subTest(user=user.name, field=field):
                self._refused_and_unchanged(
                    user,
                    message,
                    lambda user=user, field=field: user.with_user(as_admin).write(
                        {field: [Command.link(self.program_a.id)]}
                    ),
                )
        self.coordinator_b.with_user(as_admin).mentoring_program_ids = [
            Command.link(self.program_a.id)
        ]
        self.assertIn(self.coordinator_b, self.program_a.coordinator_ids)
        self.coordinator_b.with_user(as_admin).mentoring_program_ids = [
            Command.unlink(self.program_a.id)
        ]
        self.assertNotIn(self.coordinator_b, self.program_a.coordinator_ids)
        second = self._user("qm_ro2", "Rita Beirat", "readonly")
        second.with_user(as_admin).mentoring_viewer_program_ids = [
            Command.link(self.program_a.id)
        ]
        self.assertIn(second, self.program_a.viewer_ids)
        second.with_user(as_admin).mentoring_viewer_program_ids = [
            Command.unlink(self.program_a.id)
        ]
        self.assertNotIn(second, self.program_a.viewer_ids)

    def test_demo_data_follows_the_rule(self):
        users = self.env["res.users"].with_context(active_test=False).search([])
        users._mentoring_check_roles()
        tandems = (
            self.env["mentoring.tandem"]
            .with_context(active_test=False)
            .search([("coordinator_id", "!=", False), ("phase", "!=", "closure")])
        )
        tandems._check_coordinator()


class TestCoordinatorLeaves(RolesCase):
    """Case 3: a coordinator's user is archived only after the handover, so
    that nothing is lost and nothing goes to an archived user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.successor = cls._coordinator("coord_c", "Clara Nachfolgerin")
        cls.call = cls.tandem_a.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call the family",
            user_id=cls.coordinator_a.id,
        )
        cls.interview = cls.mentor_a.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Renew the police clearance",
            user_id=cls.coordinator_a.id,
        )
        # A mentor of the programme without a tandem yet.
        cls.applicant = cls._mentor(cls.program_a, "Alex Anwärter", screened=False)
        cls.applicant_call = cls.applicant.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Invite to the interview",
            user_id=cls.coordinator_a.id,
        )
        cls.settings_admin = cls.env.ref("base.user_admin")

    def _archive_ways(self):
        return {
            "action_archive": lambda user: user.action_archive(),
            "write active": lambda user: user.write({"active": False}),
        }

    def test_archive_is_refused_while_she_coordinates(self):
        for way, archive in self._archive_ways().items():
            with self.subTest(way=way):
                with self.assertRaises(UserError) as refusal:
                    archive(self.coordinator_a.with_user(self.settings_admin))
                message = str(refusal.exception)
                self.assertIn(
                    "Anna Koordinatorin still coordinates a running tandem", message
                )
                self.assertIn(f"is a coordinator of {PROGRAM_A}", message)
                self.assertIn(
                    "QualitätsMENTOR → Configuration → Hand Over Tandems", message
                )
                self.assertTrue(self.coordinator_a.active)
                # Nothing lost: her activities are still there.
                self.assertTrue(
                    (self.call | self.interview | self.applicant_call).exists()
                )

    def test_archive_is_refused_for_a_programme_without_tandems(self):
        self.program_b.coordinator_ids = [Command.link(self.successor.id)]
        with self.assertRaises(UserError) as refusal:
            self.successor.with_user(self.settings_admin).action_archive()
        self.assertIn(
            "Clara Nachfolgerin still is a coordinator of Familienpaten Harburg",
            str(refusal.exception),
        )

    def _hand_over(self, leaving):
        return (
            self.env["mentoring.handover.wizard"]
            .with_user(self.admin)
            .create(
                {
                    "from_user_id": leaving.id,
                    "to_user_id": self.successor.id,
                    "leave_programs": True,
                }
            )
            .action_hand_over()
        )

    def test_archive_passes_after_the_handover(self):
        self._hand_over(self.coordinator_a)
        self.assertNotIn(self.coordinator_a, self.program_a.coordinator_ids)
        self.assertIn(self.successor, self.program_a.coordinator_ids)
        self.assertIn("left the programme", self.program_a.message_ids[0].body)
        for activity in (self.call, self.interview, self.applicant_call):
            self.assertEqual(activity.user_id, self.successor)
        self.coordinator_a.with_user(self.settings_admin).action_archive()
        self.assertFalse(self.coordinator_a.active)
        # Nothing lost, nothing to the archived user.
        for activity in (self.call, self.interview, self.applicant_call):
            self.assertTrue(activity.exists())
        with freeze_time("2026-05-04"):
            created = self.tandem_a._monitor_quality()
        self.assertTrue(created)
        self.assertEqual(created.user_id, self.successor)

    def test_write_active_passes_after_the_handover(self):
        self._hand_over(self.coordinator_b)
        self.coordinator_b.with_user(self.settings_admin).write({"active": False})
        self.assertFalse(self.coordinator_b.active)
        self.assertEqual(self.tandem_b.coordinator_id, self.successor)

    def test_leaving_needs_all_tandems(self):
        wizard = (
            self.env["mentoring.handover.wizard"]
            .with_user(self.admin)
            .create(
                {
                    "from_user_id": self.coordinator_a.id,
                    "to_user_id": self.successor.id,
                    "scope": "chosen",
                    "tandem_ids": [Command.set(self.tandem_a.ids)],
                    "leave_programs": True,
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_hand_over()
        self.assertIn(self.coordinator_a, self.program_a.coordinator_ids)

    def test_handover_from_a_user_archived_before(self):
        """A coordinator archived before this rule existed: the handover can
        still start from her."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_users SET active = FALSE WHERE id = %s",
            (self.coordinator_b.id,),
        )
        self.env.invalidate_all()
        # Her tandem gets no reminder meanwhile.
        with freeze_time("2026-05-04"):
            self.assertFalse(self.tandem_b._monitor_quality())
        field = self.env["mentoring.handover.wizard"]._fields["from_user_id"]
        self.assertEqual(field.context, {"active_test": False})
        self._hand_over(self.coordinator_b)
        self.assertEqual(self.tandem_b.coordinator_id, self.successor)
        with freeze_time("2026-05-04"):
            created = self.tandem_b._monitor_quality()
        self.assertEqual(created.user_id, self.successor)

    def test_no_archived_successor(self):
        with self.assertRefused("cannot coordinate tandems"):
            self.tandem_a.coordinator_id = self.env.ref("base.user_root")
