"""The addons install on an empty database, with and without demo data, the
way an administrator installs them from Apps."""

import re
import subprocess
import uuid
from contextlib import closing

import psycopg2
import pytest

# Lines Odoo logs when something is wrong with a module.
PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ", re.MULTILINE)


def _connect(odoo_cmd, dbname):
    config = dict(
        line.split(" = ", 1)
        for line in open(odoo_cmd[odoo_cmd.index("-c") + 1]).read().splitlines()
        if " = " in line
    )
    return psycopg2.connect(
        dbname=dbname,
        host=config["db_host"] or None,
        port=config["db_port"],
        user=config["db_user"],
        password=None if config["db_password"] == "False" else config["db_password"],
    )


@pytest.fixture
def database(odoo_cmd):
    name = f"qm_install_{uuid.uuid4().hex[:8]}"
    yield name
    connection = _connect(odoo_cmd, "postgres")
    connection.autocommit = True
    with connection.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
    connection.close()


def _install(odoo_cmd, database, addons, *extra):
    result = subprocess.run(
        [
            *odoo_cmd,
            "-d",
            database,
            "-i",
            ",".join(addons),
            "--stop-after-init",
            "--log-level=warn",
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    problems = [m.group(0) for m in PROBLEM.finditer(log)]
    assert not problems, log


def _installed_counts(odoo_cmd, database, addons):
    """The number of tandems and stages, once every addon is installed."""
    with _connect(odoo_cmd, database) as connection, connection.cursor() as cr:
        cr.execute(
            "SELECT name, state FROM ir_module_module WHERE name IN %s",
            (tuple(addons),),
        )
        states = dict(cr.fetchall())
        cr.execute("SELECT count(*) FROM mentoring_tandem")
        tandems = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM mentoring_stage")
        stages = cr.fetchone()[0]
    assert states == dict.fromkeys(addons, "installed")
    return tandems, stages


APPS_INSTALL = """
modules = env["ir.module.module"]
modules.update_list()
app = modules.search([("name", "=", "qualitaetsmentor")])
print("APP", app.application, app.state, app.icon, bool(app.summary))
action = modules.search([("name", "in", %r)]).button_immediate_install()
env.cr.commit()
root = env.ref("qualitaetsmentor.menu_root").id
print("NEXT", action.get("tag"), action.get("params", {}).get("menu_id") == root)
"""


def test_install_from_apps_without_demo_data(odoo_cmd, database, addons):
    """An empty database; then Apps → Update Apps List → Install."""
    _install(odoo_cmd, database, ["base"], "--without-demo=all")
    # odoo_cmd ends with "-c <config>": the shell takes the same options.
    shell = [*odoo_cmd[:-2], "shell", *odoo_cmd[-2:], "-d", database]
    result = subprocess.run(
        [*shell, "--log-level=warn", "--without-demo=all"],
        input=APPS_INSTALL % (addons,),
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert (
        "APP True uninstalled /qualitaetsmentor/static/description/icon.png True" in log
    )
    assert not [m.group(0) for m in PROBLEM.finditer(log)], log
    # Odoo opens the app after the installation (its ir.actions.todo).
    assert "NEXT reload True" in log, log
    tandems, stages = _installed_counts(odoo_cmd, database, addons)
    assert tandems == 0
    assert stages == 5  # one default stage per phase


def test_install_with_demo_data(odoo_cmd, database, addons):
    _install(odoo_cmd, database, addons)
    tandems, stages = _installed_counts(odoo_cmd, database, addons)
    assert tandems >= 10
    assert stages == 5


# A database of version 18.0.1.0.0 (before issue 14): the mentor's languages,
# interests and availability were free text.
OLD_FREE_TEXT = """
program = env["mentoring.program"].create({"name": "Lesepaten"})
Mentor = env["mentoring.mentor"]
first = Mentor.create({"name": "Frieda Freitext", "program_id": program.id})
second = Mentor.create({"name": "Otto Ohnetext", "program_id": program.id})
third = Mentor.create({"name": "Gerd Gleich", "program_id": program.id})
env.cr.execute(
    "ALTER TABLE mentoring_mentor RENAME availability_note TO availability"
)
env.cr.execute(
    "ALTER TABLE mentoring_mentor ADD interests varchar, ADD languages varchar"
)
for mentor, languages, interests, availability in (
    (
        first,
        "deutsch, Arabisch, ENGLISH, ar , Klingonisch",
        "Lesen, Radfahren, lesen",
        "Jeden zweiten Samstag",
    ),
    (second, None, None, None),
    (third, "prs; Französisch", "Radfahren; Schach", None),
):
    env.cr.execute(
        "UPDATE mentoring_mentor SET languages = %s, interests = %s, "
        "availability = %s WHERE id = %s",
        (languages, interests, availability, mentor.id),
    )
env.cr.execute(
    "UPDATE ir_module_module SET latest_version = '18.0.1.0.0' "
    "WHERE name = 'qualitaetsmentor'"
)
env.cr.commit()
"""


def test_update_turns_free_text_into_tags(odoo_cmd, database):
    """Issue 14: `-u` on a database with the free-text languages and
    interests makes them tags (matched by German or English name or code,
    ignoring case, else created) and keeps the availability as its note;
    the old columns are gone."""
    _install(odoo_cmd, database, ["qualitaetsmentor"], "--without-demo=all")
    shell = [*odoo_cmd[:-2], "shell", *odoo_cmd[-2:], "-d", database]
    result = subprocess.run(
        [*shell, "--log-level=warn", "--without-demo=all"],
        input=OLD_FREE_TEXT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [
            *odoo_cmd,
            "-d",
            database,
            "-u",
            "qualitaetsmentor",
            "--stop-after-init",
            "--log-level=warn",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert not [m.group(0) for m in PROBLEM.finditer(log)], log
    connection = _connect(odoo_cmd, database)
    with closing(connection), connection.cursor() as cr:

        def tags(table, name):
            label = "t.code" if table == "mentoring_language" else "NULL"
            cr.execute(
                f"""
                SELECT coalesce({label}, t.name->>'en_US')
                  FROM mentoring_mentor m
                  JOIN {table}_mentoring_mentor_rel r ON r.mentoring_mentor_id = m.id
                  JOIN {table} t ON t.id = r.{table}_id
                 WHERE m.name = %s
                 ORDER BY 1
                """,  # noqa: S608
                (name,),
            )
            return [row[0] for row in cr.fetchall()]

        assert tags("mentoring_language", "Frieda Freitext") == [
            "Klingonisch",
            "ar",
            "de",
            "en",
        ]
        assert tags("mentoring_interest", "Frieda Freitext") == ["Lesen", "Radfahren"]
        assert tags("mentoring_language", "Gerd Gleich") == ["fr", "prs"]
        assert tags("mentoring_interest", "Gerd Gleich") == ["Radfahren", "Schach"]
        assert tags("mentoring_language", "Otto Ohnetext") == []
        cr.execute(
            "SELECT count(*) FROM mentoring_interest WHERE name->>'en_US' = 'Radfahren'"
        )
        assert cr.fetchone()[0] == 1
        cr.execute("SELECT name, availability_note FROM mentoring_mentor ORDER BY name")
        assert dict(cr.fetchall())["Frieda Freitext"] == "Jeden zweiten Samstag"
        cr.execute(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'mentoring_mentor'
               AND column_name IN ('interests', 'languages', 'availability')
            """
        )
        assert cr.fetchall() == []
        cr.execute(
            "SELECT latest_version FROM ir_module_module "
            "WHERE name = 'qualitaetsmentor'"
        )
        assert cr.fetchone()[0] == "18.0.1.1.0"
