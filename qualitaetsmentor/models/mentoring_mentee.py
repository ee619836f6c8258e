from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mentoring_profile_mixin import COORDINATOR

MINOR_AGE_GROUPS = ("child", "youth")

AGE_GROUPS = [
    ("child", "Child (up to 12)"),
    ("youth", "Young Person (13 to 17)"),
    ("young_adult", "Young Adult (18 to 26)"),
    ("adult", "Adult (27 and older)"),
    ("family", "Family"),
]


class MentoringMentee(models.Model):
    """A child, young person, refugee or family paired with a mentor."""

    _name = "mentoring.mentee"
    _description = "Mentee"
    _inherit = ["mentoring.profile.mixin"]
    _order = "name, id"

    guardian_id = fields.Many2one(
        "res.partner",
        tracking=True,
        groups=COORDINATOR,
        help="Parent or legal guardian; gives consent for minors.",
    )
    needs = fields.Text(groups=COORDINATOR)
    goals = fields.Text(groups=COORDINATOR)
    birth_year = fields.Integer(groups=COORDINATOR)
    mentor_gender_wish = fields.Selection(
        [
            ("none", "No Preference"),
            ("female", "Female"),
            ("male", "Male"),
            ("diverse", "Diverse"),
        ],
        "Wished Gender of the Mentor",
        default="none",
        groups=COORDINATOR,
        help="The mentee's or family's wish for the mentor's gender; asked "
        "only where the programme takes gender wishes into account.",
    )
    age_group = fields.Selection(
        AGE_GROUPS,
        compute="_compute_age_group",
        store=True,
        readonly=False,
        help="Computed from the birth year when it is known.",
    )
    # Follows the tandems (mentoring.profile.mixin._follow_tandems); a
    # coordinator puts a mentee whose tandem ended on the waiting list again.
    status = fields.Selection(
        [("waiting", "Waiting"), ("matched", "In a Tandem"), ("ended", "Tandem Ended")],
        default="waiting",
        required=True,
        tracking=True,
        help="Waiting for a mentor, in a matched tandem, or her tandem ended. "
        "It follows the tandems; put a mentee whose tandem ended back on the "
        "waiting list by choosing Waiting.",
    )
    waiting_since = fields.Date(
        default=lambda self: self.env.company._mentoring_today()
    )
    tandem_ids = fields.One2many("mentoring.tandem", "mentee_id", string="Tandems")
    tandem_count = fields.Integer(compute="_compute_tandem_count")
    consent_given_by = fields.Selection(
        [("mentee", "The Mentee"), ("guardian", "The Guardian")],
        compute="_compute_consent_given_by",
        store=True,
        readonly=False,
        groups=COORDINATOR,
        help="Who signed the data-protection consent: for a child or young "
        "person under 18 the guardian.",
    )

    _tandem_field = "mentee_id"
    _person_fields = ("partner_id", "guardian_id")
    _status_matched = "matched"
    _status_waiting = "waiting"

    _sql_constraints = [
        (
            "partner_program_uniq",
            "unique (partner_id, program_id)",
            "This contact already has a mentee profile in this programme.",
        ),
    ]

    @api.depends("birth_year")
    def _compute_age_group(self):
        for mentee in self.filtered("birth_year"):
            this_year = mentee.company_id._mentoring_today().year
            age = this_year - mentee.birth_year
            if age <= 12:
                mentee.age_group = "child"
            elif age <= 17:
                mentee.age_group = "youth"
            elif age <= 26:
                mentee.age_group = "young_adult"
            else:
                mentee.age_group = "adult"

    @api.depends("age_group")
    def _compute_consent_given_by(self):
        for mentee in self:
            mentee.consent_given_by = (
                "guardian" if mentee.age_group in MINOR_AGE_GROUPS else "mentee"
            )

    @api.constrains("consent_given_by", "age_group")
    def _check_minor_consent(self):
        for mentee in self:
            if (
                mentee.age_group in MINOR_AGE_GROUPS
                and mentee.consent_given_by == "mentee"
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s is under 18: the data-protection consent is "
                        "given by the guardian, not by the mentee.",
                        name=mentee.name,
                    )
                )

    @api.constrains("guardian_id", "partner_id")
    def _check_guardian_is_another_person(self):
        for mentee in self:
            if mentee.guardian_id and mentee.guardian_id == mentee.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be their own guardian.", name=mentee.name
                    )
                )

    @api.constrains("birth_year")
    def _check_birth_year(self):
        for mentee in self.filtered("birth_year"):
            this_year = mentee.company_id._mentoring_today().year
            if not this_year - 120 <= mentee.birth_year <= this_year:
                raise ValidationError(
                    self.env._(
                        "The birth year %(year)s of %(name)s is not plausible.",
                        year=mentee.birth_year,
                        name=mentee.name,
                    )
                )

    def write(self, vals):
        # Back on the waiting list after her tandem ended: she waits from
        # today, and the retention rules of a waiting mentee apply
        # (_waits_for_new_tandem).
        back = self.browse()
        if vals.get("status") == "waiting" and "waiting_since" not in vals:
            back = self.filtered(lambda mentee: mentee.status == "ended")
        result = super().write(vals)
        for company, mentees in back.grouped("company_id").items():
            mentees.write({"waiting_since": company._mentoring_today()})
        return result

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Mentees"),
                "template": "/qualitaetsmentor/static/import/mentees.csv",
            }
        ]

    # Retention (see mentoring.anonymization)

    def _has_left(self):
        self.ensure_one()
        return not self.active

    def _waits_for_new_tandem(self, last_end):
        """A mentee put on the waiting list again after her last tandem ended
        waits for a new mentor and stays in the programme."""
        self.ensure_one()
        return bool(
            self.active and self.waiting_since and self.waiting_since > last_end
        )

    def _anonymized_values(self):
        # The age group stays for the statistics; the birth year goes. A
        # mentee who still waited keeps "waiting since": the statistics count
        # her as waiting until the day of the anonymisation (mentees_waiting).
        # One archived before no longer waited and is not counted again.
        return {
            "waiting_since": self.active and self.waiting_since,
            "needs": False,
            "goals": False,
            "birth_year": False,
            "age_group": self.age_group,
            "guardian_id": False,
            "language_ids": [(5,)],
            "interest_ids": [(5,)],
            "availability_ids": [(5,)],
            "mentor_gender_wish": "none",
        }
