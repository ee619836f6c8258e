from odoo import api, fields, models
from odoo.osv import expression


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

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """Languages by name or ISO 639 code, without the blanks around the
        name: an import of "Deutsch, Englisch" or "de, en" finds them.

        :return: list of (id, display name), as Odoo's name_search
        """
        name = (name or "").strip()
        result = super().name_search(name, domain, operator, limit)
        if not result and name and operator in ("=", "ilike", "=ilike"):
            languages = self.search_fetch(
                expression.AND([domain or [], [("code", "=ilike", name)]]),
                ["display_name"],
                limit=limit,
            )
            result = [(language.id, language.display_name) for language in languages]
        return result
