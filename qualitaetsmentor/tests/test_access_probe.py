"""The access probe: every role that may not read a record, every path that
carries data out of Odoo; nothing of the record comes back.

The probe is a table. ``ROLES`` names each role and the secrets it must never
see; ``PATHS`` names each way of reading and a function that gives all the
text the role got along it. A new model joins ``PROBED_MODELS``, a new path
joins ``PATHS``: one line each. An access error counts as nothing came back.
"""

import base64
import io
import json
from datetime import date

from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import HttpCase, new_test_user

from .common import MentoringCase
from .survey_common import SurveyAnswers

# The models whose records hold names, notes or summaries.
PROBED_MODELS = (
    "mentoring.tandem",
    "mentoring.mentor",
    "mentoring.mentee",
    "mentoring.key.moment",
    "mentoring.gate.waiver",
    "mentoring.program",
    "mentoring.anonymization.log",
    "mentoring.tandem.analysis",
    "mentoring.quality.report",
    "mentoring.clearance.expiry",
    "mentoring.takeover",
    "mentoring.language",
    "mentoring.interest",
    "mentoring.availability.slot",
    "mentoring.match.suggestion",
    "mentoring.feedback.survey",
    "res.partner",
    # Feedback survey answers of a tandem (issue 15, item 9).
    "survey.user_input",
    "survey.user_input.line",
)
# The models with a chatter, activities and attachments.
THREAD_MODELS = ("mentoring.tandem", "mentoring.mentor", "mentoring.mentee")
ATTACHMENT_MODELS = THREAD_MODELS + ("mentoring.key.moment",)

# What programme A holds that only its coordinators read.
NAMES = ("Martina Mentorin", "Emil Mentee", "Gisela Großmutter")
NOTES = (
    "Lives with his grandmother",  # the tandem's notes
    "Loves dinosaurs",  # the mentor's notes
    "Shy at school",  # the mentee's notes
    "Reading at the library",  # a key moment's summary
    "Emil read a whole page aloud",  # its notes
    "Chatter about the family",  # a message in the tandem's chatter
    "Chatter about the mentor",  # a message in the mentor's chatter
    "Call the grandmother",  # an activity's summary
    "Grandmother is worried",  # its note
    "Zeugnis Emil",  # an attachment's name
    "Emil fürchtet sich im Dunkeln",  # a free text of a feedback survey
)
# The confidential key moment of tandem A: only its coordinator reads it.
CONFIDENTIAL = ("Trouble at home", "Father shouted at the mentor")


def _text(value):
    """Everything a path gave, as one string to search in."""
    return json.dumps(value, default=str, ensure_ascii=False)


def _safe(function):
    """The text the role got along ``function``; an access error gives
    nothing."""

    def probe(case, env):
        # Each path starts with an empty cache, as each request does: values
        # the test's set-up left in the cache are not what the role reads.
        env.invalidate_all()
        try:
            return _text(function(case, env))
        except (AccessError, UserError):
            return ""

    probe.__name__ = function.__name__
    return probe


def _models(env, names=PROBED_MODELS):
    return [env[name] for name in names if name in env]


def _each(env, function, names=PROBED_MODELS):
    """``function`` on each model, an access error on one model counting as
    nothing from that model."""
    results = []
    for model in _models(env, names):
        try:
            results.append(function(model))
        except (AccessError, UserError):
            results.append(None)
    return results


def _readable_fields(model):
    """The fields the user may read (fields_get leaves out the others)."""
    return model.fields_get(attributes=["type", "store"])


