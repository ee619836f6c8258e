"""The mentors' portal over HTTP (issue 15, item 9): a portal mentor reads
her own tandem and nothing else; another tandem's ``/my/`` URLs answer 404,
``call_kw`` on every mentoring model, the ``/mail/`` routes and the
attachments refuse her."""

import json
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tests.common import HttpCase

from .common import MentoringCase
from .survey_common import SurveyAnswers
from .test_portal import PortalMentorRecords


@tagged("post_install", "-at_install", "qm_browser")
class TestPortalHttp(SurveyAnswers, PortalMentorRecords, MentoringCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tandem_a.description = "<p>Lives with his grandmother</p>"
        cls.tandem_b.message_post(body="Chatter about Elif", message_type="comment")
        cls.attachment_b = cls.env["ir.attachment"].create(
            {
                "name": "Zeugnis Elif.txt",
                "raw": b"Zeugnis Elif",
                "res_model": "mentoring.tandem",
                "res_id": cls.tandem_b.id,
            }
        )
        # Her own feedback answer and that of another mentor (issue 15, item 9),
        # answered but not yet submitted: a submitted one would be a key
        # moment among her reports.
        cls.survey = cls._feedback_survey()
        cls.answer_mine = cls._answer(
            cls.survey,
            cls.tandem_a,
            cls.mentor_a.partner_id,
            [4, 4, 5, 3],
            text="Meine Antwort zum Lesen",
            done=False,
        )
        cls.answer_other = cls._answer(
            cls.survey,
            cls.tandem_b,
            cls.mentor_b.partner_id,
            [2, 2, 2, 2],
            text="Elif weint oft",
            done=False,
        )
        cls.env.cr.precommit.run()

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_mentor.login, "x" * 12)

    def test_her_tandem_shows_only_the_first_name(self):
        page = self.url_open("/my/tandems")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Emil", page.text)
        self.assertIn("Anna Koordinatorin", page.text)
        self.assertIn("040 123456", page.text)
        for secret in ("Emil Mentee", "grandmother", "Elif", "Markus"):
            self.assertNotIn(secret, page.text)
        page = self.url_open(f"/my/tandems/{self.tandem_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Emil Mentee", page.text)

    def test_other_tandems_answer_404(self):
        missing = self.env["mentoring.tandem"].search([], order="id desc", limit=1).id
        for tandem_id in (self.tandem_b.id, missing + 1000):
            for url in (f"/my/tandems/{tandem_id}", f"/my/tandems/{tandem_id}/report"):
                with self.subTest(url=url):
                    page = self.url_open(url)
                    self.assertEqual(page.status_code, 404)
                    self.assertNotIn("Elif", page.text)
        count = len(self.tandem_b.key_moment_ids)
        page = self.url_open(
            f"/my/tandems/{self.tandem_b.id}/report",
            data={
                "csrf_token": self.csrf_token(),
                "date": "2026-04-10",
                "duration": "60",
                "summary": "Not mine",
                "rating": "5",
            },
        )
        self.assertEqual(page.status_code, 404)
        self.assertEqual(len(self.tandem_b.key_moment_ids), count)

    def csrf_token(self):
        page = self.url_open(f"/my/tandems/{self.tandem_a.id}/report")
        marker = 'name="csrf_token" value="'
        start = page.text.index(marker) + len(marker)
        return page.text[start : page.text.index('"', start)]

    @freeze_time("2026-04-20")
    def test_report_a_meeting_and_see_the_errors(self):
        token = self.csrf_token()
        page = self.url_open(
            f"/my/tandems/{self.tandem_a.id}/report",
            data={
                "csrf_token": token,
                "date": "2026-04-25",
                "duration": "",
                "summary": "Zoo",
                "rating": "3",
            },
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("in the future", page.text)
        self.assertIn("in minutes", page.text)
        self.assertFalse(
            self.tandem_a.key_moment_ids.filtered(lambda m: m.source == "portal")
        )
        page = self.url_open(
            f"/my/tandems/{self.tandem_a.id}/report",
            data={
                "csrf_token": token,
                "date": "2026-04-18",
                "duration": "75",
                "summary": "Zoo",
                "rating": "2",
                "talk": "1",
            },
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("Zoo", page.text)
        moment = self.tandem_a.key_moment_ids.filtered(lambda m: m.source == "portal")
        self.assertEqual(moment.date, date(2026, 4, 18))
        self.assertEqual(self.tandem_a.activity_ids.user_id, self.coordinator_a)

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_call_kw_on_every_mentoring_model_is_refused(self):
        models = self.env["ir.model"].search([("model", "=like", "mentoring.%")])
        self.assertGreater(len(models), 10)
        for name in models.mapped("model"):
            if self.env[name]._abstract:
                continue  # no records, no table
            for method, args in (
                ("search_read", [[], ["display_name"]]),
                ("read", [[self.tandem_a.id], ["display_name"]]),
            ):
                with self.subTest(model=name, method=method):
                    with self.assertRaisesRegex(Exception, "AccessError|access"):
                        self._call_kw(name, method, args)

    def test_mail_routes_and_attachments_are_refused(self):
        for tandem in (self.tandem_a, self.tandem_b):
            with self.subTest(tandem=tandem.id):
                try:
                    got = self.make_jsonrpc_request(
                        "/mail/thread/data",
                        {
                            "thread_model": "mentoring.tandem",
                            "thread_id": tandem.id,
                            "request_list": ["followers", "attachments", "activities"],
                        },
                    )
                except Exception:  # noqa: BLE001 - refused
                    got = {}
                text = json.dumps(got)
                for secret in ("Zeugnis", "Emil", "Elif", "Anna"):
                    self.assertNotIn(secret, text)
                messages = self.url_open(
                    "/mail/thread/messages",
                    data=json.dumps(
                        {
                            "params": {
                                "thread_model": "mentoring.tandem",
                                "thread_id": tandem.id,
                            }
                        }
                    ),
                    headers={"Content-Type": "application/json"},
                )
                self.assertNotIn("Chatter about", messages.text)
                self.assertNotIn("Meeting", messages.text)
                before = len(tandem.message_ids)
                with self.assertRaises(Exception):  # noqa: B017 - refused
                    self.make_jsonrpc_request(
                        "/mail/message/post",
                        {
                            "thread_model": "mentoring.tandem",
                            "thread_id": tandem.id,
                            "post_data": {"body": "Hello", "message_type": "comment"},
                        },
                    )
                tandem.invalidate_recordset(["message_ids"])
                self.assertEqual(len(tandem.message_ids), before)
        page = self.url_open(f"/web/content/{self.attachment_b.id}")
        self.assertNotIn("Zeugnis Elif", page.text)
        self.assertIn(page.status_code, (403, 404))

    def test_query_count_of_my_tandems_does_not_grow_with_reports(self):
        def queries():
            before = self.cr.sql_log_count
            self.assertEqual(self.url_open("/my/tandems").status_code, 200)
            return self.cr.sql_log_count - before

        with freeze_time("2026-04-20"):
            for day in (1, 2):
                self._report(date=f"2026-04-0{day}")
        queries()  # warm-up: templates, caches
        with_two = queries()
        with freeze_time("2026-04-20"):
            for day in range(38):
                self._report(date=f"2026-03-{(day % 28) + 1:02d}")
        self.assertEqual(len(self.tandem_a._portal_reports(self.portal_mentor)), 40)
        queries()  # warm-up again: creating records reset caches
        self.assertEqual(queries(), with_two)

    def test_survey_answers_of_others_are_refused(self):
        """Her own answer prints with its token; another's token, or a
        guessed one, gives nothing; ``call_kw`` reads no answer."""
        for model, ids in (
            ("survey.user_input", self.answer_other.ids),
            ("survey.user_input.line", self.answer_other.user_input_line_ids.ids),
            ("survey.user_input", self.answer_mine.ids),
        ):
            for method, args in (
                ("read", [ids]),
                ("search_read", [[], []]),
            ):
                with self.subTest(model=model, method=method):
                    with self.assertRaisesRegex(Exception, "AccessError|access"):
                        self._call_kw(model, method, args)
        url = f"/survey/print/{self.survey.access_token}?answer_token="
        page = self.url_open(url + self.answer_mine.access_token)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Meine Antwort zum Lesen", page.text)
        for token in (self.answer_other.access_token, "0" * 36):
            with self.subTest(token=token):
                page = self.url_open(url + token)
                self.assertNotIn("Elif weint oft", page.text)
                self.assertNotIn("Meine Antwort", page.text)
        self.assertEqual(
            self.url_open(url + self.answer_other.access_token).status_code, 404
        )
        page = self.url_open(f"/survey/results/{self.survey.id}")
        self.assertNotIn("Elif weint oft", page.text)
