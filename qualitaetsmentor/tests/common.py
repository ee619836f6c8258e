from contextlib import contextmanager
from datetime import date

from odoo import Command, http
from odoo.exceptions import ValidationError
from odoo.tests.common import HttpCase, TransactionCase, new_test_user


class MentoringRecords:
    """Users and profiles as the model tests and the browser tours need them."""

    @classmethod
    def _refs(cls, prefix, *names):
        """The records of QualitätsMENTOR's data ``<prefix><name>`` by name."""
        return {name: cls.env.ref(f"qualitaetsmentor.{prefix}{name}") for name in names}

    @classmethod
    def _user(cls, login, name, role, **values):
        """A user of QualitätsMENTOR in the group ``role`` (coordinator,
        readonly, admin)."""
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=f"base.group_user,qualitaetsmentor.group_{role}",
            **values,
        )

    @classmethod
    def _coordinator(cls, login, name, **values):
        return cls._user(login, name, "coordinator", **values)

    @classmethod
    def _viewer(cls, program, login, name, **values):
        """A read-only user (a board member) who views ``program``."""
        viewer = cls._user(login, name, "readonly", **values)
        program.viewer_ids = [Command.link(viewer.id)]
        return viewer

    @classmethod
    def _mentor(cls, program, name, screened=True):
        """A mentor ready for matching: interviewed, trained, consenting, with
        an inspected police clearance (unless not ``screened``)."""
        values = {"name": name, "program_id": program.id, "status": "ready"}
        if screened:
            values.update(
                interview_date=date(2026, 1, 12),
                consent_date=date(2026, 1, 12),
                police_clearance_date=date(2026, 1, 20),
                training_date=date(2026, 2, 7),
            )
        return cls.env["mentoring.mentor"].create(values)

    @classmethod
    def _mentee(cls, program, name, consenting=True):
        return cls.env["mentoring.mentee"].create(
            {
                "name": name,
                "program_id": program.id,
                "birth_year": 2015,
                "consent_date": consenting and date(2026, 1, 15),
            }
        )


