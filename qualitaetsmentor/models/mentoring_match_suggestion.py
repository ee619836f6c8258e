"""The matching assistant (issue 14): ranked and explained suggestions.

From a waiting mentee, the mentors of her programme who may be matched with
her; from a mentor, the waiting mentees. The hard conditions are those of the
matching gate (``matching_candidate_domains`` of the requirement catalogue in
mentoring_tandem_gate.py), plus the mentor's capacity, the mentor's travel
distance and the profiles' status; the score weighs the programme's criteria.
Candidates, conditions, distance and score are computed by PostgreSQL in one
statement that writes the best rows into this transient model: the number of
queries does not grow with the number of mentors.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import get_lang

from .mentoring_availability_slot import PARTS_OF_DAY
from .mentoring_profile_mixin import COORDINATOR
from .mentoring_tandem_gate import matching_candidate_domains

# How many suggestions a list shows at most: the best ones.
SUGGESTION_LIMIT = 100
# The distance that scores nothing for a mentor without a travel limit (km).
DISTANCE_REFERENCE_KM = 50
# Interests and availability slots that score fully when shared.
SHARED_FULL = 3
# The waiting time that scores fully (days).
WAITING_FULL_DAYS = 365
# The phases in which a tandem occupies its mentor's capacity.
CAPACITY_PHASES = ("matching", "accompaniment")
# Who may be suggested, besides the matching gate: the status of each side.
AVAILABLE_STATUS = {
    "mentor": [("status", "in", ("ready", "active"))],
    "mentee": [("status", "=", "waiting")],
}
EARTH_RADIUS_KM = 6371.0
# A mentor who has not stated her gender neither meets a mentee's gender wish
# nor misses it: the criterion scores half.
UNKNOWN_GENDER_SCORE = 0.5


def _located(alias):
    """SQL: whether the contact ``alias`` has coordinates (0/0, as
    base_geolocalize writes it for none, is none)."""
    return SQL(
        "(COALESCE(%(a)s.partner_latitude, 0) != 0 "
        "OR COALESCE(%(a)s.partner_longitude, 0) != 0)",
        a=SQL.identifier(alias),
    )


# The great-circle distance in km between the rows ``mr`` and ``me`` (columns
# lat, lon in degrees): the haversine formula in plain SQL, no PostGIS.
HAVERSINE = SQL(
    "(2 * %(radius)s * ASIN(LEAST(1, SQRT("
    "POWER(SIN(RADIANS(me.lat - mr.lat) / 2), 2)"
    " + COS(RADIANS(mr.lat)) * COS(RADIANS(me.lat))"
    " * POWER(SIN(RADIANS(me.lon - mr.lon) / 2), 2)))))",
    radius=EARTH_RADIUS_KM,
)


class MentoringMatchSuggestion(models.TransientModel):
    """One suggested pair of mentor and mentee, with its score and reasons.

    Rows are written by ``_suggest`` for the user who asked; a coordinator
    reads only rows of her programmes (security/mentoring_match_security.xml).
    """

    _name = "mentoring.match.suggestion"
    _description = "Matching Suggestion"
    _order = "rank, id"
    _rec_name = "mentor_id"

    origin = fields.Selection(
        [("mentee", "Mentee"), ("mentor", "Mentor")],
        "Suggested For",
        required=True,
        readonly=True,
        help="The profile whose partners are suggested.",
    )
    mentee_id = fields.Many2one(
        "mentoring.mentee", required=True, readonly=True, ondelete="cascade"
    )
    mentor_id = fields.Many2one(
        "mentoring.mentor", required=True, readonly=True, ondelete="cascade"
    )
    program_id = fields.Many2one(
        "mentoring.program",
        "Programme",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    rank = fields.Integer(readonly=True)
    score = fields.Integer(
        readonly=True,
        aggregator=False,
        help="0 to 100: how well the pair fits by the programme's weighted "
        "criteria (distance, languages, interests, availability, age, gender "
        "wish, waiting time).",
    )
    distance_km = fields.Float(
        "Distance (km)",
        digits=(16, 1),
        readonly=True,
        aggregator=False,
        help="Straight line between the two addresses; empty where one of them "
        "has no coordinates.",
    )
    distance_known = fields.Boolean(readonly=True)
    shared_language_count = fields.Integer(readonly=True, aggregator=False)
    shared_interest_count = fields.Integer(readonly=True, aggregator=False)
    shared_slot_count = fields.Integer(readonly=True, aggregator=False)
    reasons = fields.Text(compute="_compute_reasons")

    # -- the suggestions, in one statement ---------------------------------

    @api.model
    def _suggest(self, mentee=None, mentor=None):
        """Rank the partners of one profile and store the best rows.

        :param mentee: a mentoring.mentee: suggest mentors for her
        :param mentor: a mentoring.mentor: suggest mentees for her
            (exactly one of the two)
        :return: the new mentoring.match.suggestion rows, best first (at most
            ``SUGGESTION_LIMIT``), of the current user
        The earlier rows of the current user for the same profile are deleted.
        The caller must be allowed to read the profile.
        """
        profile = mentee or mentor
        profile.ensure_one()
        profile.check_access("read")
        origin = "mentee" if mentee else "mentor"
        program = profile.sudo().program_id
        today = program.company_id._mentoring_today()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "DELETE FROM mentoring_match_suggestion "
                "WHERE create_uid = %s AND origin = %s AND %s = %s",
                self.env.uid,
                origin,
                SQL.identifier(f"{origin}_id"),
                profile.id,
            )
        )
        query = self._suggestion_query(program, today, mentee=mentee, mentor=mentor)
        self.env.cr.execute(
            SQL(
                "INSERT INTO mentoring_match_suggestion (origin, mentee_id, "
                "mentor_id, program_id, rank, score, distance_km, distance_known, "
                "shared_language_count, shared_interest_count, shared_slot_count, "
                "create_uid, write_uid, create_date, write_date) "
                "SELECT %(origin)s, mentee_id, mentor_id, %(program)s, "
                "ROW_NUMBER() OVER (ORDER BY (distance IS NULL), score DESC, "
                "distance, waiting_since, mentor_id, mentee_id), score, distance, "
                "distance IS NOT NULL, "
                "languages, interests, slots, %(uid)s, %(uid)s, "
                "NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC' "
                "FROM (%(query)s) ranked RETURNING id",
                origin=origin,
                program=program.id,
                uid=self.env.uid,
                query=query,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        return self.browse(ids).sorted("rank")

    @api.model
    def _candidate_domains(self, program, today):
        """The hard conditions on the profiles of ``program`` today, as the
        suggestions, the page "Ready to Be Matched" and the proposal use them.

        :return: ``{"mentor": domain, "mentee": domain}``: the programme, the
            status (``AVAILABLE_STATUS``) and the matching gate's
            ``matching_candidate_domains`` (search with active_test off)
        """
        gate = matching_candidate_domains(program, today)
        return {
            role: [
                ("program_id", "=", program.id),
                *AVAILABLE_STATUS[role],
                *gate[role],
            ]
            for role in ("mentor", "mentee")
        }

    @api.model
    def _candidate_subselect(self, model_name, domain, fixed):
        """SQL: the ids of the profiles of ``model_name`` meeting ``domain``
        (the gate's conditions and the status), the superuser's search with
        archived tandems counted (active_test off) but archived profiles
        left out; ``fixed``: the one profile asked for, or None."""
        model = self.env[model_name].sudo().with_context(active_test=False)
        domain = [("active", "=", True), *domain]
        if fixed:
            domain.append(("id", "=", fixed.id))
        return model._search(domain).subselect()

    @api.model
    def _suggestion_query(self, program, today, mentee=None, mentor=None):
        """SQL: the pairs of ``program`` meeting the hard conditions with
        their score, distance and shared criteria, ordered best first and
        limited to ``SUGGESTION_LIMIT``. One of ``mentee``/``mentor`` is
        fixed. Columns: mentor_id, mentee_id, score, distance, languages,
        interests, slots, waiting_since.

        Each step is computed once per profile or pair (materialised common
        table expressions); the shared tags are counted by one grouped join
        per criterion, not per pair."""
        domains = self._candidate_domains(program, today)
        mentors = self._candidate_subselect(
            "mentoring.mentor", domains["mentor"], mentor
        )
        mentees = self._candidate_subselect(
            "mentoring.mentee", domains["mentee"], mentee
        )

        def shared(name):
            """SQL: (mentor_id, mentee_id, n) of the candidates sharing tags
            of the many2many ``name``."""
            tables = []
            for model_name in ("mentoring.mentor", "mentoring.mentee"):
                field = self.env[model_name]._fields[name]
                tables.append(
                    (
                        SQL.identifier(field.relation),
                        SQL.identifier(field.column1),
                        SQL.identifier(field.column2),
                    )
                )
            (mr_table, mr_own, mr_tag), (me_table, me_own, me_tag) = tables
            return SQL(
                "SELECT a.%(mr_own)s AS mentor_id, b.%(me_own)s AS mentee_id, "
                "COUNT(*) AS n FROM %(mr_table)s a JOIN %(me_table)s b "
                "ON b.%(me_tag)s = a.%(mr_tag)s "
                "WHERE a.%(mr_own)s IN (SELECT id FROM mr) "
                "AND b.%(me_own)s IN (SELECT id FROM me) GROUP BY 1, 2",
                mr_table=mr_table,
                me_table=me_table,
                mr_own=mr_own,
                mr_tag=mr_tag,
                me_own=me_own,
                me_tag=me_tag,
            )

        gender_weight = program.match_weight_gender if program.gender_preferences else 0
        weights = {
            "distance": max(program.match_weight_distance, 0),
            "language": max(program.match_weight_language, 0),
            "interest": max(program.match_weight_interest, 0),
            "availability": max(program.match_weight_availability, 0),
            "age": max(program.match_weight_age, 0),
            "gender": max(gender_weight, 0),
            "waiting": max(program.match_weight_waiting, 0),
        }
        total = sum(weights.values()) or 1
        return SQL(
            """
            WITH busy AS MATERIALIZED (
                SELECT mentor_id, COUNT(*) AS n FROM mentoring_tandem
                 WHERE active AND phase IN %(capacity_phases)s
                   AND mentor_id IN %(mentors)s
                 GROUP BY mentor_id
            ), mr AS MATERIALIZED (
                SELECT m.id, m.max_distance_km, m.preferred_age_min AS age_min,
                       m.preferred_age_max AS age_max, m.gender,
                       p.partner_latitude::float8 AS lat,
                       p.partner_longitude::float8 AS lon,
                       %(mr_located)s AS located
                  FROM mentoring_mentor m
                  JOIN res_partner p ON p.id = m.partner_id
                  LEFT JOIN busy ON busy.mentor_id = m.id
                 WHERE m.id IN %(mentors)s
                   AND COALESCE(m.capacity, 0) > COALESCE(busy.n, 0)
            ), me AS MATERIALIZED (
                SELECT e.id, e.birth_year, e.mentor_gender_wish AS wish,
                       e.waiting_since,
                       p.partner_latitude::float8 AS lat,
                       p.partner_longitude::float8 AS lon,
                       %(me_located)s AS located
                  FROM mentoring_mentee e
                  JOIN res_partner p ON p.id = e.partner_id
                 WHERE e.id IN %(mentees)s
            ), languages AS MATERIALIZED (%(languages)s
            ), interests AS MATERIALIZED (%(interests)s
            ), slots AS MATERIALIZED (%(slots)s
            ), pairs AS MATERIALIZED (
                SELECT mr.id AS mentor_id, me.id AS mentee_id,
                       mr.max_distance_km, mr.age_min, mr.age_max, mr.gender,
                       me.birth_year, me.wish, me.waiting_since,
                       CASE WHEN mr.located AND me.located
                            THEN %(haversine)s END AS distance,
                       COALESCE(l.n, 0) AS languages,
                       COALESCE(i.n, 0) AS interests,
                       COALESCE(s.n, 0) AS slots
                  FROM mr CROSS JOIN me
                  LEFT JOIN languages l
                         ON l.mentor_id = mr.id AND l.mentee_id = me.id
                  LEFT JOIN interests i
                         ON i.mentor_id = mr.id AND i.mentee_id = me.id
                  LEFT JOIN slots s ON s.mentor_id = mr.id AND s.mentee_id = me.id
                 WHERE NOT EXISTS (
                       SELECT FROM mentoring_tandem t
                        WHERE t.mentor_id = mr.id AND t.mentee_id = me.id
                          AND t.active AND t.phase != 'closure')
            )
            SELECT mentor_id, mentee_id, waiting_since, distance, languages,
                   interests, slots,
                   ROUND(100.0 * (
                       %(w_distance)s * CASE WHEN distance IS NULL THEN 0
                           ELSE GREATEST(0, 1 - distance / CASE
                               WHEN max_distance_km > 0 THEN max_distance_km
                               ELSE %(reference)s END) END
                     + %(w_language)s * CASE WHEN languages > 0 THEN 1 ELSE 0 END
                     + %(w_interest)s * LEAST(interests, %(full)s)::numeric / %(full)s
                     + %(w_availability)s * LEAST(slots, %(full)s)::numeric / %(full)s
                     + %(w_age)s * CASE WHEN COALESCE(birth_year, 0) > 0 AND (
                           (COALESCE(age_min, 0) > 0
                            AND %(year)s - birth_year < age_min)
                           OR (COALESCE(age_max, 0) > 0
                            AND %(year)s - birth_year > age_max))
                         THEN 0 ELSE 1 END
                     + %(w_gender)s * CASE WHEN COALESCE(wish, 'none') = 'none'
                           OR wish = gender THEN 1
                           WHEN gender IS NULL THEN %(unknown)s ELSE 0 END
                     + %(w_waiting)s * LEAST(GREATEST(
                           %(today)s - COALESCE(waiting_since, %(today)s), 0),
                           %(waiting_full)s)::numeric / %(waiting_full)s
                   ) / %(total)s)::integer AS score
              FROM pairs
             WHERE distance IS NULL OR COALESCE(max_distance_km, 0) <= 0
                OR distance <= max_distance_km
             ORDER BY (distance IS NULL), score DESC, distance, waiting_since,
                      mentor_id, mentee_id
             LIMIT %(limit)s
            """,
            w_distance=weights["distance"],
            w_language=weights["language"],
            w_interest=weights["interest"],
            w_availability=weights["availability"],
            w_age=weights["age"],
            w_gender=weights["gender"],
            w_waiting=weights["waiting"],
            unknown=UNKNOWN_GENDER_SCORE,
            total=total,
            reference=DISTANCE_REFERENCE_KM,
            full=SHARED_FULL,
            waiting_full=WAITING_FULL_DAYS,
            year=today.year,
            today=today,
            mr_located=_located("p"),
            me_located=_located("p"),
            haversine=HAVERSINE,
            languages=shared("language_ids"),
            interests=shared("interest_ids"),
            slots=shared("availability_ids"),
            mentors=mentors,
            mentees=mentees,
            capacity_phases=CAPACITY_PHASES,
            limit=SUGGESTION_LIMIT,
        )

    # -- the reasons in words ----------------------------------------------

    @api.depends("mentor_id", "mentee_id", "distance_km")
    def _compute_reasons(self):
        """The reasons of each row in words, from the profiles of all rows
        read at once (the prefetch of the ORM): distance, shared languages,
        interests and times, and what stands against the pair."""
        _ = self.env._
        weekdays = [_("Mo"), _("Tu"), _("We"), _("Th"), _("Fr"), _("Sa"), _("Su")]
        parts = {
            "morning": _("mornings"),
            "afternoon": _("afternoons"),
            "evening": _("evenings"),
        }
        today = self.env.company._mentoring_today()
        # The decimal point of the reader's language, looked up once.
        point = get_lang(self.env).decimal_point or "."
        # The profiles as superuser (a coordinator may not read every
        # screening field), all rows' at once through the prefetch.
        for row, privileged in zip(self, self.sudo(), strict=True):
            mentor, mentee = privileged.mentor_id, privileged.mentee_id
            reasons = []
            if not row.distance_known:
                reasons.append(_("distance unknown"))
            else:
                km = f"{row.distance_km:.1f}".replace(".", point)
                reasons.append(_("%(km)s km", km=km))
            languages = mentor.language_ids & mentee.language_ids
            if languages:
                reasons.append(
                    _(
                        "speaks %(languages)s",
                        languages=", ".join(languages.mapped("name")),
                    )
                )
            else:
                reasons.append(_("no shared language"))
            interests = len(mentor.interest_ids & mentee.interest_ids)
            if interests == 1:
                reasons.append(_("1 shared interest"))
            elif interests:
                reasons.append(_("%(count)s shared interests", count=interests))
            slots = mentor.availability_ids & mentee.availability_ids
            if slots:
                times = []
                for part, _label in PARTS_OF_DAY:
                    days = sorted(
                        int(slot.weekday) for slot in slots if slot.part_of_day == part
                    )
                    if days:
                        times.append(
                            "/".join(weekdays[day] for day in days) + " " + parts[part]
                        )
                reasons.append(", ".join(times))
            else:
                reasons.append(_("no shared time"))
            year = today.year
            if mentee.birth_year and (
                (
                    mentor.preferred_age_min
                    and year - mentee.birth_year < mentor.preferred_age_min
                )
                or (
                    mentor.preferred_age_max
                    and year - mentee.birth_year > mentor.preferred_age_max
                )
            ):
                reasons.append(_("outside the preferred age"))
            if (
                row.program_id.gender_preferences
                and mentee.mentor_gender_wish not in (False, "none")
                and mentee.mentor_gender_wish != mentor.gender
            ):
                if mentor.gender:
                    reasons.append(_("gender wish not met"))
                else:
                    reasons.append(_("gender not stated"))
            if row.origin == "mentor" and mentee.waiting_since:
                days = (today - mentee.waiting_since).days
                reasons.append(_("waiting for %(days)s days", days=max(days, 0)))
            row.reasons = " · ".join(reasons)

    def _list_action(self, xml_id, profile):
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["domain"] = [("id", "in", self.ids)]
        action["display_name"] = f"{action['name']}: {profile.display_name}"
        return action

    # -- the page "Ready to Be Matched" ----------------------------------------

    @api.model
    def get_ready_for_matching(self):
        """The data of the page "Ready to Be Matched" (issue 14, item 7):
        waiting mentees (longest waiting first) and available mentors (ready
        or active, capacity left) that the user may read, with coordinates
        where known, and the tile server set by the administrator.

        :return: dict with ``programs`` [{id, name}], ``mentees`` and
            ``mentors`` [{id, name, program_id, program, languages,
            interests, lat, lon, ...}] and ``tile_url`` ("" for none)
        Reads with the user's rights: a coordinator gets her programmes.
        """
        today = self.env.company._mentoring_today()
        mentees = self.env["mentoring.mentee"].search(
            AVAILABLE_STATUS["mentee"], order="waiting_since, name, id"
        )
        mentors = self.env["mentoring.mentor"].search(
            AVAILABLE_STATUS["mentor"], order="name, id"
        )
        # The hard conditions of the suggestions, programme by programme (as
        # superuser: they read screening fields), on what the user may read.
        candidates = {"mentor": set(), "mentee": set()}
        for program in (mentees.program_id | mentors.program_id).sudo():
            domains = self._candidate_domains(
                program, program.company_id._mentoring_today()
            )
            for role, profiles in (("mentor", mentors), ("mentee", mentees)):
                candidates[role].update(
                    self.env[f"mentoring.{role}"]
                    .sudo()
                    .with_context(active_test=False)
                    .search([("id", "in", profiles.ids), *domains[role]])
                    .ids
                )
        mentees = mentees.filtered(lambda mentee: mentee.id in candidates["mentee"])
        mentors = mentors.filtered(
            lambda mentor: (
                mentor.id in candidates["mentor"] and mentor.matching_capacity_left > 0
            )
        )

        def common(profile):
            partner = profile.partner_id.sudo()
            located = bool(partner.partner_latitude or partner.partner_longitude)
            return {
                "id": profile.id,
                "name": profile.name,
                "program_id": profile.program_id.id,
                "program": profile.program_id.name,
                "languages": ", ".join(profile.language_ids.mapped("name")),
                "interests": ", ".join(profile.interest_ids.mapped("name")),
                "city": partner.city or "",
                "lat": located and partner.partner_latitude,
                "lon": located and partner.partner_longitude,
            }

        programs = (mentees.program_id | mentors.program_id).sorted("name")
        return {
            "programs": [{"id": p.id, "name": p.name} for p in programs],
            "mentees": [
                {
                    **common(mentee),
                    "waiting_days": mentee.waiting_since
                    and max((today - mentee.waiting_since).days, 0),
                }
                for mentee in mentees
            ],
            "mentors": [
                {
                    **common(mentor),
                    "capacity_left": mentor.matching_capacity_left,
                    "max_distance_km": mentor.max_distance_km,
                }
                for mentor in mentors
            ],
            "tile_url": self.env["ir.config_parameter"]
            .sudo()
            .get_param("qualitaetsmentor.map_tile_url", ""),
        }

    # -- the proposal --------------------------------------------------------

    @api.model
    def _matching_refusals(self, program, mentor=None, mentee=None):
        """What keeps a mentor, a mentee or the pair from a new tandem in
        ``program`` now: the hard conditions of the suggestions
        (``_candidate_domains``: status and matching gate), the mentor's
        capacity left and, for a pair, a tandem of both not yet closed.

        :param mentor: a mentoring.mentor or None
        :param mentee: a mentoring.mentee or None (at least one of the two)
        :return: list of translated sentences, empty where nothing stands
            against; a broken gate condition is named by the gate's labels
        """
        _ = self.env._
        today = program.company_id._mentoring_today()
        domains = self._candidate_domains(program, today)
        refusals = []
        mentor = mentor and mentor.sudo()
        mentee = mentee and mentee.sudo()
        if mentor and mentee:
            running = (
                self.env["mentoring.tandem"]
                .sudo()
                .search_count(
                    [
                        ("mentor_id", "=", mentor.id),
                        ("mentee_id", "=", mentee.id),
                        ("phase", "!=", "closure"),
                    ],
                    limit=1,
                )
            )
            if running:
                refusals.append(
                    _(
                        "A tandem of %(mentor)s and %(mentee)s is already running.",
                        mentor=mentor.name,
                        mentee=mentee.name,
                    )
                )
        if mentee and not mentee.filtered_domain(AVAILABLE_STATUS["mentee"]):
            refusals.append(
                _("%(mentee)s is no longer waiting for a mentor.", mentee=mentee.name)
            )
        if mentor:
            if not mentor.filtered_domain(AVAILABLE_STATUS["mentor"]):
                refusals.append(
                    _(
                        "%(mentor)s is not available for a new tandem (status "
                        "%(status)s).",
                        mentor=mentor.name,
                        status=dict(
                            mentor._fields["status"]._description_selection(self.env)
                        ).get(mentor.status, ""),
                    )
                )
            if mentor.matching_capacity_left <= 0:
                refusals.append(
                    _(
                        "%(mentor)s has no place left (capacity %(capacity)s).",
                        mentor=mentor.name,
                        capacity=mentor.capacity,
                    )
                )
        gate_fails = False
        for role, profile in (("mentor", mentor), ("mentee", mentee)):
            if profile and not (
                profile.with_context(active_test=False).search_count(
                    [("id", "=", profile.id), *domains[role]], limit=1
                )
                or not profile.filtered_domain(AVAILABLE_STATUS[role])
            ):
                gate_fails = True
        if gate_fails:
            # Named as the gate names them, from a tandem not saved.
            Tandem = self.env["mentoring.tandem"].sudo()
            stage = (
                self.env["mentoring.stage"]
                .sudo()
                .search(
                    [*Tandem._stage_domain(program), ("phase", "=", "matching")],
                    limit=1,
                )
            )
            draft = Tandem.new(
                {
                    "program_id": program.id,
                    "mentor_id": mentor and mentor.id,
                    "mentee_id": mentee and mentee.id,
                    "stage_id": stage.id,
                }
            )
            missing = [
                req.label
                for req in draft._get_requirements("matching")[draft]
                if req.is_open and req.code not in ("mentor", "mentee")
            ]
            refusals.append(
                _(
                    "The matching requirements are no longer met: %(missing)s",
                    missing=", ".join(missing),
                )
            )
        return refusals

    def action_propose_tandem(self):
        """Create the tandem of this pair in the programme's first matching
        stage, through the normal create of mentoring.tandem and so through
        its gates (a refusal shows the gate's message), with the current user
        as coordinator where she coordinates the programme.

        :return: the new tandem's form as a window action
        :raise ValidationError: where the list is stale: the hard conditions
            of the suggestions (``_matching_refusals``) no longer hold at this
            moment (issue 14: the same pair twice, a mentee matched meanwhile,
            a mentor without a place left); nothing is created
        """
        self.ensure_one()
        program = self.program_id
        Tandem = self.env["mentoring.tandem"]
        # Against the database at this moment, not the list's: lock both
        # profiles so that two proposals for them run one after the other.
        self.env.flush_all()
        for table, record in (
            ("mentoring_mentor", self.mentor_id),
            ("mentoring_mentee", self.mentee_id),
        ):
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id = %s FOR UPDATE",
                    SQL.identifier(table),
                    record.id,
                )
            )
        self.env.invalidate_all()
        refusals = self._matching_refusals(
            program, mentor=self.mentor_id, mentee=self.mentee_id
        )
        if refusals:
            raise ValidationError(
                self.env._("This tandem cannot be proposed any more:")
                + "".join(f"\n• {refusal}" for refusal in refusals)
            )
        stage = self.env["mentoring.stage"].search(
            [*Tandem._stage_domain(program), ("phase", "=", "matching")], limit=1
        )
        if not stage:
            raise UserError(
                self.env._(
                    "The programme %(program)s has no stage of the matching "
                    "phase. An administrator adds one under Configuration.",
                    program=program.name,
                )
            )
        user = self.env.user
        coordinator = user if user._mentoring_can_coordinate(program) else False
        tandem = Tandem.create(
            {
                "program_id": program.id,
                "mentor_id": self.mentor_id.id,
                "mentee_id": self.mentee_id.id,
                "stage_id": stage.id,
                "coordinator_id": coordinator and coordinator.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mentoring.tandem",
            "res_id": tandem.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }


class MentoringMentor(models.Model):
    _inherit = "mentoring.mentor"

    matching_capacity_left = fields.Integer(
        "Capacity Left",
        compute="_compute_matching_capacity_left",
        groups=COORDINATOR,
        help="How many more tandems the mentor can take: her capacity less her "
        "tandems in matching or accompaniment.",
    )

    @api.depends("capacity", "tandem_ids.phase", "tandem_ids.active")
    def _compute_matching_capacity_left(self):
        counts = dict(
            self.env["mentoring.tandem"]
            .sudo()
            ._read_group(
                [
                    ("mentor_id", "in", self._origin.ids),
                    ("phase", "in", CAPACITY_PHASES),
                ],
                ["mentor_id"],
                ["__count"],
            )
        )
        for mentor in self:
            mentor.matching_capacity_left = max(
                mentor.capacity - counts.get(mentor._origin, 0), 0
            )

    def action_suggest_mentees(self):
        """Suggest waiting mentees of the mentor's programme (issue 14).

        :return: the ranked list of mentoring.match.suggestion as a window action
        :raise UserError: saying why none can be suggested (status, matching
            requirements, capacity)
        """
        self.ensure_one()
        self.check_access("read")
        Suggestion = self.env["mentoring.match.suggestion"]
        refusals = Suggestion._matching_refusals(self.sudo().program_id, mentor=self)
        if refusals:
            raise UserError("\n".join(refusals))
        rows = Suggestion._suggest(mentor=self)
        return rows._list_action(
            "qualitaetsmentor.mentoring_match_suggestion_action_mentees", self
        )


class MentoringMentee(models.Model):
    _inherit = "mentoring.mentee"

    def action_suggest_mentors(self):
        """Suggest mentors of the mentee's programme (issue 14).

        :return: the ranked list of mentoring.match.suggestion as a window action
        :raise UserError: saying why none can be suggested (status, matching
            requirements)
        """
        self.ensure_one()
        self.check_access("read")
        Suggestion = self.env["mentoring.match.suggestion"]
        refusals = Suggestion._matching_refusals(self.sudo().program_id, mentee=self)
        if refusals:
            raise UserError("\n".join(refusals))
        rows = Suggestion._suggest(mentee=self)
        return rows._list_action(
            "qualitaetsmentor.mentoring_match_suggestion_action_mentors", self
        )
