"""The simulated users of ./qm load (load.py): coordinators working over
JSON-RPC as the web client does, mentors reporting meetings on the portal
(``/my/tandems``, HTML forms), and the figures they collect.
"""

import html
import random
import re
import statistics
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import gevent
from load import ACTIONS, PORTAL_MENTORS, REFUSALS
from locust import HttpUser, between, task

RUNNING = [("phase", "!=", "closure")]
KANBAN_LIMIT = 40
# What a kanban card shows (the fields the board's cards read).
CARD = {
    "name": {},
    "stage_id": {"fields": {"display_name": {}}},
    "phase": {},
    "health": {},
    "priority": {},
    "color": {},
    "coordinator_id": {"fields": {"display_name": {}}},
    "program_id": {"fields": {"display_name": {}}},
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
    "activity_ids": {"fields": {}},
    "activity_state": {},
    "next_checkin_date": {},
}
# What the form shows first: the tandem and its latest key moments.
FORM = {
    **CARD,
    "mentor_id": {"fields": {"display_name": {}}},
    "mentee_id": {"fields": {"display_name": {}}},
    "date_requested": {},
    "date_matched": {},
    "date_started": {},
    "date_planned_end": {},
    "last_contact_date": {},
    "next_feedback_date": {},
    "key_moment_ids": {
        "fields": {
            "date": {},
            "type_id": {"fields": {"display_name": {}}},
            "summary": {},
        },
        "limit": 40,
        "order": "date desc",
    },
}
SETTINGS = {"db": None, "password": None, "users": 1}


def configure(db, password, users):
    SETTINGS.update(db=db, password=password, users=users)


class Stats:
    """Every request's time and outcome, the requests in flight, and what the
    invariants need: the key moments the clients were told were saved and the
    tandems the users changed."""

    def reset(self):
        self.in_flight = 0
        self.requests = []  # (started, ended, ms, outcome)
        self.actions = {action: [] for action in ACTIONS}
        self.outcomes = {}
        self.errors = {}
        self.refusals = {}
        self.saved_moments = set()
        self.portal_reports = set()  # (tandem id, ISO day, summary)
        self.touched = set()
        self.windows = []
        self.last_success = 0.0

    def fault_begins(self, name):
        window = {"name": name, "start": time.monotonic(), "end": None, "failed": 0}
        self.windows.append(window)
        return window

    def fault_ends(self, window):
        window["end"] = time.monotonic()

    def _window_of(self, started):
        """The fault a failed request belongs to: it was in flight when the
        fault hit, or started before the service answered again."""
        now = time.monotonic()
        for window in self.windows:
            if started <= (window["end"] or now) and now >= window["start"]:
                return window
        return None

    def wait_success_after(self, moment, timeout):
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if self.last_success > moment:
                return time.monotonic() - moment
            gevent.sleep(0.1)
        return None

    def record(self, started, outcome, detail=None):
        ended = time.monotonic()
        if outcome == "failed":
            window = self._window_of(started)
            if window:
                window["failed"] += 1
                outcome = "failed by a fault"
            else:
                outcome = "error"
                self.errors[detail] = self.errors.get(detail, 0) + 1
        elif outcome == "ok":
            self.last_success = ended
        elif outcome == "refused":
            reason = (detail or "").split(": ", 1)[-1].split("\n")[0]
            reason = re.sub(r"Ment(or|ee) [\d-]+", "…", reason)[:70]
            self.refusals[reason] = self.refusals.get(reason, 0) + 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.requests.append((started, ended, (ended - started) * 1000, outcome))

    def report(self, elapsed):
        times = sorted(ms for _s, _e, ms, _o in self.requests)
        lines = [
            f"{len(self.requests)} requests in {elapsed:.0f} s: "
            f"{len(self.requests) / elapsed:.1f} requests per second",
            "action         |  count |  p50 ms |  p95 ms |  p99 ms",
            "---------------|--------|---------|---------|--------",
        ]
        for action, durations in self.actions.items():
            if not durations:
                continue
            p50, p95, p99 = percentiles(durations)
            lines.append(
                f"{action:<14} | {len(durations):>6} | {p50:>7.0f} | {p95:>7.0f} "
                f"| {p99:>7.0f}"
            )
        p50, p95, p99 = percentiles(times) if times else (0, 0, 0)
        lines.append(
            f"{'requests':<14} | {len(times):>6} | {p50:>7.0f} | {p95:>7.0f} "
            f"| {p99:>7.0f}"
        )
        lines.append(
            "outcomes: "
            + ", ".join(
                f"{count} {name}" for name, count in sorted(self.outcomes.items())
            )
        )
        lines.append(
            "  (refused: a gate's, a wizard's or the report form's message to the "
            "user; failed by a fault: in flight when a fault hit or before the "
            "service answered again)"
        )
        for reason, count in sorted(self.refusals.items(), key=lambda r: -r[1])[:5]:
            lines.append(f"refused: {count} x {reason}")
        for detail, count in sorted(self.errors.items(), key=str):
            lines.append(f"error: {count} x {detail}")
        return {
            "table": "\n".join(lines),
            "requests": len(self.requests),
            "p95": p95,
            "errors": self.outcomes.get("error", 0),
        }


