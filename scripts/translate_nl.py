"""Fills missing Dutch translations in locale/nl/LC_MESSAGES/django.po from a JSON file.

Usage: python scripts/translate_nl.py translations.json   (a {"msgid": "msgstr"} object; for a
plural message the value is a list: ["singular", "plural"])
Existing translations are kept; fuzzy flags on filled entries are removed.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale/nl/LC_MESSAGES/django.po"


def main(path: str) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO))
    po.metadata["Language"] = "nl"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    filled = 0
    for entry in po:
        if entry.msgid in translations and (not entry.translated() or entry.fuzzy):
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.translated()]
    print(f"filled {filled}, still missing {len(missing)}")
    for msgid in missing:
        print(f"  {msgid!r}")


if __name__ == "__main__":
    main(sys.argv[1])
