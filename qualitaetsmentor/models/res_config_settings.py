from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get


class ResConfigSettings(models.TransientModel):
    """QualitätsMENTOR's block in Settings: the organisation's time zone and
    the way to programmes, roles, data protection and documentation."""

    _inherit = "res.config.settings"

    # The day the standards count in (res.company's _mentoring_today): the
    # time zone of the company's contact, as the data-protection issue
    # defines it. Changing it moves the nightly runs (res.partner's write).
    # Computed rather than related: while the contact has no time zone the
    # app counts in Europe/Berlin, and the setting shows that zone instead
    # of an empty field.
    mentoring_tz = fields.Selection(
        _tz_get,
        compute="_compute_mentoring_tz",
        inverse="_inverse_mentoring_tz",
        readonly=False,
        string="Organisation's Time Zone",
        help="The day the standards count in (contacts, feedback talks, "
        "reminders), and the scheduled actions run at 02:00 of it. It is the "
        "time zone of the company's contact.",
    )

    # The map of the "Ready to Be Matched" page (issue 14): without a tile
    # server it shows the markers on a plain background and sends nothing to
    # a third party.
    mentoring_map_tile_url = fields.Char(
        "Map Tile Server",
        config_parameter="qualitaetsmentor.map_tile_url",
        help="Address of the map tiles for the map of the page Ready to Be "
        "Matched, for example https://tiles.example.org/{z}/{x}/{y}.png. "
        "Empty: the markers on a plain background, nothing is sent to a third "
        "party. A tile server learns which area a coordinator looks at: the "
        "organisation's data-protection officer decides whether and which one "
        "is used.",
    )

    @api.depends("company_id")
    def _compute_mentoring_tz(self):
        for settings in self:
            settings.mentoring_tz = settings.company_id._mentoring_tz().zone

    def _inverse_mentoring_tz(self):
        for settings in self:
            partner = settings.company_id.partner_id
            if settings.mentoring_tz and partner.tz != settings.mentoring_tz:
                partner.tz = settings.mentoring_tz

    def action_mentoring_users(self):
        """The users, to give the roles of QualitätsMENTOR; a user created
        from here gets the organisation's time zone (not the server's UTC).

        :return: the window action of Settings → Users
        """
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_res_users")
        action["context"] = {
            "default_tz": self.env.company._mentoring_tz().zone,
        }
        return action
