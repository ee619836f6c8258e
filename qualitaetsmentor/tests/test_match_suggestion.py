from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ..models.mentoring_tandem_gate import MATCHING_RULES
from .common import MentoringCase

# Hamburg-Altona; a degree of latitude is 111.195 km on the haversine's sphere.
ALTONA = (53.5503, 9.9356)
KM_PER_DEGREE = 6371.0 * 3.141592653589793 / 180
# Suggest mentors for a mentee and read the list with its reasons, as the
# coordinator: the same for 10 and for 200 mentors (one of them checks that
# the mentee can be matched at all, to say why not).
SUGGESTION_QUERIES = 26


def _north(km):
    """Coordinates ``km`` kilometres north of ALTONA."""
    return (ALTONA[0] + km / KM_PER_DEGREE, ALTONA[1])


class MatchingCase(MentoringCase):
    """A waiting mentee of programme A in Altona who speaks Arabic, likes
    football and has time on Tuesday and Thursday afternoons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env.ref("qualitaetsmentor.language_ar")
        cls.turkish = cls.env.ref("qualitaetsmentor.language_tr")
        cls.football, cls.music = cls.env["mentoring.interest"].create(
            [{"name": "Fußball"}, {"name": "Musik"}]
        )
        slots = cls.env["mentoring.availability.slot"].search([])
        cls.tue_thu_afternoon = slots.filtered(
            lambda s: s.weekday in ("1", "3") and s.part_of_day == "afternoon"
        )
        cls.waiting = cls._mentee(cls.program_a, "Samira Wartend")
        cls.waiting.write(
            {
                "language_ids": [Command.set(cls.arabic.ids)],
                "interest_ids": [Command.set((cls.football | cls.music).ids)],
                "availability_ids": [Command.set(cls.tue_thu_afternoon.ids)],
            }
        )
        cls._locate(cls.waiting, ALTONA)
        cls.Suggestion = cls.env["mentoring.match.suggestion"]

    @classmethod
    def _locate(cls, profile, coordinates):
        profile.partner_id.write(
            {"partner_latitude": coordinates[0], "partner_longitude": coordinates[1]}
        )

    @classmethod
    def _candidate(cls, name, km=2.0, languages=None, **values):
        """A ready mentor of programme A ``km`` north of the mentee (no
        coordinates for None) with the mentee's interests and times."""
        mentor = cls._mentor(cls.program_a, name)
        mentor.write(
            {
                "language_ids": [Command.set((languages or cls.arabic).ids)],
                "interest_ids": [Command.set((cls.football | cls.music).ids)],
                "availability_ids": [Command.set(cls.tue_thu_afternoon.ids)],
                **values,
            }
        )
        if km is not None:
            cls._locate(mentor, _north(km))
        return mentor

    def _suggested(self, mentee=None):
        return self.Suggestion._suggest(mentee=mentee or self.waiting).mentor_id


