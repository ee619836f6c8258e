from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import MentoringTourCase

LANG = "de_DE"


@tagged("post_install", "-at_install", "qm_browser")
class TestFirstHourTour(MentoringTourCase):
    """An administrator's first hour, in German (issue 12): from the landing
    after the installation to her first programme and its coordinator; then
    that coordinator's first look at the app.

    Odoo forbids installing modules inside a test, and the project's browser
    tours run on the database with the demo data: the installation itself is
    covered by tests/test_install.py (Apps button, clean uninstall). Here the
    state right after installing is made honestly inside the test's
    transaction (rolled back afterwards): the demo programmes and tandems are
    archived, so that no programme and no running tandem exists;
    QualitätsMENTOR's configuration step is open again; the administrator
    works in German, with the German terms loaded.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang(LANG)
        cls.env["ir.module.module"]._load_module_terms(
            ["web", "mail", "qualitaetsmentor"], [LANG]
        )
        cls.env["mentoring.tandem"].search([]).write({"active": False})
        cls.env["mentoring.program"].search([]).write({"active": False})
        cls.env.ref("base.user_admin").lang = LANG
        # Step 2 of the first steps, done in Settings → Users (covered by
        # test_roles.py): a colleague with the coordinator role, and one
        # without it, whom the programme must not offer.
        cls.clara = cls._tour_coordinator("clara", "Clara Koordinatorin")
        cls.clara.lang = LANG
        new_test_user(
            cls.env,
            login="clara_ohne",
            name="Clara Ohnerolle",
            groups="base.group_user",
        )

    def test_first_programme_and_its_coordinator(self):
        todo = self.env.ref("qualitaetsmentor.todo_open_app")
        todo.state = "open"
        # After the installation, Apps asks for the next configuration step:
        # QualitätsMENTOR's start page.
        landing = self.env["ir.module.module"].next()
        menu = self.env.ref("qualitaetsmentor.menu_root")
        self.assertEqual(landing["params"]["menu_id"], menu.id)
        self.start_tour(
            f"/odoo?menu_id={menu.id}",
            "qualitaetsmentor_first_hour_admin",
            login="admin",
        )
        program = self.env["mentoring.program"].search(
            [("name", "=", "Lesepaten Hamburg-Altona")]
        )
        self.assertEqual(program.coordinator_ids, self.clara)
        self.assertEqual(self.clara.mentoring_program_ids, program)
        self.start_tour(
            "/odoo", "qualitaetsmentor_first_hour_coordinator", login="clara"
        )
