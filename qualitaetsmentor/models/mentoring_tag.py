from random import randint

from odoo import fields, models


class MentoringTag(models.Model):
    _name = "mentoring.tag"
    _description = "Tandem Tag"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True, translate=True)
    color = fields.Integer("Colour", default=_default_color)

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A tag with this name already exists."),
    ]
