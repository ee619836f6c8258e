import functools
from datetime import date

from odoo.tests import tagged

from odoo.addons.web.models.models import Base

from .common import MentoringTourCase
from .web_client import COUNT_LIMIT, KANBAN_LIMIT, View

RUNNING = [["phase", "!=", "closure"]]


def _without_defaults(specification):
    """A specification without the keys that change nothing when empty."""
    result = {}
    for name, entry in specification.items():
        entry = {key: value for key, value in entry.items() if value not in ("", {})}
        if "fields" in entry:
            entry["fields"] = _without_defaults(entry["fields"])
        result[name] = entry
    return result


@tagged("post_install", "-at_install", "qm_browser")
class TestWebClientCalls(MentoringTourCase):
    """The query-count tests and the benchmark load the board and the form
    through tests/web_client.py; here a real browser opens them and the calls
    it makes must be the same ones."""

    def test_board_and_form_calls_match_the_browser(self):
        coordinator = self._tour_coordinator("calls_coordinator", "Calls Koordinatorin")
        tandem = self._programme_with_tandem(
            coordinator,
            "Calls",
            # Recruitment: no gate to pass; the board and form are the same.
            stage="recruitment",
            date_matched=date(2025, 3, 1),
        )
        self.env["mentoring.key.moment"].create(
            {
                "tandem_id": tandem.id,
                "type_id": self.env.ref("qualitaetsmentor.key_moment_type_check_in").id,
                "date": date(2025, 3, 8),
                "summary": "Getting to know each other",
            }
        )
        calls = []

        def recording(name):
            original = getattr(Base, name)

            @functools.wraps(original)
            def record(model, *args, **kwargs):
                if model._name == "mentoring.tandem":
                    calls.append((name, args, kwargs))
                return original(model, *args, **kwargs)

            return record

        for name in (
            "web_read_group",
            "read_progress_bar",
            "web_search_read",
            "web_read",
        ):
            self.patch(Base, name, recording(name))
        self.start_tour(
            "/odoo/action-qualitaetsmentor.mentoring_tandem_action",
            "qualitaetsmentor_open_board_and_form",
            login="calls_coordinator",
        )
        by_method = {}
        for name, args, kwargs in calls:
            by_method.setdefault(name, []).append(kwargs or {"args": args})

        tandems = self.env["mentoring.tandem"].with_user(coordinator)
        board = View(tandems, "kanban")
        form = View(tandems, "form")

        (read_group,) = by_method["web_read_group"]
        self.assertEqual(read_group["domain"], RUNNING)
        self.assertEqual(read_group["groupby"], ["stage_id"])
        self.assertEqual(read_group["fields"], board.aggregates("stage_id"))
        (progress_bar,) = by_method["read_progress_bar"]
        self.assertEqual(progress_bar["progress_bar"], board.progress_bar)
        (column,) = by_method["web_search_read"]
        self.assertEqual(column["limit"], KANBAN_LIMIT)
        self.assertEqual(column["count_limit"], COUNT_LIMIT + 1)
        self.assertEqual(
            _without_defaults(column["specification"]),
            _without_defaults(board.specification),
        )
        # web_search_read reads its records through web_read: the form's call
        # is the one that asks for the key moments.
        specifications = [
            call.get("specification") or call["args"][0]
            for call in by_method["web_read"]
        ]
        (form_read,) = [spec for spec in specifications if "key_moment_ids" in spec]
        self.assertEqual(
            _without_defaults(form_read), _without_defaults(form.specification)
        )