def _specification(model):
    """A web client specification of every readable field, with the display
    name of related records."""
    spec = {}
    for name, field in _readable_fields(model).items():
        if field["type"] in ("binary",):
            continue
        if field["type"] in ("many2one", "one2many", "many2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def _secret_records(case, env):
    """Programme A's records, as the role would open them by id."""
    return {
        "mentoring.tandem": case.tandem_a.ids,
        "mentoring.mentor": case.mentor_a.ids,
        "mentoring.mentee": case.mentee_a.ids,
        "mentoring.key.moment": (case.moment_a | case.moment_confidential).ids,
        "mentoring.gate.waiver": case.waiver_a.ids,
        "mentoring.takeover": case.takeover_a.ids,
        "mentoring.match.suggestion": case.suggestion_a.ids,
        "survey.user_input": case.survey_answer_a.ids,
        "survey.user_input.line": case.survey_answer_a.user_input_line_ids.ids,
        "res.partner": (
            case.mentor_a.partner_id
            | case.mentee_a.partner_id
            | case.mentee_a.guardian_id
        ).ids,
    }


@_safe
def orm_search_read(case, env):
    return _each(env, lambda model: model.search_read([]))


@_safe
def orm_read(case, env):
    return [
        _each(env, lambda model, ids=ids: model.browse(ids).read(), [name])
        for name, ids in _secret_records(case, env).items()
    ]


@_safe
def orm_read_group(case, env):
    def groups(model):
        result = []
        for name, field in _readable_fields(model).items():
            if field["type"] == "many2one" and field.get("store"):
                try:
                    result.append(model.read_group([], ["__count"], [name]))
                except (AccessError, UserError):
                    continue
        return result

    return _each(env, groups)


@_safe
def orm_name_search(case, env):
    words = [name.split()[0] for name in NAMES] + ["Tandem", ""]
    return _each(
        env, lambda model: [model.name_search(word, limit=1000) for word in words]
    )


@_safe
def web_search_read(case, env):
    return _each(env, lambda model: model.web_search_read([], _specification(model)))


@_safe
def web_read(case, env):
    return [
        _each(
            env,
            lambda model, ids=ids: model.browse(ids).web_read(_specification(model)),
            [name],
        )
        for name, ids in _secret_records(case, env).items()
    ]


@_safe
def export_data(case, env):
    def export(model):
        fields = [
            name
            for name, field in _readable_fields(model).items()
            if field["type"] not in ("binary", "one2many", "many2many") and name != "id"
        ]
        return model.search([]).export_data(fields)

    return _each(env, export)


@_safe
def mail_message(case, env):
    messages = env["mail.message"]
    found = messages.search_read(
        [("model", "in", THREAD_MODELS)],
        ["body", "subject", "record_name", "preview"],
    )
    found += _each(
        env,
        lambda model: model.browse(case.secret_message_ids).read(
            ["body", "record_name", "preview"]
        ),
        ["mail.message"],
    )
    found += _each(
        env,
        lambda model: model.search_read([("model", "in", THREAD_MODELS)]),
        ["mail.tracking.value"],
    )
    return found


@_safe
def mail_recipients(case, env):
    # What the mail composer and @-mentions offer as recipients.
    partners = env["res.partner"]
    return [
        partners.get_mention_suggestions(name.split()[0], limit=1000) for name in NAMES
    ] + [partners.im_search(name.split()[0], limit=1000) for name in NAMES]


@_safe
def mail_activity(case, env):
    activities = env["mail.activity"]
    found = activities.search_read([], ["res_name", "summary", "note"])
    found += _each(
        env,
        lambda model: model.browse(case.activity_a.ids).read(
            ["res_name", "summary", "note"]
        ),
        ["mail.activity"],
    )
    return found


@_safe
def ir_attachment(case, env):
    fields = ["name", "description", "index_content", "raw"]
    found = env["ir.attachment"].search_read(
        [("res_model", "in", ATTACHMENT_MODELS)], fields
    )
    found += _each(
        env,
        lambda model: model.browse(case.attachment_ids).read(fields),
        ["ir.attachment"],
    )
    return found


@_safe
def handover_dossier(case, env):
    html, _kind = env["ir.actions.report"]._render_qweb_html(
        "qualitaetsmentor.report_handover_dossier", case.tandem_a.ids
    )
    return html.decode()


@_safe
def report_workbooks(case, env):
    if "mentoring.report.export" not in env:
        return ""
    import openpyxl

    cells = []
    for workbook in ("statistics", "quality", "register", "key_moments"):
        # Each workbook on its own: a read-only user exports the statistics
        # and is refused the others.
        try:
            wizard = env["mentoring.report.export"].create(
                {
                    "workbook": workbook,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 12, 31),
                    "include_notes": True,
                }
            )
            wizard.action_export()
        except AccessError:
            continue
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells.extend(str(value) for value in row if value is not None)
    return cells