class TestRanking(MatchingCase):
    def test_a_mentor_beyond_her_travel_distance_is_not_suggested(self):
        near = self._candidate("Nah Dran", km=4.0, max_distance_km=5)
        beyond = self._candidate("Zu Weit", km=6.0, max_distance_km=5)
        unlimited = self._candidate("Fährt Überall", km=40.0, max_distance_km=0)
        suggested = self._suggested()
        self.assertIn(near, suggested)
        self.assertNotIn(beyond, suggested)
        self.assertIn(unlimited, suggested)
        row = self.Suggestion._suggest(mentee=self.waiting).filtered(
            lambda r: r.mentor_id == near
        )
        self.assertAlmostEqual(row.distance_km, 4.0, places=1)

    def test_equal_criteria_rank_by_distance(self):
        far = self._candidate("Drei Kilometer", km=3.0)
        near = self._candidate("Zwei Kilometer", km=2.0)
        rows = self.Suggestion._suggest(mentee=self.waiting)
        self.assertEqual(rows.mentor_id[:2], near | far)
        self.assertEqual(rows[0].mentor_id, near)
        self.assertGreater(rows[0].score, rows[1].score)
        self.assertEqual(rows.mapped("rank")[:2], [1, 2])

    def test_no_shared_language_ranks_below_one(self):
        other = self._candidate("Spricht Türkisch", km=2.0, languages=self.turkish)
        shared = self._candidate("Spricht Arabisch", km=2.0)
        rows = self.Suggestion._suggest(mentee=self.waiting)
        self.assertEqual(rows.mentor_id, shared | other)
        self.assertIn("speaks Arabic", rows[0].reasons)
        self.assertIn("no shared language", rows[1].reasons)

    def test_without_coordinates_after_those_with(self):
        unknown = self._candidate("Ohne Adresse", km=None)
        known = self._candidate(
            "Weit Weg", km=9.0, languages=self.turkish, interest_ids=[Command.clear()]
        )
        rows = self.Suggestion._suggest(mentee=self.waiting)
        self.assertEqual(rows.mentor_id, known | unknown)
        self.assertFalse(rows[1].distance_known)
        self.assertTrue(rows[1].reasons.startswith("distance unknown"))
        # A contact at 0/0 has no coordinates (base_geolocalize writes it so).
        self._locate(unknown, (0.0, 0.0))
        self.assertEqual(self._suggested(), known | unknown)

    def test_reasons_in_words(self):
        mentor = self._candidate("Erklärt", km=3.2)
        row = self.Suggestion._suggest(mentee=self.waiting)
        self.assertEqual(row.mentor_id, mentor)
        self.assertEqual(
            row.reasons,
            "3.2 km · speaks Arabic · 2 shared interests · Tu/Th afternoons",
        )
        self.assertTrue(0 <= row.score <= 100)

    def test_programme_weights_and_wishes(self):
        self.program_a.write({"gender_preferences": True})
        self.waiting.mentor_gender_wish = "female"
        wished = self._candidate("Frau Weiter", km=3.0, gender="female")
        other = self._candidate("Herr Näher", km=2.9, gender="male")
        rows = self.Suggestion._suggest(mentee=self.waiting)
        self.assertEqual(rows.mentor_id, wished | other)
        self.assertIn("gender wish not met", rows[1].reasons)
        # A mentor without a stated gender: unknown, between the two.
        unstated = self._candidate("Ohne Angabe", km=2.95)
        rows = self.Suggestion._suggest(mentee=self.waiting)
        self.assertEqual(
            rows.mentor_id.mapped("name"), [wished.name, unstated.name, other.name]
        )
        self.assertIn("gender not stated", rows[1].reasons)
        self.assertNotIn("gender wish not met", rows[1].reasons)
        self.assertGreater(rows[0].score, rows[1].score)
        self.assertGreater(rows[1].score, rows[2].score)
        unstated.active = False
        # Without gender preferences, the wish does not count.
        self.program_a.write({"gender_preferences": False})
        self.assertEqual(self._suggested()[0], other)

    def test_age_preference(self):
        year = self.env.company._mentoring_today().year
        self.waiting.birth_year = year - 11
        fits = self._candidate("Mag Elfjährige", km=3.0, preferred_age_min=10)
        older = self._candidate(
            "Mag Ältere", km=2.0, preferred_age_min=14, preferred_age_max=18
        )
        rows = self.Suggestion._suggest(mentee=self.waiting)
        self.assertEqual(rows.mentor_id, fits | older)
        self.assertIn("outside the preferred age", rows[1].reasons)

    def test_mentees_for_a_mentor(self):
        mentor = self._candidate("Sucht Mentees", km=1.0)
        self.program_a.rematch_pause_days = 0
        rows = self.Suggestion._suggest(mentor=mentor)
        # Emil is in a tandem: only the waiting mentee.
        self.assertEqual(rows.mentee_id, self.waiting)
        self.assertIn("waiting for", rows.reasons)
        action = mentor.with_user(self.coordinator_a).action_suggest_mentees()
        self.assertEqual(action["res_model"], "mentoring.match.suggestion")
        listed = self.Suggestion.with_user(self.coordinator_a).search(action["domain"])
        self.assertEqual(listed.mentee_id, self.waiting)


