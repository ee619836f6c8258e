from random import randint

from odoo import fields, models


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
