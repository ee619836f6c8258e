"""Merge a freshly exported .pot into a translation, keeping what is
translated already. Run with the virtual environment's Python (polib comes
with Odoo's requirements).

    python tools/po_merge.py addon/i18n/addon.pot addon/i18n/de.po

Odoo does not export a module's own Apps summary with the module (it belongs
to `base`), but loads it from the module's .po when the .pot has it too: both
get an entry for it here.
"""

import ast
import sys
from pathlib import Path

import polib


def _manifest_entries(pot_path):
    addon_dir = Path(pot_path).resolve().parent.parent
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    entries = []
    if manifest.get("summary"):
        entries.append(
            polib.POEntry(
                msgid=manifest["summary"],
                msgstr="",
                comment=f"module: {addon_dir.name}",
                occurrences=[
                    (f"model:ir.module.module,summary:base.module_{addon_dir.name}", "")
                ],
            )
        )
    return entries


def merge(pot_path, po_path):
    template = polib.pofile(str(pot_path))
    known_msgids = {entry.msgid for entry in template}
    for entry in _manifest_entries(pot_path):
        if entry.msgid not in known_msgids:
            template.append(entry)
    template.save(str(pot_path))
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
