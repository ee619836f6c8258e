"""Benchmark of the reporting workbooks: not a test, it prints figures and
never fails on time.

In a throwaway database (the addons without demo data) it builds 10,000
tandems over 5 programmes and 20 coordinators, with their mentors, mentees
and key moments, then exports the funder statistics, the tandem register
and the key-moment log and reads the analysis pivot and the quality report
(five years up to this year), as an administrator
and as a coordinator, several times each, and prints the median time and
the query count of each.

Run it with the Python and the Odoo configuration of `./qm` (Odoo on
PYTHONPATH), for example from `./qm bench`'s runner, or by hand:

    PYTHONPATH=<odoo source> <venv python> tests/bench/bench_reports.py \\
        --config <odoo.conf> [--odoo-cmd '<json list starting odoo-bin>']

Other benchmarks call `main(["--config", ...])` or reuse `build_data`.
"""

import argparse
import base64
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ADDON = "qualitaetsmentor_reports"
FIRST_DAY = date(2020, 1, 1)
LAST_DAY = date(2025, 12, 31)
PHASES = ("recruitment", "preparation", "matching", "accompaniment", "closure")
AGE_GROUPS = ("child", "youth", "young_adult", "adult", "family")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument(
        "--odoo-cmd",
        help="JSON list: the command that starts Odoo with this configuration "
        "(used to install the addons into the throwaway database)",
    )
    parser.add_argument("--database", default="qm_bench_reports")
    parser.add_argument("--tandems", type=int, default=10_000)
    parser.add_argument("--moments-per-tandem", type=int, default=10)
    parser.add_argument("--programs", type=int, default=5)
    parser.add_argument("--coordinators", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database as it is (built by an earlier run with --keep)",
    )
    return parser.parse_args(argv)


def log(message):
    print(f"[bench reports] {message}", flush=True)


