import base64
import json
import re

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import html2plaintext

# Fields never exported: bookkeeping of the database, the chatter (exported as
# messages), and links to other people (exported by role only).
SKIPPED_FIELDS = {
    "id",
    "display_name",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "name",
    "partner_id",
    "guardian_id",
    "mentor_id",
    "mentee_id",
    "tandem_id",
    "coordinator_id",
    "author_id",
    "company_id",
    "duration_tracking",
    "color",
    "sequence",
}
CONTACT_FIELDS = (
    "name",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "function",
    "lang",
    "comment",
    "partner_latitude",
    "partner_longitude",
)
# Tags and grid cells exported by their names (the matching criteria).
EXPORTED_TAG_MODELS = (
    "mentoring.tag",
    "mentoring.language",
    "mentoring.interest",
    "mentoring.availability.slot",
)


class Redactor:
    """Replaces the names of other people by their role in a text, in one
    pass so that a replacement is never replaced again. The German genitive
    of a name goes too: "Mias", "Mia's", "Mia’s", and "Jonas’"/"Jonas'"
    (Art. 15 (4) DSGVO: the export names nobody else). Every export (mentor,
    mentee, guardian) redacts through this one class.

    :param replacements: dict name (or part of a name) -> role
    """

    # The genitive endings of German names, longest first.
    GENITIVE = r"(?:['’]s|s|['’])?"

    def __init__(self, replacements):
        self.roles = {name.lower(): role for name, role in replacements.items()}
        # Longest first, so that a full name goes before its parts.
        names = sorted(self.roles, key=len, reverse=True)
        self.pattern = names and re.compile(
            r"(?<!\w)("
            + "|".join(map(re.escape, names))
            + r")"
            + self.GENITIVE
            + r"(?!\w)",
            re.IGNORECASE,
        )

    def __call__(self, text):
        if not text or not isinstance(text, str) or not self.pattern:
            return text
        return self.pattern.sub(lambda match: f"[{self.roles[match[1].lower()]}]", text)


