from odoo import api, fields, models

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
PARTS_OF_DAY = [
    ("morning", "Morning"),
    ("afternoon", "Afternoon"),
    ("evening", "Evening"),
]


class MentoringAvailabilitySlot(models.Model):
    """One cell of the availability grid: a weekday and a part of the day.

    The 21 slots are shipped (data/mentoring_availability_slot_data.xml);
    profiles point to the slots in which the person has time, so that
    matching counts shared slots in SQL (issue 14, item 2).
    """

    _name = "mentoring.availability.slot"
    _description = "Availability Slot"
    _order = "weekday, sequence"

    weekday = fields.Selection(WEEKDAYS, required=True)
    part_of_day = fields.Selection(PARTS_OF_DAY, required=True)
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    name = fields.Char(compute="_compute_name")

    _sql_constraints = [
        (
            "slot_uniq",
            "unique (weekday, part_of_day)",
            "Each weekday and part of the day exists once.",
        ),
    ]

    @api.depends("part_of_day")
    def _compute_sequence(self):
        order = [key for key, _label in PARTS_OF_DAY]
        for slot in self:
            slot.sequence = order.index(slot.part_of_day) if slot.part_of_day else 0

    @api.depends("weekday", "part_of_day")
    def _compute_name(self):
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        parts = dict(self._fields["part_of_day"]._description_selection(self.env))
        for slot in self:
            slot.name = " ".join(
                filter(None, (weekdays.get(slot.weekday), parts.get(slot.part_of_day)))
            )

    @api.model
    def get_availability_grid(self):
        """The grid of the availability widget, in the user's language.

        :return: dict with ``weekdays`` (key, label, short label: its first
            two letters, Mo–So in German), ``parts`` (key, label) and
            ``slots`` (id, weekday, part_of_day, name) of the shipped slots
        """
        weekdays = self._fields["weekday"]._description_selection(self.env)
        parts = self._fields["part_of_day"]._description_selection(self.env)
        return {
            "weekdays": [[key, label, label[:2]] for key, label in weekdays],
            "parts": [list(part) for part in parts],
            "slots": self.search_read([], ["weekday", "part_of_day", "name"]),
        }
