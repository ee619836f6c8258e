"""Feedback surveys (issue 15, items 6 and 7): the invitations at the
feedback points, the answer linked to its tandem, its score, what a completed
survey gives the coordinator, and the end of the mentor's portal access."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import HttpCase, new_test_user

from .common import MentoringCase
from .test_portal import PortalMentorRecords

MENTOR_SURVEY = "qualitaetsmentor.survey_feedback_mentor"
FAMILY_SURVEY = "qualitaetsmentor.survey_feedback_family"


class SurveyFeedbackCase(MentoringCase):
    """Tandem A (matched 2026-03-01): the feedback talks of the programme's
    default schedule fall on 2026-04-12 (42 days), 2026-09-01 (6 months) and
    2027-03-01 (12 months). Martina, its mentor, has an e-mail address; Emil,
    its mentee, is a minor with his grandmother as guardian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mentor_a.partner_id.email = "martina@example.com"
        cls.grandmother = cls.env["res.partner"].create(
            {"name": "Gisela Großmutter", "email": "gisela@example.com"}
        )
        cls.mentee_a.guardian_id = cls.grandmother
        cls.mentor_survey = cls.env.ref(MENTOR_SURVEY)
        cls.family_survey = cls.env.ref(FAMILY_SURVEY)

    def _invite(self, day):
        """The answers the daily run creates on ``day`` for the tandems of
        the test (not those of the demo)."""
        with freeze_time(day):
            answers = self.env["mentoring.tandem"]._feedback_send_invitations()
        return answers.filtered(
            lambda answer: answer.mentoring_tandem_id in (self.tandem_a | self.tandem_b)
        )

    def _answers(self, tandem=None):
        return self.env["survey.user_input"].search(
            [("mentoring_tandem_id", "=", (tandem or self.tandem_a).id)]
        )

    def _answer(self, answer, values, day="2026-04-14"):
        """Answer the scale questions of ``answer``'s survey in order with
        ``values`` (fewer values leave the last ones unanswered) and complete
        it."""
        questions = answer.survey_id.question_ids.filtered(
            lambda question: question.question_type == "scale"
        )
        with freeze_time(day):
            for question, value in zip(questions, values, strict=False):
                answer._save_lines(question, str(value))
            answer._mark_done()
        return answer

    def _feedback_activities(self):
        return self.tandem_a.activity_ids.filtered(
            lambda activity: "feedback" in (activity.summary or "").lower()
        )

    def _feedback_moments(self):
        return self.tandem_a.key_moment_ids.filtered(
            lambda moment: moment.category == "feedback_survey"
        )


