"""The organisation (res.company): its local day.

Every date QualitätsMENTOR derives from "today" (health, reminders, gates,
phase dates, retention, reports) is the organisation's local day, not the
server's (UTC) nor the day of the user who happens to save: otherwise the
nightly scheduled action and a coordinator's save disagree around midnight
(doc/domain.md, Monitoring and support).
"""

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression

# The organisations are German: the time zone when the company's contact has
# none.
DEFAULT_TZ = "Europe/Berlin"
# The scheduled actions run at night (README.md, Monitoring): at this hour of
# the organisation's day, when nobody works with the tandems.
NIGHTLY_HOUR = 2
NIGHTLY_CRONS = (
    "qualitaetsmentor.ir_cron_monitor_quality",
    "qualitaetsmentor.ir_cron_mentoring_anonymization",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    def _mentoring_tz(self):
        """The organisation's time zone: that of the company's contact
        (``partner_id.tz``), Europe/Berlin when it is empty.

        :return: a pytz time zone
        """
        company = self or self.env.company
        company.ensure_one()
        try:
            return pytz.timezone(self._mentoring_tz_name(company.id))
        except pytz.UnknownTimeZoneError:
            return pytz.timezone(DEFAULT_TZ)

    @api.model
    @tools.ormcache("company_id")
    def _mentoring_tz_name(self, company_id):
        """The name of the company's time zone, cached for every request (a
        board or a form computes "today" without a query); a change of the
        time zone of a company's contact clears the cache (res.partner's
        ``write``)."""
        # As superuser: everyone works with the organisation's day, also
        # users who may not read the company's contact.
        return self.sudo().browse(company_id).partner_id.tz or DEFAULT_TZ

    def write(self, vals):
        result = super().write(vals)
        if "partner_id" in vals:
            self.env.registry.clear_cache()
            self._mentoring_schedule_nightly()
        return result

    @api.model
    def _mentoring_schedule_nightly(self):
        """Move the next run of QualitätsMENTOR's scheduled actions to the
        next 02:00 (``NIGHTLY_HOUR``) in the organisation's time zone: that
        of the company of the user each runs as (see ``_mentoring_tz``).
        Called when the addon is installed or updated (data/ir_cron_data.xml)
        and when the time zone of a company's contact changes (res.partner's
        ``write``); afterwards Odoo repeats them every 24 hours.

        :return: None
        """
        now = pytz.utc.localize(fields.Datetime.now())
        for xmlid in NIGHTLY_CRONS:
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if not cron:
                continue
            cron = cron.sudo()
            tz = (cron.user_id.company_id or self.env.company)._mentoring_tz()
            local_now = now.astimezone(tz)
            day = local_now.date()
            if local_now.time() >= time(NIGHTLY_HOUR):
                day += timedelta(days=1)
            run = tz.localize(datetime.combine(day, time(NIGHTLY_HOUR)))
            cron.nextcall = run.astimezone(pytz.utc).replace(tzinfo=None)

    def _mentoring_today(self):
        """Today as the organisation's local day.

        Called on one company (an empty recordset stands for the current
        company, ``env.company``); for records of several companies call it
        on each record's company. The time zone comes from a cache (see
        ``_mentoring_tz_name``): no query per call.

        :return: a ``datetime.date``, the day it is now in the company's time
            zone (see ``_mentoring_tz``)
        """
        now = pytz.utc.localize(fields.Datetime.now())
        return now.astimezone(self._mentoring_tz()).date()

    def _mentoring_days(self):
        """The local day of each of these companies, for a loop over many
        records: one computation per company, not per record (each call of
        ``_mentoring_today`` costs about 50 µs, which the nightly run would
        pay for every tandem).

        :return: {res.company record: ``datetime.date``}; the empty company
            (a record without one) maps to the current company's day
        """
        days = {company: company._mentoring_today() for company in self}
        days[self.browse()] = self.browse()._mentoring_today()
        return days

    @api.model
    def _mentoring_day_search(self, build, operator, value):
        """The domain of a "due by today" filter that the server evaluates
        with each organisation's local day, for the search method of a
        non-stored Boolean field (the search views' filters use these
        instead of the browser's ``context_today()``, which is the day of
        whoever searches).

        :param build: function(``datetime.date``) -> domain, given a
            company's local day
        :param operator: ``=`` or ``!=``, as Odoo passes it to the search
            method
        :param value: True or False
        :return: a domain on the records' ``company_id``: for each of the
            user's companies (and records without one), ``build`` of its day;
            negated for ``= False``
        :raise UserError: for another operator
        """
        if operator not in ("=", "!="):
            raise UserError(
                self.env._("This filter only compares with yes or no (= or !=).")
            )
        days = self.env.companies._mentoring_days()
        domain = expression.OR(
            [
                expression.AND([[("company_id", "=", company.id or False)], build(day)])
                for company, day in days.items()
            ]
        )
        if (operator == "=") == bool(value):
            return domain
        return ["!", *expression.normalize_domain(domain)]
