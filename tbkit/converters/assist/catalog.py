"""The table of converter helpers: what ThingsBoard registers for TBEL and what the JS wrapper provides.

The data is ``helpers.json`` beside this module, written by us from the behaviour (ThingsBoard's
``TbUtils``, ``TbDate``, ``TbJson``, tbel's collection classes, tbkit's JS prelude). One entry per
helper: ``name`` (``parseBytesToInt``, ``Math.abs``, ``List.add``), ``lang`` (``TBEL`` or ``JS``),
``kind`` (``function``: called by name; ``static``: ``Math.abs(...)``; ``field``: ``Math.PI``;
``method``: called on a value of the type before the dot), ``sig`` (one signature per overload),
``returns``, ``doc`` (one line), ``throws``, and an ``example`` with its ``result`` (or ``raises``,
or ``logs``). Tests tie the table to the runtime both ways and run every example.

>>> [h.name for h in find("parseBytesToInt")]
['parseBytesToInt']
>>> find("parseBytesToInt")[0].arities
(1, 2, 3, 4)
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ...models import JsonObject

__all__ = ["Helper", "describe", "find", "helpers", "suggest"]

_TABLE = Path(__file__).with_name("helpers.json")
_PARAMS = re.compile(r"\((.*)\)\s*$")


@dataclass(frozen=True)
class Helper:
    """One documented helper (all its overloads)."""

    name: str
    lang: str
    kind: str
    signatures: tuple[str, ...]
    returns: str
    doc: str
    throws: str
    example: str
    expected: JsonObject

    @property
    def owner(self) -> str:
        """The type or namespace before the dot (``List``, ``Math``), or ``""``."""
        return self.name.rpartition(".")[0]

    @property
    def short(self) -> str:
        """The name as written after the dot (``add`` for ``List.add``)."""
        return self.name.rpartition(".")[2]

    @property
    def params(self) -> tuple[tuple[str, ...], ...]:
        """Each overload's parameters as written (``"int offset"``)."""
        out = []
        for sig in self.signatures:
            match = _PARAMS.search(sig)
            inner = match.group(1).strip() if match else ""
            out.append(tuple(p.strip() for p in inner.split(",")) if inner else ())
        return tuple(out)

    @property
    def arities(self) -> tuple[int, ...]:
        """The argument counts the overloads take (a varargs overload adds its fixed count)."""
        return tuple(sorted({len([p for p in ps if "..." not in p]) for ps in self.params}))

    @property
    def varargs(self) -> bool:
        """Whether an overload takes any number of trailing arguments."""
        return any("..." in p for ps in self.params for p in ps)

    def takes(self, count: int) -> bool:
        """Whether some overload accepts ``count`` arguments."""
        if count in self.arities:
            return True
        return self.varargs and count >= min(self.arities)

    def to_json(self) -> JsonObject:
        """The entry as the editor's completion and hover get it."""
        entry: JsonObject = {
            "name": self.name,
            "kind": self.kind,
            "sig": list(self.signatures),
            "returns": self.returns,
        }
        entry.update({"doc": self.doc, "throws": self.throws, "example": self.example})
        return entry


def _helper(entry: dict[str, Any]) -> Helper:
    expected: JsonObject = {k: entry[k] for k in ("result", "raises", "logs") if k in entry}
    return Helper(
        name=entry["name"],
        lang=entry["lang"],
        kind=entry["kind"],
        signatures=tuple(entry["sig"]),
        returns=entry["returns"],
        doc=entry["doc"],
        throws=entry.get("throws", ""),
        example=entry["example"],
        expected=expected,
    )


@cache
def _all() -> tuple[Helper, ...]:
    doc = json.loads(_TABLE.read_text("utf-8"))
    return tuple(_helper(e) for e in doc["helpers"])


def helpers(lang: str | None = None) -> tuple[Helper, ...]:
    """Every documented helper, or those of one language (``"TBEL"`` or ``"JS"``)."""
    return tuple(h for h in _all() if lang is None or h.lang == lang.upper())


def find(name: str, lang: str | None = None) -> list[Helper]:
    """The helpers called ``name``: a full name (``List.add``) or the name after the dot (``add``)."""
    pool = helpers(lang)
    exact = [h for h in pool if h.name == name]
    return exact or [h for h in pool if h.short == name and h.kind == "method"]


def suggest(name: str, lang: str | None = None, limit: int = 3) -> list[str]:
    """Documented names close to ``name`` (for "did you mean")."""
    names = sorted({h.name for h in helpers(lang)} | {h.short for h in helpers(lang)})
    return difflib.get_close_matches(name, names, n=limit, cutoff=0.75)


def describe(helper: Helper) -> str:
    """The helper's documentation as plain text (what ``tbkit.help`` prints and hover shows)."""
    lines = [f"{sig} -> {helper.returns}" for sig in helper.signatures]
    lines += ["", helper.doc]
    if helper.throws:
        lines.append(f"Throws: {helper.throws}")
    lines.append(f"Example ({helper.lang}): {helper.example}")
    if "result" in helper.expected:
        lines.append(f"  gives {json.dumps(helper.expected['result'], ensure_ascii=False)}")
    elif "raises" in helper.expected:
        lines.append(f"  stops the script with the error {helper.expected['raises']!r}")
    elif "logs" in helper.expected:
        lines.append(f"  logs {json.dumps(helper.expected['logs'], ensure_ascii=False)}")
    return "\n".join(lines)