class TestSurveyInvitations(SurveyFeedbackCase):
    def test_shipped_surveys_are_german_scales_without_login(self):
        for survey in (self.mentor_survey, self.family_survey):
            scale = survey.question_ids.filtered(
                lambda question: question.question_type == "scale"
            )
            self.assertTrue(6 <= len(scale) <= 10)
            self.assertEqual(set(scale.mapped("scale_min")), {1})
            self.assertEqual(set(scale.mapped("scale_max")), {5})
            self.assertEqual(
                (survey.question_ids - scale).mapped("question_type"), ["text_box"]
            )
            self.assertEqual(survey.access_mode, "token")
            self.assertFalse(survey.users_login_required)
            self.assertEqual(survey.scoring_type, "no_scoring")
            self.assertTrue(scale.filtered("mentoring_alarm_item"))
        german = self.family_survey.with_context(lang="de_DE")
        self.assertEqual(german.title, "Feedback für Mentees und Familien")
        self.assertIn(
            "Ich fühle mich sicher, wenn wir uns treffen.",
            german.question_ids.mapped("title"),
        )
        self.assertEqual(
            self.mentor_survey.with_context(lang="de_DE").title,
            "Feedback für Mentor:innen",
        )

    def test_new_programme_gets_the_shipped_mentor_survey_at_each_point(self):
        lines = self.program_a.feedback_survey_ids
        self.assertEqual(
            sorted(lines.mapped("feedback_point")),
            ["end", "getting_to_know", "month_12", "month_6"],
        )
        self.assertEqual(set(lines.mapped("audience")), {"mentor"})
        self.assertEqual(lines.survey_id, self.mentor_survey)
        program = self.env["mentoring.program"].create(
            {"name": "Familienpaten Wandsbek", "survey_invite_family": True}
        )
        family = program.feedback_survey_ids.filtered(
            lambda line: line.audience == "family"
        )
        self.assertEqual(len(family), 4)
        self.assertEqual(family.survey_id, self.family_survey)

    def test_coordinators_read_the_programme_surveys_viewers_do_not(self):
        lines = self.program_a.with_user(self.coordinator_a).feedback_survey_ids
        self.assertEqual(lines.survey_id.mapped("title"), ["Feedback for Mentors"])
        self.assertFalse(
            self.env["mentoring.feedback.survey"]
            .with_user(self.coordinator_b)
            .search([("program_id", "=", self.program_a.id)])
        )
        viewer = self._viewer(self.program_a, "qm_survey_viewer", "Renate Vorstand")
        arch = (
            self.env["mentoring.program"]
            .with_user(viewer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("feedback_survey_ids", arch)
        self.assertIn(
            "feedback_survey_ids",
            self.program_a.with_user(self.coordinator_a).get_views([(False, "form")])[
                "views"
            ]["form"]["arch"],
        )

    def test_programmes_of_an_update_get_the_shipped_survey_once(self):
        param = "qualitaetsmentor.feedback_survey_defaults"
        self.env["ir.config_parameter"].set_param(param, False)
        self.program_a.feedback_survey_ids.unlink()
        programs = self.env["mentoring.program"]
        programs._feedback_survey_defaults_once()
        self.assertEqual(len(self.program_a.feedback_survey_ids), 4)
        # Removed by an administrator afterwards: it stays removed.
        self.program_a.feedback_survey_ids.unlink()
        programs._feedback_survey_defaults_once()
        self.assertFalse(self.program_a.feedback_survey_ids)

    def test_low_score_setting_lies_between_1_and_5(self):
        with self.assertRaisesRegex(ValidationError, "between 1 and 5"):
            self.program_a.survey_low_score = 5.5
        with self.assertRaisesRegex(ValidationError, "between 1 and 5"):
            self.program_a.survey_low_score = 0

    def test_invitation_on_the_day_of_each_feedback_point_and_never_twice(self):
        for before, day, point in (
            ("2026-04-11", "2026-04-12", "getting_to_know"),
            ("2026-08-31", "2026-09-01", "month_6"),
            ("2027-02-28", "2027-03-01", "month_12"),
        ):
            self.assertFalse(self._invite(before), before)
            answer = self._invite(day)
            self.assertEqual(len(answer), 1, day)
            self.assertEqual(answer.mentoring_tandem_id, self.tandem_a)
            self.assertEqual(answer.mentoring_feedback_point, point)
            self.assertEqual(answer.mentoring_audience, "mentor")
            self.assertEqual(answer.partner_id, self.mentor_a.partner_id)
            self.assertEqual(answer.survey_id, self.mentor_survey)
            # The next run, the same day or the next: still one.
            self.assertFalse(self._invite(day))
            self.assertEqual(
                len(
                    self._answers().filtered(
                        lambda a, p=point: a.mentoring_feedback_point == p
                    )
                ),
                1,
            )
        # Each point an answer of its own.
        self.assertEqual(len(self._answers()), 3)
        self.assertEqual(len(set(self._answers().mapped("access_token"))), 3)

    def test_daily_scheduled_action_invites(self):
        with freeze_time("2026-04-12"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertEqual(len(self._answers()), 1)
        with freeze_time("2026-04-13"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertEqual(len(self._answers()), 1)

    def test_a_missed_run_invites_the_next_day(self):
        self.assertEqual(len(self._invite("2026-04-14")), 1)

    def test_invitation_mail_names_only_the_addressee(self):
        self.program_a.survey_invite_family = True
        answers = self._invite("2026-04-12")
        self.assertEqual(len(answers), 2)
        for answer in answers:
            mail = self.env["mail.mail"].search(
                [("model", "=", "survey.user_input"), ("res_id", "=", answer.id)]
            )
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.recipient_ids, answer.partner_id)
            text = mail.body_html + mail.subject
            self.assertIn(answer.access_token, mail.body_html)
            others = {"Martina", "Mentorin", "Gisela", "Großmutter"} - set(
                answer.partner_id.name.split()
            )
            for name in (
                "Emil",
                "Anna",
                "Koordinatorin",
                "Lesepaten",
                *others,
            ):
                self.assertNotIn(name, text)

    def test_invitation_in_german_for_a_german_mentor(self):
        self.mentor_a.partner_id.lang = "de_DE"
        answer = self._invite("2026-04-12")
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", answer.id)]
        )
        self.assertIn("Feedback für Mentor:innen", mail.subject)
        self.assertNotIn("Feedback for Mentors", mail.subject)

    def test_end_survey_within_30_days_of_the_end(self):
        with freeze_time("2026-07-01"):
            self._close(self.tandem_a, on=date(2026, 6, 30))
        answer = self._invite("2026-07-01")
        self.assertEqual(answer.mentoring_feedback_point, "end")
        self.assertFalse(self._invite("2026-07-02"))

    def test_no_end_survey_for_a_tandem_ended_long_ago(self):
        with freeze_time("2026-04-01"):
            self._close(self.tandem_a, on=date(2026, 3, 31))
        self.assertFalse(self._invite("2026-06-01"))

    def test_family_invited_only_where_the_programme_says_so(self):
        self.assertEqual(
            self._invite("2026-04-12").mapped("mentoring_audience"), ["mentor"]
        )
        self.program_a.survey_invite_family = True
        self.assertEqual(
            self.program_a.feedback_survey_ids.filtered(
                lambda line: line.audience == "family"
            ).survey_id,
            self.family_survey,
        )
        family = self._invite("2026-04-13")
        self.assertEqual(family.mentoring_audience, "family")
        # A minor: the guardian answers.
        self.assertEqual(family.partner_id, self.grandmother)
        self.assertEqual(family.survey_id, self.family_survey)

    def test_adult_mentee_answers_herself(self):
        self.program_a.survey_invite_family = True
        self.mentee_a.write({"birth_year": 1990, "guardian_id": False})
        self.mentee_a.partner_id.email = "emil@example.com"
        family = self._invite("2026-04-12").filtered(
            lambda answer: answer.mentoring_audience == "family"
        )
        self.assertEqual(family.partner_id, self.mentee_a.partner_id)

    def test_a_mentor_without_email_is_told_the_coordinator_once_per_point(self):
        self.coordinator_a.lang = "de_DE"
        self.mentor_a.partner_id.email = False

        def notes():
            return self.tandem_a.message_ids.filtered(
                lambda message: "keine E-Mail-Adresse" in (message.body or "")
            )

        for day in ("2026-04-12", "2026-04-13", "2026-04-20"):
            self.assertFalse(self._invite(day))
        self.assertEqual(len(notes()), 1)
        self.assertEqual(notes().author_id, self.env.ref("base.partner_root"))
        # In the chatter only: a notification e-mail would name the tandem.
        self.assertFalse(notes().partner_ids)
        self._invite("2026-09-01")
        self._invite("2026-09-02")
        self.assertEqual(len(notes()), 2)

    def test_a_minor_never_gets_the_family_survey_herself(self):
        """A 15-year-old whose record says she consented herself (data from
        before the rule) is still a minor: her guardian is invited, as on
        the families' portal."""
        self.program_a.survey_invite_family = True
        self.mentee_a.partner_id.email = "emil@example.com"
        self.mentee_a.birth_year = 2011
        self.assertEqual(self.mentee_a.age_group, "youth")
        self.env.cr.execute(
            "UPDATE mentoring_mentee SET consent_given_by = 'mentee' WHERE id = %s",
            [self.mentee_a.id],
        )
        self.mentee_a.invalidate_recordset(["consent_given_by"])
        family = self._invite("2026-04-12").filtered(
            lambda answer: answer.mentoring_audience == "family"
        )
        self.assertEqual(family.partner_id, self.grandmother)
        self.assertEqual(self.mentee_a._portal_family_partner(), self.grandmother)

    def test_nothing_after_consent_withdrawn_or_without_email(self):
        self.mentor_a.partner_id.email = False
        self.assertFalse(self._invite("2026-04-12"))
        self.mentor_a.partner_id.email = "martina@example.com"
        self.mentee_a.consent_withdrawn_date = date(2026, 4, 1)
        self.assertFalse(self._invite("2026-04-13"))


class TestSurveyCompletion(SurveyFeedbackCase):
    def setUp(self):
        super().setUp()
        self.answer = self._invite("2026-04-12")

    def test_the_invitation_expires_at_the_end_of_the_organisations_day(self):
        self.tandem_a.company_id.partner_id.tz = "Europe/Berlin"
        # Invited on 2026-09-01; 60 days: 2026-10-31, 23:59 in Berlin
        # (winter time again) is 22:59 UTC.
        month_6 = self._invite("2026-09-01")
        self.assertEqual(month_6.deadline, datetime(2026, 10, 31, 22, 59))

    def test_score_is_the_mean_of_the_scale_answers(self):
        self._answer(self.answer, [4, 4, 5, 3, 4, 4])
        self.assertEqual(self.answer.mentoring_score, 4.0)
        self.assertEqual(self.tandem_a.relationship_score, 4.0)

    def test_completed_survey_becomes_a_key_moment_with_its_score(self):
        self._answer(self.answer, [4, 5, 4, 5, 4, 5, 4])
        moment = self._feedback_moments()
        self.assertEqual(len(moment), 1)
        self.assertEqual(
            moment.type_id,
            self.env.ref("qualitaetsmentor.key_moment_type_feedback_survey"),
        )
        self.assertEqual(moment.source, "portal")
        self.assertEqual(moment.date, date(2026, 4, 14))
        self.assertAlmostEqual(moment.survey_score, 4.4, places=2)
        self.assertEqual(moment.survey_user_input_id, self.answer)
        self.assertEqual(
            moment.summary, "Feedback after getting to know (mentor): 4.4 of 5"
        )
        # A good score: nothing for the coordinator to do.
        self.assertFalse(self._feedback_activities())
        self.assertFalse(self.tandem_a.is_talk_requested)

    def test_summary_in_german_for_a_german_coordinator(self):
        self.coordinator_a.lang = "de_DE"
        self._answer(self.answer, [4, 4, 5, 3, 4, 4, 5])
        self.assertEqual(
            self._feedback_moments().summary,
            "Feedback nach dem Kennenlernen (Mentor:in): 4,1 von 5",
        )

    def test_low_score_gives_the_coordinator_an_activity(self):
        self._answer(self.answer, [2, 3, 2, 2, 3, 3, 2])
        activity = self._feedback_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Low feedback score")
        self.assertEqual(activity.user_id, self.coordinator_a)
        self.assertEqual(activity.date_deadline, date(2026, 4, 14))
        self.assertNotIn("Martina", activity.note or "")
        self.assertTrue(self.tandem_a.is_talk_requested)

    def test_alarming_answer_gives_an_activity_whatever_the_score(self):
        questions = self.answer.survey_id.question_ids
        alarm = questions.filtered("mentoring_alarm_item")
        values = [1 if question in alarm else 5 for question in questions][:7]
        self._answer(self.answer, values)
        self.assertGreaterEqual(self.answer.mentoring_score, 4.0)
        activity = self._feedback_activities()
        self.assertEqual(activity.summary, "Alarming feedback")
        self.assertIn(f"„{alarm[0].title.rstrip('.')}“", activity.note)
        self.assertNotIn("..", activity.note)
        self.assertTrue(self._feedback_moments().survey_alarm)

    def test_a_visitor_answer_is_written_in_german_by_odoobot(self):
        """A visitor brings the answer as Odoo's public user, in her
        browser's language: the tandem's note and the activity are still
        the organisation's, in German, and nobody is "Public user"."""
        self.coordinator_a.lang = "de_DE"
        questions = self.answer.survey_id.question_ids
        alarm = questions.filtered("mentoring_alarm_item")
        values = [1 if question in alarm else 5 for question in questions][:7]
        public = self.env.ref("base.public_user")
        visitor = self.answer.with_user(public).sudo().with_context(lang="en_US")
        self._answer(visitor, values)
        note = self.tandem_a.message_ids.filtered(
            lambda message: "Schlüsselmoment dokumentiert" in (message.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.env.ref("base.partner_root"))
        self.assertNotIn(public.partner_id, self.tandem_a.message_ids.author_id)
        activity = self._feedback_activities() or self.tandem_a.activity_ids
        self.assertEqual(activity.summary, "Alarmierendes Feedback")
        self.assertIn(
            alarm[0].with_context(lang="de_DE").title.rstrip("."), activity.note
        )
        self.assertNotIn(alarm[0].with_context(lang="en_US").title, activity.note)

    def test_survey_fulfils_the_feedback_talk_only_where_the_programme_says_so(self):
        self.assertEqual(self.tandem_a.next_feedback_date, date(2026, 4, 12))
        self._answer(self.answer, [4, 4, 4, 4, 4, 4, 4])
        self.assertEqual(self.tandem_a.next_feedback_date, date(2026, 4, 12))
        self.program_a.survey_fulfils_feedback_talk = True
        self.assertEqual(self.tandem_a.next_feedback_date, date(2026, 9, 1))

    def test_mentor_and_family_answers_count_as_one_feedback_talk(self):
        self.program_a.write(
            {"survey_invite_family": True, "survey_fulfils_feedback_talk": True}
        )
        family = self._invite("2026-04-13")
        self._answer(self.answer, [4, 4, 4, 4, 4, 4, 4])
        self._answer(family, [5, 5, 5, 5, 5, 5, 5])
        self.assertEqual(len(self._feedback_moments()), 2)
        # The next one is the talk after 6 months, not after 12.
        self.assertEqual(self.tandem_a.next_feedback_date, date(2026, 9, 1))
        self.assertEqual(self.tandem_a.relationship_score, 5.0)

    def test_a_talk_and_a_survey_of_one_point_count_once(self):
        # The coordinator holds both talks; the 6-month survey comes back as
        # well: the 12-month talk is still due, not skipped.
        self.program_a.survey_fulfils_feedback_talk = True
        self._moment(self.tandem_a, "feedback", date(2026, 4, 12))
        self._moment(self.tandem_a, "feedback", date(2026, 9, 1))
        self.assertEqual(self.tandem_a.next_feedback_date, date(2027, 3, 1))
        month_6 = self._invite("2026-09-01")
        self.assertEqual(month_6.mentoring_feedback_point, "month_6")
        self._answer(month_6, [4, 4, 4, 4, 4, 4, 4], day="2026-09-03")
        self.assertEqual(self.tandem_a.next_feedback_date, date(2027, 3, 1))

    def test_a_survey_covers_its_own_point_after_a_missed_talk(self):
        # No talk after getting to know; the 6-month survey counts for the
        # 6-month point, so both first points are behind the tandem.
        self.program_a.survey_fulfils_feedback_talk = True
        self.answer.unlink()
        month_6 = self._invite("2026-09-01")
        self._answer(month_6, [4, 4, 4, 4, 4, 4, 4], day="2026-09-03")
        self.assertEqual(self.tandem_a.next_feedback_date, date(2027, 3, 1))

    @freeze_time("2026-04-13")
    def test_portal_shows_the_open_survey_and_the_next_feedback(self):
        values = self.tandem_a._portal_values(self.env["mentoring.key.moment"])
        self.assertEqual(values["next_feedback_date"], date(2026, 4, 12))
        self.assertIn(self.answer.access_token, values["survey_url"])
        self._answer(self.answer, [4, 4, 4, 4, 4, 4, 4])
        values = self.tandem_a._portal_values(self.env["mentoring.key.moment"])
        self.assertFalse(values["survey_url"])

    def test_coordinator_reads_the_answers_of_her_tandems_only(self):
        self.assertEqual(
            self.tandem_a.with_user(self.coordinator_a).survey_answer_ids.mapped(
                "mentoring_feedback_point"
            ),
            ["getting_to_know"],
        )
        self.assertFalse(
            self.env["survey.user_input"]
            .with_user(self.coordinator_b)
            .search([("mentoring_tandem_id", "!=", False)])
        )


class TestSurveyPortalRevocation(SurveyFeedbackCase):
    """Item 1: after the last tandem ended, the mentor keeps her portal
    access until she answered its end survey or its invitation is 30 days
    old."""

    def setUp(self):
        super().setUp()
        self.portal_mentor = new_test_user(
            self.env,
            login="qm_portal_martina",
            name="Martina Mentorin",
            groups="base.group_portal",
            partner_id=self.mentor_a.partner_id.id,
            password="x" * 12,
        )
        with freeze_time("2026-07-10"):
            self._close(self.tandem_a, on=date(2026, 7, 10))
        self.end = self._invite("2026-07-11")
        self.assertEqual(self.end.mentoring_feedback_point, "end")

    def _revoke(self, day):
        with freeze_time(day):
            self.env["mentoring.mentor"]._cron_portal_revoke()

    def test_access_ends_once_the_end_survey_was_answered(self):
        self._revoke("2026-07-12")
        self.assertTrue(self.portal_mentor.active)
        self._answer(self.end, [4, 4, 4, 4, 4, 4, 4], day="2026-07-13")
        self._revoke("2026-07-13")
        self.assertFalse(self.portal_mentor.active)

    def test_access_ends_when_the_invitation_is_30_days_old(self):
        # 30 days after the end, the invitation (2026-07-11) is 29 days old.
        self._revoke("2026-08-09")
        self.assertTrue(self.portal_mentor.active)
        self._revoke("2026-08-10")
        self.assertFalse(self.portal_mentor.active)


class TestSurveyClosedTandem(SurveyFeedbackCase):
    """After a withdrawal of consent or the anonymisation, a tandem's open
    invitations go and nothing more is collected; every invitation has a
    deadline."""

    def test_an_invitation_expires_60_days_after_it_was_sent(self):
        answer = self._invite("2026-04-12")
        # 2026-06-11, 23:59 of the organisation's day (Berlin, summer time)
        # is 21:59 UTC, as Odoo stores datetimes.
        self.assertEqual(answer.deadline, datetime(2026, 6, 11, 21, 59))

    def test_withdrawn_consent_removes_the_open_invitations(self):
        for profile in ("mentor_a", "mentee_a"):
            with self.subTest(profile=profile):
                answer = self._invite("2026-04-12")
                done = self._answer(
                    self._invite("2026-09-01"), [4, 4, 4, 4, 4, 4, 4], "2026-09-02"
                )
                with freeze_time("2026-05-01"):
                    self.assertTrue(self.tandem_a._portal_open_survey_url())
                getattr(self, profile).consent_withdrawn_date = date(2026, 9, 3)
                self.assertFalse(answer.exists())
                self.assertTrue(done.exists())
                with freeze_time("2026-05-01"):
                    self.assertFalse(self.tandem_a._portal_open_survey_url())
                getattr(self, profile).consent_withdrawn_date = False
                (done | self._answers()).unlink()

    def test_no_key_moment_after_withdrawal(self):
        answer = self._invite("2026-04-12")
        # The answer taken before the withdrawal took its invitation away.
        self.env.cr.execute(
            "UPDATE mentoring_mentee SET consent_withdrawn_date = '2026-04-13' "
            "WHERE id = %s",
            [self.mentee_a.id],
        )
        self.mentee_a.invalidate_recordset(["consent_withdrawn_date"])
        self._answer(answer, [1, 1, 1, 1, 1, 1, 1])
        self.assertFalse(self._feedback_moments())
        self.assertFalse(self._feedback_activities())

    def test_anonymisation_removes_the_open_invitations(self):
        answer = self._invite("2026-04-12")
        self.env["mentoring.anonymization"]._scrub_survey_answers(
            self.tandem_a,
            self.env["mentoring.mentor"],
            self.env["mentoring.mentee"],
            self.env["res.partner"],
        )
        self.assertFalse(answer.exists())


class TestFeedbackSurveyProtected(SurveyFeedbackCase):
    """The feedback surveys are changed by administrators of
    QualitätsMENTOR only, whatever rights a user has in the survey app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env,
            login="qm_survey_officer",
            name="Ole Umfragen",
            groups="base.group_user,survey.group_survey_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="qm_survey_boss",
            name="Susi Umfragen",
            groups="base.group_user,survey.group_survey_manager",
        )
        cls.admin.groups_id = [(4, cls.env.ref("survey.group_survey_manager").id)]

    def test_survey_users_cannot_change_a_feedback_survey(self):
        alarm = self.mentor_survey.question_ids.filtered("mentoring_alarm_item")[:1]
        for user in (self.officer, self.manager):
            survey = self.mentor_survey.with_user(user)
            changes = {
                "access public": lambda s: s.write({"access_mode": "public"}),
                "archive": lambda s: s.action_archive(),
                "alarm item": lambda s: alarm.with_user(s.env.user).write(
                    {"mentoring_alarm_item": False}
                ),
                "delete question": lambda s: alarm.with_user(s.env.user).unlink(),
                "new question": lambda s: s.env["survey.question"].create(
                    {"survey_id": s.id, "title": "Neu", "question_type": "text_box"}
                ),
            }
            for name, change in changes.items():
                with self.subTest(user=user.login, change=name):
                    with self.assertRaisesRegex(UserError, "only an administrator"):
                        change(survey)
        self.assertTrue(self.mentor_survey.active)
        self.assertTrue(alarm.mentoring_alarm_item)
        # Other surveys stay theirs.
        other = (
            self.env["survey.survey"]
            .with_user(self.manager)
            .create({"title": "Sommerfest"})
        )
        other.write({"access_mode": "public"})
        self.assertEqual(other.access_mode, "public")

    def test_an_administrator_changes_it_but_cannot_delete_a_used_one(self):
        alarm = self.mentor_survey.question_ids.filtered("mentoring_alarm_item")[:1]
        alarm.with_user(self.admin).mentoring_alarm_item = False
        self.assertFalse(alarm.mentoring_alarm_item)
        with self.assertRaisesRegex(UserError, self.program_a.name):
            self.mentor_survey.with_user(self.admin).unlink()

    def test_an_archived_survey_is_shown_on_the_programme_and_sends_nothing(self):
        self.mentor_survey.action_archive()
        lines = self.program_a.feedback_survey_ids
        self.assertFalse(any(lines.mapped("survey_active")))
        self.assertTrue(all(lines.mapped("survey_archived_note")))
        with self.assertLogs(
            "odoo.addons.qualitaetsmentor.models.mentoring_tandem_feedback",
            "WARNING",
        ) as logs:
            self.assertFalse(self._invite("2026-04-12"))
        self.assertIn("archived", logs.output[0])


class TestSurveyAnswerNeedsTandem(SurveyFeedbackCase):
    """No answer to a feedback survey exists without its tandem: it would
    hold a contact that no rule of a tandem protects."""

    def test_feedback_survey_answer_without_tandem_is_refused(self):
        configured = self.env["survey.survey"].create(
            {"title": "Eigene Rückmeldung", "access_mode": "token"}
        )
        self.program_a.feedback_survey_ids[:1].survey_id = configured
        for survey in (self.mentor_survey, self.family_survey, configured):
            with self.subTest(survey=survey.title), self.assertRaises(UserError):
                survey.sudo()._create_answer(
                    partner=self.mentor_a.partner_id, check_attempts=False
                )
        # The survey app's test entries and other surveys stay possible.
        test = self.mentor_survey._create_answer(user=self.env.user, test_entry=True)
        self.assertTrue(test.test_entry)
        other = self.env["survey.survey"].create({"title": "Sommerfest"})
        self.assertTrue(other._create_answer(partner=self.mentor_a.partner_id))


@tagged("post_install", "-at_install", "qm_browser")
class TestSurveyPortalHttp(PortalMentorRecords, MentoringCase, HttpCase):
    """The mentor's tandem page links her open survey; the survey opens
    with its link alone, without a login."""

    def _mentor_answer(self):
        """Martina's invitation after getting to know (sudo)."""
        return (
            self.env.ref(MENTOR_SURVEY)
            .sudo()
            ._create_answer(
                partner=self.mentor_a.partner_id,
                check_attempts=False,
                mentoring_tandem_id=self.tandem_a.id,
                mentoring_feedback_point="getting_to_know",
                mentoring_audience="mentor",
            )
        )

    def test_her_tandem_links_her_open_survey(self):
        answer = self._mentor_answer()
        self.authenticate(self.portal_mentor.login, "x" * 12)
        page = self.url_open(f"/my/tandems/{self.tandem_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Next feedback due", page.text)
        self.assertIn(answer.access_token, page.text)
        self.authenticate(None, None)
        survey = self.url_open(answer.get_start_url())
        self.assertEqual(survey.status_code, 200)
        self.assertIn("Feedback for Mentors", survey.text)

    def test_a_tandem_answer_cannot_be_retried(self):
        answer = self._mentor_answer()
        survey = answer.survey_id
        for question in survey.question_ids.filtered(
            lambda question: question.question_type == "scale"
        ):
            answer._save_lines(question, "4")
        answer._mark_done()
        # As a survey a programme configured without a limit of attempts.
        survey.is_attempts_limited = False
        count = self.env["survey.user_input"].search_count([])
        self.authenticate(None, None)
        done = self.url_open(answer.get_start_url())
        self.assertEqual(done.status_code, 200)
        self.assertNotIn("/survey/retry/", done.text)
        retry = self.url_open(
            f"/survey/retry/{survey.access_token}/{answer.access_token}"
        )
        self.assertEqual(retry.status_code, 404)
        start = self.url_open(f"/survey/start/{survey.access_token}")
        self.assertNotIn("Feedback for Mentors", start.text)
        self.assertEqual(self.env["survey.user_input"].search_count([]), count)

    def test_a_closed_tandem_answer_shows_the_survey_closed(self):
        answer = self._mentor_answer()
        self.authenticate(None, None)
        self.assertNotIn(
            "This survey is now closed", self.url_open(answer.get_start_url()).text
        )
        # A withdrawal the invitation outlived (its removal is tested apart).
        self.env.cr.execute(
            "UPDATE mentoring_mentee SET consent_withdrawn_date = '2026-04-13' "
            "WHERE id = %s",
            [self.mentee_a.id],
        )
        self.env.invalidate_all()
        self.assertIn(
            "This survey is now closed", self.url_open(answer.get_start_url()).text
        )
