from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .mentoring_profile_mixin import COORDINATOR

POLICE_CLEARANCE_VALIDITY_YEARS = 5


class MentoringMentor(models.Model):
    """A volunteer (Pat:in) with the facts of her screening.

    Of the extended police clearance (§ 72a SGB VIII) only the date it was
    inspected and whether it had a relevant entry are kept, never the document.
    """

    _name = "mentoring.mentor"
    _description = "Mentor"
    _inherit = ["mentoring.profile.mixin"]
    _order = "name, id"

    status = fields.Selection(
        [
            ("applicant", "Applicant"),
            ("preparation", "In Preparation"),
            ("ready", "Ready for Matching"),
            ("active", "Active"),
            ("paused", "Paused"),
            ("ended", "Ended"),
        ],
        default="applicant",
        required=True,
        tracking=True,
    )
    # The free text of availability from before the grid (issue 14): it
    # cannot become grid cells, so it stays as a note beside the grid.
    availability_note = fields.Char(
        "Availability Notes",
        groups=COORDINATOR,
        help="When and how often the mentor has time, in her own words, "
        "beyond the grid: for example every other Saturday.",
    )
    max_distance_km = fields.Integer(
        "Travel Distance (km)",
        default=10,
        help="How far the mentor will travel to her mentee, in kilometres "
        "(straight line between the two addresses). 0: no limit.",
        groups=COORDINATOR,
    )
    capacity = fields.Integer(
        default=1,
        groups=COORDINATOR,
        help="How many tandems the mentor accompanies at the same time.",
    )
    preferred_age_min = fields.Integer(
        "Preferred Mentee Age from",
        groups=COORDINATOR,
        help="The youngest mentee the mentor prefers, in years. 0: any age.",
    )
    preferred_age_max = fields.Integer(
        "Preferred Mentee Age to",
        groups=COORDINATOR,
        help="The oldest mentee the mentor prefers, in years. 0: any age.",
    )
    gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("diverse", "Diverse")],
        groups=COORDINATOR,
        help="The mentor's gender as she describes it herself; asked only "
        "where the programme takes gender wishes into account.",
    )
    application_date = fields.Date("Written Application")
    interview_date = fields.Date("Interview", tracking=True)
    police_clearance_date = fields.Date(
        "Police Clearance Inspected",
        tracking=True,
        groups=COORDINATOR,
        help="Date on which the extended police clearance was inspected. "
        "The document itself is never stored.",
    )
    police_clearance_relevant_entry = fields.Boolean(
        "Relevant Entry", tracking=True, groups=COORDINATOR
    )
    police_clearance_valid_until = fields.Date(
        compute="_compute_police_clearance_valid_until",
        store=True,
        groups=COORDINATOR,
        help="The police clearance is renewed five years after its inspection.",
    )
    is_clearance_missing = fields.Boolean(
        "Police Clearance Missing or Expired",
        compute="_compute_is_clearance_missing",
        search="_search_is_clearance_missing",
        groups=COORDINATOR,
        help="No police clearance was inspected, or it expired before the "
        "organisation's today (§ 72a SGB VIII).",
    )
    training_date = fields.Date("Training Completed", tracking=True)
    screened_year = fields.Integer(
        "Screened In",
        compute="_compute_screened_year",
        store=True,
        aggregator=None,
        help="The year in which both the interview and the police clearance "
        "were done (the later of the two dates). It stays when the "
        "police-clearance facts are removed, so that the statistics of past "
        "years do not change.",
    )
    trained_year = fields.Integer(
        "First Trained In",
        # The year of the date, when a mentor is created (and for existing
        # mentors when the column is added); ``write`` keeps the first year.
        compute="_compute_trained_year",
        store=True,
        readonly=False,
        aggregator=None,
        help="The year of the mentor's first completed training. A refresher "
        "training entered over it (a later date) does not move it, so that "
        '"Mentors trained" of a closed year stays as reported; an earlier '
        "date (a correction) does, and clearing the date clears it.",
    )
    tandem_ids = fields.One2many("mentoring.tandem", "mentor_id", string="Tandems")
    tandem_count = fields.Integer(compute="_compute_tandem_count")

    _tandem_field = "mentor_id"
    # Paused is set by the coordinator; no tandem changes it.
    _status_manual = ("paused",)

    _sql_constraints = [
        (
            "partner_program_uniq",
            "unique (partner_id, program_id)",
            "This contact already has a mentor profile in this programme.",
        ),
    ]

    @api.depends("police_clearance_date", "program_id.police_clearance_validity_years")
    def _compute_police_clearance_valid_until(self):
        for mentor in self:
            years = (
                mentor.program_id.police_clearance_validity_years
                or POLICE_CLEARANCE_VALIDITY_YEARS
            )
            mentor.police_clearance_valid_until = (
                mentor.police_clearance_date
                and mentor.police_clearance_date + relativedelta(years=years)
            )

    @api.depends("interview_date", "police_clearance_date")
    def _compute_screened_year(self):
        """The year of the screening, captured when it happens: the later of
        interview and police-clearance inspection. The anonymisation keeps it
        (``env.protecting``) when it removes the clearance facts, so that
        "Mentors screened" of a closed year stays as reported (README,
        "When it goes"); the clearance date itself is never kept."""
        for mentor in self:
            if mentor.interview_date and mentor.police_clearance_date:
                mentor.screened_year = max(
                    mentor.interview_date, mentor.police_clearance_date
                ).year
            else:
                mentor.screened_year = 0

    @api.depends("training_date")
    def _compute_trained_year(self):
        for mentor in self:
            mentor.trained_year = (
                mentor.training_date.year if mentor.training_date else 0
            )

    def _trained_years_after(self, training_date):
        """The first-training year of each mentor once ``training_date`` is
        written: the earlier of the recorded year and the new date's year; 0
        when the date is cleared (a correction: the training did not happen).

        :param training_date: the written value (date, string or False)
        :return: {year: mentoring.mentor} of the mentors whose year is not
            the new date's (what the compute would give them)
        """
        new = fields.Date.to_date(training_date)
        changes = defaultdict(lambda: self.browse())
        for mentor in self:
            year = min(mentor.trained_year or new.year, new.year) if new else 0
            if year != (new.year if new else 0):
                changes[year] |= mentor
        return changes

    @api.constrains("police_clearance_date")
    def _check_police_clearance_date(self):
        for mentor in self:
            today = mentor.company_id._mentoring_today()
            if mentor.police_clearance_date and mentor.police_clearance_date > today:
                raise ValidationError(
                    self.env._(
                        "The police clearance of %(name)s cannot have been "
                        "inspected on %(date)s, in the future.",
                        name=mentor.name,
                        date=format_date(self.env, mentor.police_clearance_date),
                    )
                )

    @api.constrains(
        "max_distance_km", "capacity", "preferred_age_min", "preferred_age_max"
    )
    def _check_matching_preferences(self):
        """The matching preferences make sense (issue 14, item 4): a travel
        distance of 0 km or more (0: no limit), room for at least one tandem,
        ages of 0 or more (0: any) and a youngest age not above the oldest.

        :raise ValidationError: naming the mentor and the value to correct
        """
        for mentor in self.sudo():
            if mentor.max_distance_km < 0:
                raise ValidationError(
                    self.env._(
                        "The travel distance of %(name)s cannot be negative. "
                        "Enter the kilometres she will travel, or 0 for no limit.",
                        name=mentor.name,
                    )
                )
            if mentor.capacity < 1:
                raise ValidationError(
                    self.env._(
                        "%(name)s must be able to accompany at least one "
                        "tandem: the capacity is 1 or more.",
                        name=mentor.name,
                    )
                )
            if mentor.preferred_age_min < 0 or mentor.preferred_age_max < 0:
                raise ValidationError(
                    self.env._(
                        "The preferred mentee ages of %(name)s cannot be "
                        "negative. Enter years, or 0 for any age.",
                        name=mentor.name,
                    )
                )
            if (
                mentor.preferred_age_min
                and mentor.preferred_age_max
                and mentor.preferred_age_min > mentor.preferred_age_max
            ):
                raise ValidationError(
                    self.env._(
                        "The preferred mentee age of %(name)s starts at "
                        "%(min)s years, above its end at %(max)s years.",
                        name=mentor.name,
                        min=mentor.preferred_age_min,
                        max=mentor.preferred_age_max,
                    )
                )

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Mentors"),
                "template": "/qualitaetsmentor/static/import/mentors.csv",
            }
        ]

    # Retention (see mentoring.anonymization)

    def _has_left(self):
        self.ensure_one()
        return not self.active or self.status == "ended"

    def _waits_for_new_tandem(self, last_end):
        """A mentor ready for matching or paused stays in the programme."""
        self.ensure_one()
        return self.active and self.status in ("ready", "paused")

    def _has_police_clearance_facts(self):
        self.ensure_one()
        return bool(self.police_clearance_date or self.police_clearance_relevant_entry)

    def _police_clearance_fields(self):
        return ["police_clearance_date", "police_clearance_relevant_entry"]

    def _anonymized_values(self):
        return {
            "availability_note": False,
            "language_ids": [(5,)],
            "interest_ids": [(5,)],
            "availability_ids": [(5,)],
            "preferred_age_min": 0,
            "preferred_age_max": 0,
            "gender": False,
            "max_distance_km": 0,
            "capacity": 1,
            "police_clearance_date": False,
            "police_clearance_relevant_entry": False,
        }

    def write(self, vals):
        trained = (
            self._trained_years_after(vals["training_date"])
            if "training_date" in vals
            else {}
        )
        result = super().write(vals)
        for year, mentors in trained.items():
            mentors.write({"trained_year": year})
        if vals.get("police_clearance_date"):
            # A renewed police clearance fulfils the reminders to renew it
            # (clearing it, as anonymisation does, does not).
            self.tandem_ids._close_fulfilled_reminders(
                ["police_clearance"],
                self.env._("The police clearance was inspected again."),
            )
        return result

    @staticmethod
    def _clearance_missing_domain(day):
        return [
            "|",
            ("police_clearance_valid_until", "=", False),
            ("police_clearance_valid_until", "<", day),
        ]

    @api.depends("police_clearance_valid_until")
    def _compute_is_clearance_missing(self):
        # The organisation's local day, as the tandem's health counts it.
        days = self.company_id._mentoring_days()
        for mentor in self:
            mentor.is_clearance_missing = bool(
                mentor.filtered_domain(
                    self._clearance_missing_domain(days[mentor.company_id])
                )
            )

    def _search_is_clearance_missing(self, operator, value):
        return self.env["res.company"]._mentoring_day_search(
            self._clearance_missing_domain, operator, value
        )
