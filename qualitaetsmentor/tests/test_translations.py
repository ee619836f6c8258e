import re
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests.common import TransactionCase
from odoo.tools import html2plaintext
from odoo.tools.translate import TranslationModuleReader, code_translations

# English words that are no German words: articles, pronouns, prepositions,
# conjunctions and auxiliaries, which every English phrase needs, and the
# words of the domain the demo talks about. Words both languages use ("in",
# "an", "was", "will", "also", "die", "Feedback", "Check-in", "Sport") are
# left out, and so are names of people and places: none of them is here.
ENGLISH_WORDS = frozenset(
    """
    the and with of to for after before is are were be been has have had
    would should could this that these those she he they his their our your
    you it its who which what from by about at on or not into over under
    each every both again only still just than then there here when where
    talk talks meeting meetings call phone reading school family mother
    father daughter son brother sister week weeks month months year years
    day days first second new first last next time homework help planned
    agreed wants likes together contact contacts volunteer volunteers
    children people young city
    """.split()
)
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
# The demo's records whose texts a user reads, and their fields that hold
# no text (addresses, logins, codes).
DEMO_MODELS = (
    "mentoring.program",
    "mentoring.tag",
    "mentoring.mentor",
    "mentoring.mentee",
    "mentoring.tandem",
    "mentoring.key.moment",
    "mentoring.stage",
    "mentoring.key.moment.type",
    "mentoring.end.reason",
    "mail.activity",
    "mail.activity.plan",
    "mail.activity.plan.template",
    "mail.activity.type",
)
NOT_TEXT = {"email", "phone", "login", "tz", "lang", "street", "street2", "city"}


class TestTranslations(TransactionCase):
    """Every string a user can meet ships in German."""

    module = "qualitaetsmentor"

    def _terms(self):
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        return {row[4] for row in reader if row[0] == self.module and row[4]}

    def test_every_string_of_the_code_reaches_a_german_user(self):
        # Odoo gives the German of a string in Python code only from an
        # entry marked "odoo-python" with a code reference: an entry that
        # lost them (a merge, a hand edit) leaves the German user with
        # English, although de.po holds the German.
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        in_code = {
            row[4]
            for row in reader
            if row[0] == self.module and row[1] == "code" and "odoo-python" in row[6]
        }
        german = code_translations.get_python_translations(self.module, "de_DE")
        self.assertFalse(
            sorted(in_code - set(german)),
            "Strings of the code without German for a German user",
        )

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

    def _english(self, text):
        """The English words of ``text`` (see ENGLISH_WORDS)."""
        return sorted(
            {word for word in WORD.findall(text) if word.lower() in ENGLISH_WORDS}
        )

    def test_german_demo_has_no_english_text(self):
        """The demo a German organisation sees is German: every text of the
        demo records (read in German: translated fields show their German
        terms), their activities and the chatter posted on the demo's
        profiles and tandems.

        A heuristic, not a proof: a text fails when it holds a word of
        ENGLISH_WORDS, which any English sentence or phrase does ("Feedback
        talk after six months"); a lone English noun that is no such word
        would pass. Names of people and places are never in the list."""
        module = self.env["ir.module.module"].search([("name", "=", self.module)])
        if not module.demo:
            self.skipTest("installed without demo data")
        env = self.env(context=dict(self.env.context, lang="de_DE"))
        data = self.env["ir.model.data"].search(
            [("module", "=", self.module), ("model", "in", DEMO_MODELS)]
        )
        found = []
        records_by_model = {}
        for xmlid in data:
            records_by_model.setdefault(xmlid.model, []).append(xmlid.res_id)
        for model, ids in records_by_model.items():
            records = env[model].browse(ids).exists()
            names = [
                name
                for name, field in records._fields.items()
                if field.type in ("char", "text", "html")
                and field.store
                and name not in NOT_TEXT
                and not name.startswith(("message_", "activity_", "website_"))
                and name not in ("display_name", "icon", "decoration_type")
            ]
            for record in records.sudo():
                for name in names:
                    value = record[name]
                    if not value or not isinstance(value, str):
                        continue
                    text = html2plaintext(value) if "<" in value else value
                    if words := self._english(text):
                        found.append(f"{record._name},{record.id}.{name}: {words}")
        demo = {
            model: ids
            for model, ids in records_by_model.items()
            if model in ("mentoring.mentor", "mentoring.mentee", "mentoring.tandem")
        }
        for model, ids in demo.items():
            for message in (
                env["mail.message"]
                .sudo()
                .search([("model", "=", model), ("res_id", "in", ids)])
            ):
                text = html2plaintext(message.body or "")
                if words := self._english(text):
                    found.append(f"chatter of {model},{message.res_id}: {words}")
            for activity in (
                env["mail.activity"]
                .sudo()
                .search([("res_model", "=", model), ("res_id", "in", ids)])
            ):
                text = (
                    (activity.summary or "") + " " + html2plaintext(activity.note or "")
                )
                if words := self._english(text):
                    found.append(f"activity on {model},{activity.res_id}: {words}")
        self.assertFalse(found, "English in the German demo:\n" + "\n".join(found[:40]))