class TestHardConditions(MatchingCase):
    def test_untrained_full_or_pausing_mentors_never_appear(self):
        ready = self._candidate("Bereit")
        untrained = self._candidate("Ungeschult", training_date=False)
        full = self._candidate("Voll")
        self._tandem(
            self.program_a,
            full,
            self._mentee(self.program_a, "Paul"),
            self.coordinator_a,
            phase="matching",
        )
        two = self._candidate("Zwei Plätze", capacity=2)
        self._tandem(
            self.program_a,
            two,
            self._mentee(self.program_a, "Pia"),
            self.coordinator_a,
            phase="matching",
        )
        pausing = self._candidate("Pausiert")
        ended = self._tandem(
            self.program_a,
            pausing,
            self._mentee(self.program_a, "Pit"),
            self.coordinator_a,
            phase="matching",
        )
        today = self.env.company._mentoring_today()
        ended.write({"date_matched": today - timedelta(days=30)})
        self._close(ended, on=today - timedelta(days=3))
        # The coordinator puts her back on the list for a new tandem.
        pausing.status = "ready"
        archived = self._candidate("Archiviert")
        archived.active = False
        suggested = self._suggested()
        self.assertEqual(suggested, ready | two)
        for mentor in (untrained, full, pausing, archived):
            self.assertNotIn(mentor, suggested, mentor.name)
        # Also when the ended tandem is archived; after the pause she is back.
        ended.active = False
        self.assertNotIn(pausing, self._suggested())
        self.program_a.rematch_pause_days = 3
        self.assertIn(pausing, self._suggested())

    def test_a_mentee_who_does_not_wait_gets_no_suggestions(self):
        self._candidate("Bereit")
        self.assertFalse(self._suggested(self.mentee_a))

    def test_suggestions_agree_with_the_matching_gate(self):
        """For each requirement of the matching gate: a mentor or mentee
        the gate refuses is never suggested, one it accepts is."""
        today = self.env.company._mentoring_today()
        ended = today - timedelta(days=2)
        # code: (what breaks it, what mends it), written on mentor or mentee
        breaks = {
            "mentor_interview": (
                "mentor",
                {"interview_date": False},
                {"interview_date": today},
            ),
            "mentor_training": (
                "mentor",
                {"training_date": False},
                {"training_date": today},
            ),
            "mentor_consent": (
                "mentor",
                {"consent_withdrawn_date": today},
                {"consent_withdrawn_date": False},
            ),
            "mentor_police_clearance": (
                "mentor",
                {"police_clearance_relevant_entry": True},
                {"police_clearance_relevant_entry": False},
            ),
            "mentee_consent": (
                "mentee",
                {"consent_date": False},
                {"consent_date": today},
            ),
            "rematch_pause": ("pause", None, None),
        }
        trivial = {"mentor", "mentee"}
        self.assertEqual(
            {rule.code for rule in MATCHING_RULES},
            set(breaks) | trivial,
            "A new requirement of matching: add it to this test.",
        )
        for code, (side, broken, mended) in breaks.items():
            with self.subTest(code=code):
                mentor = self._candidate(f"Mentorin {code}")
                mentee = self._mentee(self.program_a, f"Mentee {code}")
                if side == "pause":
                    earlier = self._tandem(
                        self.program_a,
                        mentor,
                        self._mentee(self.program_a, "Früher"),
                        self.coordinator_a,
                        phase="matching",
                    )
                    self._close(earlier, on=ended)
                    mentor.status = "ready"
                else:
                    (mentor if side == "mentor" else mentee).write(broken)
                self.assertFalse(self._gate_accepts(mentor, mentee), code)
                self.assertNotIn(mentor, self._suggested(mentee))
                if side == "pause":
                    self.program_a.rematch_pause_days = 2
                else:
                    (mentor if side == "mentor" else mentee).write(mended)
                self.assertTrue(self._gate_accepts(mentor, mentee), code)
                self.assertIn(mentor, self._suggested(mentee))
                self.program_a.rematch_pause_days = 28
                mentor.active = False

    def _gate_accepts(self, mentor, mentee):
        tandem = self.env["mentoring.tandem"].new(
            {
                "program_id": self.program_a.id,
                "mentor_id": mentor.id,
                "mentee_id": mentee.id,
                "stage_id": self.stages["matching"].id,
            }
        )
        requirements = tandem._get_requirements("matching")[tandem]
        return not any(req.is_open for req in requirements)


