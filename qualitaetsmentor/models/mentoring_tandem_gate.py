"""Stage gates: what a tandem must meet to enter a phase.

The requirements live in one table, ``REQUIREMENT_CATALOGUE``: its code, the
label an administrator sees when she waives it, the phase whose gate checks
it, whether it may be waived, the fields it reads and its check. The gate
check, the checklist on the form, the count on the card, the handover dossier
and the waivers all read this table. The rules follow the screening and
matching standards in doc/domain.md (MENTOR's Elements of Effective Practice,
§ 72a SGB VIII for the extended police clearance, DSGVO for the consent).
"""

from collections import defaultdict, namedtuple
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .mentoring_profile_mixin import COORDINATOR
from .mentoring_stage import PHASES

# The requirements checked when a tandem enters a phase. Accompaniment checks
# those of matching again: a police clearance may have expired meanwhile.
GATES = {
    "matching": ("matching",),
    "accompaniment": ("matching", "accompaniment"),
    "closure": ("closure",),
}
# The phase whose requirements a tandem works towards while in a phase.
CHECKLIST_PHASE = {
    "recruitment": "preparation",
    "preparation": "matching",
    "matching": "accompaniment",
    "accompaniment": "accompaniment",
    "closure": "closure",
}


class Requirement(namedtuple("Requirement", "code label met waived")):
    """One requirement of a phase for one tandem, as shown and checked."""

    __slots__ = ()

    @property
    def is_open(self):
        return not self.met and not self.waived


class RequirementRule(
    namedtuple(
        "RequirementRule",
        "code label phase waivable depends facts check candidates",
        defaults=(None,),
    )
):
    """One row of the catalogue.

    ``check(tandem, today, facts)`` takes the tandem (in sudo), today as the
    organisation's local day and the facts loaded for the batch (``facts``
    names them: "documented", "endings"); it returns a list of
    ``(label, met)``, empty where the requirement does not apply (no mentor
    chosen yet, a programme that does not ask for it). ``depends`` are the
    fields it reads, for the stored count on the card.

    ``candidates(program, today)``, for the requirements of matching, is the
    same rule as domains on the profiles: ``{"mentor": domain, "mentee":
    domain}`` (a side it does not restrict is left out) that the mentors and
    mentees of ``program`` meet who would pass ``check`` in a new tandem
    today. The suggestions of the matching assistant search with them
    (mentoring_match_suggestion.py, issue 14); test_match_suggestion.py
    compares both forms requirement by requirement.
    """

    __slots__ = ()


def _check_mentor(tandem, today, facts):
    return [(tandem.env._("Mentor chosen"), bool(tandem.mentor_id))]


def _check_mentee(tandem, today, facts):
    return [(tandem.env._("Mentee chosen"), bool(tandem.mentee_id))]


def _check_mentor_interview(tandem, today, facts):
    mentor = tandem.mentor_id
    if not mentor:
        return []
    label = tandem.env._("Interview with %(mentor)s", mentor=mentor.name)
    return [(label, bool(mentor.interview_date))]


def _check_mentor_training(tandem, today, facts):
    mentor = tandem.mentor_id
    if not (mentor and tandem.program_id.training_required):
        return []
    label = tandem.env._("Preparation training of %(mentor)s", mentor=mentor.name)
    return [(label, bool(mentor.training_date))]


def _check_mentor_consent(tandem, today, facts):
    mentor = tandem.mentor_id
    if not mentor:
        return []
    label = tandem.env._("Data-protection consent of %(mentor)s", mentor=mentor.name)
    return [(label, bool(mentor.consent_date and not mentor.consent_withdrawn_date))]