class MentoringPersonalDataExport(models.TransientModel):
    """Right of access (Art. 15 DSGVO): everything stored about one mentor or
    mentee, as a JSON file.

    The other people of a tandem (the other side, guardians, coordinators)
    appear only by their role: their names are replaced in every text of the
    export, and none of their data is included (Art. 15 (4)).
    """

    _name = "mentoring.personal.data.export"
    _description = "Personal Data Export"

    mentor_id = fields.Many2one("mentoring.mentor", ondelete="cascade", readonly=True)
    mentee_id = fields.Many2one("mentoring.mentee", ondelete="cascade", readonly=True)
    # The guardian of ``mentee_id``: a person without a profile of her own,
    # on the portal where the programme lets families take part (issue 15).
    guardian_id = fields.Many2one("res.partner", ondelete="cascade", readonly=True)
    data_file = fields.Binary("File", attachment=False, readonly=True)
    file_name = fields.Char(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        exports = super().create(vals_list)
        for export in exports:
            profile = (export.mentor_id or export.mentee_id).sudo()
            guardian = export.guardian_id.sudo()
            data = export._personal_data(profile, guardian)
            kind, number = (
                ("guardian", guardian.id)
                if guardian
                else (profile._name.split(".")[1], profile.id)
            )
            export.write(
                {
                    "data_file": base64.b64encode(
                        json.dumps(data, ensure_ascii=False, indent=2).encode()
                    ),
                    "file_name": f"personal-data-{kind}-{number}-"
                    f"{profile.company_id._mentoring_today()}.json",
                }
            )
            profile.message_post(
                body=self.env._(
                    "Personal data of the guardian exported (Art. 15 DSGVO)."
                )
                if guardian
                else self.env._("Personal data exported (Art. 15 DSGVO)."),
                subtype_xmlid="mail.mt_note",
            )
        return exports

    # ------------------------------------------------------------------

    def _personal_data(self, profile, guardian=None):
        """Everything about the person of ``profile``, or about ``guardian``
        (a contact without a profile: the guardian of the mentee
        ``profile``)."""
        env = profile.env(context=dict(profile.env.context, active_test=False))
        partner = (guardian or profile.partner_id).with_env(env)
        mentors = env["mentoring.mentor"].search([("partner_id", "=", partner.id)])
        mentees = env["mentoring.mentee"].search([("partner_id", "=", partner.id)])
        guardian_of = env["mentoring.mentee"].search([("guardian_id", "=", partner.id)])
        tandems = env["mentoring.tandem"].search(
            ["|", ("mentor_id", "in", mentors.ids), ("mentee_id", "in", mentees.ids)]
        )
        # A guardian's texts (her requests, her survey answers) name the
        # people of her child's tandems: they are redacted as in the child's
        # own export.
        family_tandems = env["mentoring.tandem"].search(
            [("mentee_id", "in", guardian_of.ids)]
        )
        authors = (
            env["mail.message"]
            .search(
                expression.OR(
                    [
                        [("model", "=", records._name), ("res_id", "in", records.ids)]
                        for records in (mentors, mentees, partner, tandems)
                    ]
                )
            )
            .author_id
        )
        redact = self._redactor(
            partner, tandems | family_tandems, guardian_of, mentees, authors
        )

        def messages_of(records, by_record=True):
            return self._messages(records, partner, redact, by_record)

        def fields_of(record):
            return self._fields_of(record, redact)

        profile_messages = (
            messages_of(mentors) + messages_of(mentees) + messages_of(partner)
        )
        exported_ids = {message["id"] for message in profile_messages}
        tandem_data = []
        for tandem in tandems:
            role = "mentor" if tandem.mentor_id in mentors else "mentee"
            values = fields_of(tandem)
            values.update(
                {
                    "id": tandem.id,
                    "role": self._role(role),
                    "other_side": self._role(
                        "mentee" if role == "mentor" else "mentor"
                    ),
                    "key_moments": [
                        {"id": moment.id, **fields_of(moment)}
                        for moment in tandem.key_moment_ids
                    ],
                    "messages": messages_of(tandem),
                    "activities": self._activities(tandem, redact),
                }
            )
            exported_ids.update(message["id"] for message in values["messages"])
            tandem_data.append(values)
        elsewhere = env["mail.message"].search(
            [("author_id", "=", partner.id), ("id", "not in", list(exported_ids))]
        )
        return {
            "export": {
                "legal_basis": "Art. 15 DSGVO",
                "created_on": fields.Datetime.to_string(fields.Datetime.now()),
                "controller": profile.company_id.name or self.env.company.name,
                "about": self.env._(
                    "Everything QualitätsMENTOR stores about you. Other people "
                    "(the other side of a tandem, guardians, coordinators) appear "
                    "only by their role."
                ),
            },
            "contact": {
                name: self._value(partner, name, redact)
                for name in CONTACT_FIELDS
                if name in partner._fields
            },
            "profiles": [
                {
                    "id": record.id,
                    "role": self._role(record._name.split(".")[1]),
                    **fields_of(record),
                    "activities": self._activities(record, redact),
                }
                for record in [*mentors, *mentees]
            ],
            "guardian_of": [
                {
                    "programme": mentee.program_id.name,
                    "mentee": self._role("mentee"),
                    "consent_given_by": self._value(mentee, "consent_given_by", redact),
                    "consent_date": self._value(mentee, "consent_date", redact),
                }
                for mentee in guardian_of
            ],
            "portal_access": [
                {
                    "login": user.login,
                    "active": user.active,
                    "created_on": fields.Datetime.to_string(user.create_date),
                    "last_login": fields.Datetime.to_string(user.login_date) or None,
                }
                for user in partner.user_ids
                if user.share
            ],
            # What she asked for on the portal about a tandem not her own
            # (a family: her request for a talk on her child's tandem).
            "portal_requests": [
                {
                    "id": moment.id,
                    "date": fields.Date.to_string(moment.date),
                    "type": moment.type_id.name,
                    "summary": redact(moment.summary),
                }
                for moment in env["mentoring.key.moment"].search(
                    [
                        ("author_id", "in", partner.user_ids.ids),
                        ("source", "=", "portal"),
                        ("tandem_id", "not in", tandems.ids),
                    ]
                )
            ],
            "tandems": tandem_data,
            "survey_answers": self._survey_answers(
                partner, tandems, mentors, mentees, redact
            ),
            "messages": profile_messages + messages_of(elsewhere, by_record=False),
        }

    def _survey_answers(self, partner, tandems, mentors, mentees, redact):
        """The feedback survey answers about the person (issue 15, item 11):
        each answer she gave (any survey of Odoo answered with her contact),
        a mentor's answers on her tandems, and the family's answers on a
        mentee's tandems (given by the mentee or her guardian). Each with
        feedback point, date, score, and every question with its answer;
        names of other people are replaced by their role.

        :return: a list of dicts, oldest answer first
        """
        env = partner.env
        answers = env["survey.user_input"].search(
            expression.OR(
                [
                    [("partner_id", "=", partner.id)],
                    [
                        ("mentoring_tandem_id", "in", tandems.ids),
                        ("mentoring_tandem_id.mentor_id", "in", mentors.ids),
                        ("mentoring_audience", "=", "mentor"),
                    ],
                    [
                        ("mentoring_tandem_id", "in", tandems.ids),
                        ("mentoring_tandem_id.mentee_id", "in", mentees.ids),
                        ("mentoring_audience", "=", "family"),
                    ],
                ]
            ),
            order="create_date, id",
        )
        result = []
        for answer in answers:
            if answer.partner_id == partner:
                answered_by = self.env._("you")
            elif answer.mentoring_audience == "mentor":
                answered_by = self._role("mentor")
            elif answer.partner_id and answer.partner_id == (
                answer.mentoring_tandem_id.mentee_id.guardian_id
            ):
                answered_by = self._role("guardian")
            else:
                answered_by = self._role("mentee")
            result.append(
                {
                    "id": answer.id,
                    "survey": answer.survey_id.title,
                    "tandem": answer.mentoring_tandem_id.id or None,
                    "feedback_point": self._value(
                        answer, "mentoring_feedback_point", redact
                    ),
                    "answered_by": answered_by,
                    "state": self._value(answer, "state", redact),
                    "date": fields.Datetime.to_string(
                        answer.end_datetime or answer.create_date
                    ),
                    "score": answer.mentoring_score or None,
                    "answers": [
                        {
                            "question": line.question_id.title,
                            "answer": self._survey_line_value(line, redact),
                        }
                        for line in answer.user_input_line_ids
                        if not line.skipped
                    ],
                }
            )
        return result

    @staticmethod
    def _survey_line_value(line, redact):
        """One answer of a survey, as the person gave it."""
        if line.answer_type == "suggestion" and line.matrix_row_id:
            return f"{line.matrix_row_id.value}: {line.suggested_answer_id.value}"
        value = line._get_answer_value()
        if line.answer_type == "date":
            return fields.Date.to_string(value) if value else None
        if line.answer_type == "datetime":
            return fields.Datetime.to_string(value) if value else None
        return redact(value) if isinstance(value, str) else value

    def _activities(self, record, redact):
        activities = record.env["mail.activity"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )
        return [
            {
                "id": activity.id,
                "type": activity.activity_type_id.name,
                "due": fields.Date.to_string(activity.date_deadline) or None,
                "summary": redact(activity.summary) or None,
                "note": redact(html2plaintext(activity.note or "")) or None,
            }
            for activity in activities
        ]

    def _role(self, role):
        return {
            "mentor": self.env._("mentor"),
            "mentee": self.env._("mentee"),
            "guardian": self.env._("guardian"),
            "staff": self.env._("organisation"),
        }[role]

    def _redactor(self, partner, tandems, guardian_of, own_mentees, authors):
        """Replaces the name of everybody else the exported texts may name,
        and each part of it, by the role of that person."""
        people = []
        for tandem in tandems:
            for profile, role in (
                (tandem.mentor_id, "mentor"),
                (tandem.mentee_id, "mentee"),
            ):
                if profile and profile.partner_id != partner:
                    people.append((profile.partner_id.name, role))
            if tandem.mentee_id.guardian_id and tandem.mentee_id.guardian_id != partner:
                people.append((tandem.mentee_id.guardian_id.name, "guardian"))
            # Her own reports on the portal are hers, not the organisation's.
            people += [
                (user.name, "staff")
                for user in tandem.coordinator_id | tandem.key_moment_ids.author_id
                if user.partner_id != partner
            ]
        people += [(author.name, "staff") for author in authors if author != partner]
        people += [(mentee.partner_id.name, "mentee") for mentee in guardian_of]
        people += [
            (mentee.guardian_id.name, "guardian")
            for mentee in own_mentees
            if mentee.guardian_id
        ]
        own = {token.lower() for token in re.findall(r"\w+", partner.name or "")}
        replacements = {}
        for name, role in people:
            if not name:
                continue
            replacements.setdefault(name, self._role(role))
            for token in re.findall(r"\w{3,}", name):
                if token.lower() not in own:
                    replacements.setdefault(token, self._role(role))
        return Redactor(replacements)

    def _value(self, record, name, redact):
        field = record._fields[name]
        value = record[name]
        if field.type == "many2one":
            return value.display_name or None
        if field.type in ("one2many", "many2many"):
            return value.mapped("display_name")
        if field.type == "selection":
            return dict(field._description_selection(record.env)).get(value) or None
        if field.type == "html":
            return redact(html2plaintext(value or "")) or None
        if field.type == "date":
            return fields.Date.to_string(value) if value else None
        if field.type == "datetime":
            return fields.Datetime.to_string(value) if value else None
        if field.type == "boolean":
            return bool(value)
        if value is False:
            return None
        return redact(value)

    def _fields_of(self, record, redact):
        values = {}
        for name, field in record._fields.items():
            if (
                name in SKIPPED_FIELDS
                or not field.store
                or name.startswith(("message_", "activity_"))
                or field.type in ("one2many", "binary", "json", "properties")
                or (
                    field.type == "many2many"
                    and field.comodel_name not in EXPORTED_TAG_MODELS
                )
                or (
                    field.type == "many2one"
                    and field.comodel_name
                    in (
                        "res.partner",
                        "res.users",
                        "mentoring.mentor",
                        "mentoring.mentee",
                    )
                )
            ):
                continue
            values[name] = self._value(record, name, redact)
        return values

    def _messages(self, records, own_partner, redact, by_record=True):
        """The chatter of `records` (or the messages themselves), with
        authors by role and tracking values of people by role."""
        if not records:
            return []
        if by_record:
            messages = records.env["mail.message"].search(
                [("model", "=", records._name), ("res_id", "in", records.ids)],
                order="date, id",
            )
        else:
            messages = records
        result = []
        for message in messages:
            tracking = []
            for value in message.sudo().tracking_value_ids._tracking_value_format():
                people = value["fieldName"] in (
                    "partner_id",
                    "guardian_id",
                    "mentor_id",
                    "mentee_id",
                    "coordinator_id",
                )
                tracking.append(
                    {
                        "field": value["changedField"],
                        "old": self._role_of(value["fieldName"])
                        if people and value["oldValue"]["value"]
                        else redact(value["oldValue"]["value"]) or None,
                        "new": self._role_of(value["fieldName"])
                        if people and value["newValue"]["value"]
                        else redact(value["newValue"]["value"]) or None,
                    }
                )
            result.append(
                {
                    "id": message.id,
                    "date": fields.Datetime.to_string(message.date),
                    "on": message.model
                    and self.env["ir.model"]._get(message.model).name,
                    "author": self.env._("you")
                    if message.author_id == own_partner
                    else self._role("staff"),
                    "subject": redact(message.subject) or None,
                    "text": redact(html2plaintext(message.body or "")) or None,
                    "changes": tracking,
                }
            )
        return result

    def _role_of(self, field_name):
        own = self.mentor_id or self.mentee_id
        if field_name == "partner_id":
            return self.env._("you")
        if field_name == f"{own._name.split('.')[1]}_id":
            return self.env._("you")
        return self._role(
            {
                "guardian_id": "guardian",
                "mentor_id": "mentor",
                "mentee_id": "mentee",
                "coordinator_id": "staff",
            }[field_name]
        )