def install(args):
    import odoo

    odoo_cmd = (
        json.loads(args.odoo_cmd)
        if args.odoo_cmd
        else [
            sys.executable,
            str(Path(odoo.__file__).resolve().parent.parent / "odoo-bin"),
            "-c",
            args.config,
        ]
    )
    log(f"installing {ADDON} without demo data into {args.database}")
    subprocess.run(
        [
            *odoo_cmd,
            "-d",
            args.database,
            "-i",
            ADDON,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )


def _insert(cr, table, columns, rows):
    """Insert rows in pages; return their ids in the order of ``rows``."""
    from psycopg2.extras import execute_values

    ids = []
    for start in range(0, len(rows), 5000):
        ids += [
            row[0]
            for row in execute_values(
                cr._obj,
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES %s RETURNING id",
                rows[start : start + 5000],
                fetch=True,
            )
        ]
    return ids


def build_data(env, tandems=10_000, moments_per_tandem=10, programs=5, coordinators=20):
    """Programmes and coordinators through the ORM; profiles, tandems and key
    moments with SQL inserts (with the values the ORM would store), spread
    over 2020 to 2025. Deterministic: the same arguments give the same data."""
    from odoo import Command

    rnd = random.Random(42)
    users = env["res.users"].create(
        [
            {
                "name": f"Koordinatorin {number}",
                "login": f"bench_coordinator_{number}",
                "groups_id": [
                    Command.link(env.ref("qualitaetsmentor.group_coordinator").id)
                ],
            }
            for number in range(coordinators)
        ]
    )
    program_records = env["mentoring.program"].create(
        [
            {
                "name": f"Programm {number + 1}",
                "coordinator_ids": [
                    Command.set(users[number::programs].ids),
                ],
            }
            for number in range(programs)
        ]
    )
    company_id = env.company.id
    stages = {phase: env.ref(f"qualitaetsmentor.stage_{phase}").id for phase in PHASES}
    regular = env.ref("qualitaetsmentor.end_reason_regular").id
    premature = env.ref("qualitaetsmentor.end_reason_moved").id
    types = {
        name: env.ref(f"qualitaetsmentor.key_moment_type_{name}")
        for name in ("check_in", "feedback", "milestone", "getting_to_know")
    }
    cr = env.cr

    def day(offset):
        return FIRST_DAY + timedelta(days=offset)

    # Tandems first as plain facts, then people and rows from them.
    facts = []
    for number in range(tandems):
        program = program_records[number % programs]
        requested = day(rnd.randrange((LAST_DAY - FIRST_DAY).days))
        matched = started = ended = None
        reason = None
        if rnd.random() < 0.9:
            matched = requested + timedelta(days=rnd.randrange(7, 120))
            if rnd.random() < 0.8:
                started = matched + timedelta(days=rnd.randrange(0, 15))
            start = started or matched
            end = start + timedelta(days=rnd.randrange(30, 730))
            if rnd.random() < 0.6 and end <= LAST_DAY:
                ended = end
                reason = premature if rnd.random() < 0.3 else regular
        if matched and matched > LAST_DAY:
            matched = started = None
        if started and started > LAST_DAY:
            started = None
        if ended:
            phase = "closure"
        elif started:
            phase = "accompaniment"
        elif matched:
            phase = "matching"
        else:
            phase = rnd.choice(("recruitment", "preparation"))
        facts.append(
            {
                "number": number,
                "program": program,
                "coordinator": rnd.choice(program.coordinator_ids).id,
                "requested": requested,
                "matched": matched,
                "started": started,
                "ended": ended,
                "reason": reason,
                "phase": phase,
                "age_group": rnd.choice(AGE_GROUPS),
            }
        )
    waiting = tandems // 20
    partner_ids = _insert(
        cr,
        "res_partner",
        ["name", "complete_name", "active", "type", "is_company"],
        [(f"Mentorin {f['number']}",) * 2 + (True, "contact", False) for f in facts]
        + [
            (f"Mentee {number}",) * 2 + (True, "contact", False)
            for number in range(tandems + waiting)
        ],
    )
    mentor_ids = _insert(
        cr,
        "mentoring_mentor",
        [
            "partner_id",
            "name",
            "program_id",
            "company_id",
            "active",
            "status",
            "application_date",
            "interview_date",
            "police_clearance_date",
            "training_date",
        ],
        [
            (
                partner_ids[f["number"]],
                f"Mentorin {f['number']}",
                f["program"].id,
                company_id,
                True,
                "active" if f["matched"] else "preparation",
                f["requested"] - timedelta(days=60),
                f["requested"] - timedelta(days=45),
                f["requested"] - timedelta(days=30) if rnd.random() < 0.9 else None,
                f["requested"] - timedelta(days=15) if rnd.random() < 0.8 else None,
            )
            for f in facts
        ],
    )
    mentee_rows = [
        (
            partner_ids[tandems + f["number"]],
            f"Mentee {f['number']}",
            f["program"].id,
            company_id,
            True,
            f["age_group"],
            f["requested"],
            "matched" if f["matched"] else "waiting",
        )
        for f in facts
    ] + [
        (
            partner_ids[2 * tandems + number],
            f"Mentee {tandems + number}",
            program_records[number % programs].id,
            company_id,
            True,
            rnd.choice(AGE_GROUPS),
            day(rnd.randrange((LAST_DAY - FIRST_DAY).days)),
            "waiting",
        )
        for number in range(waiting)
    ]
    mentee_ids = _insert(
        cr,
        "mentoring_mentee",
        [
            "partner_id",
            "name",
            "program_id",
            "company_id",
            "active",
            "age_group",
            "waiting_since",
            "status",
        ],
        mentee_rows,
    )
    tandem_ids = _insert(
        cr,
        "mentoring_tandem",
        [
            "name",
            "active",
            "sequence",
            "priority",
            "program_id",
            "company_id",
            "stage_id",
            "phase",
            "mentor_id",
            "mentee_id",
            "coordinator_id",
            "date_requested",
            "date_matched",
            "date_started",
            "date_ended",
            "end_reason_id",
            "ended_prematurely",
        ],
        [
            (
                f"Mentorin {f['number']} & Mentee {f['number']}",
                True,
                10,
                "0",
                f["program"].id,
                company_id,
                stages[f["phase"]],
                f["phase"],
                mentor_ids[f["number"]],
                mentee_ids[f["number"]],
                f["coordinator"],
                f["requested"],
                f["matched"],
                f["started"],
                f["ended"],
                f["reason"],
                f["reason"] == premature,
            )
            for f in facts
        ],
    )
    moment_rows = []
    for f, tandem_id in zip(facts, tandem_ids, strict=True):
        start = f["started"] or f["matched"]
        if not start:
            continue
        end = f["ended"] or LAST_DAY
        span = max((end - start).days, 1)
        for index in range(moments_per_tandem):
            moment_type = (
                types["getting_to_know"]
                if index == 0
                else rnd.choice(
                    (types["check_in"],) * 6 + (types["feedback"], types["milestone"])
                )
            )
            moment_rows.append(
                (
                    tandem_id,
                    f["program"].id,
                    company_id,
                    moment_type.id,
                    moment_type.category,
                    start + timedelta(days=span * index // moments_per_tandem),
                    f"Gespräch {index + 1}",
                    "<p>Notizen</p>",
                    rnd.random() < 0.05,
                    f["coordinator"],
                )
            )
    _insert(
        cr,
        "mentoring_key_moment",
        [
            "tandem_id",
            "program_id",
            "company_id",
            "type_id",
            "category",
            "date",
            "summary",
            "notes",
            "confidential",
            "author_id",
        ],
        moment_rows,
    )
    cr.execute("ANALYZE")
    env.invalidate_all()
    return {
        "programs": program_records,
        "coordinators": users,
        "tandems": len(tandem_ids),
        "key_moments": len(moment_rows),
        "mentors": len(mentor_ids),
        "mentees": len(mentee_ids),
    }


def measure(env, user, run, repeat):
    """Median and spread of ``run(env_as_user)`` in ms, and its queries."""
    times, queries, result = [], set(), None
    for number in range(repeat + 1):
        user_env = env(user=user.id)
        user_env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        result = run(user_env)
        elapsed = (time.perf_counter() - started) * 1000
        if number:  # the first run fills the caches
            times.append(elapsed)
            queries.add(env.cr.sql_log_count - before)
    return statistics.median(times), min(times), max(times), queries, result


def export(workbook, date_from, date_to, **values):
    def run(env):
        wizard = env["mentoring.report.export"].create(
            {
                "workbook": workbook,
                "date_from": date_from,
                "date_to": date_to,
                "lang": "en_US",
                **values,
            }
        )
        wizard.action_export()
        return f"{len(base64.b64decode(wizard.file_data)) / 1024:.0f} KB"

    return run


def pivot(env):
    groups = env["mentoring.tandem.analysis"].read_group(
        [],
        ["contact_count:sum", "duration_months:avg"],
        ["program_id", "year_started"],
        lazy=False,
    )
    return f"{len(groups)} groups"


def last_five_years(env):
    """The organisation's year and the four before it."""
    year = env.company._mentoring_today().year
    return list(range(year - 4, year + 1))


def quality_pivot(env):
    """The quality report of every programme over five years, as its pivot
    reads it (issue 16): programme x year x standard, rate = sum(met) /
    sum(applicable)."""
    years = [str(year) for year in last_five_years(env)]
    groups = env["mentoring.quality.report"].read_group(
        [("year", "in", years)],
        ["applicable:sum", "met:sum", "rate:avg"],
        ["program_id", "year", "standard"],
        lazy=False,
    )
    return f"{len(groups)} groups"


def quality_export(env):
    years = last_five_years(env)
    return export("quality", date(years[0], 1, 1), date(years[-1], 12, 31))(env)


CASES = [
    ("funder statistics 2021-2025", export("statistics", date(2021, 1, 1), LAST_DAY)),
    ("funder statistics 2025", export("statistics", date(2025, 1, 1), LAST_DAY)),
    ("tandem register 2025", export("register", date(2025, 1, 1), LAST_DAY)),
    (
        "key-moment log 2025 with notes",
        export("key_moments", date(2025, 1, 1), LAST_DAY, include_notes=True),
    ),
    ("analysis pivot (programme x year)", pivot),
    ("quality report 5 years (pivot)", quality_pivot),
    ("quality report 5 years (workbook)", quality_export),
]


def print_figures(env, coordinator, repeat=5):
    """Measure every case as the administrator and as ``coordinator`` and
    print one line each. Leaves the transaction to the caller."""
    admin = env.ref("base.user_admin")
    header = (
        f"{'measure':36} {'user':13} {'median ms':>10} {'min ms':>8} "
        f"{'max ms':>8} {'queries':>8}  result"
    )
    print(header)
    print("-" * len(header))
    for label, run in CASES:
        for role, user in (("administrator", admin), ("coordinator", coordinator)):
            median, fastest, slowest, queries, result = measure(env, user, run, repeat)
            query_text = "/".join(str(count) for count in sorted(queries))
            print(
                f"{label:36} {role:13} {median:10.0f} {fastest:8.0f} "
                f"{slowest:8.0f} {query_text:>8}  {result}"
            )


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.service import db as db_service

    odoo.tools.config.parse_config(["-c", args.config])
    if not args.reuse:
        db_service.exp_drop(args.database)  # left over from an earlier run
        install(args)
    registry = odoo.modules.registry.Registry(args.database)
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if args.reuse:
                programs = env["mentoring.program"].search([], order="id")
            else:
                started = time.perf_counter()
                programs = build_data(
                    env,
                    args.tandems,
                    args.moments_per_tandem,
                    args.programs,
                    args.coordinators,
                )["programs"]
                cr.commit()
                log(f"data built in {time.perf_counter() - started:.1f} s")
            print()
            print(
                f"{env['mentoring.tandem'].search_count([]):,} tandems, "
                f"{env['mentoring.key.moment'].search_count([]):,} key moments, "
                f"{len(programs)} programmes, {len(programs.coordinator_ids)} "
                f"coordinators; median of {args.repeat} runs after one warm-up"
            )
            print_figures(env, programs[0].coordinator_ids[0], args.repeat)
            cr.rollback()
    finally:
        odoo.modules.registry.Registry.delete(args.database)
        if not args.keep:
            db_service.exp_drop(args.database)
            log(f"dropped {args.database}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
