from odoo import models


class ResPartner(models.Model):
    """A contact: the organisation's time zone is that of the company's
    contact (see res.company's ``_mentoring_today``)."""

    _inherit = "res.partner"

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