def percentiles(values):
    if len(values) < 2:
        value = values[0] if values else 0
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


STATS = Stats()
STATS.reset()


class Refused(Exception):
    """A JSON-RPC error a user is meant to see."""


class Failed(Exception):
    """A request that failed: HTTP error, server error, lost connection."""


class Coordinator(HttpUser):
    """A coordinator of one programme at work on the board."""

    wait_time = between(0.5, 2)
    _numbers = iter(range(1, 10**6))

    def call(self, path, params):
        STATS.in_flight += 1
        started = time.monotonic()
        outcome, detail, result = "ok", None, None
        try:
            response = self.client.post(
                path,
                json={"jsonrpc": "2.0", "method": "call", "params": params},
                name=path.split("/")[-1],
                timeout=120,
            )
            if response.status_code != 200:
                outcome = "failed"
                detail = (
                    f"HTTP {response.status_code}"
                    if response.status_code
                    else f"no answer ({type(response.error).__name__})"
                )
            else:
                body = response.json()
                error = body.get("error")
                if error:
                    name = (error.get("data") or {}).get("name") or error.get("message")
                    if name in REFUSALS:
                        outcome = "refused"
                        detail = (error.get("data") or {}).get("message") or ""
                    else:
                        outcome = "failed"
                        detail = f"{name}: {(error.get('data') or {}).get('message')}"
                else:
                    result = body.get("result")
        except Exception as exc:  # noqa: BLE001 - whatever the client raised
            outcome, detail = "failed", f"{type(exc).__name__}: {exc}"[:200]
        finally:
            STATS.in_flight -= 1
        STATS.record(started, outcome, f"{path}: {detail}")
        if outcome == "refused":
            raise Refused()
        if outcome == "failed":
            raise Failed(detail)
        return result

    def kw(self, model, method, args, **kwargs):
        kwargs.setdefault("context", self.odoo_context)
        return self.call(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def action(self, name, function):
        started = time.monotonic()
        try:
            function()
        except (Refused, Failed):
            pass
        STATS.actions[name].append((time.monotonic() - started) * 1000)

    def on_start(self):
        number = next(self._numbers)
        self.login = f"bench_coordinator_{(number - 1) % 20 + 1}"
        self.odoo_context = {"lang": "en_US", "tz": "Europe/Berlin"}
        self.uid = None
        self.cards = []
        while self.uid is None:
            self.action("login", self.authenticate)
            if self.uid is None:
                gevent.sleep(1)

    def authenticate(self):
        result = self.call(
            "/web/session/authenticate",
            {
                "db": SETTINGS["db"],
                "login": self.login,
                "password": SETTINGS["password"],
            },
        )
        self.uid = result["uid"]
        self.odoo_context["uid"] = self.uid
        self.odoo_context["allowed_company_ids"] = [
            result["user_companies"]["current_company"]
        ]
        programs = self.kw(
            "mentoring.program",
            "search_read",
            [[("coordinator_ids", "in", self.uid)]],
            fields=["coordinator_ids"],
        )
        self.colleagues = [
            uid for p in programs for uid in p["coordinator_ids"] if uid != self.uid
        ]
        self.stages = self.kw(
            "mentoring.stage", "search_read", [[]], fields=["id"], order="sequence"
        )
        self.moment_type = self.kw(
            "mentoring.key.moment.type",
            "search_read",
            [[("category", "=", "check_in")]],
            fields=["id"],
            limit=1,
        )[0]["id"]
        self.open_board()

    def open_board(self):
        groups = self.kw(
            "mentoring.tandem",
            "web_read_group",
            [],
            domain=RUNNING,
            fields=[],
            groupby=["stage_id"],
            lazy=True,
        )["groups"]
        cards = []
        for group in groups:
            if group.get("__fold") or not group.get("stage_id_count"):
                continue
            result = self.kw(
                "mentoring.tandem",
                "web_search_read",
                [],
                domain=group["__domain"],
                specification=CARD,
                offset=0,
                limit=KANBAN_LIMIT,
                order="",
                count_limit=10001,
            )
            cards += result["records"]
        if cards:
            self.cards = cards

    def a_card(self, mine=False):
        cards = [
            c
            for c in self.cards
            if not mine or (c["coordinator_id"] or {}).get("id") == self.uid
        ]
        return random.choice(cards) if cards else None

    @task(3)
    def board(self):
        self.action("board", self.open_board)

    @task(4)
    def form(self):
        card = self.a_card()
        if card:
            self.action(
                "form",
                lambda: self.kw(
                    "mentoring.tandem", "web_read", [[card["id"]]], specification=FORM
                ),
            )

    @task(3)
    def key_moment(self):
        card = self.a_card()
        if not card:
            return

        def log_moment():
            today = datetime.now(ZoneInfo("Europe/Berlin")).date()
            ids = self.kw(
                "mentoring.key.moment",
                "create",
                [
                    [
                        {
                            "tandem_id": card["id"],
                            "type_id": self.moment_type,
                            "date": today.isoformat(),
                            "summary": "Check-in by telephone (load)",
                        }
                    ]
                ],
            )
            STATS.touched.add(card["id"])
            STATS.saved_moments.update(ids if isinstance(ids, list) else [ids])

        self.action("key moment", log_moment)

    @task(2)
    def drag(self):
        card = self.a_card()
        if not card:
            return
        ids = [s["id"] for s in self.stages]
        stage = card["stage_id"]["id"]
        if stage not in ids or ids.index(stage) + 1 >= len(ids):
            return
        target = ids[ids.index(stage) + 1]

        def move():
            STATS.touched.add(card["id"])
            self.kw("mentoring.tandem", "write", [[card["id"]], {"stage_id": target}])
            card["stage_id"] = {"id": target}

        self.action("drag card", move)

    @task(2)
    def search(self):
        term = random.choice(["Mentor 1", "Mentee 2", "Reading", "Sport", "3-1"])
        self.action(
            "search",
            lambda: self.kw(
                "mentoring.tandem",
                "web_search_read",
                [],
                domain=[*RUNNING, ("name", "ilike", term)],
                specification=CARD,
                offset=0,
                limit=KANBAN_LIMIT,
                order="",
                count_limit=10001,
            ),
        )

    @task(1)
    def handover(self):
        card = self.a_card(mine=True)
        if not card or not self.colleagues:
            return

        def hand_over():
            STATS.touched.add(card["id"])
            wizard = self.kw(
                "mentoring.handover.wizard",
                "create",
                [
                    {
                        "from_user_id": self.uid,
                        "to_user_id": random.choice(self.colleagues),
                        "scope": "chosen",
                        "tandem_ids": [(6, 0, [card["id"]])],
                        "note": "Holiday cover (load)",
                    }
                ],
            )
            wizard_id = wizard[0] if isinstance(wizard, list) else wizard
            self.kw("mentoring.handover.wizard", "action_hand_over", [[wizard_id]])
            card["coordinator_id"] = None

        self.action("handover", hand_over)


class Mentor(HttpUser):
    """A mentor with a portal user reporting meetings on /my/tandems, as a
    browser does: the login form, the pages, the report form (its
    csrf_token), a POST. Saved is the redirect to ``?saved=1``; a form
    rendered again with its messages is a refusal."""

    wait_time = between(0.5, 2)
    fixed_count = 1  # load.py sets the share of --users
    _numbers = iter(range(1, 10**6))
    _reports = iter(range(1, 10**9))

    def page(self, method, path, name, data=None):
        """One request, recorded; its response. A page with the report
        form's messages or a 404 raises Refused, anything but 200 or a
        redirect Failed."""
        STATS.in_flight += 1
        started = time.monotonic()
        outcome, detail, response = "ok", None, None
        try:
            response = self.client.request(
                method,
                path,
                data=data,
                name=name,
                allow_redirects=False,
                timeout=120,
            )
            status = response.status_code
            text = response.text or ""
            errors = []
            if "o_mentoring_report_errors" in text:
                errors = re.findall(r'<p class="mb-1">([^<]*)</p>', text)
            if status == 200 and errors:
                outcome, detail = "refused", html.unescape(errors[0])
            elif status == 404:
                # The tandem ended meanwhile (a coordinator closed it).
                outcome, detail = "refused", "portal: tandem no longer running"
            elif status not in (200, 303, 302):
                outcome = "failed"
                detail = (
                    f"HTTP {status}"
                    if status
                    else f"no answer ({type(response.error).__name__})"
                )
        except Exception as exc:  # noqa: BLE001 - whatever the client raised
            outcome, detail = "failed", f"{type(exc).__name__}: {exc}"[:200]
        finally:
            STATS.in_flight -= 1
        STATS.record(started, outcome, f"{name}: {detail}")
        if outcome == "refused":
            raise Refused()
        if outcome == "failed":
            raise Failed(detail)
        return response

    action = Coordinator.action

    def on_start(self):
        number = next(self._numbers)
        self.login = f"bench_mentor_{(number - 1) % PORTAL_MENTORS + 1}"
        self.tandems = []
        self.logged_in = False
        while not self.logged_in:
            self.action("login", self.authenticate)
            if not self.logged_in:
                gevent.sleep(1)

    def authenticate(self):
        self.client.cookies.clear()
        form = self.page("GET", "/web/login", "/web/login")
        response = self.page(
            "POST",
            "/web/login",
            "/web/login",
            data={
                "csrf_token": csrf_token(form.text),
                "login": self.login,
                "password": SETTINGS["password"],
                "redirect": "/my/tandems",
            },
        )
        if response.status_code not in (302, 303):
            raise Failed(f"login of {self.login} refused")
        self.logged_in = True
        self.open_list()

    def open_list(self):
        response = self.page("GET", "/my/tandems", "/my/tandems")
        ids = sorted({int(i) for i in re.findall(r"/my/tandems/(\d+)", response.text)})
        self.tandems = ids

    @task(2)
    def tandems_page(self):
        self.action("portal page", self.open_list)

    @task(2)
    def tandem_page(self):
        if self.tandems:
            tandem = random.choice(self.tandems)
            self.action(
                "portal page",
                lambda: self.page("GET", f"/my/tandems/{tandem}", "/my/tandems/[id]"),
            )

    @task(3)
    def report(self):
        if not self.tandems:
            return
        tandem = random.choice(self.tandems)

        def report_meeting():
            form = self.page(
                "GET", f"/my/tandems/{tandem}/report", "/my/tandems/[id]/report"
            ).text
            today = (
                form_attribute(form, "max")
                or datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()
            )
            day = today
            first = form_attribute(form, "min")
            if first and random.random() < 0.3:
                after = (date.fromisoformat(first) + timedelta(days=1)).isoformat()
                day = min(after, today)
            summary = f"Meeting {next(self._reports)} of {self.login} (load)"
            data = {
                "csrf_token": csrf_token(form),
                "date": day,
                "duration": str(random.choice([30, 45, 60, 90, 120])),
                "summary": summary,
                "rating": random.choice("2344555"),
            }
            if random.random() < 0.1:
                data["talk"] = "1"
            STATS.touched.add(tandem)
            response = self.page(
                "POST", f"/my/tandems/{tandem}/report", "/my/tandems/[id]/report", data
            )
            if "saved=1" in response.headers.get("Location", ""):
                STATS.portal_reports.add((tandem, day, summary))
            else:
                raise Failed("report neither saved nor refused")

        self.action("report meeting", report_meeting)


def csrf_token(text):
    found = re.search(r'name="csrf_token"\s+value="([^"]+)"', text or "")
    if not found:
        raise Failed("no csrf_token in the form")
    return found.group(1)


def form_attribute(text, attribute):
    """The report form's date input's ``min``/``max`` (ISO day) or None."""
    found = re.search(rf'name="date"[^>]*\b{attribute}="([\d-]+)"', text or "")
    return found.group(1) if found else None