def _check_mentor_police_clearance(tandem, today, facts):
    """§ 72a SGB VIII: an inspected extended police clearance without a
    relevant entry, still valid today."""
    mentor = tandem.mentor_id
    if not (mentor and tandem.program_id.police_clearance_required):
        return []
    _ = tandem.env._
    label = _(
        "Valid extended police clearance of %(mentor)s without relevant entry",
        mentor=mentor.name,
    )
    if not mentor.police_clearance_date:
        problem = _("not inspected yet")
    elif mentor.police_clearance_relevant_entry:
        problem = _("it has a relevant entry")
    elif mentor.police_clearance_valid_until < today:
        problem = _(
            "expired on %(date)s",
            date=format_date(tandem.env, mentor.police_clearance_valid_until),
        )
    else:
        return [(label, True)]
    return [(f"{label} ({problem})", False)]


def _check_mentee_consent(tandem, today, facts):
    mentee = tandem.mentee_id
    if not mentee:
        return []
    label = tandem.env._(
        "Data-protection consent of %(mentee)s or the guardian", mentee=mentee.name
    )
    return [(label, bool(mentee.consent_date and not mentee.consent_withdrawn_date))]


def _check_rematch_pause(tandem, today, facts):
    """The programme's pause between a mentor's or mentee's last ended
    Patenschaft and this tandem's match (or today, before the match)."""
    pause = tandem.program_id.rematch_pause_days
    if not pause:
        return []
    matched = tandem.date_matched or today
    checks = []
    for role, profile in (("mentor", tandem.mentor_id), ("mentee", tandem.mentee_id)):
        earlier = [
            ended
            for tandem_id, ended in facts["endings"].get((role, profile._origin.id), ())
            if tandem_id != tandem._origin.id and ended <= matched
        ]
        if profile and earlier:
            last = max(earlier)
            values = {
                "days": pause,
                "name": profile.name,
                "date": format_date(tandem.env, last),
            }
            label = (
                tandem.env._(
                    "Pause of one day after the last Patenschaft of %(name)s "
                    "(ended on %(date)s)",
                    **values,
                )
                if pause == 1
                else tandem.env._(
                    "Pause of %(days)s days after the last Patenschaft of "
                    "%(name)s (ended on %(date)s)",
                    **values,
                )
            )
            checks.append((label, (matched - last).days >= pause))
    return checks


def _candidates_any(program, today):
    """Every pair of a suggestion has a mentor and a mentee."""
    return {}


def _candidates_mentor_interview(program, today):
    return {"mentor": [("interview_date", "!=", False)]}


def _candidates_mentor_training(program, today):
    if not program.training_required:
        return {}
    return {"mentor": [("training_date", "!=", False)]}


def _candidates_consent(role):
    def candidates(program, today):
        return {
            role: [
                ("consent_date", "!=", False),
                ("consent_withdrawn_date", "=", False),
            ]
        }

    return candidates


def _candidates_mentor_police_clearance(program, today):
    if not program.police_clearance_required:
        return {}
    return {
        "mentor": [
            ("police_clearance_date", "!=", False),
            ("police_clearance_relevant_entry", "=", False),
            ("police_clearance_valid_until", ">=", today),
        ]
    }


def _candidates_rematch_pause(program, today):
    """No Patenschaft (archived ones included: search with active_test off)
    ended within the pause before today."""
    pause = program.rematch_pause_days
    if not pause:
        return {}
    recent = [
        (
            "tandem_ids",
            "not any",
            [
                ("date_ended", ">", today - timedelta(days=pause)),
                ("date_ended", "<=", today),
            ],
        )
    ]
    return {"mentor": recent, "mentee": recent}


def _check_getting_to_know(tandem, today, facts):
    documented = (tandem._origin.id, "getting_to_know") in facts["documented"]
    return [(tandem.env._("Documented getting-to-know meeting"), documented)]


def _check_end_date(tandem, today, facts):
    return [(tandem.env._("End date"), bool(tandem.date_ended))]


def _check_end_reason(tandem, today, facts):
    return [(tandem.env._("End reason"), bool(tandem.end_reason_id))]


