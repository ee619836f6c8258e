"""What `./qm i18n` needs besides click-odoo-makepot, run after it with the
virtual environment's Python (polib comes with Odoo's requirements).

    python tools/po_summary.py addon/i18n/addon.pot addon/i18n/de.po

click-odoo-makepot exports the .pot and merges it into the existing .po files
with msgmerge, keeping their translations. Two things it does not do:

* Odoo does not export a module's own Apps summary with the module (it
  belongs to `base`), but loads it from the module's .po when the .pot has it
  too: both get an entry for it here. msgmerge has marked the summary's
  translation obsolete (the exported .pot lacks it); it comes back, and the
  other obsolete entries (strings no longer in the code) go.
* An addon without a German translation yet gets its de.po, every string
  untranslated.
"""

import ast
import sys
from pathlib import Path

import polib

LANGUAGE = {"Language": "de", "Plural-Forms": "nplurals=2; plural=(n != 1);"}


def summary_entry(addon_dir):
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    if not manifest.get("summary"):
        return None
    return polib.POEntry(
        msgid=manifest["summary"],
        msgstr="",
        comment=f"module: {addon_dir.name}",
        occurrences=[
            (f"model:ir.module.module,summary:base.module_{addon_dir.name}", "")
        ],
    )


def complete(pot_path, po_path):
    """Add the summary to the .pot and the .po; return the number of
    untranslated strings of the .po."""
    pot_path, po_path = Path(pot_path), Path(po_path)
    template = polib.pofile(str(pot_path))
    summary = summary_entry(pot_path.resolve().parent.parent)
    if summary and template.find(summary.msgid) is None:
        template.append(summary)
    template.save(str(pot_path))
    if not po_path.is_file():
        template.metadata.update(LANGUAGE)
        template.save(str(po_path))
        return len(template)
    translation = polib.pofile(str(po_path))
    if summary and translation.find(summary.msgid) is None:
        old = translation.find(summary.msgid, include_obsolete_entries=True)
        summary.msgstr = old.msgstr if old else ""
        translation.append(summary)
    for entry in translation.obsolete_entries():
        translation.remove(entry)
    translation.save(str(po_path))
    return len(translation.untranslated_entries())


if __name__ == "__main__":
    untranslated = complete(sys.argv[1], sys.argv[2])
    print(f"{untranslated} untranslated strings in {sys.argv[2]}")
