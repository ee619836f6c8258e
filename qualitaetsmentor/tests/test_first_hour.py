"""An administrator's first hour (issue 12): from Apps to the first tandem of
her coordinators, in German, without guessing the order.

* the programme's member fields offer only users of the matching role and no
  quick-create; the user form shows a user's programmes;
* after installing she lands in the app; while no programme exists the board
  and the start page tell each role its first step;
* the scheduled actions run at 02:00 in the organisation's time zone;
* a German session reads German activity states.
"""

from datetime import datetime

import pytz
from freezegun import freeze_time
from lxml import etree

from odoo.tests.common import new_test_user
from odoo.tools.safe_eval import safe_eval

from ..models.res_company import NIGHTLY_CRONS
from .common import MentoringCase

BOARD = "qualitaetsmentor.mentoring_tandem_action"
START_PAGE = "qualitaetsmentor.mentoring_tandem_action_overview"


class TestFirstHour(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.readonly = cls._viewer(cls.program_a, "qm_ro", "Renate Vorstand")
        cls.internal = new_test_user(
            cls.env, login="qm_internal", name="Ingo Intern", groups="base.group_user"
        )

    def _no_programme(self):
        """The state right after installing: no programme (the demo data's
        and the fixtures' programmes archived)."""
        self.env["mentoring.program"].search([]).write({"active": False})

    def _help(self, xmlid, user, lang="en_US"):
        """The help the web client shows ``user`` (/web/action/load reads the
        action as superuser, on behalf of the user, in her language)."""
        action = self.env.ref(xmlid).with_user(user).with_context(lang=lang).sudo()
        return action._get_action_dict()["help"]

    # --- 1. membership and roles ----------------------------------------------

    def test_member_fields_without_quick_create(self):
        arch = self.env["mentoring.program"].get_view(view_type="form")["arch"]
        for name in ("coordinator_ids", "viewer_ids"):
            with self.subTest(field=name):
                [node] = etree.fromstring(arch).xpath(f"//field[@name='{name}']")
                self.assertTrue(safe_eval(node.get("options"))["no_create"])

    # Adding a user without the role anyway (an RPC write bypasses the
    # field's domain) is refused in both directions: test_roles.py,
    # TestOneRuleForRolesAndMemberships.

    def test_user_form_shows_the_programmes(self):
        form = self.env.ref("base.view_users_form").id
        view = self.env["res.users"].with_user(self.admin).get_view(form, "form")
        page = etree.fromstring(view["arch"]).xpath("//page[@name='qualitaetsmentor']")
        self.assertTrue(page, "an administrator of QualitätsMENTOR sees the page")
        for name in ("mentoring_program_ids", "mentoring_viewer_program_ids"):
            [node] = page[0].xpath(f".//field[@name='{name}']")
            self.assertEqual(node.get("readonly"), "1")
        self.assertEqual(
            self.coordinator_a.with_user(self.admin).mentoring_program_ids,
            self.program_a,
        )
        self.assertEqual(
            self.readonly.with_user(self.admin).mentoring_viewer_program_ids,
            self.program_a,
        )
        # A coordinator does not see the page (nor the other users' lists).
        view = (
            self.env["res.users"].with_user(self.coordinator_a).get_view(form, "form")
        )
        self.assertNotIn('name="qualitaetsmentor"', view["arch"])

    # --- 2. first steps ----------------------------------------------------------

    def test_lands_in_the_app_after_installing(self):
        todo = self.env.ref("qualitaetsmentor.todo_open_app")
        todo.state = "open"
        self.env["ir.actions.todo"].search([("id", "!=", todo.id)]).state = "done"
        action = self.env["ir.module.module"].next()
        self.assertEqual(action["tag"], "reload")
        self.assertEqual(
            action["params"]["menu_id"], self.env.ref("qualitaetsmentor.menu_root").id
        )
        self.assertEqual(todo.state, "done", "only once")

    def test_empty_help_by_role_without_programme(self):
        self._no_programme()
        for xmlid in (BOARD, START_PAGE):
            with self.subTest(action=xmlid):
                admin_help = self._help(xmlid, self.admin)
                self.assertIn("Set up QualitätsMENTOR in three steps", admin_help)
                self.assertIn("Give your coordinators the role", admin_help)
                self.assertIn(
                    "/odoo/action-qualitaetsmentor.mentoring_program_action/new",
                    admin_help,
                )
                self.assertNotIn("No running tandem", admin_help)
                coordinator_help = self._help(xmlid, self.coordinator_a)
                self.assertIn("You do not coordinate a programme yet", coordinator_help)
                self.assertNotIn("Create a Programme", coordinator_help)
                self.assertIn(
                    "add you to the read-only users", self._help(xmlid, self.readonly)
                )

    def test_empty_help_once_a_programme_exists(self):
        self.assertIn(
            "No running tandem is assigned to you", self._help(START_PAGE, self.admin)
        )
        self.assertIn("Create your first tandem", self._help(BOARD, self.coordinator_a))

    def test_german_help(self):
        self._no_programme()
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(["qualitaetsmentor"], ["de_DE"])
        german = self._help(BOARD, self.admin, "de_DE")
        self.assertIn("Richten Sie QualitätsMENTOR in drei Schritten ein", german)
        self.assertIn("Programm anlegen", german)

    def test_new_tandem_defaults_to_the_only_programme(self):
        Tandem = self.env["mentoring.tandem"].with_user(self.admin)
        # The coordinator's own programme.
        self.assertEqual(
            self.env["mentoring.mentor"]
            .with_user(self.coordinator_b)
            .default_get(["program_id"])
            .get("program_id"),
            self.program_b.id,
        )
        # Two programmes: the administrator chooses.
        self.assertFalse(Tandem.default_get(["program_id"]).get("program_id"))
        # Her first programme: "New" on the board needs no choice.
        self.env["mentoring.program"].search([("id", "!=", self.program_a.id)]).write(
            {"active": False}
        )
        self.assertEqual(
            Tandem.default_get(["program_id"])["program_id"], self.program_a.id
        )

    def test_board_shows_no_sample_cards(self):
        for view_type in ("kanban", "list"):
            arch = self.env["mentoring.tandem"].get_view(view_type=view_type)["arch"]
            self.assertNotIn("sample=", arch)

    # --- 3. settings ---------------------------------------------------------------

    def test_settings_set_the_organisation_time_zone(self):
        settings = self.env["res.config.settings"].create(
            {"mentoring_tz": "Europe/Vienna"}
        )
        settings.execute()
        self.assertEqual(self.env.company.partner_id.tz, "Europe/Vienna")
        self.assertEqual(self.env.company._mentoring_tz().zone, "Europe/Vienna")
        action = settings.action_mentoring_users()
        self.assertEqual(action["context"]["default_tz"], "Europe/Vienna")
        user = (
            self.env["res.users"]
            .with_context(**action["context"])
            .create({"name": "Neue Koordinatorin", "login": "neu_koord"})
        )
        self.assertEqual(user.tz, "Europe/Vienna")

    def test_settings_show_the_time_zone_the_app_counts_in(self):
        # A company contact without a time zone: the app counts in
        # Europe/Berlin, and the setting says so instead of being empty.
        self.env.company.partner_id.tz = False
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.mentoring_tz, "Europe/Berlin")
        # Saved as shown, the zone becomes the contact's own.
        self.env["res.config.settings"].create(
            {"mentoring_tz": settings.mentoring_tz}
        ).execute()
        self.assertEqual(self.env.company.partner_id.tz, "Europe/Berlin")
        self.env.company.partner_id.tz = "Europe/Vienna"
        self.assertEqual(
            self.env["res.config.settings"].create({}).mentoring_tz, "Europe/Vienna"
        )

    # --- 4. scheduled actions at night ---------------------------------------------

    def _local_nextcalls(self, tz_name):
        tz = pytz.timezone(tz_name)
        return {
            xmlid: pytz.utc.localize(self.env.ref(xmlid).nextcall).astimezone(tz)
            for xmlid in NIGHTLY_CRONS
        }

    def test_installed_crons_run_at_two_at_night(self):
        tz_name = self.env.ref("base.user_root").company_id._mentoring_tz().zone
        for xmlid, local in self._local_nextcalls(tz_name).items():
            with self.subTest(cron=xmlid):
                self.assertEqual((local.hour, local.minute), (2, 0))

    def test_first_run_follows_the_time_zone(self):
        partner = self.env.ref("base.user_root").company_id.partner_id
        partner.tz = "Europe/Berlin"
        with freeze_time("2026-03-10 15:00:00"):
            self.env["res.company"]._mentoring_schedule_nightly()
            for xmlid in NIGHTLY_CRONS:
                # 02:00 in Hamburg (CET) is 01:00 UTC, the next night.
                self.assertEqual(
                    self.env.ref(xmlid).nextcall, datetime(2026, 3, 11, 1, 0)
                )
            # The time zone is set after installing: the next night there.
            partner.tz = "America/New_York"
            for xmlid in NIGHTLY_CRONS:
                # 02:00 EDT (since 8 March) is 06:00 UTC.
                self.assertEqual(
                    self.env.ref(xmlid).nextcall, datetime(2026, 3, 11, 6, 0)
                )
        with freeze_time("2026-03-10 00:30:00"):
            partner.tz = "Europe/Berlin"
            # 01:30 in Hamburg: still this night.
            self.assertEqual(
                self.env.ref(NIGHTLY_CRONS[0]).nextcall, datetime(2026, 3, 10, 1, 0)
            )

    # --- 6. small things --------------------------------------------------------

    def test_activity_states_in_german(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["mail", "qualitaetsmentor"], ["de_DE"]
        )
        for model in ("mentoring.tandem", "mentoring.mentor", "mentoring.mentee"):
            with self.subTest(model=model):
                selection = dict(
                    self.env[model]
                    .with_context(lang="de_DE")
                    .fields_get(["activity_state"])["activity_state"]["selection"]
                )
                self.assertEqual(
                    selection,
                    {"overdue": "Überfällig", "today": "Heute", "planned": "Geplant"},
                )

    def test_stage_domain_without_programme(self):
        field = self.env["mentoring.tandem"]._fields["stage_id"]
        domain = safe_eval(field.domain, {"program_id": False})
        with self.assertNoLogs("odoo.osv.expression", "WARNING"):
            stages = self.env["mentoring.stage"].search(domain)
        self.assertEqual(
            stages, self.env["mentoring.stage"].search([("program_ids", "=", False)])
        )
        domain = safe_eval(field.domain, {"program_id": self.program_a.id})
        self.assertIn(
            self.stages["recruitment"], self.env["mentoring.stage"].search(domain)
        )
