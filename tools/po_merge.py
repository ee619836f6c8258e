"""Merge a freshly exported .pot into a translation, keeping what is
translated already. Run with the virtual environment's Python (polib comes
with Odoo's requirements).

    python tools/po_merge.py addon/i18n/addon.pot addon/i18n/de.po
"""

import sys
from pathlib import Path

import polib


def merge(pot_path, po_path):
    template = polib.pofile(str(pot_path))
    known = {}
    if Path(po_path).is_file():
        known = {entry.msgid: entry.msgstr for entry in polib.pofile(str(po_path))}
    template.metadata["Language"] = "de"
    template.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in template:
        entry.msgstr = known.get(entry.msgid, "")
    template.save(str(po_path))
    return sum(1 for entry in template if not entry.msgstr)


if __name__ == "__main__":
    untranslated = merge(sys.argv[1], sys.argv[2])
    print(f"{untranslated} untranslated strings in {sys.argv[2]}")
