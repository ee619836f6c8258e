"""Production mode under load and faults: Odoo with worker processes and a
cron worker, driven by simulated coordinators through locust.

Builds a throw-away database filled as the benchmark fills it
(bench_board.py's Builder; 2,000 tandems by default), starts Odoo with
``--workers 4 --max-cron-threads 1`` on the loopback interface and lets
locust's simulated coordinators work on it over JSON-RPC, as the web client
does: open the board, open forms, log key moments, drag cards (some are
refused by the gates), search, and hand a tandem over to a colleague.
Simulated mentors (one user in four, at least one) log in to the portal and
report meetings on ``/my/tandems`` with its HTML forms. The monitoring
scheduled action runs in the cron worker during the load.

Three faults hit while requests are in flight: a worker killed with SIGKILL,
the cron worker killed in the middle of the monitoring run (then its next
run), and PostgreSQL restarted. After each fault and after the load, the
invariants are checked in a process of their own (``--check``): every key
moment a client was told was saved is in the database (a mentor's report
too: source portal, its tandem, day and summary), no tandem has two
open reminders of one kind, every stored computed figure equals a fresh
computation, and after a complete monitoring run no reminder is missing.

Run it through ``./qm load`` (which starts a PostgreSQL of its own):

    ./qm load                                       # 2,000 tandems
    ./qm load --tandems 300 --users 10 --seconds 30  # a small run

It ends with one line that scripts can read and exits non-zero when an
invariant is broken or a fault was not survived:

    load: <requests> requests, p95 <ms> ms, <n> errors, <m> mentors' reports
    saved, invariants ok|broken, faults survived <k> of 3
"""

import argparse
import configparser
import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE / "bench_board.py"
WORKERS = 4
# A JSON-RPC error a user is meant to see: the gates' and the wizards'
# refusals. Anything else (an access error, a server error, a serialization
# failure Odoo gave up retrying) counts as an error.
REFUSALS = ("odoo.exceptions.ValidationError", "odoo.exceptions.UserError")
PASSWORD = "load"  # of the simulated users, on a throw-away database
# Mentors of running tandems with a portal user (bench_mentor_<n>).
PORTAL_MENTORS = 20
# The service must answer again this soon after a fault.
RECOVERY_SECONDS = 30
ACTIONS = (
    "login",
    "board",
    "form",
    "key moment",
    "drag card",
    "search",
    "handover",
    "portal page",
    "report meeting",
)


