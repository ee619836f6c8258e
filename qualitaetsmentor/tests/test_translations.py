from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests.common import TransactionCase
from odoo.tools.translate import TranslationModuleReader


class TestTranslations(TransactionCase):
    """Every string a user can meet ships in German."""

    module = "qualitaetsmentor"

    def _terms(self):
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        return {row[4] for row in reader if row[0] == self.module and row[4]}

    def test_german_translation_is_complete(self):
        po_path = Path(get_module_path(self.module)) / "i18n" / "de.po"
        translated = {
            entry.msgid
            for entry in polib.pofile(str(po_path))
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        }
        missing = sorted(self._terms() - translated)
        self.assertFalse(
            missing,
            "Not translated in i18n/de.po:\n" + "\n".join(missing[:40]),
        )

    def test_template_is_up_to_date(self):
        pot_path = Path(get_module_path(self.module)) / "i18n" / f"{self.module}.pot"
        template = {entry.msgid for entry in polib.pofile(str(pot_path))}
        missing = sorted(self._terms() - template)
        self.assertFalse(
            missing, f"Not in i18n/{self.module}.pot:\n" + "\n".join(missing[:40])
        )

    def test_apps_summary_is_german(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms([self.module], ["de_DE"])
        module = self.env["ir.module.module"].search([("name", "=", self.module)])
        german = module.with_context(lang="de_DE").summary
        self.assertTrue(german)
        self.assertNotEqual(german, module.with_context(lang="en_US").summary)