class TestAccessAndProposal(MatchingCase):
    def test_another_programme_sees_no_candidates_of_ours(self):
        self._candidate("Unsere Mentorin")
        rows = self.waiting.with_user(self.coordinator_a).action_suggest_mentors()
        ours = self.Suggestion.with_user(self.coordinator_a).search(rows["domain"])
        self.assertEqual(len(ours), 1)
        with self.assertRaises(AccessError):
            self.waiting.with_user(self.coordinator_b).action_suggest_mentors()
        as_b = self.Suggestion.with_user(self.coordinator_b)
        self.assertFalse(as_b.search([]))
        with self.assertRaises(AccessError):
            as_b.browse(ours.ids).read(["mentor_id", "reasons"])
        # Her own mentee gets only mentors of her programme.
        self._mentee(self.program_b, "Bea Wartend")
        waiting_b = self.env["mentoring.mentee"].search([("name", "=", "Bea Wartend")])
        self.program_b.rematch_pause_days = 0
        action = waiting_b.with_user(self.coordinator_b).action_suggest_mentors()
        self.assertFalse(as_b.search(action["domain"]).mentor_id & ours.mentor_id)

    def test_the_proposal_passes_the_gates(self):
        mentor = self._candidate("Vorgeschlagen")
        action = self.waiting.with_user(self.coordinator_a).action_suggest_mentors()
        row = self.Suggestion.with_user(self.coordinator_a).search(action["domain"])
        opened = row.action_propose_tandem()
        tandem = self.env["mentoring.tandem"].browse(opened["res_id"])
        self.assertEqual(tandem.mentor_id, mentor)
        self.assertEqual(tandem.mentee_id, self.waiting)
        self.assertEqual(tandem.phase, "matching")
        self.assertEqual(tandem.program_id, self.program_a)
        self.assertEqual(tandem.coordinator_id, self.coordinator_a)
        self.assertEqual(self.waiting.status, "matched")
        self.assertFalse(self._suggested(), "her capacity is used up")

    def test_a_refused_proposal_shows_the_gate(self):
        mentor = self._candidate("Widerruft")
        action = self.waiting.with_user(self.coordinator_a).action_suggest_mentors()
        row = self.Suggestion.with_user(self.coordinator_a).search(action["domain"])
        mentor.consent_withdrawn_date = self.env.company._mentoring_today()
        with self.assertRefused("Data-protection consent of Widerruft"):
            row.action_propose_tandem()


class TestStaleProposals(MatchingCase):
    """A proposal checks the hard conditions again when it is made (issue
    14, tester's defects D1-D3): nothing is created from a stale list."""

    def _rows(self, mentee=None):
        action = (
            (mentee or self.waiting)
            .with_user(self.coordinator_a)
            .action_suggest_mentors()
        )
        return self.Suggestion.with_user(self.coordinator_a).search(action["domain"])

    def _tandems(self, mentor):
        return self.env["mentoring.tandem"].search([("mentor_id", "=", mentor.id)])

    def test_the_same_pair_twice_is_refused(self):
        mentor = self._candidate("Sevgi Kaya", capacity=2)
        row = self._rows()
        row.action_propose_tandem()
        with self.assertRaises(UserError) as caught:
            row.action_propose_tandem()
        message = str(caught.exception)
        self.assertIn("A tandem of Sevgi Kaya and Samira Wartend is already", message)
        self.assertIn("Samira Wartend is no longer waiting for a mentor", message)
        self.assertEqual(len(self._tandems(mentor)), 1)

    def test_a_mentee_matched_meanwhile_is_refused(self):
        first = self._candidate("Erste", km=1.0)
        second = self._candidate("Zweite", km=3.0)
        rows = self._rows()
        self.assertEqual(rows.mentor_id, first | second)
        rows.filtered(lambda r: r.mentor_id == first).action_propose_tandem()
        with self.assertRaises(UserError) as caught:
            rows.filtered(lambda r: r.mentor_id == second).action_propose_tandem()
        self.assertIn(
            "Samira Wartend is no longer waiting for a mentor", str(caught.exception)
        )
        self.assertFalse(self._tandems(second))
        tandems = self.env["mentoring.tandem"].search(
            [("mentee_id", "=", self.waiting.id)]
        )
        self.assertEqual(tandems.mentor_id, first)

    def test_a_full_mentor_is_refused(self):
        mentor = self._candidate("Sevgi Kaya", capacity=1)
        other = self._mentee(self.program_a, "Selin Yıldız")
        first, second = self._rows(), self._rows(other)
        first.action_propose_tandem()
        with self.assertRaises(UserError) as caught:
            second.action_propose_tandem()
        self.assertIn(
            "Sevgi Kaya has no place left (capacity 1)", str(caught.exception)
        )
        self.assertEqual(self._tandems(mentor).mentee_id, self.waiting)
        self.assertEqual(other.status, "waiting")

    def test_the_refusal_is_german(self):
        self._candidate("Sevgi Kaya", capacity=1)
        row = self._rows()
        row.action_propose_tandem()
        self.env["res.lang"]._activate_lang("de_DE")
        with self.assertRaises(UserError) as caught:
            row.with_context(lang="de_DE").action_propose_tandem()
        message = str(caught.exception)
        self.assertIn("Samira Wartend wartet nicht mehr auf eine Mentor:in", message)
        self.assertIn("Sevgi Kaya hat keinen freien Platz mehr (Kapazität 1)", message)
        self.assertIn(
            "Für Sevgi Kaya und Samira Wartend läuft bereits ein Tandem", message
        )

    def test_suggesting_for_a_mentee_who_cannot_be_matched_says_why(self):
        self._candidate("Bereit")
        with self.assertRaises(UserError) as caught:
            self.mentee_a.with_user(self.coordinator_a).action_suggest_mentors()
        self.assertIn("is no longer waiting for a mentor", str(caught.exception))
        self.waiting.consent_withdrawn_date = self.env.company._mentoring_today()
        with self.assertRaises(UserError) as caught:
            self.waiting.with_user(self.coordinator_a).action_suggest_mentors()
        self.assertIn(
            "Data-protection consent of Samira Wartend or the guardian",
            str(caught.exception),
        )


