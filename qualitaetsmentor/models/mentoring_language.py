from odoo import fields, models


class MentoringLanguage(models.Model):
    """A language a mentor or mentee speaks, shared by both profiles so that
    matching compares the same tags (issue 14)."""

    _name = "mentoring.language"
    _description = "Language"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        "ISO 639 Code",
        help="The language's code after ISO 639 (two letters where ISO 639-1 "
        "has one, else three), for example de, ar, prs.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A language with this name already exists."),
        ("code_uniq", "unique (code)", "A language with this code already exists."),
    ]