@_safe
def ready_for_matching(case, env):
    # The data of the page "Ready to Be Matched" and the suggestions of a
    # waiting mentee of programme A.
    found = [env["mentoring.match.suggestion"].get_ready_for_matching()]
    found += _each(
        env,
        lambda model: model.browse(case.waiting_a.ids).action_suggest_mentors(),
        ["mentoring.mentee"],
    )
    return found


# (name, function(case, env) -> the text the role got)
PATHS = (
    ("ORM search_read", orm_search_read),
    ("ORM read", orm_read),
    ("ORM read_group", orm_read_group),
    ("ORM name_search", orm_name_search),
    ("web_search_read", web_search_read),
    ("web_read", web_read),
    ("export_data", export_data),
    ("mail.message", mail_message),
    ("mail recipients", mail_recipients),
    ("mail.activity", mail_activity),
    ("ir.attachment", ir_attachment),
    ("handover dossier", handover_dossier),
    ("report workbooks", report_workbooks),
    ("ready for matching", ready_for_matching),
)

# (role, what it must never see)
ROLES = (
    ("readonly", NAMES + NOTES + CONFIDENTIAL),
    ("coordinator_b", NAMES + NOTES + CONFIDENTIAL),
    ("colleague", CONFIDENTIAL),
    ("internal", NAMES + NOTES + CONFIDENTIAL),
    ("other_company", NAMES + NOTES + CONFIDENTIAL),
    # A mentor of programme B on the portal (issue 15).
    ("portal", NAMES + NOTES + CONFIDENTIAL),
    # The guardian of programme B's mentee on the portal (issue 15, item 10).
    ("portal_family", NAMES + NOTES + CONFIDENTIAL),
)
# The portal's pages (controllers/portal.py), with the ids of programme A.
PORTAL_ROUTES = (
    "/my",
    "/my/tandems",
    "/my/tandems/{tandem}",
    "/my/tandems/{tandem}/report",
    "/my/tandems/{tandem}/talk",
)


