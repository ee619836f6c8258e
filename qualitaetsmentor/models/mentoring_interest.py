from random import randint

from odoo import api, fields, models


class MentoringInterest(models.Model):
    """An interest or hobby, shared by mentor and mentee profiles so that
    matching counts the interests they have in common (issue 14)."""

    _name = "mentoring.interest"
    _description = "Interest"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True, translate=True)
    color = fields.Integer("Colour", default=_default_color)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique (name)", "An interest with this name already exists."),
    ]

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """Interests by name, without the blanks around it: an import of
        "Lesen, Radfahren" finds both.

        :return: list of (id, display name), as Odoo's name_search
        """
        return super().name_search((name or "").strip(), domain, operator, limit)
