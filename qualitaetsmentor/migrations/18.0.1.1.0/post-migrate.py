"""Issue 14: the mentor's free-text languages and interests become tags.

Each comma- (or semicolon-) separated value becomes a tag: a language matches
an existing one by its German or English name or its ISO 639 code, ignoring
case; an interest by its name; what matches nothing is created. The old
columns are dropped then, so no untagged copy of the personal data stays
behind for the anonymisation to miss.
"""

import logging
import re

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.module import get_module_path
from odoo.tools import SQL
from odoo.tools.sql import column_exists
from odoo.tools.translate import PoFileReader

_logger = logging.getLogger(__name__)

SEPARATORS = re.compile(r"[,;\n]")


def _values(text):
    """The values of a free-text list, stripped, in order, once each."""
    seen, values = set(), []
    for value in SEPARATORS.split(text or ""):
        value = " ".join(value.split())
        if value and value.lower() not in seen:
            seen.add(value.lower())
            values.append(value)
    return values


def _german_language_names():
    """The German names of the shipped languages, by their English name,
    from the module's de.po: they may not be loaded into the database yet
    (translations load after this script) or German may not be installed."""
    path = f"{get_module_path('qualitaetsmentor')}/i18n/de.po"
    names = {}
    with open(path, "rb") as po_file:
        for entry in PoFileReader(po_file):
            if entry["name"] == "mentoring.language,name" and entry["value"]:
                names[entry["src"].lower()] = entry["value"]
    return names


class _Tags:
    """Finds the tags of one model by any of their names (in every language
    of the database) or extra keys, ignoring case; creates what is missing."""

    def __init__(self, env, model, extra_keys=None):
        self.model = env[model].with_context(active_test=False)
        self.extra_keys = extra_keys or (lambda record, names: [])
        self.by_key = {}
        env.cr.execute(
            SQL("SELECT id, name FROM %s", SQL.identifier(self.model._table))
        )
        for record_id, names in env.cr.fetchall():
            self._remember(self.model.browse(record_id), names or {})

    def _remember(self, record, names):
        for key in [*names.values(), *self.extra_keys(record, names)]:
            if key:
                self.by_key.setdefault(key.lower(), record)

    def get(self, value):
        record = self.by_key.get(value.lower())
        if not record:
            record = self.model.create({"name": value})
            _logger.info("Created %s %r from free text", self.model._name, value)
            self._remember(record, {"en_US": value})
        return record


def migrate(cr, version):
    columns = [
        name
        for name in ("languages", "interests")
        if column_exists(cr, "mentoring_mentor", name)
    ]
    if not columns:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
    german = _german_language_names()

    def language_keys(language, names):
        english = (names.get("en_US") or "").lower()
        return [language.code, german.get(english)]

    tags = {
        "languages": (
            "language_ids",
            _Tags(env, "mentoring.language", language_keys),
        ),
        "interests": ("interest_ids", _Tags(env, "mentoring.interest")),
    }
    cr.execute(
        SQL(
            "SELECT id, %s FROM mentoring_mentor",
            SQL(", ").join(SQL.identifier(column) for column in columns),
        )
    )
    Mentor = env["mentoring.mentor"].with_context(active_test=False)
    for row in cr.fetchall():
        vals = {}
        for column, text in zip(columns, row[1:], strict=True):
            field, finder = tags[column]
            records = [finder.get(value) for value in _values(text)]
            if records:
                vals[field] = [Command.link(record.id) for record in records]
        if vals:
            Mentor.browse(row[0]).write(vals)
    Mentor.flush_model()
    # Odoo drops the columns of removed fields it knows; drop them here in
    # any case: an untagged copy of personal data must not stay behind.
    for column in columns:
        cr.execute(
            SQL("ALTER TABLE mentoring_mentor DROP COLUMN %s", SQL.identifier(column))
        )
