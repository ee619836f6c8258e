from datetime import date

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import users, warmup

from .common import MentoringCase
from .web_client import View, load_board, load_form

# The board's default filter ("Running").
RUNNING = [("phase", "!=", "closure")]
PHASES = ("recruitment", "preparation", "matching", "accompaniment", "closure")
# What the web client's calls cost a coordinator, whatever the number of
# tandems: one query more means a query per card or per key moment crept in.
BOARD_QUERIES = 55
# The form: 16 since it lists the tandem's feedback survey answers (issue 15).
FORM_QUERIES = 16


@tagged("is_query_count")
class TestPerformance(MentoringCase):
    """The board and the form cost the same number of queries for 5 or 30
    tandems, for 2 or 30 key moments: nothing is read per record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A colleague in the same programme: her activities on the board are
        # checked against the tandem's access rules, not the coordinator's own.
        cls.colleague_a = cls._coordinator("coord_a2", "Clara Kollegin")
        cls.program_a.coordinator_ids = [Command.link(cls.colleague_a.id)]
        cls.tags = cls.env["mentoring.tag"].create(
            [{"name": "Perf Lesen", "color": 2}, {"name": "Perf Sport", "color": 3}]
        )
        cls.filled = 0

    def _fill(self, count):
        """count more tandems in programme A, spread evenly over the phases,
        each with its own mentor and mentee, tags, two key moments and an
        activity for the coordinator and one for her colleague."""
        values = []
        for number in range(self.filled, self.filled + count):
            phase = PHASES[number % len(PHASES)]
            values.append(
                {
                    "program_id": self.program_a.id,
                    "mentor_id": self._mentor(self.program_a, f"Mentorin {number}").id,
                    "mentee_id": self._mentee(self.program_a, f"Mentee {number}").id,
                    "coordinator_id": self.coordinator_a.id,
                    # Later phases are reached through the gates, below.
                    "stage_id": self.stages[
                        phase if phase in ("recruitment", "preparation") else "matching"
                    ].id,
                    "priority": str(number % 3),
                    "tag_ids": [Command.set(self.tags.ids)],
                    "date_matched": date(2025, 3, 1),
                    "date_started": date(2025, 3, 8),
                }
            )
        self.filled += count
        tandems = self.env["mentoring.tandem"].create(values)
        for number, tandem in enumerate(tandems, self.filled - count):
            self._moment(tandem, "getting_to_know", date(2025, 3, 8))
            self._moment(tandem, "check_in", date(2025, 4, 2))
            phase = PHASES[number % len(PHASES)]
            if phase == "accompaniment":
                tandem.stage_id = self.stages["accompaniment"]
            elif phase == "closure":
                self._close(tandem, date(2025, 6, 30))
            for user in (self.coordinator_a, self.colleague_a):
                tandem.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=date(2025, 5, 1),
                    user_id=user.id,
                )
        # Read from the database, as a new request would.
        self.env.flush_all()
        self.env.invalidate_all()
        return tandems

    def _count_queries(self, function):
        """Queries of function() once the caches are warm, as a request of a
        user who has worked a while would make them."""
        for _warmup in range(2):
            function()
            self.env.flush_all()
            self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = function()
        return self.cr.sql_log_count - before, result

    def _board(self):
        tandems = self.env["mentoring.tandem"].with_user(self.coordinator_a)
        view = View(tandems, "kanban")
        return self._count_queries(lambda: load_board(tandems, view, RUNNING))

    def test_board_queries_do_not_grow_with_tandems(self):
        self._fill(5)
        few_queries, (few_cards, _total) = self._board()
        self._fill(25)
        many_queries, (many_cards, _total) = self._board()
        self.assertEqual((few_cards, many_cards), (4 + 1, 24 + 1))
        self.assertEqual(many_queries, few_queries)

    def test_form_queries_do_not_grow_with_key_moments(self):
        tandem = self._fill(1).with_user(self.coordinator_a)
        view = View(tandem, "form")
        few_queries, few = self._count_queries(lambda: load_form(tandem, view))
        for day in range(1, 29):
            self._moment(tandem, "check_in", date(2025, 5, day))
        many_queries, many = self._count_queries(lambda: load_form(tandem, view))
        self.assertEqual(
            (len(few[0]["key_moment_ids"]), len(many[0]["key_moment_ids"])), (2, 30)
        )
        self.assertEqual(many_queries, few_queries)

    @users("coord_a")
    @warmup
    def test_board_query_count(self):
        self._fill(30)
        tandems = self.env["mentoring.tandem"]
        view = View(tandems, "kanban")
        with self.assertQueryCount(BOARD_QUERIES):
            load_board(tandems, view, RUNNING)

    @users("coord_a")
    @warmup
    def test_form_query_count(self):
        tandem = self._fill(1).with_env(self.env)
        for day in range(1, 29):
            self._moment(tandem, "check_in", date(2025, 5, day))
        self.env.flush_all()
        self.env.invalidate_all()
        view = View(tandem, "form")
        with self.assertQueryCount(FORM_QUERIES):
            load_form(tandem, view)
