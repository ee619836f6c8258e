"""The matching assistant at the size of a large organisation (issue 14).

One programme with 5,000 mentors ready for matching (screened, with
languages, interests, availability, a travel distance and coordinates
around Hamburg) and one waiting mentee; measured: her coordinator asks for
suggestions and reads the list as the web client shows it (the first 80
rows with their reasons). Used by bench_board.py: with all its cases, or
alone with ``./qm bench --only matching``.
"""

import random
from datetime import date, timedelta

# Hamburg's town hall; the profiles live within about 30 km of it.
CENTRE = (53.5503, 9.9920)
SPREAD_DEGREES = 0.27
PROGRAM_NAME = "Matching Benchmark"
COORDINATOR_LOGIN = "bench_matcher"
LIST_LIMIT = 80
TODAY = date.today()


def build(env, mentors, log):
    """The programme, its coordinator, ``mentors`` mentors and one waiting
    mentee, through the ORM in batches."""
    rng = random.Random(20261130)
    coordinator = env["res.users"].create(
        {
            "name": "Matching Coordinator",
            "login": COORDINATOR_LOGIN,
            "groups_id": [
                (
                    6,
                    0,
                    [
                        env.ref("base.group_user").id,
                        env.ref("qualitaetsmentor.group_coordinator").id,
                    ],
                )
            ],
            "tz": "Europe/Berlin",
        }
    )
    program = env["mentoring.program"].create(
        {
            "name": PROGRAM_NAME,
            "gender_preferences": True,
            "coordinator_ids": [(6, 0, coordinator.ids)],
        }
    )
    languages = env["mentoring.language"].search([]).ids
    interests = (
        env["mentoring.interest"]
        .create([{"name": f"Benchmark Interest {n + 1}"} for n in range(12)])
        .ids
    )
    slots = env["mentoring.availability.slot"].search([]).ids

    def place():
        return {
            "partner_latitude": CENTRE[0] + rng.uniform(-1, 1) * SPREAD_DEGREES,
            "partner_longitude": CENTRE[1] + rng.uniform(-1, 1) * SPREAD_DEGREES * 1.6,
        }

    def criteria():
        return {
            "language_ids": [(6, 0, rng.sample(languages, rng.randint(1, 3)))],
            "interest_ids": [(6, 0, rng.sample(interests, rng.randint(0, 4)))],
            "availability_ids": [(6, 0, rng.sample(slots, rng.randint(2, 6)))],
        }

    for start in range(0, mentors, 1000):
        count = min(1000, mentors - start)
        partners = env["res.partner"].create(
            [
                {"name": f"Matching Mentor {start + n + 1}", **place()}
                for n in range(count)
            ]
        )
        screened = TODAY - timedelta(days=90)
        env["mentoring.mentor"].create(
            [
                {
                    "partner_id": partner.id,
                    "program_id": program.id,
                    "status": "ready",
                    "interview_date": screened,
                    "training_date": screened,
                    "consent_date": screened,
                    "police_clearance_date": screened,
                    "capacity": rng.choice((1, 1, 1, 2)),
                    "max_distance_km": rng.choice((0, 5, 10, 10, 20, 50)),
                    "gender": rng.choice(("female", "female", "male", "diverse")),
                    "preferred_age_min": rng.choice((0, 0, 6, 10)),
                    "preferred_age_max": rng.choice((0, 0, 14, 18)),
                    **criteria(),
                }
                for partner in partners
            ]
        )
        env.flush_all()
        log(f"  {start + count} mentors")
    mentee = env["mentoring.mentee"].create(
        {
            "partner_id": env["res.partner"]
            .create({"name": "Matching Mentee", **place()})
            .id,
            "program_id": program.id,
            "birth_year": TODAY.year - 11,
            "consent_date": TODAY - timedelta(days=30),
            "waiting_since": TODAY - timedelta(days=45),
            "mentor_gender_wish": "female",
            **criteria(),
        }
    )
    env.flush_all()
    return mentee


def measure(bench, env, log):
    """Suggest mentors for the benchmark's mentee as her coordinator and read
    the list's first rows with their reasons."""
    coordinator = env["res.users"].search([("login", "=", COORDINATOR_LOGIN)])
    mentee = env["mentoring.mentee"].search([("name", "=", "Matching Mentee")])
    if not (coordinator and mentee):
        bench.missing("matching suggestions")
        return
    mentors = env["mentoring.mentor"].search_count(
        [("program_id", "=", mentee.program_id.id)]
    )
    mentee_id = mentee.id

    def suggest(env):
        action = env["mentoring.mentee"].browse(mentee_id).action_suggest_mentors()
        rows = env["mentoring.match.suggestion"].search(
            action["domain"], limit=LIST_LIMIT
        )
        read = rows.read(["rank", "mentor_id", "score", "distance_km", "reasons"])
        return f"{len(read)} suggestions shown of {mentors} mentors"

    bench.measure(("matching suggestions", "coordinator", suggest, coordinator.id))
