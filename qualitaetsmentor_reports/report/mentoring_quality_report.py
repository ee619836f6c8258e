"""How well each programme kept its standards, per year and quarter (issue 16).

Every standard is computed in PostgreSQL from documented dates that the
anonymisation keeps: the tandem's dates and end reason, the type and date of
its key moments, and the training and police-clearance facts captured on the
tandem at its match (``trained_at_match``, ``clearance_valid_at_match``), and
the ended police clearances captured when they are renewed or removed
(``mentoring.clearance.expiry``). So
the figures of a closed year stay as they were reported, whatever refresher
training or renewal is entered later.
"""

from contextlib import contextmanager

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.qualitaetsmentor.models.res_company import DEFAULT_TZ

STANDARDS = [
    ("first_contact", "First Contact on Time"),
    ("first_month", "Contacts in the First Month"),
    ("regular_contact", "Regular Contact (Months)"),
    ("no_gap", "No Gap Longer than the Interval"),
    ("feedback", "Feedback Talk on Time"),
    ("closure", "Documented Ending"),
    ("training", "Trained Before the Match"),
    ("clearance", "Police Clearance Valid at the Match"),
    ("clearance_renewal", "Police Clearance Renewed Before It Expired"),
    ("ended_early", "Ended Early (Share)"),
]
QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]
# A feedback talk within this many days before or after its due date is on
# time.
FEEDBACK_TOLERANCE_DAYS = 14


