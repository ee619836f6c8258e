from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mentoring_profile_mixin import COORDINATOR, READONLY
from .res_users import removes_links

# doc/domain.md, Data protection: police-clearance facts go at the latest 3
# months after the activity.
MAX_POLICE_CLEARANCE_RETENTION_MONTHS = 3


# The weights of the matching criteria (issue 14): 0 means it does not count.
MATCH_WEIGHT_FIELDS = (
    "match_weight_distance",
    "match_weight_language",
    "match_weight_interest",
    "match_weight_availability",
    "match_weight_age",
    "match_weight_gender",
    "match_weight_waiting",
)


class MentoringProgram(models.Model):
    """A Patenschaftsprojekt: the unit a coordinator is responsible for."""

    _name = "mentoring.program"
    _description = "Mentoring Programme"
    _inherit = ["mail.thread"]
    _order = "name"
    # The record rules read programme ids from the users (res_users.py) and
    # Odoo caches the domains per user: a change of who works in a programme
    # must reach them at once.
    _MEMBERSHIP_FIELDS = frozenset({"coordinator_ids", "viewer_ids"})

    name = fields.Char(required=True, tracking=True, translate=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    coordinator_ids = fields.Many2many(
        "res.users",
        "mentoring_program_coordinator_rel",
        "program_id",
        "user_id",
        string="Coordinators",
        # Only users with the coordinator role (README.md, Who sees it).
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref(COORDINATOR).ids),
        ],
        help="Coordinators see and edit the tandems, profiles and key moments "
        "of this programme.",
    )
    description = fields.Html()
    color = fields.Integer("Colour")
    contact_interval_days = fields.Integer(
        "Contact Interval (Days)",
        default=30,
        help="During accompaniment the coordinator contacts each tandem at "
        "least this often. The next check-in date of a tandem is computed "
        "from it.",
    )
    tandem_ids = fields.One2many("mentoring.tandem", "program_id", string="Tandems")
    tandem_count = fields.Integer(compute="_compute_counts")
    mentor_count = fields.Integer(compute="_compute_counts")
    mentee_count = fields.Integer(compute="_compute_counts")
    # Data protection: who reads the programme besides its coordinators, and
    # how long personal data is kept once a tandem has ended.
    viewer_ids = fields.Many2many(
        "res.users",
        "mentoring_program_viewer_rel",
        "program_id",
        "user_id",
        string="Read-only Users",
        # Only users with the read-only role and not the coordinator role.
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref(READONLY).ids),
            ("groups_id", "not in", self.env.ref(COORDINATOR).ids),
        ],
        help="Board members or funder liaisons (group QualitätsMENTOR / "
        "Read-only) who see the tandems of this programme on the board and in "
        "the statistics, without names, notes or other sensitive fields.",
    )
    retention_months = fields.Integer(
        "Keep Personal Data (Months)",
        default=0,
        help="Months the names, contact data, notes and messages of a tandem "
        "are kept after it ended; then they are anonymised. 0: anonymised as "
        "soon as the tandem has ended. Keeping them longer needs a documented "
        "reason.",
    )
    retention_reason = fields.Text(
        "Reason for Keeping Personal Data",
        help="Why this programme keeps personal data after a tandem ended, "
        "for example closing talks or follow-up contacts with the families.",
    )
    police_clearance_retention_months = fields.Integer(
        "Keep Police-clearance Facts (Months)",
        default=MAX_POLICE_CLEARANCE_RETENTION_MONTHS,
        help="Months the inspection date and the relevant-entry flag of a "
        "mentor's police clearance are kept after her last tandem ended (at "
        "most 3). A mentor who does not start loses them at once.",
    )
    # Quality standards (doc/domain.md, Standards the product checks); the
    # gates, the health of each tandem and the reminders read them, so each
    # programme can set its own.
    first_contact_days = fields.Integer(
        "First Contact Within (Days)",
        default=14,
        help="The coordinator contacts a tandem for the first time at the latest "
        "this many days after the match.",
    )
    first_month_contacts = fields.Integer(
        "Contacts in the First Month",
        default=2,
        help="Documented contacts the coordinator has with a tandem in the first "
        "month after the match.",
    )
    feedback_first_days = fields.Integer(
        "Feedback Talk after Getting to Know (Days)",
        default=42,
        help="Days after the match for the feedback talk that ends the "
        "getting-to-know phase. 0: no such feedback talk.",
    )
    feedback_second_months = fields.Integer(
        "Second Feedback Talk (Months)",
        default=6,
        help="Months after the match for the second feedback talk. 0: none.",
    )
    feedback_third_months = fields.Integer(
        "Third Feedback Talk (Months)",
        default=12,
        help="Months after the match for the third feedback talk. 0: none.",
    )
    police_clearance_required = fields.Boolean(
        default=True,
        help="Mentors need an inspected extended police clearance without a "
        "relevant entry before they are matched (work with minors, "
        "§ 72a SGB VIII).",
    )
    police_clearance_validity_years = fields.Integer(
        "Police Clearance Valid (Years)",
        default=5,
        help="Years after its inspection that a police clearance is renewed.",
    )
    police_clearance_max_age_months = fields.Integer(
        "Police Clearance Issued at Most (Months) Before Inspection",
        default=3,
        help="How old the certificate may be when the mentor shows it. The "
        "coordinator checks this at the inspection; only the inspection date is "
        "recorded, never the document or its date of issue.",
    )
    training_required = fields.Boolean(
        "Training Required Before Matching",
        default=True,
        help="Mentors complete the preparation training before they are matched.",
    )
    min_commitment_months = fields.Integer(
        "Minimum Commitment (Months)",
        default=6,
        help="How long mentors commit to their tandem at least. A planned end "
        "earlier than this after the match is refused.",
    )
    rematch_pause_days = fields.Integer(
        "Pause before Re-matching (Days)",
        default=28,
        help="Days a mentor or mentee waits after a Patenschaft ended before "
        "a new tandem enters matching: time to say goodbye and to look back. "
        "0: no pause.",
    )
    portal_report_counts_as_contact = fields.Boolean(
        "Mentor Reports Count as Contact",
        help="A meeting the mentor reports on the portal counts as a contact "
        "for the contact rhythm. Off by default: the standard asks for the "
        "coordinator's own contact, and the funder figures keep the two apart.",
    )
    portal_checkin_days = fields.Integer(
        "Mentor Check-in after (Days)",
        default=21,
        help="A mentor with portal access who reported no meeting for this "
        "many days gets one e-mail with a link to report one. 0: never.",
    )
    feedback_survey_ids = fields.One2many(
        "mentoring.feedback.survey",
        "program_id",
        "Feedback Surveys",
        copy=True,
        default=lambda self: self.env["mentoring.feedback.survey"]._default_lines(),
        help="The survey sent at each feedback point, to the mentor and, where "
        "the programme invites them, to the guardian or adult mentee.",
    )
    survey_invite_family = fields.Boolean(
        "Invite Guardians and Adult Mentees",
        help="At each feedback point, the guardian of a minor mentee or the "
        "adult mentee also gets a survey. Off by default: only the mentor.",
    )
    survey_fulfils_feedback_talk = fields.Boolean(
        "Completed Survey Counts as Feedback Talk",
        help="A completed feedback survey counts like a feedback talk for the "
        "next feedback talk due. Off by default: the standard asks for a talk.",
    )
    survey_low_score = fields.Float(
        "Low Feedback Score below",
        default=2.5,
        digits=(2, 1),
        help="A completed feedback survey scoring below this value (1 to 5) "
        "gives the coordinator an activity.",
    )
    max_days_recruitment = fields.Integer(
        "Max. Days in Recruitment",
        default=90,
        help="A tandem longer in recruitment needs attention. 0: no limit.",
    )
    max_days_preparation = fields.Integer(
        "Max. Days in Preparation",
        default=90,
        help="A tandem longer in preparation needs attention. 0: no limit.",
    )
    max_days_matching = fields.Integer(
        "Max. Days in Matching",
        default=30,
        help="A tandem longer in matching needs attention. 0: no limit.",
    )
    max_days_accompaniment = fields.Integer(
        "Max. Days in Accompaniment",
        default=0,
        help="A tandem longer in accompaniment needs attention. 0: no limit.",
    )

    # Matching (issue 14): which wishes count and how much each criterion
    # weighs in the score of a suggestion (0: it does not count).
    gender_preferences = fields.Boolean(
        "Gender Wishes",
        help="Mentees or families may wish for the gender of their mentor; "
        "mentors describe their gender. Off: neither is asked or counted.",
    )
    match_weight_distance = fields.Integer("Weight: Distance", default=30)
    match_weight_language = fields.Integer("Weight: Shared Languages", default=20)
    match_weight_interest = fields.Integer("Weight: Shared Interests", default=15)
    match_weight_availability = fields.Integer(
        "Weight: Shared Availability", default=15
    )
    match_weight_age = fields.Integer("Weight: Age Preference", default=10)
    match_weight_gender = fields.Integer("Weight: Gender Wish", default=5)
    match_weight_waiting = fields.Integer("Weight: Waiting Time", default=5)

    _sql_constraints = [
        (
            "contact_interval_positive",
            "CHECK(contact_interval_days > 0)",
            "The contact interval must be at least one day.",
        ),
        (
            "standards_not_negative",
            "CHECK(first_contact_days >= 0 AND first_month_contacts >= 0 "
            "AND feedback_first_days >= 0 AND feedback_second_months >= 0 "
            "AND feedback_third_months >= 0 AND police_clearance_validity_years > 0 "
            "AND police_clearance_max_age_months >= 0 AND min_commitment_months >= 0 "
            "AND max_days_recruitment >= 0 AND max_days_preparation >= 0 "
            "AND max_days_matching >= 0 AND max_days_accompaniment >= 0 "
            "AND rematch_pause_days >= 0 AND portal_checkin_days >= 0)",
            "The standards of a programme cannot be negative, and a police "
            "clearance is valid for at least one year.",
        ),
    ]

    @api.depends("tandem_ids")
    def _compute_counts(self):
        counts = {}
        for model in ("mentoring.tandem", "mentoring.mentor", "mentoring.mentee"):
            counts[model] = dict(
                self.env[model]._read_group(
                    [("program_id", "in", self.ids)], ["program_id"], ["__count"]
                )
            )
        for program in self:
            program.tandem_count = counts["mentoring.tandem"].get(program, 0)
            program.mentor_count = counts["mentoring.mentor"].get(program, 0)
            program.mentee_count = counts["mentoring.mentee"].get(program, 0)

    def _open_related(self, model, name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            f"qualitaetsmentor.{name}"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action

    def action_open_tandems(self):
        return self._open_related("mentoring.tandem", "mentoring_tandem_action")

    def action_open_mentors(self):
        return self._open_related("mentoring.mentor", "mentoring_mentor_action")

    def action_open_mentees(self):
        return self._open_related("mentoring.mentee", "mentoring_mentee_action")

    @api.constrains(
        "retention_months", "retention_reason", "police_clearance_retention_months"
    )
    def _check_retention(self):
        for program in self:
            if program.retention_months < 0 or program.retention_months > 120:
                raise ValidationError(
                    self.env._(
                        "The programme %(program)s keeps personal data for "
                        "%(months)s months: choose between 0 and 120 months.",
                        program=program.name,
                        months=program.retention_months,
                    )
                )
            if (
                program.retention_months
                and not (program.retention_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "The programme %(program)s keeps personal data for one "
                        "month after a tandem ended. Document the reason, or "
                        "set the months to 0.",
                        program=program.name,
                    )
                    if program.retention_months == 1
                    else self.env._(
                        "The programme %(program)s keeps personal data for "
                        "%(months)s months after a tandem ended. Document the "
                        "reason, or set the months to 0.",
                        program=program.name,
                        months=program.retention_months,
                    )
                )
            months = program.police_clearance_retention_months
            if not 0 <= months <= MAX_POLICE_CLEARANCE_RETENTION_MONTHS:
                raise ValidationError(
                    self.env._(
                        "Police-clearance facts may be kept at most %(max)s "
                        "months after the activity ends, not %(months)s "
                        "(programme %(program)s).",
                        max=MAX_POLICE_CLEARANCE_RETENTION_MONTHS,
                        months=months,
                        program=program.name,
                    )
                )

    @api.constrains("survey_low_score")
    def _check_survey_low_score(self):
        for program in self:
            if not 1 <= program.survey_low_score <= 5:
                raise ValidationError(
                    self.env._(
                        "The low feedback score of %(program)s must lie between "
                        "1 and 5, the range of the survey's answers.",
                        program=program.name,
                    )
                )

    @api.onchange("survey_invite_family")
    def _onchange_survey_invite_family(self):
        # Families invited: offer the shipped family survey where none is set.
        if self.survey_invite_family:
            self.feedback_survey_ids = self.env[
                "mentoring.feedback.survey"
            ]._default_lines("family", self.feedback_survey_ids)

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        programs.filtered("survey_invite_family")._add_family_survey_lines()
        if any(self._MEMBERSHIP_FIELDS & vals.keys() for vals in vals_list):
            programs._members()._mentoring_check_roles()
            self.env.registry.clear_cache()
        return programs

    def write(self, vals):
        # A coordinator taken off a programme leaves it: see
        # res.users' _mentoring_check_leaving_programs.
        programs = self.sudo().with_context(active_test=False)
        coordinators = (
            {program: program.coordinator_ids for program in programs}
            if removes_links(vals.get("coordinator_ids"))
            else {}
        )
        result = super().write(vals)
        if coordinators:
            # Read again from the database: the cache of the write may hold
            # the active users only.
            programs.invalidate_recordset(["coordinator_ids"])
        for program, before in coordinators.items():
            for user in before - program.coordinator_ids:
                user._mentoring_check_leaving_programs(program)
        if vals.get("survey_invite_family"):
            self._add_family_survey_lines()
        if self._MEMBERSHIP_FIELDS & vals.keys():
            # Only added members can break the rule of roles and memberships.
            self._members()._mentoring_check_roles()
            self.env.registry.clear_cache()
        return result

    def _members(self):
        """The coordinators and read-only users of these programmes, archived
        users included."""
        programs = self.with_context(active_test=False)
        return programs.coordinator_ids | programs.viewer_ids

    @api.constrains(*MATCH_WEIGHT_FIELDS)
    def _check_match_weights(self):
        """A criterion counts (a weight above 0) or does not (0); a negative
        weight would punish what fits (issue 14, item 4).

        :raise ValidationError: naming the programme and the criterion
        """
        for program in self:
            for name in MATCH_WEIGHT_FIELDS:
                if program[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "The weight '%(criterion)s' of %(program)s cannot "
                            "be negative. Enter 0 when it should not count.",
                            criterion=self._fields[name]._description_string(self.env),
                            program=program.name,
                        )
                    )

    @api.constrains("viewer_ids", "coordinator_ids")
    def _check_viewers_are_read_only(self):
        # Field groups are per user, not per programme: a coordinator added as
        # read-only user would read the notes of a programme she does not run.
        for program in self:
            coordinators = program.viewer_ids.filtered(
                lambda user: user.has_group("qualitaetsmentor.group_coordinator")
            )
            if coordinators:
                raise ValidationError(
                    self.env._(
                        "%(users)s can coordinate and would see every detail of "
                        "%(program)s. Add only users of the group Read-only as "
                        "read-only users, or make them coordinators of the "
                        "programme.",
                        users=", ".join(coordinators.mapped("name")),
                        program=program.name,
                    )
                )

    def _add_family_survey_lines(self):
        """Add the shipped family survey at every feedback point where a
        programme that invites families has none."""
        lines = self.env["mentoring.feedback.survey"]
        for program in self:
            values = lines._default_lines("family", program.feedback_survey_ids)
            if values:
                program.sudo().feedback_survey_ids = values

    @api.model
    def _feedback_survey_defaults_once(self):
        """Once per database (an update from a version without feedback
        surveys): give every programme without feedback surveys the shipped
        mentor survey at each feedback point, and the family survey where it
        invites families. Later runs change nothing, so an administrator's
        removal of the lines stays.
        """
        param = "qualitaetsmentor.feedback_survey_defaults"
        config = self.env["ir.config_parameter"].sudo()
        if config.get_param(param):
            return
        lines = self.env["mentoring.feedback.survey"]
        programs = (
            self.sudo()
            .with_context(active_test=False)
            .search([("feedback_survey_ids", "=", False)])
        )
        for program in programs:
            program.feedback_survey_ids = lines._default_lines()
        programs.filtered("survey_invite_family")._add_family_survey_lines()
        config.set_param(param, "1")
