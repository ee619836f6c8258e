"""Performance at the size of a large organisation, next to Odoo's CRM.

Builds a throw-away database with the QualitätsMENTOR addons and Odoo's CRM,
fills it with 10,000 tandems and 200,000 key moments over 5 programmes and 20
coordinators and with 10,000 CRM leads, then measures, each operation several
times with the median printed: the tandem board as the web client loads it,
next to the CRM pipeline loaded the same way, a tandem form and its chatter,
the monitoring scheduled action (its first run of a day and the next one),
the reports addon's workbooks (through bench_reports.py), the analysis
pivot and the matching assistant's suggestions for one mentee among 5,000
mentors of her programme (through bench_matching.py).

Run it through `./qm bench` (which starts a PostgreSQL of its own):

    ./qm bench                      # the full size: 10,000 tandems
    ./qm bench --tandems 500        # a quick run while developing
    ./qm bench --only matching      # the matching assistant alone
    ./qm bench --only matching --mentors 500

It prints figures and never fails on time.
"""

import argparse
import importlib.util
import json
import math
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB_CLIENT = ROOT / "qualitaetsmentor" / "tests" / "web_client.py"
REPORTS_BENCH = Path(__file__).resolve().parent / "bench_reports.py"
MATCHING_BENCH = Path(__file__).resolve().parent / "bench_matching.py"
PROGRAMS = 5
COORDINATORS = 20
SALESPEOPLE = PROGRAMS  # one sales team per programme: the same share each
PHASES = ("recruitment", "preparation", "matching", "accompaniment", "closure")
# Key moments a tandem has collected by its phase (relative weights).
MOMENT_WEIGHTS = {
    "recruitment": (0, 2),
    "preparation": (1, 4),
    "matching": (3, 6),
    "accompaniment": (15, 40),
    "closure": (20, 50),
}
TODAY = date.today()


def log(message):
    print(f"[bench] {message}", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True, help="the Odoo configuration")
    parser.add_argument(
        "--odoo-cmd", required=True, help="the command that starts Odoo, as JSON"
    )
    parser.add_argument("--db", default="qm_bench", help="database name")
    parser.add_argument("--tandems", type=int, default=10000)
    parser.add_argument(
        "--moments",
        type=int,
        help="key moments (default: 20 per tandem)",
    )
    parser.add_argument("--leads", type=int, help="CRM leads (default: as tandems)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="measured runs of each operation"
    )
    parser.add_argument(
        "--mentors",
        type=int,
        default=5000,
        help="mentors of the matching assistant's programme",
    )
    parser.add_argument(
        "--only",
        choices=("matching",),
        help="build and measure only this part (matching: the suggestions)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a database built earlier with the same sizes",
    )
    args = parser.parse_args()
    args.moments = args.moments if args.moments is not None else 20 * args.tandems
    args.leads = args.leads if args.leads is not None else args.tandems
    return args


def our_addons():
    return sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