class MentoringCase(MentoringRecords, TransactionCase):
    """Two programmes, each with its own coordinator, mentor, mentee and a
    tandem in accompaniment (matched on 2026-03-01, getting-to-know meeting on
    2026-03-08)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.stages = cls._refs(
            "stage_",
            "recruitment",
            "preparation",
            "matching",
            "accompaniment",
            "closure",
        )
        cls.types = cls._refs(
            "key_moment_type_",
            "getting_to_know",
            "check_in",
            "conflict",
            "milestone",
            "closing",
            "feedback",
        )
        cls.coordinator_a = cls._coordinator("coord_a", "Anna Koordinatorin")
        cls.coordinator_b = cls._coordinator("coord_b", "Bernd Koordinator")
        cls.admin = cls._user("qm_admin", "Petra Administratorin", "admin")
        cls.program_a = cls.env["mentoring.program"].create(
            {
                "name": "Lesepaten Altona",
                "coordinator_ids": [Command.link(cls.coordinator_a.id)],
            }
        )
        cls.program_b = cls.env["mentoring.program"].create(
            {
                "name": "Familienpaten Harburg",
                "coordinator_ids": [Command.link(cls.coordinator_b.id)],
            }
        )
        cls.mentor_a = cls._mentor(cls.program_a, "Martina Mentorin")
        cls.mentee_a = cls._mentee(cls.program_a, "Emil Mentee")
        cls.mentor_b = cls._mentor(cls.program_b, "Markus Mentor")
        cls.mentee_b = cls._mentee(cls.program_b, "Elif Mentee")
        cls.tandem_a = cls._tandem(
            cls.program_a, cls.mentor_a, cls.mentee_a, cls.coordinator_a
        )
        cls.tandem_b = cls._tandem(
            cls.program_b, cls.mentor_b, cls.mentee_b, cls.coordinator_b
        )
        # As if the records had been created in an earlier transaction: Odoo
        # tracks changes only of records that existed when it began.
        cls.env.cr.precommit.run()

    @classmethod
    def _tandem(
        cls,
        program,
        mentor,
        mentee,
        coordinator,
        phase="accompaniment",
        documented=True,
    ):
        """A tandem in ``phase`` that got there through the gates: matched on
        2026-03-01; in accompaniment after its getting-to-know meeting on
        2026-03-08; closed after its closing talk on 2026-03-31. Not
        ``documented`` (history from before QualitätsMENTOR): an administrator
        waived the getting-to-know meeting and the closing talk instead."""
        early = phase in ("recruitment", "preparation")
        tandem = cls.env["mentoring.tandem"].create(
            {
                "program_id": program.id,
                "mentor_id": mentor.id,
                "mentee_id": mentee.id,
                "coordinator_id": coordinator.id,
                "stage_id": cls.stages[phase if early else "matching"].id,
                "date_matched": not early and date(2026, 3, 1),
                "date_started": not early and date(2026, 3, 8),
            }
        )
        if phase in ("accompaniment", "closure"):
            if documented:
                cls.env["mentoring.key.moment"].create(
                    {
                        "tandem_id": tandem.id,
                        "type_id": cls.types["getting_to_know"].id,
                        "date": date(2026, 3, 8),
                        "summary": "Getting-to-know meeting",
                    }
                )
            else:
                cls._waive(tandem, "getting_to_know")
            tandem.write(
                {
                    "stage_id": cls.stages["accompaniment"].id,
                    "date_phase_entered": date(2026, 3, 8),
                }
            )
        if phase == "closure":
            if not documented:
                cls._waive(tandem, "closing_talk")
            cls._close(tandem, date(2026, 3, 31), documented=documented)
        return tandem

    @classmethod
    def _new_pair(cls, mentor_name, mentee_name, phase="accompaniment", program=None):
        """The tandem of a new mentor and a new mentee of ``program``
        (programme A unless said) with coordinator A, in ``phase``."""
        program = program or cls.program_a
        return cls._tandem(
            program,
            cls._mentor(program, mentor_name),
            cls._mentee(program, mentee_name),
            cls.coordinator_a,
            phase=phase,
        )

    def _free_to_leave(self, user, program):
        """What the handover does before ``user`` leaves ``program``: her
        tandems there go to a new colleague, her open activities go.

        :return: the colleague (res.users)"""
        colleague = self._coordinator(f"qm_colleague_{user.id}", "Nina Nachfolgerin")
        program.coordinator_ids = [Command.link(colleague.id)]
        self.env["mentoring.tandem"].with_context(active_test=False).search(
            [("program_id", "=", program.id), ("coordinator_id", "=", user.id)]
        ).coordinator_id = colleague
        self.env["mail.activity"].search([("user_id", "=", user.id)]).unlink()
        return colleague

    @classmethod
    def _waive(cls, tandem, requirement):
        return (
            cls.env["mentoring.gate.waiver"]
            .with_user(cls.admin)
            .create(
                {
                    "tandem_id": tandem.id,
                    "requirement": requirement,
                    "reason": "Documented on paper before QualitätsMENTOR",
                }
            )
        )

    @classmethod
    def _close(cls, tandem, on=date(2026, 6, 30), documented=True, **values):
        """Close a tandem the documented way: closing talk, end date, reason;
        ``values`` are written with them."""
        if documented:
            cls.env["mentoring.key.moment"].create(
                {
                    "tandem_id": tandem.id,
                    "type_id": cls.types["closing"].id,
                    "date": on,
                    "summary": "Closing talk",
                }
            )
        tandem.write(
            {
                "date_ended": on,
                "end_reason_id": cls.env.ref("qualitaetsmentor.end_reason_regular").id,
                "stage_id": cls.stages["closure"].id,
                **values,
            }
        )

    def assertScheduledByOdooBot(self, activity, coordinator):
        """``activity`` on its tandem was scheduled by OdooBot, so that the
        coordinator's notification is not "from" the portal user who asked.

        :return: the coordinator's notification (mail.message)
        """
        self.assertEqual(activity.create_uid, self.env.ref("base.user_root"))
        notification = self.env["mail.message"].search(
            [
                ("partner_ids", "in", coordinator.partner_id.ids),
                ("message_type", "=", "user_notification"),
                ("model", "=", activity.res_model),
                ("res_id", "=", activity.res_id),
            ]
        )
        self.assertEqual(notification.author_id, self.env.ref("base.partner_root"))
        return notification

    @classmethod
    def _moment(cls, tandem, type_name, on, summary="Talk", **values):
        return cls.env["mentoring.key.moment"].create(
            {
                "tandem_id": tandem.id,
                "type_id": cls.types[type_name].id,
                "date": on,
                "summary": summary,
                **values,
            }
        )

    @classmethod
    def _private_moments(cls, tandem, **conflict_values):
        """A check-in with notes and a confidential conflict on ``tandem``:
        the texts the privacy tests look for where they must not appear."""
        return (
            cls._moment(
                tandem,
                "check_in",
                date(2026, 4, 2),
                "Reading at the library",
                notes="<p>Emil read a whole page aloud.</p>",
            ),
            cls._moment(
                tandem,
                "conflict",
                date(2026, 4, 9),
                "Trouble at home",
                confidential=True,
                **conflict_values,
            ),
        )

    @classmethod
    def _moments(cls, tandem, rows, notes, **values):
        """The key moments of ``tandem`` from ``rows`` of (type, date, summary,
        confidential), in this order; ``notes`` is formatted with the
        ``summary``."""
        moments = cls.env["mentoring.key.moment"]
        for type_name, on, summary, confidential in rows:
            moments |= cls._moment(
                tandem,
                type_name,
                on,
                summary,
                notes=notes.format(summary=summary),
                confidential=confidential,
                **values,
            )
        return moments

    @contextmanager
    def assertRefused(self, message_part):
        """The operation fails with a ValidationError that says message_part;
        the savepoint around it is rolled back as a request would be. Gives
        the caught exception (``refusal.exception``) for further checks."""
        with self.assertRaises(ValidationError) as caught:
            yield caught
        self.assertIn(message_part, str(caught.exception))


class MentoringTourCase(MentoringRecords, HttpCase):
    """Browser tours in headless Chromium."""

    # A coordinator's screen: at Odoo's default 1366 pixels the app's
    # German menu sections just fit, and the navbar moved "Konfiguration"
    # into its "more" dropdown in one run of the first-hour tour.
    browser_size = "1920x1080"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # CPython before 3.11.8 can fail with "AST constructor recursion depth
        # mismatch" when the server's threads parse the addons' manifests at
        # the same time; parse them once here, in one thread.
        cls.addon_statics = http.root.statics

    @classmethod
    def _tour_coordinator(cls, login, name):
        """A coordinator whose password is her login, as ``start_tour`` logs
        in."""
        return cls._coordinator(login, name, password=login)

    @classmethod
    def _programme_with_tandem(cls, coordinator, name, stage="matching", **values):
        """The programme "<name> Programme" of ``coordinator`` with the tandem
        "<name> Mentorin & <name> Mentee" in ``stage``: the mentor screened and
        trained, both consenting, so that the tandem may enter matching."""
        program = cls.env["mentoring.program"].create(
            {
                "name": f"{name} Programme",
                "coordinator_ids": [Command.link(coordinator.id)],
            }
        )
        return cls.env["mentoring.tandem"].create(
            {
                "program_id": program.id,
                "mentor_id": cls._mentor(program, f"{name} Mentorin").id,
                "mentee_id": cls._mentee(program, f"{name} Mentee").id,
                "coordinator_id": coordinator.id,
                "stage_id": cls.env.ref(f"qualitaetsmentor.stage_{stage}").id,
                **values,
            }
        )