class MentoringQualityReport(models.Model):
    """One row per programme, coordinator, year, quarter and standard: how
    many tandems (or tandem-months) the standard applied to, how many met it.

    A query (``_table_query``) like the tandem analysis, with its record rules:
    a coordinator reads the rows of her programmes only. A rate over several
    rows is the sum of ``met`` over the sum of ``applicable``, never an
    average of rates (see ``_read_group_select``).
    """

    _name = "mentoring.quality.report"
    _description = "Quality Report"
    _auto = False
    _order = "year desc, quarter, program_id, standard"
    _rec_name = "standard"
    # What the query reads: flushed before each search (a date changed in the
    # same transaction counts at once).
    _depends = {
        "mentoring.tandem": [
            "program_id",
            "company_id",
            "coordinator_id",
            "mentor_id",
            "date_matched",
            "date_started",
            "date_ended",
            "end_reason_id",
            "feedback_held_until",
            "clearance_valid_at_match",
            "trained_at_match",
        ],
        "mentoring.program": [
            "contact_interval_days",
            "first_contact_days",
            "first_month_contacts",
            "feedback_first_days",
            "feedback_second_months",
            "feedback_third_months",
            "training_required",
            "police_clearance_required",
        ],
        "mentoring.key.moment": ["tandem_id", "type_id", "date", "category"],
        "mentoring.key.moment.type": ["counts_as_contact"],
        "mentoring.end.reason": ["premature"],
        "mentoring.mentor": ["police_clearance_valid_until"],
        "mentoring.clearance.expiry": ["mentor_id", "valid_until", "renewed_on"],
    }

    program_id = fields.Many2one("mentoring.program", "Programme", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    coordinator_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="The tandem's coordinator today, whoever coordinated it then.",
    )
    standard = fields.Selection(STANDARDS, readonly=True)
    year = fields.Char(readonly=True, help="The year of the standard's due date.")
    quarter = fields.Selection(QUARTERS, readonly=True)
    date = fields.Date(
        "Quarter Beginning",
        readonly=True,
        help="The first day of the quarter of the standard's due date.",
    )
    applicable = fields.Integer(
        readonly=True,
        help="Tandems (for regular contact: months of accompaniment) the "
        "standard applied to, counted in the period of its due date.",
    )
    met = fields.Integer(readonly=True, help="How many of them met the standard.")
    rate = fields.Float(
        "Rate (%)",
        aggregator="avg",
        digits=(16, 1),
        readonly=True,
        help="Met divided by applicable, in per cent; over several rows the "
        "sums are divided, rates are never averaged.",
    )

    @contextmanager
    def _without_jit(self):
        """Run the report's query without PostgreSQL's JIT compilation: the
        planner overestimates the rows of its generated series, and compiling
        the query took 16 of 19 seconds at 4,000 tandems (executing it, 2).
        The setting is restored afterwards (three queries, at any size)."""
        cr = self.env.cr
        cr.execute("SELECT current_setting('jit')")
        previous = cr.fetchone()[0]
        cr.execute("SET LOCAL jit = off")
        try:
            yield
        finally:
            cr.execute(SQL("SELECT set_config('jit', %s, true)", previous))

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        with self._without_jit():
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )

    def _fetch_query(self, query, fields):
        with self._without_jit():
            return super()._fetch_query(query, fields)

    @api.model
    def search_count(self, domain, limit=None):
        with self._without_jit():
            return super().search_count(domain, limit=limit)

    def _read_group_select(self, aggregate_spec, query):
        """The rate of a group is sum(met) / sum(applicable): a programme with
        200 tandems weighs more than one with 2 (issue 16)."""
        if aggregate_spec in ("rate:avg", "rate:sum"):
            return SQL(
                "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, "met", query),
                self._field_to_sql(self._table, "applicable", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _days_sql(self):
        """Each company's local day as a VALUES list (company_id, day): a
        standard is decided once its due date has passed there."""
        days = self.env["res.company"].sudo().search([])._mentoring_days()
        return SQL(
            "(VALUES %s) AS today(company_id, day)",
            SQL(", ").join(
                SQL("(%s, %s::date)", company.id, day)
                for company, day in days.items()
                if company
            ),
        )

    @api.model
    def _facts_sql(self):
        """One row per tandem (or tandem-month, tandem-year) and standard:
        ``tandem_id, standard, due, met``. Only decided standards: met, or
        due in the past on a tandem that had not ended before it was due."""
        return SQL(
            """
            tandem AS (
                SELECT t.id, t.program_id, t.company_id, t.coordinator_id,
                       t.mentor_id, t.date_matched,
                       COALESCE(t.date_started, t.date_matched) AS date_start,
                       t.date_ended, t.end_reason_id, t.feedback_held_until,
                       t.clearance_valid_at_match, t.trained_at_match,
                       p.contact_interval_days AS interval_days,
                       COALESCE(NULLIF(p.first_contact_days, 0),
                                p.contact_interval_days) AS first_contact_days,
                       p.first_month_contacts, p.feedback_first_days,
                       p.feedback_second_months, p.feedback_third_months,
                       p.training_required, p.police_clearance_required,
                       today.day AS today
                  FROM mentoring_tandem t
                  JOIN mentoring_program p ON p.id = t.program_id
                  JOIN %(days)s ON today.company_id = t.company_id
                 WHERE t.date_matched IS NOT NULL
            ),
            contact AS (
                SELECT moment.tandem_id, moment.date
                  FROM mentoring_key_moment moment
                  JOIN mentoring_key_moment_type moment_type
                    ON moment_type.id = moment.type_id
                 WHERE moment_type.counts_as_contact
            ),
            first_contact AS (
                SELECT tandem.id AS tandem_id,
                       MIN(contact.date) AS first_date,
                       COUNT(contact.date) FILTER (
                           WHERE contact.date <= (tandem.date_matched
                                                  + interval '1 month')::date
                       ) AS first_month_count
                  FROM tandem
                  JOIN contact ON contact.tandem_id = tandem.id
                              AND contact.date >= tandem.date_matched
              GROUP BY tandem.id
            ),
            due AS (
                -- first contact within the programme's days after the match
                SELECT tandem.id AS tandem_id, 'first_contact' AS standard,
                       tandem.date_matched + tandem.first_contact_days AS due,
                       COALESCE(first_contact.first_date
                                <= tandem.date_matched + tandem.first_contact_days,
                                FALSE) AS met
                  FROM tandem
             LEFT JOIN first_contact ON first_contact.tandem_id = tandem.id
                UNION ALL
                -- the required number of contacts in the first month
                SELECT tandem.id, 'first_month',
                       (tandem.date_matched + interval '1 month')::date,
                       COALESCE(first_contact.first_month_count, 0)
                           >= tandem.first_month_contacts
                  FROM tandem
             LEFT JOIN first_contact ON first_contact.tandem_id = tandem.id
                 WHERE tandem.first_month_contacts > 0
                UNION ALL
                -- each feedback talk within 14 days of its due date
                SELECT tandem.id, 'feedback', talk.due,
                       EXISTS (
                           SELECT 1
                             FROM mentoring_key_moment moment
                            WHERE moment.tandem_id = tandem.id
                              AND moment.category = 'feedback'
                              AND moment.date BETWEEN talk.due - %(tolerance)s
                                                  AND talk.due + %(tolerance)s
                       )
                  FROM tandem
            CROSS JOIN LATERAL (
                    VALUES (tandem.date_matched + tandem.feedback_first_days,
                            tandem.feedback_first_days > 0),
                           ((tandem.date_matched + make_interval(
                                months => tandem.feedback_second_months))::date,
                            tandem.feedback_second_months > 0),
                           ((tandem.date_matched + make_interval(
                                months => tandem.feedback_third_months))::date,
                            tandem.feedback_third_months > 0)
                   ) AS talk(due, planned)
                 WHERE talk.planned
                   -- taken over: the talks until then were held on paper
                   AND (tandem.feedback_held_until IS NULL
                        OR talk.due > tandem.feedback_held_until)
            ),
            decided AS (
                SELECT due.tandem_id, due.standard, due.due, due.met
                  FROM due
                  JOIN tandem ON tandem.id = due.tandem_id
                 WHERE due.met
                    OR (due.due + CASE WHEN due.standard = 'feedback'
                                       THEN %(tolerance)s ELSE 0 END
                        < tandem.today
                        AND (tandem.date_ended IS NULL
                             OR tandem.date_ended >= due.due))
            ),
            accompanied_month AS (
                -- every whole calendar month from the start to the end (or
                -- the last month completed before today)
                SELECT tandem.id AS tandem_id, month::date AS month
                  FROM tandem
            CROSS JOIN generate_series(
                       date_trunc('month', tandem.date_start - 1) + interval '1 month',
                       date_trunc('month', LEAST(tandem.date_ended + 1, tandem.today))
                           - interval '1 month',
                       interval '1 month') AS month
                 WHERE tandem.date_start IS NOT NULL
            ),
            contact_month AS (
                SELECT DISTINCT tandem_id, date_trunc('month', date)::date AS month
                  FROM contact
            ),
            point AS (
                -- the contacts of the accompaniment and its two ends
                SELECT tandem.id AS tandem_id, tandem.date_start AS day,
                       tandem.interval_days
                  FROM tandem
                 WHERE tandem.date_start IS NOT NULL
                UNION ALL
                SELECT tandem.id, LEAST(tandem.date_ended, tandem.today),
                       tandem.interval_days
                  FROM tandem
                 WHERE tandem.date_start IS NOT NULL
                UNION ALL
                SELECT tandem.id, contact.date, tandem.interval_days
                  FROM tandem
                  JOIN contact ON contact.tandem_id = tandem.id
                              AND contact.date > tandem.date_start
                              AND contact.date < LEAST(tandem.date_ended, tandem.today)
            ),
            breach_year AS (
                -- the years in which a gap became longer than the interval
                -- (on the day after the interval had passed)
                SELECT DISTINCT tandem_id,
                       EXTRACT(year FROM day + interval_days + 1)::int AS year
                  FROM (SELECT tandem_id, day, interval_days,
                               LEAD(day) OVER (PARTITION BY tandem_id ORDER BY day)
                                   AS next_day
                          FROM point) gap
                 WHERE next_day - day > interval_days
            ),
            tandem_year AS (
                SELECT tandem.id AS tandem_id, tandem.interval_days, year,
                       GREATEST(tandem.date_start, make_date(year, 1, 1)) AS day_from,
                       LEAST(tandem.date_ended, tandem.today, make_date(year, 12, 31))
                           AS day_to
                  FROM tandem
            CROSS JOIN generate_series(
                       EXTRACT(year FROM tandem.date_start)::int,
                       EXTRACT(year FROM LEAST(tandem.date_ended, tandem.today))::int
                   ) AS year
                 WHERE tandem.date_start IS NOT NULL
            ),
            no_gap AS (
                -- accompanied for at least one interval within the year; a
                -- gap breaks it in the year it became too long (that day lies
                -- between the accompaniment's start and end or today)
                SELECT tandem_year.tandem_id, tandem_year.day_to,
                       breach_year.tandem_id IS NULL AS met
                  FROM tandem_year
             LEFT JOIN breach_year
                    ON breach_year.tandem_id = tandem_year.tandem_id
                   AND breach_year.year = tandem_year.year
                 WHERE tandem_year.day_to - tandem_year.day_from
                       >= tandem_year.interval_days
            ),
            expiry AS (
                -- the clearances that ended (renewed or removed) and the
                -- one each mentor holds now
                SELECT ended.mentor_id, ended.valid_until, ended.renewed_on
                  FROM mentoring_clearance_expiry ended
                 WHERE ended.mentor_id IS NOT NULL
                UNION ALL
                SELECT mentor.id, mentor.police_clearance_valid_until, NULL
                  FROM mentoring_mentor mentor
                 WHERE mentor.police_clearance_valid_until IS NOT NULL
            ),
            renewal AS (
                -- a clearance that expired while its mentor had a tandem
                -- (matched, not yet ended) on the expiry day, counted on the
                -- mentor's latest such tandem: renewed on or before that day
                SELECT DISTINCT ON (expiry.mentor_id, expiry.valid_until)
                       tandem.id AS tandem_id, expiry.valid_until AS due,
                       COALESCE(expiry.renewed_on <= expiry.valid_until, FALSE)
                           AS met
                  FROM expiry
                  JOIN tandem ON tandem.mentor_id = expiry.mentor_id
                 WHERE tandem.police_clearance_required
                   AND tandem.date_matched <= expiry.valid_until
                   AND (tandem.date_ended IS NULL
                        OR tandem.date_ended >= expiry.valid_until)
                   AND (expiry.renewed_on <= expiry.valid_until
                        OR expiry.valid_until < tandem.today)
              ORDER BY expiry.mentor_id, expiry.valid_until,
                       tandem.date_matched DESC, tandem.id DESC
            ),
            fact AS (
                SELECT * FROM decided
                UNION ALL
                SELECT accompanied_month.tandem_id, 'regular_contact',
                       (accompanied_month.month + interval '1 month - 1 day')::date,
                       contact_month.month IS NOT NULL
                  FROM accompanied_month
             LEFT JOIN contact_month
                    ON contact_month.tandem_id = accompanied_month.tandem_id
                   AND contact_month.month = accompanied_month.month
                UNION ALL
                SELECT no_gap.tandem_id, 'no_gap', no_gap.day_to, no_gap.met
                  FROM no_gap
                UNION ALL
                -- ended (after a match) with an end reason and a closing talk
                SELECT tandem.id, 'closure', tandem.date_ended,
                       tandem.end_reason_id IS NOT NULL AND EXISTS (
                           SELECT 1
                             FROM mentoring_key_moment moment
                            WHERE moment.tandem_id = tandem.id
                              AND moment.category = 'closing'
                       )
                  FROM tandem
                 WHERE tandem.date_ended IS NOT NULL
                UNION ALL
                SELECT tandem.id, 'training', tandem.date_matched,
                       COALESCE(tandem.trained_at_match, FALSE)
                  FROM tandem
                 WHERE tandem.training_required
                UNION ALL
                SELECT tandem.id, 'clearance', tandem.date_matched,
                       COALESCE(tandem.clearance_valid_at_match, FALSE)
                  FROM tandem
                 WHERE tandem.police_clearance_required
                UNION ALL
                SELECT renewal.tandem_id, 'clearance_renewal', renewal.due,
                       renewal.met
                  FROM renewal
                UNION ALL
                -- "met": ended early (a share, not a standard to meet)
                SELECT tandem.id, 'ended_early', tandem.date_ended, reason.premature
                  FROM tandem
                  JOIN mentoring_end_reason reason
                    ON reason.id = tandem.end_reason_id
                 WHERE tandem.date_ended IS NOT NULL
            )
            """,
            days=self._days_sql(),
            tolerance=FEEDBACK_TOLERANCE_DAYS,
        )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH %(facts)s
            SELECT ROW_NUMBER() OVER (
                       ORDER BY tandem.program_id, tandem.coordinator_id,
                                fact.standard, date_trunc('quarter', fact.due)
                   ) AS id,
                   tandem.program_id, tandem.company_id, tandem.coordinator_id,
                   fact.standard,
                   to_char(fact.due, 'YYYY') AS year,
                   to_char(fact.due, 'Q') AS quarter,
                   date_trunc('quarter', fact.due)::date AS date,
                   COUNT(*) AS applicable,
                   COUNT(*) FILTER (WHERE fact.met) AS met,
                   100.0 * COUNT(*) FILTER (WHERE fact.met) / COUNT(*) AS rate
              FROM fact
              -- the table, not the CTE: its primary key makes the join cheap
              JOIN mentoring_tandem tandem ON tandem.id = fact.tandem_id
          GROUP BY tandem.program_id, tandem.company_id, tandem.coordinator_id,
                   fact.standard, date_trunc('quarter', fact.due),
                   to_char(fact.due, 'YYYY'), to_char(fact.due, 'Q')
            """,
            facts=self._facts_sql(),
        )

    # ------------------------------------------------------------ figures

    @api.model
    def _yearly_rates(self, programs, years):
        """The rates per programme, year and standard, read through the
        record rules of the current user.

        :param programs: mentoring.program records
        :param years: iterable of int
        :return: {(program_id, year, standard): (applicable, met)}
        """
        groups = self._read_group(
            [
                ("program_id", "in", programs.ids),
                ("year", "in", [str(year) for year in years]),
            ],
            ["program_id", "year", "standard"],
            ["applicable:sum", "met:sum"],
        )
        return {
            (program.id, int(year), standard): (applicable, met)
            for program, year, standard, applicable, met in groups
        }

    @api.model
    def get_overview_panel(self):
        """The small panel on "My Overview": this year's rates of the
        current user's tandems next to those of the programmes she
        coordinates, per standard (issue 16). Read through the record rules.

        :return: list of dicts, one per standard that applied in her
            programmes this year: ``standard``, ``label``, ``mine``
            (percent or None), ``mine_met``, ``mine_applicable``,
            ``program`` (percent)
        """
        user = self.env.user
        programs = user.mentoring_program_ids
        if not programs:
            return []
        year = str(self.env.company._mentoring_today().year)
        domain = [("program_id", "in", programs.ids), ("year", "=", year)]
        aggregates = ["applicable:sum", "met:sum", "rate:avg"]
        totals = self._read_group(domain, ["standard"], aggregates)
        mine = {
            standard: (applicable, met, rate)
            for standard, applicable, met, rate in self._read_group(
                domain + [("coordinator_id", "=", user.id)], ["standard"], aggregates
            )
        }
        labels = dict(self._fields["standard"]._description_selection(self.env))
        order = list(labels)
        panel = []
        for standard, _applicable, _met, rate in sorted(
            totals, key=lambda group: order.index(group[0])
        ):
            my_applicable, my_met, my_rate = mine.get(standard, (0, 0, None))
            panel.append(
                {
                    "standard": standard,
                    "label": labels[standard],
                    "mine": my_rate,
                    "mine_met": my_met,
                    "mine_applicable": my_applicable,
                    "program": rate,
                }
            )
        return panel

    @api.model
    def _median_figures(self, programs, years):
        """Medians beside the rates, computed in PostgreSQL: the days mentees
        waited from the request to the match, and the days from the match to
        the first contact, of the tandems matched in the year.

        :param programs: mentoring.program records (further limited by the
            record rules of the tandems for the current user)
        :param years: iterable of int
        :return: {(program_id, year): {"waiting_median": float or None,
            "first_contact_median": float or None}}
        """
        years = list(years)
        if not years or not programs:
            return {}
        tandems = (
            self.env["mentoring.tandem"]
            .with_context(active_test=False)
            ._search(
                [
                    ("program_id", "in", programs.ids),
                    ("date_matched", ">=", f"{min(years)}-01-01"),
                    ("date_matched", "<=", f"{max(years)}-12-31"),
                ]
            )
        )
        tandem_sql = tandems.select(
            *(
                SQL.identifier(tandems.table, name)
                for name in ("id", "program_id", "date_requested", "date_matched")
            )
        )
        self.env.cr.execute(
            SQL(
                """
                WITH tandem AS (%(tandems)s),
                first_contact AS (
                    SELECT tandem.id AS tandem_id, MIN(moment.date) AS first_date
                      FROM tandem
                      JOIN mentoring_key_moment moment
                        ON moment.tandem_id = tandem.id
                       AND moment.date >= tandem.date_matched
                      JOIN mentoring_key_moment_type moment_type
                        ON moment_type.id = moment.type_id
                       AND moment_type.counts_as_contact
                  GROUP BY tandem.id
                )
                SELECT tandem.program_id,
                       EXTRACT(year FROM tandem.date_matched)::int AS year,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY tandem.date_matched - tandem.date_requested
                       ) AS waiting_median,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY first_contact.first_date - tandem.date_matched
                       ) AS first_contact_median
                  FROM tandem
             LEFT JOIN first_contact ON first_contact.tandem_id = tandem.id
              GROUP BY tandem.program_id, EXTRACT(year FROM tandem.date_matched)
                """,
                tandems=tandem_sql,
            )
        )
        return {
            (program_id, year): {
                "waiting_median": waiting,
                "first_contact_median": first_contact,
            }
            for program_id, year, waiting, first_contact in self.env.cr.fetchall()
        }

    @api.model
    def _relationship_figures(self, programs, years):
        """The relationship quality beside the rates (issue 16, with the
        surveys of issue 15), computed in PostgreSQL: per programme and year
        the average score of the completed feedback surveys (1–5, each answer
        weighing once, counted in the year it was completed in the
        organisation's time zone) and how many there were, and beside it the
        average of the coordinator's own ratings of the relationship on the
        key moments (1–5, "Not Rated" left out, counted in the year of the
        key moment) and how many there were.

        :param programs: mentoring.program records (further limited by the
            record rules of the tandems for the current user)
        :param years: iterable of int
        :return: {(program_id, year): {"survey_score": float or None,
            "survey_count": int, "coordinator_rating": float or None,
            "coordinator_count": int}}
        """
        years = list(years)
        if not years or not programs:
            return {}
        tandems = (
            self.env["mentoring.tandem"]
            .with_context(active_test=False)
            ._search([("program_id", "in", programs.ids)])
        )
        tandem_sql = tandems.select(
            *(
                SQL.identifier(tandems.table, name)
                for name in ("id", "program_id", "company_id")
            )
        )
        self.env.cr.execute(
            SQL(
                """
                WITH tandem AS (%(tandems)s),
                rating AS (
                    SELECT tandem.program_id,
                           EXTRACT(year FROM local.day)::int AS year,
                           answer.mentoring_score AS survey_score,
                           NULL::float AS coordinator_rating
                      FROM tandem
                      JOIN survey_user_input answer
                        ON answer.mentoring_tandem_id = tandem.id
                      JOIN res_company company ON company.id = tandem.company_id
                      JOIN res_partner company_partner
                        ON company_partner.id = company.partner_id
                CROSS JOIN LATERAL (
                           SELECT ((answer.end_datetime AT TIME ZONE 'UTC')
                                   AT TIME ZONE COALESCE(
                                       NULLIF(company_partner.tz, ''),
                                       %(default_tz)s))::date AS day
                          ) local
                     WHERE answer.state = 'done'
                       AND answer.mentoring_score > 0
                       AND answer.test_entry IS NOT TRUE
                    UNION ALL
                    SELECT tandem.program_id,
                           EXTRACT(year FROM moment.date)::int,
                           NULL,
                           moment.relationship_quality::int
                      FROM tandem
                      JOIN mentoring_key_moment moment
                        ON moment.tandem_id = tandem.id
                     WHERE moment.relationship_quality IN ('1', '2', '3', '4', '5')
                )
                SELECT program_id, year,
                       AVG(survey_score)::float8, COUNT(survey_score),
                       AVG(coordinator_rating)::float8, COUNT(coordinator_rating)
                  FROM rating
                 WHERE year IN %(years)s
              GROUP BY program_id, year
                """,
                tandems=tandem_sql,
                default_tz=DEFAULT_TZ,
                years=tuple(years),
            )
        )
        return {
            (program_id, year): {
                "survey_score": survey,
                "survey_count": survey_count,
                "coordinator_rating": coordinator,
                "coordinator_count": coordinator_count,
            }
            for (
                program_id,
                year,
                survey,
                survey_count,
                coordinator,
                coordinator_count,
            ) in self.env.cr.fetchall()
        }
