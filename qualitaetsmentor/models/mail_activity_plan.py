from collections import Counter

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from .mentoring_profile_mixin import COORDINATOR

_lt = LazyTranslate(__name__)

# The names of the plans the addon ships. Odoo 18 stores a plan's name in one
# language only (``mail.activity.plan.name`` is not translatable): the addon
# writes it in the organisation's language from these terms (i18n/de.po).
SHIPPED_PLAN_NAMES = {
    "qualitaetsmentor.mail_activity_plan_matching": _lt("Start of a tandem"),
}


class MailActivityPlan(models.Model):
    _inherit = "mail.activity.plan"

    @api.model
    def _mentoring_organisation_lang(self):
        """The language the organisation works in, for texts Odoo stores in
        one language only.

        :return: the code of an active language, e.g. ``de_DE``

        In this order: the language of the main company's contact, when it
        is another than English (Odoo's install default, not a choice); the
        language most of the active coordinators work in (they read the
        plans; Odoo's database manager sets the language chosen at creation
        on the administrator, not on the company's contact); the language of
        the administrator; English.
        """
        active = {code for code, _name in self.env["res.lang"].get_installed()}
        company = self.env.ref("base.main_company", raise_if_not_found=False)
        if company and company.partner_id.lang not in (False, "en_US"):
            if company.partner_id.lang in active:
                return company.partner_id.lang
        coordinators = self.env.ref(COORDINATOR).sudo().users.filtered("active")
        counts = Counter(user.lang for user in coordinators if user.lang in active)
        if counts:
            # Most coordinators; on a tie, the first language by code.
            return min(counts, key=lambda lang: (-counts[lang], lang))
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        if admin and admin.lang in active:
            return admin.lang
        return "en_US"

    @api.model
    def _mentoring_localize_shipped_plans(self):
        """Write the shipped plans and their templates in the organisation's
        language (see ``_mentoring_organisation_lang``); called at install
        (post-init hook, after the translations are loaded) and at each
        update (data file).

        :return: None

        Plan names come from the addon's translations (``SHIPPED_PLAN_NAMES``),
        a template's summary and note from its activity type's translated
        default summary and note. A value an administrator has changed is
        kept: only a value that still equals the shipped text in some active
        language (or in the English source) is rewritten.
        """
        lang = self._mentoring_organisation_lang()
        langs = {code for code, _name in self.env["res.lang"].get_installed()}
        langs.add("en_US")
        for xmlid, term in SHIPPED_PLAN_NAMES.items():
            plan = self.env.ref(xmlid, raise_if_not_found=False)
            if not plan:
                continue
            shipped = {self.with_context(lang=code).env._(term) for code in langs}
            wanted = self.with_context(lang=lang).env._(term)
            if plan.name in shipped and plan.name != wanted:
                plan.name = wanted
            for template in plan.template_ids.filtered("activity_type_id"):
                template._mentoring_localize(lang, langs)