class TestReadyForMatching(MatchingCase):
    def test_the_page_lists_only_who_the_suggestions_allow(self):
        """Withdrawn consent, expired clearance: not on the page, no
        coordinates (defect D4)."""
        ready = self._candidate("Bereit")
        withdrawn = self._candidate("Widerrufen")
        expired = self._candidate("Abgelaufen")
        today = self.env.company._mentoring_today()
        withdrawn.consent_withdrawn_date = today
        # Inspected ten years ago: expired whatever the programme's validity.
        expired.police_clearance_date = today - timedelta(days=3660)
        gone = self._mentee(self.program_a, "Widerrufene Mentee")
        self._locate(gone, ALTONA)
        gone.consent_withdrawn_date = today
        page = self.Suggestion.with_user(self.coordinator_a).get_ready_for_matching()
        mentors = {m["name"]: m for m in page["mentors"]}
        mentees = {m["name"]: m for m in page["mentees"]}
        self.assertIn(ready.name, mentors)
        self.assertAlmostEqual(mentors[ready.name]["lat"], _north(2.0)[0], 4)
        self.assertNotIn(withdrawn.name, mentors)
        self.assertNotIn(expired.name, mentors)
        self.assertIn(self.waiting.name, mentees)
        self.assertNotIn(gone.name, mentees)
        suggested = self._suggested()
        self.assertEqual(
            set(mentors) & set(suggested.mapped("name")), set(suggested.mapped("name"))
        )


class TestQueryCount(MatchingCase):
    def _mentors(self, count):
        values = [
            {
                "name": f"Mentorin {index}",
                "program_id": self.program_a.id,
                "status": "ready",
                "interview_date": date(2026, 1, 12),
                "consent_date": date(2026, 1, 12),
                "police_clearance_date": date(2026, 1, 20),
                "training_date": date(2026, 2, 7),
                "max_distance_km": 0,
                "language_ids": [Command.set(self.arabic.ids)],
                "interest_ids": [Command.set(self.football.ids)],
                "availability_ids": [Command.set(self.tue_thu_afternoon[:1].ids)],
            }
            for index in range(count)
        ]
        mentors = self.env["mentoring.mentor"].create(values)
        for index, mentor in enumerate(mentors):
            mentor.partner_id.write(
                {
                    "partner_latitude": ALTONA[0] + index / 1000,
                    "partner_longitude": ALTONA[1],
                }
            )
        return mentors

    def _suggest_and_read(self):
        waiting = self.waiting.with_user(self.coordinator_a)
        action = waiting.action_suggest_mentors()
        rows = self.Suggestion.with_user(self.coordinator_a).search(action["domain"])
        return rows.read(["rank", "mentor_id", "score", "distance_km", "reasons"])

    def test_queries_do_not_grow_with_the_mentors(self):
        """Suggesting and reading the list with its reasons takes as many
        queries for 10 mentors as for 200 (as the coordinator)."""
        for size, new in ((10, 10), (200, 190)):
            with self.subTest(size=size):
                self._mentors(new)
                self.env.flush_all()
                self.env.invalidate_all()
                self._suggest_and_read()  # the ORM's caches of views, rules
                self.env.invalidate_all()
                with self.assertQueryCount(SUGGESTION_QUERIES):
                    read = self._suggest_and_read()
                self.assertEqual(len(read), min(size, 100))
                self.assertIn("speaks Arabic", read[0]["reasons"])