def _check_closing_talk(tandem, today, facts):
    if not tandem.date_matched:
        return []
    documented = (tandem._origin.id, "closing") in facts["documented"]
    return [(tandem.env._("Documented closing talk"), documented)]


# The catalogue, in the order the checklist and the refusals list them. The
# labels are those of the waiver's selection (translated with it).
REQUIREMENT_CATALOGUE = (
    RequirementRule(
        "mentor",
        "Mentor",
        "matching",
        False,
        ("mentor_id",),
        (),
        _check_mentor,
        _candidates_any,
    ),
    RequirementRule(
        "mentee",
        "Mentee",
        "matching",
        False,
        ("mentee_id",),
        (),
        _check_mentee,
        _candidates_any,
    ),
    RequirementRule(
        "mentor_interview",
        "Interview with the mentor",
        "matching",
        True,
        ("mentor_id", "mentor_id.interview_date"),
        (),
        _check_mentor_interview,
        _candidates_mentor_interview,
    ),
    RequirementRule(
        "mentor_training",
        "Preparation training of the mentor",
        "matching",
        True,
        ("mentor_id", "mentor_id.training_date", "program_id.training_required"),
        (),
        _check_mentor_training,
        _candidates_mentor_training,
    ),
    RequirementRule(
        "mentor_consent",
        "Data-protection consent of the mentor",
        "matching",
        True,
        ("mentor_id", "mentor_id.consent_date", "mentor_id.consent_withdrawn_date"),
        (),
        _check_mentor_consent,
        _candidates_consent("mentor"),
    ),
    # § 72a SGB VIII: entered, or the tandem stays out of matching; never
    # waived, neither by an administrator nor at the take-over of a tandem.
    RequirementRule(
        "mentor_police_clearance",
        "Police clearance of the mentor",
        "matching",
        False,
        (
            "mentor_id",
            "program_id.police_clearance_required",
            "mentor_id.police_clearance_date",
            "mentor_id.police_clearance_relevant_entry",
            "mentor_id.police_clearance_valid_until",
        ),
        (),
        _check_mentor_police_clearance,
        _candidates_mentor_police_clearance,
    ),
    RequirementRule(
        "mentee_consent",
        "Data-protection consent of the mentee or guardian",
        "matching",
        True,
        ("mentee_id", "mentee_id.consent_date", "mentee_id.consent_withdrawn_date"),
        (),
        _check_mentee_consent,
        _candidates_consent("mentee"),
    ),
    RequirementRule(
        "rematch_pause",
        "Pause before re-matching",
        "matching",
        True,
        (
            "mentor_id",
            "mentee_id",
            "date_matched",
            "program_id.rematch_pause_days",
            "mentor_id.tandem_ids.date_ended",
            "mentee_id.tandem_ids.date_ended",
        ),
        ("endings",),
        _check_rematch_pause,
        _candidates_rematch_pause,
    ),
    RequirementRule(
        "getting_to_know",
        "Documented getting-to-know meeting",
        "accompaniment",
        True,
        ("key_moment_ids.category",),
        ("documented",),
        _check_getting_to_know,
    ),
    RequirementRule(
        "end_date", "End date", "closure", False, ("date_ended",), (), _check_end_date
    ),
    RequirementRule(
        "end_reason",
        "End reason",
        "closure",
        False,
        ("end_reason_id",),
        (),
        _check_end_reason,
    ),
    RequirementRule(
        "closing_talk",
        "Documented closing talk",
        "closure",
        True,
        ("date_matched", "key_moment_ids.category"),
        ("documented",),
        _check_closing_talk,
    ),
)
# What a mentor and a mentee meet who may enter a new tandem in matching: the
# catalogue's requirements of the matching gate as domains on the profiles.
MATCHING_RULES = tuple(
    rule for rule in REQUIREMENT_CATALOGUE if rule.phase in GATES["matching"]
)