def size_key(args):
    """What a reusable database was built with."""
    if args.only == "matching":
        return f"matching/{args.mentors}"
    return f"{args.tandems}/{args.moments}/{args.leads}/{args.mentors}"


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_web_client():
    """The web client's calls, shared with the query-count tests."""
    spec = importlib.util.spec_from_file_location("qm_web_client", WEB_CLIENT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ database


def prepare_database(args, odoo, extra_addons=("crm",)):
    """Install the addons (ours and ``extra_addons``: the CRM to compare
    with) into a fresh database, unless --reuse finds one built with the
    same sizes."""
    from odoo.service import db as db_service

    size = size_key(args)
    if db_service.exp_db_exist(args.db):
        if args.reuse and stored_size(odoo, args.db) == size:
            log(f"Reusing the database {args.db} ({size})")
            return False
        log(f"Dropping the database {args.db}")
        db_service.exp_drop(args.db)
    # CRM is the comparison of the board; the matching part needs ours only.
    extra = () if getattr(args, "only", None) else extra_addons
    addons = ",".join([*our_addons(), *extra])
    log(f"Installing {addons} into {args.db} (without demo data)")
    started = time.perf_counter()
    subprocess.run(
        [
            *json.loads(args.odoo_cmd),
            "-d",
            args.db,
            "-i",
            addons,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    log(f"Installed in {time.perf_counter() - started:.0f} s")
    return True


def stored_size(odoo, db):
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'qm_bench.size'")
        row = cr.fetchone()
    return row and row[0]


# --------------------------------------------------------------------- data


class Builder:
    """Fills the database: batched ORM creates where records are few or
    where Odoo's own logic matters, SQL for the 200,000 key moments (through
    the ORM each would post a chatter note one by one); the tandems' stored
    fields are then recomputed by the ORM in one batch."""

    def __init__(self, env, args):
        self.env = env
        self.args = args
        self.rng = random.Random(20260501)
        self.cr = env.cr

    def step(self, message):
        log(message)
        self.started = time.perf_counter()

    def done(self):
        self.env.flush_all()
        log(f"  ... {time.perf_counter() - self.started:.1f} s")

    def create(self, model, vals_list, batch=1000):
        records = self.env[model]
        for start in range(0, len(vals_list), batch):
            records |= records.create(vals_list[start : start + batch])
        return records

    def build(self):
        env = self.env
        self.step(
            f"Users: {COORDINATORS} coordinators, "
            f"{SALESPEOPLE if self.args.leads else 0} salespeople"
        )
        self.coordinators = self.users("coordinator", COORDINATORS, "coordinator")
        self.salespeople = (
            self.users("salesperson", SALESPEOPLE, "salesman")
            if self.args.leads
            else []
        )
        self.done()
        self.step("Programmes, tags, mentors and mentees")
        coordinators_per_program = COORDINATORS // PROGRAMS
        self.programs = self.create(
            "mentoring.program",
            [
                {
                    "name": f"Programme {number + 1}",
                    "coordinator_ids": [
                        (
                            6,
                            0,
                            self.coordinators[
                                number * coordinators_per_program : (number + 1)
                                * coordinators_per_program
                            ].ids,
                        )
                    ],
                }
                for number in range(PROGRAMS)
            ],
        )
        self.tags = self.create(
            "mentoring.tag",
            [
                {"name": name, "color": index + 1}
                for index, name in enumerate(
                    ("Reading", "Sport", "Music", "School", "Family", "Refugee")
                )
            ],
        )
        per_program = math.ceil(self.args.tandems / PROGRAMS)
        self.mentors = self.profiles(
            "mentoring.mentor", "Mentor", per_program * 7 // 10
        )
        self.mentees = self.profiles(
            "mentoring.mentee", "Mentee", per_program * 9 // 10
        )
        self.done()
        self.step(f"{self.args.tandems} tandems")
        self.tandems = self.create("mentoring.tandem", self.tandem_values())
        self.done()
        self.step(f"{self.args.moments} key moments (SQL) and their chatter notes")
        self.insert_key_moments()
        self.insert_chatter()
        self.done()
        self.step("Moving the tandems to their columns; recomputing in one batch")
        self.move_tandems()
        self.recompute_tandems()
        self.done()
        # Without leads (./qm load), the CRM need not be installed.
        self.leads = []
        if self.args.leads:
            self.step(f"{self.args.leads} CRM leads")
            self.leads = self.create("crm.lead", self.lead_values(), batch=500)
            self.done()
        self.step("Activities on a third of the tandems and leads")
        self.activities()
        self.done()
        env.flush_all()
        env.cr.commit()
        self.step("ANALYZE")
        env.cr.execute("ANALYZE")
        env.cr.commit()
        self.done()

    def users(self, login, count, role):
        groups = {
            "coordinator": "qualitaetsmentor.group_coordinator",
            "salesman": "sales_team.group_sale_salesman",
        }
        group = self.env.ref(groups[role])
        return self.create(
            "res.users",
            [
                {
                    "name": f"{login.title()} {number + 1}",
                    "login": f"bench_{login}_{number + 1}",
                    "groups_id": [
                        (6, 0, [self.env.ref("base.group_user").id, group.id])
                    ],
                    "tz": "Europe/Berlin",
                }
                for number in range(count)
            ],
        )

    def profiles(self, model, label, per_program):
        partners = self.create(
            "res.partner",
            [
                {"name": f"{label} {program.id}-{number + 1}"}
                for program in self.programs
                for number in range(per_program)
            ],
            batch=2000,
        )
        values = []
        for index, partner in enumerate(partners):
            values.append(
                {
                    "partner_id": partner.id,
                    "program_id": self.programs[index // per_program].id,
                    **self.screening(model),
                }
            )
        profiles = self.create(model, values, batch=2000)
        by_program = {}
        for profile in profiles:
            by_program.setdefault(profile.program_id.id, []).append(profile.id)
        return by_program

    def screening(self, model):
        """What the preparation documented: the matching gate asks for it."""
        rng = self.rng
        facts = {"consent_date": TODAY - timedelta(days=rng.randrange(30, 3000))}
        if model == "mentoring.mentor":
            facts.update(
                {
                    "status": "active",
                    "interview_date": facts["consent_date"],
                    "training_date": facts["consent_date"],
                    # Within five years, a few about to expire.
                    "police_clearance_date": TODAY
                    - timedelta(days=rng.randrange(30, 5 * 365)),
                }
            )
        fields = self.env[model]._fields
        return {name: value for name, value in facts.items() if name in fields}

    def tandem_values(self):
        rng = self.rng
        stages = {
            stage.phase: stage
            for stage in self.env["mentoring.stage"].search([], order="sequence desc")
        }
        end_reasons = self.env["mentoring.end.reason"].search([])
        coordinators_per_program = COORDINATORS // PROGRAMS
        values = []
        self.stages = stages
        self.phases = []
        for number in range(self.args.tandems):
            program_index = number % PROGRAMS
            program = self.programs[program_index]
            phase = PHASES[(number // PROGRAMS) % len(PHASES)]
            mentors = self.mentors[program.id]
            mentees = self.mentees[program.id]
            coordinator = self.coordinators[
                program_index * coordinators_per_program
                + rng.randrange(coordinators_per_program)
            ]
            self.phases.append(phase)
            vals = {
                "program_id": program.id,
                # Created in the first column; moved to their own once their
                # key moments are documented (move_tandems).
                "stage_id": stages["recruitment"].id,
                "mentor_id": mentors[rng.randrange(len(mentors))],
                "mentee_id": mentees[rng.randrange(len(mentees))],
                "coordinator_id": coordinator.id,
                "priority": rng.choices("012", weights=(80, 15, 5))[0],
                "color": rng.randrange(12),
                "tag_ids": [(6, 0, rng.sample(self.tags.ids, rng.randrange(3)))],
            }
            vals.update(self.tandem_dates(phase, end_reasons))
            if "date_phase_entered" in self.env["mentoring.tandem"]._fields:
                vals["date_phase_entered"] = (
                    vals.get("date_ended")
                    or vals.get("date_started")
                    or vals.get("date_matched")
                    or vals["date_requested"]
                )
            values.append(vals)
        return values

    def tandem_dates(self, phase, end_reasons):
        rng = self.rng
        if phase in ("recruitment", "preparation"):
            return {"date_requested": TODAY - timedelta(days=rng.randrange(1, 180))}
        if phase == "matching":
            matched = TODAY - timedelta(days=rng.randrange(1, 60))
        elif phase == "accompaniment":
            matched = TODAY - timedelta(days=rng.randrange(60, 3 * 365))
        else:
            matched = TODAY - timedelta(days=rng.randrange(400, 9 * 365))
        dates = {
            "date_requested": matched - timedelta(days=rng.randrange(30, 150)),
            "date_matched": matched,
            "date_started": matched + timedelta(days=7),
            "date_planned_end": matched + timedelta(days=372),
        }
        if phase in ("matching", "accompaniment"):
            dates["date_started"] = min(dates["date_started"], TODAY)
        if phase == "closure":
            dates["date_ended"] = min(
                matched + timedelta(days=rng.randrange(180, 730)),
                TODAY - timedelta(days=1),
            )
            dates["end_reason_id"] = end_reasons[rng.randrange(len(end_reasons))].id
        return dates

    def moment_counts(self):
        """Key moments per tandem by its phase, adding up to --moments."""
        weights = [self.rng.randint(*MOMENT_WEIGHTS[phase]) for phase in self.phases]
        total = sum(weights) or 1
        counts = [w * self.args.moments // total for w in weights]
        for index in self.rng.sample(
            range(len(counts)), self.args.moments - sum(counts)
        ):
            counts[index] += 1
        return counts

    def insert_key_moments(self):
        types = {
            t.category: t for t in self.env["mentoring.key.moment.type"].search([])
        }
        regular = [
            ("check_in", 60),
            ("feedback", 8),
            ("milestone", 12),
            ("conflict", 3),
            ("crisis", 1),
            ("matching_talk", 6),
        ]
        categories, weights = zip(*regular, strict=True)
        rng = self.rng
        rows = []
        for tandem, count in zip(self.tandems, self.moment_counts(), strict=True):
            start = tandem.date_requested
            end = tandem.date_ended or TODAY
            span = max((end - start).days, 1)
            for index in range(count):
                if index == 0:
                    category = (
                        "getting_to_know" if tandem.date_matched else "intake_mentor"
                    )
                elif tandem.date_ended and index == count - 1:
                    category = "closing"
                else:
                    category = rng.choices(categories, weights=weights)[0]
                moment_type = types.get(category) or types["check_in"]
                day = start + timedelta(days=span * (index + 1) // (count + 1))
                rows.append(
                    (
                        tandem.id,
                        tandem.program_id.id,
                        tandem.company_id.id,
                        moment_type.id,
                        moment_type.category,
                        day,
                        f"{moment_type.name} with the tandem",
                        rng.choice("12345") if category == "feedback" else None,
                        category in ("crisis",),
                        tandem.coordinator_id.id,
                        tandem.coordinator_id.id,
                        tandem.coordinator_id.id,
                    )
                )
        from psycopg2.extras import execute_values

        execute_values(
            self.cr._obj,
            """
            INSERT INTO mentoring_key_moment (tandem_id, program_id, company_id,
                type_id, category, date, summary, relationship_quality,
                confidential, author_id, create_uid, write_uid, source,
                create_date, write_date)
            VALUES %s
            """,
            rows,
            template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "'coordinator', now() at time zone 'UTC', now() at time zone 'UTC')",
            page_size=5000,
        )
        self.env["mentoring.key.moment"].invalidate_model()

    def insert_chatter(self):
        """What the ORM would have written: a note per key moment on the
        tandem's chatter, and the coordinator following the tandem."""
        note = self.env.ref("mail.mt_note").id
        self.cr.execute(
            """
            INSERT INTO mail_message (model, res_id, message_type, subtype_id,
                is_internal, body, author_id, date, create_uid, write_uid,
                create_date, write_date)
            SELECT 'mentoring.tandem', m.tandem_id, 'comment', %s, true,
                   '<p>Key moment documented: ' || m.summary || '</p>',
                   u.partner_id, m.date, m.author_id, m.author_id,
                   m.date, m.date
              FROM mentoring_key_moment m
              JOIN res_users u ON u.id = m.author_id
            """,
            (note,),
        )
        self.cr.execute(
            """
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT 'mentoring.tandem', t.id, u.partner_id
              FROM mentoring_tandem t
              JOIN res_users u ON u.id = t.coordinator_id
            ON CONFLICT DO NOTHING
            """
        )

    def move_tandems(self):
        """As if each tandem had passed the gates on its way over the board
        in the years before: the stage is set in SQL, the fields that follow
        from it are recomputed by the ORM (recompute_tandems)."""
        by_phase = {}
        for tandem, phase in zip(self.tandems, self.phases, strict=True):
            by_phase.setdefault(phase, []).append(tandem.id)
        for phase, ids in by_phase.items():
            self.cr.execute(
                "UPDATE mentoring_tandem SET stage_id = %s WHERE id = ANY(%s)",
                (self.stages[phase].id, ids),
            )
        self.tandems.invalidate_recordset()

    def recompute_tandems(self):
        tandems = self.tandems
        for field in tandems._fields.values():
            if field.store and field.compute:
                self.env.add_to_compute(field, tandems)
        tandems.flush_recordset()

    def lead_values(self):
        rng = self.rng
        stages = self.env["crm.stage"].search([], order="sequence")
        teams = self.create(
            "crm.team",
            [
                {"name": f"Team {number + 1}", "user_id": user.id}
                for number, user in enumerate(self.salespeople)
            ],
        )
        partners = self.create(
            "res.partner",
            [
                {"name": f"Customer {number + 1}", "is_company": True}
                for number in range(max(self.args.leads // 5, 1))
            ],
            batch=2000,
        )
        tags = self.create(
            "crm.tag",
            [{"name": name} for name in ("Product", "Service", "Consulting", "Other")],
        )
        lost_reasons = self.env["crm.lost.reason"].search([])
        values = []
        for number in range(self.args.leads):
            index = number % SALESPEOPLE
            vals = {
                "name": f"Opportunity {number + 1}",
                "type": "opportunity",
                "user_id": self.salespeople[index].id,
                "team_id": teams[index].id,
                "partner_id": partners[rng.randrange(len(partners))].id,
                "expected_revenue": rng.randrange(500, 50000),
                "priority": rng.choices("0123", weights=(60, 25, 10, 5))[0],
                "color": rng.randrange(12),
                "tag_ids": [(6, 0, rng.sample(tags.ids, rng.randrange(3)))],
            }
            # As the tandems: one fifth is over (lost and archived), the rest
            # spread over the open columns.
            if (number // SALESPEOPLE) % 5 == 4:
                vals.update(
                    {
                        "stage_id": stages[0].id,
                        "active": False,
                        "probability": 0,
                        "lost_reason_id": lost_reasons[:1].id,
                    }
                )
            else:
                vals["stage_id"] = stages[(number // SALESPEOPLE) % 5 % len(stages)].id
            values.append(vals)
        return values

    def activities(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        models = self.env["ir.model"]
        rng = self.rng
        values = []
        for records, user_field in (
            (self.tandems, "coordinator_id"),
            (self.leads, "user_id"),
        ):
            if not records:
                continue
            model_id = models._get_id(records._name)
            for record in records.filtered(lambda r: r.active):
                if rng.random() < 1 / 3:
                    values.append(
                        {
                            "res_model_id": model_id,
                            "res_id": record.id,
                            "activity_type_id": todo.id,
                            "summary": "Follow up",
                            "user_id": record[user_field].id,
                            "date_deadline": TODAY
                            + timedelta(days=rng.randint(-20, 20)),
                        }
                    )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            values
        )


# ------------------------------------------------------------- measurements


class Bench:
    """Runs each operation in a fresh transaction, as a request would, and
    rolls it back, so every run does the same work."""

    def __init__(self, odoo, registry, repeat):
        self.odoo = odoo
        self.registry = registry
        self.repeat = repeat
        self.rows = []

    def run_once(self, function, uid, prepare=None):
        """One run in its own transaction, rolled back afterwards; prepare(env)
        runs before, unmeasured. A callable result describes the records once
        the time is taken."""
        with self.registry.cursor() as cr:
            env = self.odoo.api.Environment(cr, uid, {})
            if prepare:
                prepare(env)
                env.flush_all()
                env.invalidate_all()
            count_before = self.odoo.sql_db.sql_counter
            started = time.perf_counter()
            records = function(env)
            env.flush_all()
            elapsed = time.perf_counter() - started
            count = self.odoo.sql_db.sql_counter - count_before
            if callable(records):
                records = records()
            cr.rollback()
        return elapsed * 1000, count, records

    def measure(self, *operations):
        """Measure (operation, user, function, uid[, prepare]) tuples; several
        are run in turns, so that a busy moment of the machine hits them
        alike."""
        results = [([], [], None) for _operation in operations]
        for run in range(self.repeat + 1):  # the first run warms the caches
            for index, (_name, _user, function, uid, *prepare) in enumerate(operations):
                elapsed, count, records = self.run_once(function, uid, *prepare)
                timings, queries, _records = results[index]
                if run:
                    timings.append(elapsed)
                    queries.append(count)
                results[index] = (timings, queries, records)
        rows = []
        for (operation, user, *_rest), (timings, queries, records) in zip(
            operations, results, strict=True
        ):
            row = {
                "operation": operation,
                "user": user,
                "ms": statistics.median(timings),
                "min_ms": min(timings),
                "queries": int(statistics.median(queries)),
                "records": records,
            }
            self.rows.append(row)
            rows.append(row)
            log(
                f"{operation} ({user}): {row['ms']:.0f} ms, "
                f"{row['queries']} queries, {records}"
            )
        return rows[0] if len(rows) == 1 else rows

    def missing(self, operation, user="-"):
        self.rows.append(
            {
                "operation": operation,
                "user": user,
                "ms": None,
                "min_ms": None,
                "queries": None,
                "records": "not available yet",
            }
        )
        log(f"{operation}: not available yet")

    def table(self):
        headers = ("operation", "user", "median ms", "min ms", "queries", "records")
        lines = [
            (
                row["operation"],
                row["user"],
                "-" if row["ms"] is None else f"{row['ms']:.0f}",
                "-" if row["min_ms"] is None else f"{row['min_ms']:.0f}",
                "-" if row["queries"] is None else str(row["queries"]),
                str(row["records"]),
            )
            for row in self.rows
        ]
        widths = [
            max(len(header), *(len(line[i]) for line in lines))
            for i, header in enumerate(headers)
        ]
        out = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
        out.append("-|-".join("-" * w for w in widths))
        for line in lines:
            out.append(
                " | ".join(
                    cell.rjust(w) if index in (2, 3, 4) else cell.ljust(w)
                    for index, (cell, w) in enumerate(zip(line, widths, strict=True))
                )
            )
        return "\n".join(out)


def board(web_client, model_name, domain, context, view_xmlid=None):
    def load(env):
        model = env[model_name].with_context(context)
        view_id = env.ref(view_xmlid).id if view_xmlid else False
        view = views.setdefault(env.uid, web_client.View(model, "kanban", view_id))
        cards, total = web_client.load_board(model, view, domain)
        return f"{cards} cards of {total}"

    views = {}
    return load


def run_measurements(odoo, registry, args, web_client):
    bench = Bench(odoo, registry, args.repeat)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        coordinator = env["res.users"].search([("login", "=", "bench_coordinator_1")])
        salesperson = env["res.users"].search([("login", "=", "bench_salesperson_1")])
        users = {
            "coordinator": coordinator.id,
            "admin": admin.id,
            "salesperson": salesperson.id,
        }
        program = env["mentoring.program"].search(
            [("coordinator_ids", "in", coordinator.id)], limit=1
        )
        # A tandem in accompaniment with an average history, to open.
        cr.execute(
            """
            SELECT t.id FROM mentoring_tandem t
              JOIN mentoring_key_moment m ON m.tandem_id = t.id
             WHERE t.program_id = %s AND t.phase = 'accompaniment'
             GROUP BY t.id HAVING count(*) >= 20 ORDER BY t.id LIMIT 1
            """,
            (program.id,),
        )
        row = cr.fetchone()
        tandem_id = row and row[0]
        crons = env["ir.cron"].search([("model_id.model", "=", "mentoring.tandem")])
        cron_ids = [(cron.id, cron.name) for cron in crons]

    # The board as the menu opens it: the action's domain and default filter.
    running = [("phase", "!=", "closure")]
    tandem_board = board(web_client, "mentoring.tandem", running, {})
    # The CRM pipeline's action domain; "My Pipeline" is left out so that a
    # salesperson sees, through her record rule, what a coordinator sees of
    # her programme (a fifth) and an administrator everything.
    crm_board = board(
        web_client,
        "crm.lead",
        [("type", "=", "opportunity")],
        {"default_type": "opportunity"},
        "crm.crm_case_kanban_view_leads",
    )
    log(f"Measuring, {args.repeat} runs each after one warm-up run")
    ratios = []
    for role, crm_role in (("coordinator", "salesperson"), ("admin", "admin")):
        ours, theirs = bench.measure(
            ("tandem board", role, tandem_board, users[role]),
            ("CRM pipeline", crm_role, crm_board, users[crm_role]),
        )
        ratios.append((role, ours, theirs))

    if tandem_id:
        form_views = {}

        def form_view(env):
            tandem = env["mentoring.tandem"].browse(tandem_id)
            return tandem, form_views.setdefault(
                env.uid, web_client.View(tandem, "form")
            )

        def open_form(env):
            tandem, view = form_view(env)
            moments = web_client.load_form(tandem, view)[0]["key_moment_ids"]
            shown = min(len(moments), view.specification["key_moment_ids"]["limit"])
            return f"1 tandem, {shown} of {len(moments)} key moments"

        def open_chatter(env):
            tandem, view = form_view(env)
            return f"{web_client.load_chatter(tandem, view)} messages"

        bench.measure(("tandem form", "coordinator", open_form, users["coordinator"]))
        bench.measure(
            ("tandem form: chatter", "coordinator", open_chatter, users["coordinator"])
        )
    else:
        bench.missing("tandem form", "coordinator")

    measure_monitoring(bench, cron_ids)
    measure_reports(bench, users)
    measure_matching(bench, registry, odoo)

    print()
    print(bench.table())
    print()
    for role, ours, theirs in ratios:
        print(
            f"board / CRM pipeline ({role}): time {ours['ms'] / theirs['ms']:.2f} "
            f"(fastest runs {ours['min_ms'] / theirs['min_ms']:.2f}), "
            f"queries {ours['queries']} / {theirs['queries']}"
        )
    return bench


def measure_matching(bench, registry, odoo):
    """The matching assistant's suggestions (bench_matching.py)."""
    matching = load_module("qm_bench_matching", MATCHING_BENCH)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        matching.measure(bench, env, log)


def measure_monitoring(bench, cron_ids):
    """The daily scheduled action over all tandems: its first run of a day
    (every reminder due is created), and a run right after (nothing new)."""
    if not cron_ids:
        bench.missing("monitoring scheduled action")
        return
    for cron_id, name in cron_ids:
        state = {}

        def run_cron(env, cron_id=cron_id):
            cron = env["ir.cron"].browse(cron_id)
            cron.ir_actions_server_id.with_user(cron.user_id).run()
            return lambda: describe(env)

        def remember_last_activity(env, state=state):
            env.cr.execute("SELECT coalesce(max(id), 0) FROM mail_activity")
            state["last_activity"] = env.cr.fetchone()[0]

        def describe(env, state=state):
            env.cr.execute(
                "SELECT count(*) FROM mail_activity WHERE id > %s",
                (state["last_activity"],),
            )
            created = env.cr.fetchone()[0]
            running = env["mentoring.tandem"].search_count([("phase", "!=", "closure")])
            return f"{running} running tandems, {created} activities created"

        def run_twice(env, cron_id=cron_id):
            run_cron(env, cron_id)
            remember_last_activity(env)

        bench.measure(
            (
                "monitoring scheduled action",
                "OdooBot",
                run_cron,
                odoo_superuser(),
                remember_last_activity,
            )
        )
        bench.measure(
            (
                "monitoring scheduled action, next run",
                "OdooBot",
                run_cron,
                odoo_superuser(),
                run_twice,
            )
        )
        log(f"(scheduled action: {name})")


def odoo_superuser():
    from odoo import SUPERUSER_ID

    return SUPERUSER_ID


def measure_reports(bench, users):
    """The workbooks and the analysis pivot of the reports addon, through the
    cases its own benchmark (bench_reports.py) defines; without it, the pivot
    over the tandems themselves."""
    if not REPORTS_BENCH.is_file():
        bench.missing("funder statistics export")
        measure_pivot(bench, users)
        return
    spec = importlib.util.spec_from_file_location("qm_bench_reports", REPORTS_BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for label, run in module.CASES:
        bench.measure(
            (label, "admin", run, users["admin"]),
            (label, "coordinator", run, users["coordinator"]),
        )


def measure_pivot(bench, users):
    def pivot(env):
        groups = env["mentoring.tandem"].read_group(
            [],
            ["__count"],
            ["program_id", "date_started:year"],
            lazy=False,
        )
        return f"{len(groups)} cells"

    bench.measure(("analysis pivot (programme x year)", "admin", pivot, users["admin"]))


def main():
    args = parse_args()
    import odoo

    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, "--log-level=warn"]
    )
    started = time.perf_counter()
    fresh = prepare_database(args, odoo)
    registry = odoo.modules.registry.Registry(args.db)
    if fresh:
        if args.only != "matching":
            log(
                f"Building {args.tandems} tandems, {args.moments} key moments and "
                f"{args.leads} CRM leads"
            )
        with registry.cursor() as cr:
            env = odoo.api.Environment(
                cr,
                odoo.SUPERUSER_ID,
                {
                    "tracking_disable": True,
                    "mail_create_nolog": True,
                    "mail_create_nosubscribe": True,
                    "mail_notrack": True,
                    "no_reset_password": True,
                },
            )
            if args.only != "matching":
                Builder(env, args).build()
            log(f"Building the matching programme: {args.mentors} mentors")
            started_matching = time.perf_counter()
            load_module("qm_bench_matching", MATCHING_BENCH).build(
                env, args.mentors, log
            )
            log(f"  ... {time.perf_counter() - started_matching:.1f} s")
            env["ir.config_parameter"].set_param("qm_bench.size", size_key(args))
            env.flush_all()
            cr.commit()
            cr.execute("ANALYZE")
            cr.commit()
    if args.only == "matching":
        bench = Bench(odoo, registry, args.repeat)
        measure_matching(bench, registry, odoo)
        print()
        print(bench.table())
    else:
        run_measurements(odoo, registry, args, load_web_client())
    log(f"Done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
