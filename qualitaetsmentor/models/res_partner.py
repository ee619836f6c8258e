from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The range of each coordinate in degrees (WGS 84, as base_geolocalize and
# the map use it).
COORDINATE_LIMITS = {"partner_latitude": 90.0, "partner_longitude": 180.0}


class ResPartner(models.Model):
    """A contact.

    The organisation's time zone is that of the company's contact (see
    res.company's ``_mentoring_today``). The contact of a mentor, mentee or
    guardian is read only by who may read the profile (the record rules on
    res.partner in ``security/qualitaetsmentor_security.xml``; Art. 5 (1) f
    and Art. 32 DSGVO): ``mentoring_person_program_ids`` says whose it is.
    """

    _inherit = "res.partner"

    mentoring_mentor_ids = fields.One2many(
        "mentoring.mentor",
        "partner_id",
        string="Mentor Profiles",
        groups="qualitaetsmentor.group_admin",
        context={"active_test": False},
    )
    mentoring_mentee_ids = fields.One2many(
        "mentoring.mentee",
        "partner_id",
        string="Mentee Profiles",
        groups="qualitaetsmentor.group_admin",
        context={"active_test": False},
    )
    mentoring_guardian_of_ids = fields.One2many(
        "mentoring.mentee",
        "guardian_id",
        string="Guardian of",
        groups="qualitaetsmentor.group_admin",
        context={"active_test": False},
    )
    # Stored, so that the record rules read one relation table, in SQL for
    # searches and in Python for loaded records alike. Only administrators
    # see it: it tells in which programmes a person is mentored.
    mentoring_person_program_ids = fields.Many2many(
        "mentoring.program",
        "mentoring_program_person_rel",
        "partner_id",
        "program_id",
        string="Programmes as Mentor, Mentee or Guardian",
        compute="_compute_mentoring_person_program_ids",
        store=True,
        groups="qualitaetsmentor.group_admin",
        context={"active_test": False},
        help="The programmes in which this contact is a mentor, a mentee or a "
        "mentee's guardian. Only the coordinators of these programmes and the "
        "administrators read the contact.",
    )

    # A person stays a person of the programme after her link to it went (a
    # guardian replaced, a profile deleted): otherwise her contact would
    # become readable by every internal user.
    mentoring_former_program_ids = fields.Many2many(
        "mentoring.program",
        "mentoring_program_former_person_rel",
        "partner_id",
        "program_id",
        string="Former Programmes as Mentor, Mentee or Guardian",
        groups="qualitaetsmentor.group_admin",
        context={"active_test": False},
        help="The programmes in which this contact was a mentor, a mentee or "
        "a guardian until the profile was deleted or another guardian took "
        "the place. Their coordinators keep reading the contact.",
    )

    @api.depends(
        "mentoring_mentor_ids.program_id",
        "mentoring_mentee_ids.program_id",
        "mentoring_guardian_of_ids.program_id",
        "mentoring_former_program_ids",
    )
    def _compute_mentoring_person_program_ids(self):
        for partner in self:
            partner.mentoring_person_program_ids = (
                partner.mentoring_mentor_ids.program_id
                | partner.mentoring_mentee_ids.program_id
                | partner.mentoring_guardian_of_ids.program_id
                | partner.mentoring_former_program_ids
            )

    @api.constrains("partner_latitude", "partner_longitude")
    def _check_mentoring_coordinates(self):
        """Latitude lies within -90..90 and longitude within -180..180
        degrees (WGS 84): a coordinate outside them is a typing error, and
        the suggestions would compute a meaningless distance from it (issue
        14). Applies to every contact, also when entered on a profile, whose
        address and coordinates are those of its contact.

        :raise ValidationError: a coordinate outside its range
        """
        for partner in self:
            for name, limit in COORDINATE_LIMITS.items():
                value = partner[name]
                if value and abs(value) > limit:
                    message = (
                        self.env._(
                            "The latitude of %(name)s is %(value)s, but a "
                            "latitude lies between -90 and 90 degrees. Check "
                            "the coordinates (perhaps latitude and longitude "
                            "were swapped) or let Geolocate find them.",
                            name=partner.display_name,
                            value=value,
                        )
                        if name == "partner_latitude"
                        else self.env._(
                            "The longitude of %(name)s is %(value)s, but a "
                            "longitude lies between -180 and 180 degrees. "
                            "Check the coordinates or let Geolocate find them.",
                            name=partner.display_name,
                            value=value,
                        )
                    )
                    raise ValidationError(message)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # The record rules read the programmes of a person through their
        # relation table, which a search does not flush by itself: a profile
        # moved to another programme a moment ago must count at once.
        self.flush_model(["mentoring_person_program_ids"])
        return super()._search(domain, offset, limit, order)

    def write(self, vals):
        result = super().write(vals)
        # The cached time zone of a company follows its contact.
        if "tz" in vals and (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("partner_id", "in", self.ids)], limit=1)
        ):
            self.env.registry.clear_cache()
            # The scheduled actions run at night in the new time zone.
            self.env["res.company"]._mentoring_schedule_nightly()
        return result
