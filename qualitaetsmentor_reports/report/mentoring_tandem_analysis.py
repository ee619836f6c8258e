from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.qualitaetsmentor.models.mentoring_mentee import AGE_GROUPS
from odoo.addons.qualitaetsmentor.models.mentoring_stage import PHASES
from odoo.addons.qualitaetsmentor.models.mentoring_tandem import RUNNING_PHASES
from odoo.addons.qualitaetsmentor.models.mentoring_tandem_health import HEALTH

ENDINGS = [
    ("running", "Running"),
    ("regular", "Ended Regularly"),
    ("early", "Ended Early"),
]

# Average length of a month in days: durations in months are days / 30.44.
DAYS_PER_MONTH = 365.25 / 12


class MentoringTandemAnalysis(models.Model):
    """One row per tandem with the facts reporting needs, read-only.

    A query (``_table_query``) rather than a stored view: nothing to migrate
    when the tandem table changes, and record rules apply to it like to any
    model, so every figure computed on it is limited to what the user may see.
    """

    _name = "mentoring.tandem.analysis"
    _description = "Tandem Analysis"
    _auto = False
    _order = "date_start desc, id desc"
    _rec_name = "tandem_id"

    tandem_id = fields.Many2one("mentoring.tandem", readonly=True)
    program_id = fields.Many2one("mentoring.program", "Programme", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    coordinator_id = fields.Many2one("res.users", readonly=True)
    stage_id = fields.Many2one("mentoring.stage", readonly=True)
    phase = fields.Selection(PHASES, readonly=True)
    # Grouping by them would show names (a many2one's name is read in sudo).
    mentor_id = fields.Many2one(
        "mentoring.mentor", readonly=True, groups="qualitaetsmentor.group_coordinator"
    )
    mentee_id = fields.Many2one(
        "mentoring.mentee", readonly=True, groups="qualitaetsmentor.group_coordinator"
    )
    age_group = fields.Selection(AGE_GROUPS, "Mentee Age Group", readonly=True)
    date_requested = fields.Date("Requested", readonly=True)
    date_matched = fields.Date("Matched", readonly=True)
    date_start = fields.Date(
        "Start",
        readonly=True,
        help="The tandem's start date, or its match date when no start date "
        "is recorded.",
    )
    date_end = fields.Date("End", readonly=True)
    year_started = fields.Char(readonly=True)
    year_ended = fields.Char(readonly=True)
    end_reason_id = fields.Many2one("mentoring.end.reason", readonly=True)
    ending = fields.Selection(
        ENDINGS,
        readonly=True,
        help="Ended early: the end reason is marked as premature. Ended "
        "regularly: any other ended tandem.",
    )
    duration_months = fields.Float(
        "Duration (Months)",
        aggregator="avg",
        digits=(16, 1),
        readonly=True,
        help="From start to end in months of 30.44 days; empty while the tandem runs.",
    )
    contact_count = fields.Integer(
        "Contacts",
        readonly=True,
        help="Key moments of a type that counts as a contact.",
    )
    days_to_match = fields.Integer(
        "Days to Match",
        aggregator="avg",
        readonly=True,
        help="Days from the request to the match.",
    )
    health = fields.Selection(
        HEALTH,
        readonly=True,
        help="The health of a running tandem as the daily monitoring last "
        "computed it; empty once the tandem has ended.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT tandem.id AS id,
                   tandem.id AS tandem_id,
                   tandem.program_id AS program_id,
                   tandem.company_id AS company_id,
                   tandem.coordinator_id AS coordinator_id,
                   tandem.stage_id AS stage_id,
                   tandem.phase AS phase,
                   tandem.mentor_id AS mentor_id,
                   tandem.mentee_id AS mentee_id,
                   mentee.age_group AS age_group,
                   tandem.date_requested AS date_requested,
                   tandem.date_matched AS date_matched,
                   COALESCE(tandem.date_started, tandem.date_matched) AS date_start,
                   tandem.date_ended AS date_end,
                   to_char(COALESCE(tandem.date_started, tandem.date_matched), 'YYYY')
                       AS year_started,
                   to_char(tandem.date_ended, 'YYYY') AS year_ended,
                   tandem.end_reason_id AS end_reason_id,
                   CASE WHEN tandem.date_ended IS NULL THEN 'running'
                        WHEN reason.premature THEN 'early'
                        ELSE 'regular'
                   END AS ending,
                   ((tandem.date_ended
                     - COALESCE(tandem.date_started, tandem.date_matched))
                    / %(days_per_month)s)::float8 AS duration_months,
                   COALESCE(contact.contact_count, 0) AS contact_count,
                   tandem.date_matched - tandem.date_requested AS days_to_match,
                   CASE WHEN tandem.phase IN %(running_phases)s THEN tandem.health
                   END AS health
              FROM mentoring_tandem tandem
         LEFT JOIN mentoring_mentee mentee ON mentee.id = tandem.mentee_id
         LEFT JOIN mentoring_end_reason reason ON reason.id = tandem.end_reason_id
         LEFT JOIN (
                    SELECT moment.tandem_id, COUNT(*) AS contact_count
                      FROM mentoring_key_moment moment
                      JOIN mentoring_key_moment_type moment_type
                        ON moment_type.id = moment.type_id
                     WHERE moment_type.counts_as_contact
                  GROUP BY moment.tandem_id
                   ) contact ON contact.tandem_id = tandem.id
            """,
            days_per_month=DAYS_PER_MONTH,
            running_phases=RUNNING_PHASES,
        )

    # ------------------------------------------------------------ statistics

    @api.model
    def _periods_sql(self, periods):
        """The reporting periods as a VALUES list: (year, date_from, date_to)."""
        return SQL(
            "(VALUES %s) AS period(year, date_from, date_to)",
            SQL(", ").join(
                SQL("(%s, %s::date, %s::date)", year, date_from, date_to)
                for year, date_from, date_to in periods
            ),
        )

    @api.model
    def _grouping(self, by_age_group, table):
        """One row per period and programme, one per period across the
        programmes (programme NULL), optionally split by age group."""
        age_group = [SQL.identifier(table, "age_group")] if by_age_group else []
        per_program = [SQL("period.year"), SQL.identifier(table, "program_id")]
        across_programs = [SQL("period.year")]
        return SQL(
            "GROUP BY GROUPING SETS ((%s), (%s))",
            SQL(", ").join(per_program + age_group),
            SQL(", ").join(across_programs + age_group),
        )

    @api.model
    def _funder_figures(self, periods, programs, by_age_group=False):
        """Figures of the funder statistics, computed in PostgreSQL.

        :param periods: list of (year, date_from, date_to), one per year
        :param programs: the programmes to count (further limited by the
            record rules of the current user)
        :return: {(year, program_id or None, [age_group]): {figure: value}};
            program_id None holds the figures across all given programmes.
        """
        if not periods:
            return {}
        # Raw SQL over the profiles' and tandems' columns: what this
        # transaction wrote must be in the tables first.
        self.env.flush_all()
        figures = {}
        key_size = 3 if by_age_group else 2

        def merge(query):
            # The first columns of each query are the key, the others figures.
            self.env.cr.execute(query)
            names = [column.name for column in self.env.cr.description]
            for row in self.env.cr.fetchall():
                figures.setdefault(tuple(row[:key_size]), {}).update(
                    zip(names[key_size:], row[key_size:], strict=True)
                )

        period_sql = self._periods_sql(periods)
        tandems = self._search(
            [("program_id", "in", programs.ids), ("date_start", "!=", False)]
        )
        tandem_sql = tandems.select(
            *(
                SQL.identifier(tandems.table, name)
                for name in (
                    "id",
                    "program_id",
                    "age_group",
                    "date_start",
                    "date_end",
                    "date_requested",
                    "date_matched",
                    "ending",
                    "duration_months",
                    "days_to_match",
                )
            )
        )
        age_group = SQL(", tandem.age_group") if by_age_group else SQL()
        # A tandem counts from its start to its end, both days included.
        started_before = SQL("tandem.date_start < period.date_from")
        not_ended_before = SQL(
            "(tandem.date_end IS NULL OR tandem.date_end >= period.date_from)"
        )
        ended_within = SQL(
            "tandem.date_end BETWEEN period.date_from AND period.date_to"
        )
        accompanied = SQL(
            "tandem.date_start <= period.date_to AND %s", not_ended_before
        )
        merge(
            SQL(
                """
                WITH tandem AS (%(tandems)s)
                SELECT period.year, tandem.program_id %(age_group)s,
                       COUNT(*) FILTER (WHERE %(started_before)s
                                          AND %(not_ended_before)s) AS active_start,
                       COUNT(*) FILTER (WHERE tandem.date_start
                                              BETWEEN period.date_from
                                                  AND period.date_to) AS new,
                       COUNT(*) FILTER (WHERE %(ended_within)s
                                          AND tandem.ending = 'regular')
                           AS ended_regularly,
                       COUNT(*) FILTER (WHERE %(ended_within)s
                                          AND tandem.ending = 'early') AS ended_early,
                       COUNT(*) FILTER (WHERE tandem.date_start <= period.date_to
                                          AND (tandem.date_end IS NULL
                                               OR tandem.date_end > period.date_to))
                           AS active_end,
                       COUNT(*) FILTER (WHERE %(accompanied)s) AS accompanied,
                       AVG(tandem.duration_months) FILTER (WHERE %(ended_within)s)
                           AS duration_average,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY tandem.duration_months
                       ) FILTER (WHERE %(ended_within)s) AS duration_median,
                       COUNT(*) FILTER (WHERE tandem.date_matched
                                              BETWEEN period.date_from
                                                  AND period.date_to
                                          AND tandem.days_to_match IS NOT NULL)
                           AS matched,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY tandem.days_to_match
                       ) FILTER (WHERE tandem.date_matched
                                       BETWEEN period.date_from AND period.date_to)
                           AS waiting_median
                  FROM tandem CROSS JOIN %(periods)s
                %(grouping)s
                """,
                tandems=tandem_sql,
                age_group=age_group,
                started_before=started_before,
                not_ended_before=not_ended_before,
                ended_within=ended_within,
                accompanied=accompanied,
                periods=period_sql,
                grouping=self._grouping(by_age_group, "tandem"),
            )
        )
        # Contacts are counted, never shown: confidential key moments count
        # too, for the tandems the user may see.
        merge(
            SQL(
                """
                WITH tandem AS (%(tandems)s)
                SELECT period.year, tandem.program_id %(age_group)s,
                       COUNT(*) AS contacts
                  FROM tandem
                  JOIN mentoring_key_moment moment ON moment.tandem_id = tandem.id
                  JOIN mentoring_key_moment_type moment_type
                    ON moment_type.id = moment.type_id
                   AND moment_type.counts_as_contact
                  JOIN %(periods)s
                    ON moment.date BETWEEN period.date_from AND period.date_to
                 WHERE %(accompanied)s
                %(grouping)s
                """,
                tandems=tandem_sql,
                age_group=age_group,
                periods=period_sql,
                accompanied=accompanied,
                grouping=self._grouping(by_age_group, "tandem"),
            )
        )
        if not by_age_group:
            mentors = (
                self.env["mentoring.mentor"]
                .with_context(active_test=False)
                ._search([("program_id", "in", programs.ids)])
            )
            mentor_sql = mentors.select(
                *(
                    SQL.identifier(mentors.table, name)
                    for name in (
                        "program_id",
                        "application_date",
                        "interview_date",
                        "police_clearance_date",
                        "screened_year",
                        "training_date",
                        "trained_year",
                    )
                )
            )
            merge(
                SQL(
                    """
                    WITH mentor AS (%(mentors)s)
                    SELECT period.year, mentor.program_id,
                           COUNT(*) FILTER (WHERE mentor.application_date
                                                  BETWEEN period.date_from
                                                      AND period.date_to)
                               AS mentors_recruited,
                           COUNT(*) FILTER (WHERE
                                   CASE WHEN mentor.police_clearance_date
                                             IS NOT NULL
                                        THEN mentor.interview_date IS NOT NULL
                                         AND GREATEST(mentor.interview_date,
                                             mentor.police_clearance_date)
                                             BETWEEN period.date_from
                                                 AND period.date_to
                                        -- clearance facts removed: the year
                                        -- of the screening stays
                                        ELSE mentor.screened_year = period.year
                                   END)
                               AS mentors_screened,
                           COUNT(*) FILTER (WHERE
                                   CASE WHEN EXTRACT(YEAR FROM
                                             mentor.training_date)
                                             = mentor.trained_year
                                        THEN mentor.training_date
                                             BETWEEN period.date_from
                                                 AND period.date_to
                                        -- a refresher training moved the
                                        -- date: the first one's year counts
                                        ELSE mentor.trained_year = period.year
                                   END)
                               AS mentors_trained
                      FROM mentor CROSS JOIN %(periods)s
                    %(grouping)s
                    """,
                    mentors=mentor_sql,
                    periods=period_sql,
                    grouping=self._grouping(False, "mentor"),
                )
            )
        # Archived mentee profiles no longer wait; an anonymised one waited
        # until the day of her anonymisation (she keeps "waiting since" only
        # if she still waited), so that closed years keep their figure.
        mentees = (
            self.env["mentoring.mentee"]
            .with_context(active_test=False)
            ._search(
                [
                    ("program_id", "in", programs.ids),
                    ("waiting_since", "!=", False),
                    "|",
                    ("active", "=", True),
                    ("date_anonymized", "!=", False),
                ]
            )
        )
        mentee_sql = mentees.select(
            *(
                SQL.identifier(mentees.table, name)
                for name in (
                    "id",
                    "program_id",
                    "age_group",
                    "waiting_since",
                    "date_anonymized",
                )
            )
        )
        merge(
            SQL(
                """
                WITH mentee AS (%(mentees)s)
                SELECT period.year, mentee.program_id %(age_group)s,
                       COUNT(*) AS mentees_waiting
                  FROM mentee
                  JOIN %(periods)s ON mentee.waiting_since <= period.date_to
                 WHERE (mentee.date_anonymized IS NULL
                        OR period.date_to < mentee.date_anonymized)
                   AND NOT EXISTS (
                        SELECT 1
                          FROM mentoring_tandem matched
                         WHERE matched.mentee_id = mentee.id
                           AND COALESCE(matched.date_matched, matched.date_started)
                               BETWEEN mentee.waiting_since AND period.date_to
                       )
                %(grouping)s
                """,
                mentees=mentee_sql,
                age_group=SQL(", mentee.age_group") if by_age_group else SQL(),
                periods=period_sql,
                grouping=self._grouping(by_age_group, "mentee"),
            )
        )
        return figures