def matching_candidate_domains(program, today):
    """The profiles of ``program`` the matching gate lets through today.

    :param program: a mentoring.program record
    :param today: the organisation's local day
    :return: ``{"mentor": domain, "mentee": domain}`` on mentoring.mentor and
        mentoring.mentee, the conjunction of the ``candidates`` of the
        matching requirements of ``REQUIREMENT_CATALOGUE`` (search with
        active_test off: the re-matching pause counts archived tandems)
    """
    domains = {"mentor": [], "mentee": []}
    for rule in MATCHING_RULES:
        for role, domain in rule.candidates(program, today).items():
            domains[role] += domain
    return domains


# What an administrator may waive (the others are fields anyone can fill in).
WAIVABLE_REQUIREMENTS = [
    (rule.code, rule.label) for rule in REQUIREMENT_CATALOGUE if rule.waivable
]
# What the requirements of a tandem depend on, derived from the catalogue,
# besides the day (a police clearance expires with the calendar): the count
# on the board is stored.
REQUIREMENT_DEPENDENCIES = tuple(
    dict.fromkeys(
        (
            "phase",
            "waiver_ids.requirement",
            *(name for rule in REQUIREMENT_CATALOGUE for name in rule.depends),
        )
    )
)


# The tandem is split by concern on purpose, as Odoo core splits its large
# models (account_journal_dashboard.py): one class per concern file.
# pylint: disable=consider-merging-classes-inherited
class MentoringTandem(models.Model):
    _inherit = "mentoring.tandem"

    checklist_phase = fields.Selection(
        PHASES, "Requirements For", compute="_compute_requirements"
    )
    # The checklist and the waivers name the people: coordinators only. The
    # checklist is rendered by a QWeb template; the data attributes mark each
    # requirement for the tours.
    requirement_checklist = fields.Html(
        "Requirements",
        compute="_compute_requirements",
        sanitize_attributes=False,
        groups=COORDINATOR,
    )
    # Stored, and counted apart from the checklist: every card of the board
    # shows it. The daily monitoring recomputes it with the health.
    open_requirement_count = fields.Integer(
        "Open Requirements", compute="_compute_open_requirement_count", store=True
    )
    waiver_ids = fields.One2many(
        "mentoring.gate.waiver",
        "tandem_id",
        string="Waivers",
        copy=False,
        groups=COORDINATOR,
    )

    def _get_requirements(self, phase):
        """The requirements each tandem meets or not for entering ``phase``.

        :param phase: a key of mentoring.stage's ``phase``
        :return: {mentoring.tandem record: [Requirement, ...]}, in the order
            of the catalogue; empty lists for a phase without a gate
        Used by the gate check, the checklist on the form, the board card and
        the handover dossier. Today is the organisation's local day.
        """
        if not self:
            return {}
        rules = [
            rule
            for gate_phase in GATES.get(phase, ())
            for rule in REQUIREMENT_CATALOGUE
            if rule.phase == gate_phase
        ]
        if not rules:
            return {tandem: [] for tandem in self}
        # Records being edited in a form are new records: look up their origin.
        tandem_ids = self._origin.ids
        needed = {fact for rule in rules for fact in rule.facts}
        facts = {}
        if "documented" in needed:
            facts["documented"] = self._documented_categories(tandem_ids)
        if "endings" in needed:
            facts["endings"] = self._earlier_endings()
        # Through the tandems' waivers (as superuser): the form reads them
        # anyway, so they come from the same query.
        waived = {
            tandem: set(tandem.sudo().waiver_ids.mapped("requirement"))
            for tandem in self._origin
        }
        days = self.company_id._mentoring_days()
        result = {}
        for tandem in self:
            # Profile facts are read as superuser: a coordinator must be able to
            # move a tandem even where she may not read every screening field.
            checked = tandem.sudo()
            today = days[tandem.company_id]
            result[tandem] = [
                Requirement(
                    rule.code,
                    label,
                    met,
                    # A waiver of a requirement that may not be waived (one
                    # recorded before the rule changed) counts for nothing.
                    rule.waivable and rule.code in waived.get(tandem._origin, ()),
                )
                for rule in rules
                for label, met in rule.check(checked, today, facts)
            ]
        return result

    def _documented_categories(self, tandem_ids):
        """{(tandem id, category)} of the getting-to-know meetings and closing
        talks documented on these tandems."""
        return {
            (tandem.id, category)
            for tandem, category in self.env["mentoring.key.moment"]
            .sudo()
            ._read_group(
                [
                    ("tandem_id", "in", tandem_ids),
                    ("category", "in", ("getting_to_know", "closing")),
                ],
                ["tandem_id", "category"],
            )
        }

    def _earlier_endings(self):
        """{("mentor" or "mentee", profile id): [(tandem id, end date)]}: the
        ended tandems of these tandems' mentors and mentees, archived ones
        included, in one query."""
        mentors, mentees = self.mentor_id._origin, self.mentee_id._origin
        endings = defaultdict(list)
        if not (mentors or mentees):
            return endings
        ended = (
            self.env["mentoring.tandem"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("date_ended", "!=", False),
                    "|",
                    ("mentor_id", "in", mentors.ids),
                    ("mentee_id", "in", mentees.ids),
                ],
                ["mentor_id", "mentee_id", "date_ended"],
            )
        )
        for tandem in ended:
            endings["mentor", tandem.mentor_id.id].append(
                (tandem.id, tandem.date_ended)
            )
            endings["mentee", tandem.mentee_id.id].append(
                (tandem.id, tandem.date_ended)
            )
        return endings

    def _check_gates(self):
        """Refuse, in one message, every tandem entering its phase with
        requirements neither met nor waived.

        :raise ValidationError: naming each tandem and its missing requirements
        """
        phase_names = dict(self._fields["phase"]._description_selection(self.env))
        refusals = []
        gated = self.filtered(lambda tandem: tandem.phase in GATES)
        for phase, tandems in gated.grouped("phase").items():
            for tandem, requirements in tandems._get_requirements(phase).items():
                missing = [req.label for req in requirements if req.is_open]
                if missing:
                    refusal = self.env._(
                        "The tandem %(tandem)s cannot enter the phase "
                        "%(phase)s yet. Still missing:",
                        tandem=tandem.name,
                        phase=phase_names[phase],
                    ) + "".join(f"\n• {label}" for label in missing)
                    if phase == "closure":
                        refusal += "\n\n" + self.env._(
                            "Use “End Tandem” on the tandem: the dialog asks "
                            "for the end date, the reason and the closing talk."
                        )
                    refusals.append(refusal)
        if refusals:
            raise ValidationError("\n\n".join(refusals))

    @api.depends(*REQUIREMENT_DEPENDENCIES)
    def _compute_requirements(self):
        requirements = self._get_requirements_for_checklist()
        qweb = self.env["ir.qweb"]
        for tandem in self:
            tandem.checklist_phase = CHECKLIST_PHASE.get(tandem.phase)
            tandem.requirement_checklist = qweb._render(
                "qualitaetsmentor.mentoring_tandem_requirement_checklist",
                {"requirements": requirements[tandem]},
            )

    @api.depends(*REQUIREMENT_DEPENDENCIES)
    def _compute_open_requirement_count(self):
        requirements = self._get_requirements_for_checklist()
        for tandem in self:
            tandem.open_requirement_count = sum(
                req.is_open for req in requirements[tandem]
            )

    def _get_requirements_for_checklist(self):
        """The requirements of the phase each tandem works towards.

        :return: {mentoring.tandem record: [Requirement]}
        """
        result = {}
        for phase, tandems in self.grouped(
            lambda t: CHECKLIST_PHASE.get(t.phase)
        ).items():
            result.update(tandems._get_requirements(phase))
        return result
