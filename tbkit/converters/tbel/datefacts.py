"""Java 17's localized date text for the locales a script names (``date_facts.json``, see runtime_datefmt.js).

The table (dumped from the JVM by ``tools/tbel_oracle/DateFacts.java``) is too large to load into every V8
context, so a compiled script carries the entries it can use: the default locale, the data Java uses for a
language it does not know (``und``), and every locale tag that appears as a string literal in the script.

>>> "dateFacts" in date_facts_js('var d = new Date(0); return d.toLocaleString("uk-UA");')
True
>>> date_facts_js("return {a: 1};")
''
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["date_facts_js"]

_DATE = re.compile(r"\bDate\b")
_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'")
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
_DEFAULT = ("und", "en", "en-US")


@cache
def _facts() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((Path(__file__).parent / "date_facts.json").read_text(encoding="utf-8"))
    return data


def _java_tag(text: str) -> str:
    """The table key of a locale tag: language lower case, region upper case (as Locale.forLanguageTag)."""
    parts = text.split("-")
    lang = parts[0].lower()
    rest = [p for p in parts[1:2] if len(p) == 2 or (len(p) == 3 and p.isdigit())]
    return lang + ("-" + rest[0].upper() if rest else "")


def date_facts_js(source: str) -> str:
    """``__tbel.dateFacts({...});`` for a script that uses ``Date``, else the empty string."""
    if not _DATE.search(source):
        return ""
    facts = _facts()
    locales: dict[str, Any] = facts["locales"]
    wanted: set[str] = set(_DEFAULT)
    for match in _STRING.finditer(source):
        text = match.group(1) if match.group(1) is not None else match.group(2)
        if not _TAG.fullmatch(text):
            continue
        tag = _java_tag(text)
        wanted.update(t for t in (tag, tag.split("-")[0]) if t in locales)
    chosen = {tag: locales[tag] for tag in sorted(wanted) if tag in locales}
    payload = {"zones": facts["zones"], "languages": facts["languages"], "locales": chosen}
    return "__tbel.dateFacts(" + json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + ");\n"
