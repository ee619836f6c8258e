from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.qualitaetsmentor.models.res_company import DEFAULT_TZ
from odoo.addons.qualitaetsmentor.models.survey_user_input import (
    AUDIENCES,
    FEEDBACK_POINTS,
)


class MentoringRelationshipReport(models.Model):
    """Relationship quality by programme and feedback point (issue 15,
    item 8): one row per completed feedback survey answer of a tandem, with
    its score (the mean of its 1–5 scale answers), read-only.

    Averages are computed by PostgreSQL over the answers (``avg``), so a
    programme's average weighs every answer once. The record rules are the
    analysis's: a coordinator's programmes, a read-only user's programmes,
    every programme for an administrator. No free text and no name of
    whoever answered is in the report.
    """

    _name = "mentoring.relationship.report"
    _description = "Relationship Quality"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "tandem_id"
    # What the query reads: flushed before each search.
    _depends = {
        "survey.user_input": [
            "mentoring_tandem_id",
            "mentoring_feedback_point",
            "mentoring_audience",
            "mentoring_score",
            "end_datetime",
            "state",
            "test_entry",
        ],
        "mentoring.tandem": ["program_id", "company_id"],
    }

    # Grouping by it would show names (a many2one's name is read in sudo).
    tandem_id = fields.Many2one(
        "mentoring.tandem",
        readonly=True,
        groups="qualitaetsmentor.group_coordinator",
    )
    program_id = fields.Many2one("mentoring.program", "Programme", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    feedback_point = fields.Selection(FEEDBACK_POINTS, readonly=True)
    audience = fields.Selection(AUDIENCES, "Answered By", readonly=True)
    date = fields.Date(
        "Answered on",
        readonly=True,
        help="The day the survey was completed, in the organisation's time zone.",
    )
    year = fields.Char(readonly=True)
    score = fields.Float(
        "Relationship Quality",
        aggregator="avg",
        digits=(16, 2),
        readonly=True,
        help="Mean of the answers on the relationship-quality scale, from 1 "
        "(poor) to 5 (very good); over several answers, their average.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT answer.id AS id,
                   answer.mentoring_tandem_id AS tandem_id,
                   tandem.program_id AS program_id,
                   tandem.company_id AS company_id,
                   answer.mentoring_feedback_point AS feedback_point,
                   answer.mentoring_audience AS audience,
                   local.day AS date,
                   to_char(local.day, 'YYYY') AS year,
                   answer.mentoring_score AS score
              FROM survey_user_input answer
              JOIN mentoring_tandem tandem ON tandem.id = answer.mentoring_tandem_id
              JOIN res_company company ON company.id = tandem.company_id
              JOIN res_partner company_partner
                ON company_partner.id = company.partner_id
             CROSS JOIN LATERAL (
                    SELECT ((answer.end_datetime AT TIME ZONE 'UTC')
                            AT TIME ZONE COALESCE(NULLIF(company_partner.tz, ''),
                                                  %(default_tz)s))::date AS day
                   ) local
             WHERE answer.state = 'done'
               AND answer.mentoring_score > 0
               AND answer.test_entry IS NOT TRUE
            """,
            default_tz=DEFAULT_TZ,
        )