class ProbeRecords(SurveyAnswers):
    """Programme A with everything that can carry its secrets, and the
    roles that must not read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"]
        cls.mentee_a.guardian_id = partners.create({"name": "Gisela Großmutter"})
        cls.tandem_a.description = "<p>Lives with his grandmother</p>"
        cls.mentor_a.notes = "Loves dinosaurs"
        cls.mentee_a.notes = "Shy at school"
        cls.moment_a, cls.moment_confidential = cls._private_moments(
            cls.tandem_a, notes="<p>Father shouted at the mentor.</p>"
        )
        cls.waiver_a = cls._waive(cls.tandem_a, "closing_talk")
        # A tandem taken over from paper: its name is mentor and mentee.
        cls.takeover_a = cls.env["mentoring.takeover"].create(
            {
                "program_id": cls.program_a.id,
                "mentor_id": cls.mentor_a.id,
                "mentee_id": cls._mentee(cls.program_a, "Emil Zwilling").id,
                "coordinator_id": cls.coordinator_a.id,
                "phase": "matching",
                "date_matched": date(2026, 3, 1),
            }
        )
        # A mentor with room for a third tandem: on the page "Ready to Be
        # Matched" and suggested (the rows name her and the mentee).
        cls.mentor_a.capacity = 3
        cls.waiting_a = cls._mentee(cls.program_a, "Wanda Wartend")
        cls.suggestion_a = (
            cls.env["mentoring.match.suggestion"]
            .with_user(cls.coordinator_a)
            .sudo()
            .create(
                {
                    "origin": "mentee",
                    "mentee_id": cls.mentee_a.id,
                    "mentor_id": cls.mentor_a.id,
                    "program_id": cls.program_a.id,
                    "score": 80,
                }
            )
        )
        cls.secret_message_ids = (
            cls.tandem_a.message_post(
                body="Chatter about the family", message_type="comment"
            )
            | cls.mentor_a.message_post(
                body="Chatter about the mentor", message_type="comment"
            )
        ).ids
        cls.activity_a = cls.tandem_a.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Call the grandmother",
            note="<p>Grandmother is worried</p>",
            user_id=cls.coordinator_a.id,
            date_deadline=date(2026, 5, 10),
        )
        cls.attachment_ids = (
            cls.env["ir.attachment"]
            .create(
                [
                    {
                        "name": f"{name}.txt",
                        "raw": name.encode(),
                        "res_model": record._name,
                        "res_id": record.id,
                    }
                    for name, record in (
                        ("Zeugnis Emil", cls.tandem_a),
                        ("Zeugnis Emil", cls.mentor_a),
                        ("Zeugnis Emil", cls.mentee_a),
                        ("Zeugnis Emil", cls.moment_a),
                        ("Trouble at home", cls.moment_confidential),
                    )
                ]
            )
            .ids
        )
        # Martina's answer to a feedback survey (its nickname is her name,
        # its free text a secret).
        survey = cls._feedback_survey()
        cls.survey_answer_a = cls._answer(
            survey,
            cls.tandem_a,
            cls.mentor_a.partner_id,
            [4, 4, 5, 3],
            text="Emil fürchtet sich im Dunkeln",
        )
        cls.readonly = cls._viewer(
            cls.program_a, "qm_probe_readonly", "Renate Vorstand", password="x" * 12
        )
        cls.colleague = cls._coordinator(
            "qm_probe_colleague", "Clara Kollegin", password="x" * 12
        )
        cls.program_a.coordinator_ids = [Command.link(cls.colleague.id)]
        cls.internal = new_test_user(
            cls.env,
            login="qm_probe_internal",
            name="Ingo Intern",
            groups="base.group_user",
            password="x" * 12,
        )
        other = cls.env["res.company"].create({"name": "Anderer Träger"})
        cls.other_company = cls._user(
            "qm_probe_other_company",
            "Olga Anderswo",
            "admin",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
            password="x" * 12,
        )
        cls.portal = new_test_user(
            cls.env,
            login="qm_probe_portal",
            name="Markus Mentor",
            groups="base.group_portal",
            partner_id=cls.mentor_b.partner_id.id,
            password="x" * 12,
        )
        cls.program_b.portal_families = True
        cls.mentee_b.guardian_id = partners.create({"name": "Frieda Familie"})
        cls.portal_family = new_test_user(
            cls.env,
            login="qm_probe_portal_family",
            name="Frieda Familie",
            groups="base.group_portal",
            partner_id=cls.mentee_b.guardian_id.id,
            password="x" * 12,
        )
        (cls.coordinator_a | cls.coordinator_b).password = "x" * 12
        # Exporting is a right of its own; the probe gives it to every role
        # of the back office.
        export = cls.env.ref("base.group_allow_export")
        for role in ("coordinator_a",) + tuple(role for role, _secrets in ROLES):
            if role not in ("portal", "portal_family"):
                getattr(cls, role).groups_id = [Command.link(export.id)]
        # Rights in Odoo's survey app: they open no answer of a tandem of
        # programme A (the internal user is a mere survey manager). The
        # responsible coordinator has none: she reads her tandems' answers
        # by her role alone.
        officer = cls.env.ref("survey.group_survey_user")
        manager = cls.env.ref("survey.group_survey_manager")
        for role in ("colleague", "readonly"):
            getattr(cls, role).groups_id = [Command.link(officer.id)]
        for role in ("coordinator_b", "internal", "other_company"):
            getattr(cls, role).groups_id = [Command.link(manager.id)]
        cls.env.cr.precommit.run()


class TestAccessProbe(ProbeRecords, MentoringCase):
    """Each role along each path: no name, note or summary of a record the
    role may not read."""

    def _leaks(self, role, secrets):
        user = getattr(self, role)
        leaks = []
        for path, function in PATHS:
            got = function(self, self.env(user=user))
            leaks += [(path, secret) for secret in secrets if secret in got]
        return leaks

    def test_no_role_reads_what_it_may_not(self):
        for role, secrets in ROLES:
            with self.subTest(role=role):
                self.assertEqual(self._leaks(role, secrets), [])

    def test_the_probe_sees_what_the_coordinator_reads(self):
        # A probe that finds nothing for anyone would hold for any leak: the
        # responsible coordinator gets each secret along the main paths.
        env = self.env(user=self.coordinator_a)
        got = "".join(function(self, env) for _path, function in PATHS)
        for secret in NAMES + NOTES + CONFIDENTIAL:
            with self.subTest(secret=secret):
                self.assertTrue(secret in got, f"{secret} not found")
        for path, function in PATHS:
            if path == "report workbooks" and "mentoring.report.export" not in env:
                continue
            with self.subTest(path=path):
                got = function(self, env)
                self.assertTrue([s for s in NAMES + NOTES + CONFIDENTIAL if s in got])


@tagged("post_install", "-at_install", "qm_browser")
class TestAccessProbeHttp(ProbeRecords, MentoringCase, HttpCase):
    """The same over ``/web/dataset/call_kw``, as the web client asks. An
    HttpCase: it runs in the browser-test step of ``./qm test`` (pytest
    leaves it out)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addon_statics = http.root.statics

    def _call_kw(self, model, method, args, kwargs):
        try:
            return _text(
                self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {"model": model, "method": method, "args": args, "kwargs": kwargs},
                )
            )
        except Exception as error:  # noqa: BLE001 - a refused call leaks nothing
            if "AccessError" in str(error) or "UserError" in str(error):
                return ""
            raise

    def test_no_role_reads_what_it_may_not_over_http(self):
        calls = [
            (model, "web_search_read", [[]], {"specification": {"display_name": {}}})
            for model in THREAD_MODELS + ("mentoring.key.moment", "res.partner")
        ] + [
            (model, "name_search", ["Emil"], {})
            for model in THREAD_MODELS + ("mentoring.key.moment", "res.partner")
        ]
        calls += [
            (
                "mail.message",
                "search_read",
                [[("model", "in", THREAD_MODELS)], ["body", "record_name"]],
                {},
            ),
            ("mail.activity", "search_read", [[], ["res_name", "summary", "note"]], {}),
            (
                "ir.attachment",
                "search_read",
                [[("res_model", "in", ATTACHMENT_MODELS)], ["name"]],
                {},
            ),
            ("ir.attachment", "read", [self.attachment_ids, ["name", "raw"]], {}),
            ("mentoring.tandem", "read", [self.tandem_a.ids], {}),
            ("mentoring.key.moment", "read", [self.moment_confidential.ids], {}),
            (
                "mentoring.match.suggestion",
                "web_search_read",
                [[]],
                {"specification": {"display_name": {}, "reasons": {}}},
            ),
            ("mentoring.match.suggestion", "read", [self.suggestion_a.ids], {}),
            ("mentoring.match.suggestion", "get_ready_for_matching", [], {}),
            ("mentoring.mentee", "action_suggest_mentors", [self.waiting_a.ids], {}),
            (
                "survey.user_input.line",
                "search_read",
                [[], ["value_text_box", "display_name"]],
                {},
            ),
            (
                "survey.user_input.line",
                "read",
                [self.survey_answer_a.user_input_line_ids.ids, ["value_text_box"]],
                {},
            ),
            ("survey.user_input", "read", [self.survey_answer_a.ids], {}),
        ]
        for role, secrets in ROLES + (("coordinator_a", ()),):
            user = getattr(self, role)
            self.authenticate(user.login, "x" * 12)
            got = "".join(self._call_kw(*call) for call in calls)
            got += "".join(
                self.url_open(route.format(tandem=self.tandem_a.id)).text
                for route in PORTAL_ROUTES
            )
            with self.subTest(role=role):
                if role == "coordinator_a":
                    # The probe is live: her own records come back.
                    self.assertIn("Emil Mentee", got)
                    self.assertIn("Call the grandmother", got)
                    self.assertIn("Emil fürchtet sich im Dunkeln", got)
                else:
                    self.assertEqual(
                        [secret for secret in secrets if secret in got], []
                    )