def log(message):
    print(f"[load] {message}", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", required=True, help="the Odoo configuration")
    parser.add_argument(
        "--odoo-cmd", required=True, help="the command that starts Odoo, as JSON"
    )
    parser.add_argument(
        "--pg-restart-cmd",
        help="the command that restarts PostgreSQL, as JSON (without it, that "
        "fault is not survived)",
    )
    parser.add_argument("--db", default="qm_load", help="database name")
    parser.add_argument("--tandems", type=int, default=2000)
    parser.add_argument(
        "--moments", type=int, help="key moments (default: 20 per tandem)"
    )
    parser.add_argument("--users", type=int, default=10, help="simulated users")
    parser.add_argument("--seconds", type=int, default=60, help="length of the load")
    parser.add_argument(
        "--no-faults", action="store_true", help="the load alone, without faults"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a database built earlier with the same sizes (as an earlier "
        "load left it; while developing)",
    )
    # Internal: the filling and the checks run in processes of their own
    # (the driver runs under gevent, Odoo's ORM does not).
    parser.add_argument("--fill", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--check", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.moments = args.moments if args.moments is not None else 20 * args.tandems
    args.leads = 0
    # What the benchmark's database key also reads (no matching programme).
    args.only = None
    args.mentors = 0
    return args


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def odoo_config(path):
    parser = configparser.ConfigParser()
    parser.read(path)
    return parser["options"]


# --------------------------------------------------------------- filling


def fill(args):
    """The database as the benchmark builds it (without the CRM), with a
    password for the benchmark's coordinators and portal users for
    ``PORTAL_MENTORS`` mentors of running tandems."""
    bench = load_module("qm_bench_board", BENCH)
    import odoo

    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, "--log-level=warn"]
    )
    fresh = bench.prepare_database(args, odoo, extra_addons=())
    registry = odoo.modules.registry.Registry(args.db)
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
        if fresh:
            bench.Builder(env, args).build()
        users = env["res.users"].search([("login", "=like", "bench_coordinator_%")])
        # An author's address: Odoo refuses to post a note without one.
        for user in users:
            user.partner_id.email = f"{user.login}@example.org"
        users |= portal_mentors(env)
        # One hash for all: hashing each password costs half a second.
        cr.execute(
            "UPDATE res_users SET password = %s WHERE id = ANY(%s)",
            (users._crypt_context().hash(PASSWORD), users.ids),
        )
    return 0


def portal_mentors(env):
    """Portal users bench_mentor_1..PORTAL_MENTORS for mentors of running
    tandems (as *Grant Access* gives them: group Portal, the mentor's
    contact with an e-mail address); those of an earlier filling are kept."""
    users = env["res.users"].with_context(active_test=False)
    existing = users.search([("login", "=like", "bench_mentor_%")])
    if len(existing) >= PORTAL_MENTORS:
        return existing
    tandems = env["mentoring.tandem"]._portal_tandems
    partners = existing.partner_id
    running = env["mentoring.tandem"].search(
        [
            ("phase", "in", ("matching", "accompaniment")),
            ("date_anonymized", "=", False),
            ("mentor_id.consent_withdrawn_date", "=", False),
        ],
        order="id",
    )
    mentors = running.mentor_id
    portal = env.ref("base.group_portal")
    for mentor in mentors:
        if len(partners) >= PORTAL_MENTORS:
            break
        partner = mentor.partner_id
        if not partner or partner in partners or partner.user_ids:
            continue
        if not tandems(partner):
            continue
        number = len(partners) + 1
        partner.email = f"bench_mentor_{number}@example.org"
        users.create(
            {
                "partner_id": partner.id,
                "login": f"bench_mentor_{number}",
                "groups_id": [(6, 0, [portal.id])],
                "tz": "Europe/Berlin",
            }
        )
        partners |= partner
    return users.search([("login", "=like", "bench_mentor_%")])


# ---------------------------------------------------------------- checks


def _plain(value):
    """A field's value in a form that compares across caches."""
    if hasattr(value, "_name"):
        return tuple(sorted(value.ids))
    if isinstance(value, float):
        return round(value, 6)
    return value or False


def check(args):
    """The invariants, in one snapshot of the database; prints one line per
    invariant and a JSON line of the results; nothing is written."""
    import odoo

    state = json.loads(Path(args.check).read_text())
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    results = {}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        # Key moments the clients were told were saved.
        saved = state["saved_moments"]
        cr.execute("SELECT id FROM mentoring_key_moment WHERE id = ANY(%s)", (saved,))
        lost = sorted(set(saved) - {row[0] for row in cr.fetchall()})
        results["key moments saved"] = (
            not lost,
            f"{len(saved) - len(lost)} of {len(saved)} in the database"
            + (f", lost: {lost[:10]}" if lost else ""),
        )
        # Meetings the mentors were told were saved (redirected to
        # ?saved=1): a key moment from the portal on that tandem, day and
        # summary.
        reports = state.get("portal_reports", [])
        lost = []
        for tandem_id, day, summary in reports:
            cr.execute(
                "SELECT 1 FROM mentoring_key_moment WHERE source = 'portal' "
                "AND tandem_id = %s AND date = %s AND summary = %s",
                (tandem_id, day, summary),
            )
            if not cr.fetchone():
                lost.append((tandem_id, day, summary))
        results["mentors' reports saved"] = (
            not lost,
            f"{len(reports) - len(lost)} of {len(reports)} in the database"
            + (f", lost: {lost[:5]}" if lost else ""),
        )
        # No tandem has two open reminders of one kind.
        tandems = env["mentoring.tandem"].with_context(active_test=False)
        types = tandems._reminder_types()
        cr.execute(
            """
            SELECT res_id, activity_type_id, count(*) FROM mail_activity
             WHERE res_model = 'mentoring.tandem' AND active
               AND activity_type_id = ANY(%s)
             GROUP BY res_id, activity_type_id HAVING count(*) > 1
            """,
            ([t.id for t in types.values() if t],),
        )
        doubles = cr.fetchall()
        results["no double reminders"] = (
            not doubles,
            f"{len(doubles)} tandems with two open reminders of one kind"
            + (f": {doubles[:5]}" if doubles else ""),
        )
        # Stored figures equal a fresh computation.
        differences = []
        compared = 0
        for model_name in sorted(env.registry):
            model = env[model_name].with_context(active_test=False)
            if not model_name.startswith("mentoring.") or model._abstract:
                continue
            if model._transient:
                continue
            fields = [
                field
                for field in model._fields.values()
                if field.store and field.compute and not field.related
            ]
            if not fields:
                continue
            records = model.search([])
            stored = {
                field.name: {
                    record.id: _plain(record[field.name]) for record in records
                }
                for field in fields
            }
            env.invalidate_all()
            for field in fields:
                env.add_to_compute(field, records)
            for field in fields:
                for record in records:
                    compared += 1
                    fresh = _plain(record[field.name])
                    if fresh != stored[field.name][record.id]:
                        differences.append(
                            f"{model_name}({record.id}).{field.name}: stored "
                            f"{stored[field.name][record.id]!r}, fresh {fresh!r}"
                        )
        results["stored figures true"] = (
            not differences,
            f"{compared} values compared, {len(differences)} differ"
            + (f": {differences[:5]}" if differences else ""),
        )
        # After a complete monitoring run no reminder is missing on the
        # tandems nobody touched since (a touched tandem may have a reminder
        # come due that the next night's run gives).
        if state.get("monitored"):
            touched = set(state["touched"])
            running = tandems.search([("phase", "in", ("matching", "accompaniment"))])
            untouched = running.filtered(lambda t: t.id not in touched)
            cr.execute("SAVEPOINT missing")
            created = untouched.with_context(
                tracking_disable=True
            )._schedule_reminders()
            missing = [(a.res_id, a.activity_type_id.name) for a in created]
            cr.execute("ROLLBACK TO SAVEPOINT missing")
            results["no reminder missing"] = (
                not missing,
                f"{len(untouched)} untouched running tandems, "
                f"{len(missing)} reminders missing"
                + (f": {missing[:5]}" if missing else ""),
            )
        cr.rollback()
    for name, (ok, detail) in results.items():
        print(f"  {name}: {'ok' if ok else 'BROKEN'} ({detail})", flush=True)
    print("RESULT " + json.dumps({name: ok for name, (ok, _d) in results.items()}))
    return 0


# ------------------------------------------------------------------ driver


def main(args):  # noqa: C901 - one timeline, read top to bottom
    # gevent first: locust's users and the fault timeline share one loop.
    from gevent import monkey

    monkey.patch_all()
    import gevent
    import load_users
    from locust import events as locust_events
    from locust.env import Environment

    started = time.monotonic()
    python = json.loads(args.odoo_cmd)[0]
    here = [python, str(Path(__file__).resolve())]
    common = ["--config", args.config, "--db", args.db, "--odoo-cmd", args.odoo_cmd]
    log(f"Filling {args.db}: {args.tandems} tandems, {args.moments} key moments")
    subprocess.run(
        [*here, *common, "--fill", "--tandems", str(args.tandems)]
        + ["--moments", str(args.moments)]
        + (["--reuse"] if args.reuse else []),
        check=True,
    )
    options = odoo_config(args.config)
    import psycopg2

    def pg():
        return psycopg2.connect(
            dbname=args.db,
            host=options["db_host"] or None,
            port=options["db_port"],
            user=options["db_user"],
        )

    with pg() as cnx, cnx.cursor() as cr:
        cr.execute(
            "SELECT res_id FROM ir_model_data WHERE module = 'qualitaetsmentor' "
            "AND name = 'ir_cron_monitor_quality'"
        )
        cron_id = cr.fetchone()[0]
    cnx.close()

    def free_port():
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    http_port, gevent_port = free_port(), free_port()
    workdir = Path(tempfile.mkdtemp(prefix="qm-load-odoo-"))
    odoo_log = workdir / "odoo.log"
    odoo = subprocess.Popen(
        [
            *json.loads(args.odoo_cmd),
            "-d",
            args.db,
            "--db-filter",
            f"^{args.db}$",
            "--workers",
            str(WORKERS),
            "--max-cron-threads",
            "1",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(http_port),
            "--gevent-port",
            str(gevent_port),
            "--logfile",
            str(odoo_log),
            "--log-level",
            "info",
        ],
    )
    host = f"http://127.0.0.1:{http_port}"
    stats = load_users.STATS
    stats.reset()
    import requests

    def answers():
        try:
            return (
                requests.post(
                    f"{host}/web/webclient/version_info",
                    json={"jsonrpc": "2.0", "method": "call", "params": {}},
                    timeout=5,
                ).status_code
                == 200
            )
        except requests.RequestException:
            return False

    def wait_answering(timeout):
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if answers():
                return time.monotonic() - began
            gevent.sleep(0.2)
        return None

    exit_status = 1
    try:
        if wait_answering(120) is None:
            log("Odoo did not answer within 120 s; see its log")
            print_log_tail(odoo_log)
            return 1
        log(
            f"Odoo in production mode on {host}: {WORKERS} workers, 1 cron "
            f"worker, gevent port {gevent_port} (master pid {odoo.pid})"
        )
        log(f"Websocket server (gevent): {websocket_state(gevent_port)}")

        def workers():
            """{kind: [pid]} of the master's living children by what Odoo's
            log says they are: "http" (WorkerHTTP), "cron" (WorkerCron)."""
            import re

            import psutil

            alive = {child.pid for child in psutil.Process(odoo.pid).children()}
            kinds = {}
            text = odoo_log.read_text() if odoo_log.is_file() else ""
            for kind, pid in re.findall(
                r"Worker Worker(HTTP|Cron) \((\d+)\) alive", text
            ):
                if int(pid) in alive:
                    kinds.setdefault(kind.lower(), []).append(int(pid))
            return kinds

        def job_ends(pids):
            """How often these workers logged the end of a monitoring run."""
            text = odoo_log.read_text() if odoo_log.is_file() else ""
            return sum(
                1
                for line in text.splitlines()
                for pid in pids
                if f" {pid} INFO " in line and f"({cron_id}) done in" in line
            )

        def cron_state():
            """(running, lastcall, failure_count) of the monitoring action:
            running while a cron worker holds its row."""
            with pg() as cnx, cnx.cursor() as cr:
                cr.execute(
                    "SELECT id FROM ir_cron WHERE id = %s "
                    "FOR NO KEY UPDATE SKIP LOCKED",
                    (cron_id,),
                )
                free = cr.fetchone()
                cr.execute(
                    "SELECT lastcall, failure_count FROM ir_cron WHERE id = %s",
                    (cron_id,),
                )
                lastcall, failures = cr.fetchone()
                cnx.rollback()
            cnx.close()
            return not free, lastcall, failures

        def trigger_monitoring():
            """Due now, and the cron worker woken (as ir.cron._trigger and
            _notifydb do)."""
            with pg() as cnx, cnx.cursor() as cr:
                # Not while a run holds the row: waiting for it would stop
                # the simulated users too (psycopg2 blocks gevent's loop).
                cr.execute(
                    "SELECT now() at time zone 'UTC' FROM ir_cron WHERE id = %s "
                    "FOR NO KEY UPDATE SKIP LOCKED",
                    (cron_id,),
                )
                row = cr.fetchone()
                if row:
                    cr.execute(
                        "UPDATE ir_cron SET nextcall = now() at time zone 'UTC' "
                        "- interval '1 second' WHERE id = %s",
                        (cron_id,),
                    )
                at = row[0] if row else None
            cnx.close()
            # The cron workers listen on the database postgres.
            notify = psycopg2.connect(
                dbname="postgres",
                host=options["db_host"] or None,
                port=options["db_port"],
                user=options["db_user"],
            )
            with notify, notify.cursor() as cr:
                cr.execute("SELECT pg_notify('cron_trigger', %s)", (args.db,))
            notify.close()
            return at

        def wait_monitoring_done(since, timeout):
            """Wait for a run that ended after ``since``; its seconds, or
            None."""
            began = time.monotonic()
            while time.monotonic() - began < timeout:
                try:
                    running, lastcall, failures = cron_state()
                except psycopg2.Error:
                    running, lastcall, failures = True, None, 0
                if not running and lastcall and lastcall >= since:
                    return time.monotonic() - began, failures
                gevent.sleep(0.1)
            return None, None

        state_file = workdir / "state.json"

        def run_checks(label, monitored):
            state_file.write_text(
                json.dumps(
                    {
                        "saved_moments": sorted(stats.saved_moments),
                        "portal_reports": sorted(stats.portal_reports),
                        "touched": sorted(stats.touched),
                        "monitored": monitored,
                    }
                )
            )
            log(f"Invariants {label}:")
            out = subprocess.run(
                [*here, *common, "--check", str(state_file)],
                capture_output=True,
                text=True,
                check=False,
            )
            for line in out.stdout.splitlines():
                if not line.startswith("RESULT "):
                    print(line, flush=True)
            results = [
                json.loads(line[7:])
                for line in out.stdout.splitlines()
                if line.startswith("RESULT ")
            ]
            if out.returncode or not results:
                print(out.stderr[-3000:], flush=True)
                log(f"  the check itself failed (exit status {out.returncode})")
                return False
            return all(results[0].values())

        faults = []  # (name, survived, detail)
        invariants = []
        monitored = {"done": False}

        def wait_in_flight(minimum, timeout=10):
            """Until ``minimum`` requests are in flight, or at least one once
            ``timeout`` has passed (at most three times as long)."""
            began = time.monotonic()
            while time.monotonic() - began < 3 * timeout:
                late = time.monotonic() - began > timeout
                if stats.in_flight >= (1 if late else minimum):
                    return True
                gevent.sleep(0.002)
            return False

        def busy_worker(pids, timeout=10):
            """An HTTP worker in the middle of a request: its connection to
            the database is in a transaction."""
            names = {f"odoo-{pid}": pid for pid in pids}
            cnx = pg()
            cnx.autocommit = True
            try:
                began = time.monotonic()
                while time.monotonic() - began < timeout:
                    with cnx.cursor() as cr:
                        cr.execute(
                            "SELECT application_name FROM pg_stat_activity "
                            "WHERE datname = %s AND state IN ('active', "
                            "'idle in transaction') AND application_name = ANY(%s)",
                            (args.db, list(names)),
                        )
                        busy = [names[name] for (name,) in cr.fetchall()]
                    if busy:
                        return busy[0]
                    gevent.sleep(0.005)
            finally:
                cnx.close()
            return None

        def fault_worker():
            pids = workers().get("http", [])
            if not pids:
                faults.append(("worker killed", False, "no HTTP worker found"))
                return
            wait_in_flight(min(WORKERS, args.users))
            victim = busy_worker(pids) or pids[0]
            in_flight = stats.in_flight
            window = stats.fault_begins("worker killed")
            os.kill(victim, signal.SIGKILL)
            back = wait_answering(RECOVERY_SECONDS)
            gevent.sleep(1)
            stats.fault_ends(window)
            respawned = len(workers().get("http", []))
            ok = back is not None and in_flight > 0
            faults.append(
                (
                    "worker killed (SIGKILL)",
                    ok,
                    f"pid {victim}, {in_flight} requests in flight, answering "
                    f"again after {_seconds(back)}, {respawned} HTTP workers "
                    f"after it, {window['failed']} requests failed with it",
                )
            )

        def fault_cron(first_run_seconds):
            pids = workers().get("cron", [])
            done_before = job_ends(pids)
            wait_in_flight(min(WORKERS, args.users))
            trigger_monitoring()
            since = None
            # The run holds the job's row from start to end: poll for it on
            # one connection, as fast as the loop goes.
            cnx = pg()
            try:
                began = time.monotonic()
                while time.monotonic() - began < 90:
                    with cnx.cursor() as cr:
                        cr.execute(
                            "SELECT id FROM ir_cron WHERE id = %s "
                            "FOR NO KEY UPDATE SKIP LOCKED",
                            (cron_id,),
                        )
                        free = cr.fetchone()
                        cr.execute("SELECT now() at time zone 'UTC'")
                        since = cr.fetchone()[0]
                    cnx.rollback()
                    if not free:
                        break
                    gevent.sleep(0.002)
            finally:
                cnx.close()
            # In the middle of the run: it has taken the job and begun
            # (a run after the day's first takes half a second for 100
            # tandems on a quiet machine, some seconds for thousands).
            gevent.sleep(min((first_run_seconds or 0.2) / 20, 0.05))
            running = not free
            if not (running and pids):
                faults.append(
                    (
                        "cron worker killed during the monitoring run",
                        False,
                        f"the run {'was' if running else 'was not'} in progress, "
                        f"{len(pids)} cron workers found",
                    )
                )
                return
            in_flight = stats.in_flight
            window = stats.fault_begins("cron worker killed")
            os.kill(pids[0], signal.SIGKILL)
            killed_at = time.monotonic()
            # Cut short: the killed worker never logged the end of its run.
            gevent.sleep(0.5)
            cut = job_ends(pids) == done_before
            # The respawned cron worker finds the job still due and runs it
            # again; it is woken as a trigger would.
            gevent.sleep(1)
            trigger_monitoring()
            seconds, failures = wait_monitoring_done(since, 120)
            stats.fault_ends(window)
            ok = seconds is not None and not failures and in_flight > 0 and cut
            if ok:
                monitored["done"] = True
            faults.append(
                (
                    "cron worker killed during the monitoring run (SIGKILL)",
                    ok,
                    f"pid {pids[0]}, {in_flight} requests in flight, the run "
                    f"{'cut short' if cut else 'had ended before the kill'}, next run "
                    + (
                        f"done {time.monotonic() - killed_at:.1f} s after the kill"
                        if seconds is not None
                        else "not done within 120 s"
                    )
                    + (f", failure count {failures}" if failures else ""),
                )
            )

        def fault_postgres():
            if not args.pg_restart_cmd:
                faults.append(
                    ("PostgreSQL restarted", False, "no restart command (PGHOST)")
                )
                return
            wait_in_flight(min(WORKERS, args.users))
            in_flight = stats.in_flight
            window = stats.fault_begins("PostgreSQL restarted")
            began = time.monotonic()
            restart = subprocess.run(
                json.loads(args.pg_restart_cmd),
                capture_output=True,
                text=True,
                check=False,
            )
            restarted = time.monotonic() - began
            back = wait_answering(RECOVERY_SECONDS)
            # Answering the version is not yet serving: wait for the users'
            # calls to succeed again.
            served = stats.wait_success_after(time.monotonic(), RECOVERY_SECONDS)
            gevent.sleep(1)
            stats.fault_ends(window)
            ok = (
                restart.returncode == 0
                and back is not None
                and served is not None
                and in_flight > 0
            )
            faults.append(
                (
                    "PostgreSQL restarted",
                    ok,
                    f"{in_flight} requests in flight, restart took "
                    f"{restarted:.1f} s, answering again {_seconds(back)} later, "
                    f"users' calls succeeding again {_seconds(served)} later, "
                    f"{window['failed']} requests failed with it"
                    + (
                        f" ({restart.stderr.strip()[-300:]})"
                        if restart.returncode
                        else ""
                    ),
                )
            )

        def timeline():
            gevent.sleep(min(3, args.seconds * 0.1))
            log("Monitoring scheduled action: triggered in the cron worker")
            since = trigger_monitoring()
            while since is None:  # a run holds the job already
                gevent.sleep(0.5)
                since = trigger_monitoring()
            first, failures = wait_monitoring_done(since, max(args.seconds, 60))
            log(
                f"  ... done in {_seconds(first)} (failure count {failures})"
                if first is not None
                else "  ... not done in time"
            )
            if first is not None and not failures:
                monitored["done"] = True
            if args.no_faults:
                return
            log("Fault 1: a worker killed with SIGKILL")
            fault_worker()
            log(f"  {_fault_line(faults[-1])}")
            invariants.append(run_checks("after fault 1", monitored["done"]))
            log("Fault 2: the cron worker killed in the middle of the monitoring run")
            fault_cron(first)
            log(f"  {_fault_line(faults[-1])}")
            invariants.append(run_checks("after fault 2", monitored["done"]))
            log("Fault 3: PostgreSQL restarted")
            fault_postgres()
            log(f"  {_fault_line(faults[-1])}")
            invariants.append(run_checks("after fault 3", monitored["done"]))

        load_users.Coordinator.host = host
        load_users.Mentor.host = host
        load_users.configure(args.db, PASSWORD, args.users)
        mentors = min(max(args.users // 4, 1), PORTAL_MENTORS)
        user_classes = [load_users.Coordinator]
        if args.users > 1:
            load_users.Mentor.fixed_count = mentors
            user_classes.append(load_users.Mentor)
        else:
            mentors = 0
        environment = Environment(
            user_classes=user_classes, events=locust_events, host=host
        )
        runner = environment.create_local_runner()
        log(
            f"Load: {args.users - mentors} simulated coordinators and {mentors} "
            f"mentors on the portal for {args.seconds} s"
        )
        load_started = time.monotonic()
        runner.start(args.users, spawn_rate=max(args.users / 3, 1))
        driver = gevent.spawn(timeline)
        gevent.sleep(args.seconds)
        # The faults take their time: the load goes on until they are through.
        driver.join()
        runner.quit()
        elapsed = time.monotonic() - load_started
        gevent.sleep(0.5)
        invariants.append(run_checks("after the load", monitored["done"]))

        print()
        report = stats.report(elapsed)
        print(report["table"])
        print()
        for name, ok, detail in faults:
            print(f"fault: {name}: {'survived' if ok else 'NOT survived'} ({detail})")
        server_errors = count_server_errors(odoo_log)
        print(
            f"Odoo's log: {server_errors} ERROR/CRITICAL records "
            "(faults included: a killed worker, a restarted database)"
        )
        survived = sum(1 for _n, ok, _d in faults if ok)
        invariants_ok = all(invariants) and bool(invariants)
        exit_status = 0
        if not invariants_ok or survived < (0 if args.no_faults else 3):
            exit_status = 1
        log(f"Done in {time.monotonic() - started:.0f} s")
        print(
            f"load: {report['requests']} requests, p95 {report['p95']:.0f} ms, "
            f"{report['errors']} errors, {len(stats.portal_reports)} mentors' "
            f"reports saved, invariants "
            f"{'ok' if invariants_ok else 'broken'}, faults survived "
            f"{survived} of 3",
            flush=True,
        )
    finally:
        stop_odoo(odoo)
        if exit_status:
            log(f"Odoo's log is kept: {odoo_log}")
        else:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)
    return exit_status


def websocket_state(port, timeout=30):
    """Whether Odoo's gevent server answers on /websocket: a plain GET is
    refused there with 400 (no upgrade), a dead server does not answer."""
    import requests

    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            status = requests.get(
                f"http://127.0.0.1:{port}/websocket", timeout=5
            ).status_code
            return f"answering (HTTP {status} to a GET without upgrade)"
        except requests.RequestException:
            time.sleep(0.5)
    return f"NOT answering within {timeout} s"


def stop_odoo(odoo):
    """Odoo's master and its workers, gracefully or else killed."""
    import psutil

    try:
        children = psutil.Process(odoo.pid).children(recursive=True)
    except psutil.Error:
        children = []
    odoo.send_signal(signal.SIGTERM)
    try:
        odoo.wait(20)
    except subprocess.TimeoutExpired:
        odoo.kill()
        odoo.wait()
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.kill()


def _seconds(value):
    return "-" if value is None else f"{value:.1f} s"


def _fault_line(fault):
    name, ok, detail = fault
    return f"{'survived' if ok else 'NOT survived'}: {detail}"


def count_server_errors(path):
    if not path.is_file():
        return 0
    import re

    return len(re.findall(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ", path.read_text(), re.M))


def print_log_tail(path):
    if path.is_file():
        print("\n".join(path.read_text().splitlines()[-40:]))


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.fill:
        sys.exit(fill(arguments))
    if arguments.check:
        sys.exit(check(arguments))
    sys.path.insert(0, str(HERE))
    sys.exit(main(arguments))
