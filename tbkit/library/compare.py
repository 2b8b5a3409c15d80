"""Compare a converter's output with the expected result, as JSON values, and say where they differ.

Object key order does not matter, list order does. By default the JSON types must match
too: ``21.0`` (a Java double, which ThingsBoard stores as DOUBLE) is not ``21`` (a long,
stored as LONG), and ``true`` is not ``1``. With ``loose=True`` the comparison is the
data-converters validator's, Python ``==`` on the parsed JSON, where numbers compare by value
and ``true == 1``. The diff walks both values with the same rule and names each difference by
its path:

>>> json_diff({"telemetry": {"values": {"temperature": 21.5}}},
...           {"telemetry": {"values": {"temperature": 21}}})
['telemetry.values.temperature: expected 21.5, got 21']
>>> json_diff([{"a": 1, "b": 2}], [{"a": 1, "c": 3}])
['[0].b: missing (expected 2)', '[0].c: unexpected (got 3)']
>>> json_diff({"a": 1}, {"a": 1.0})
['a: expected 1, got 1.0']
>>> json_diff({"a": 1}, {"a": 1.0}, loose=True)
[]
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from ..models import JsonLike

__all__ = ["json_diff", "json_equal", "render_value"]

_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
MAX_VALUE_CHARS = 80


def json_equal(expected: JsonLike, got: JsonLike, *, loose: bool = False) -> bool:
    """``expected`` and ``got`` are the same JSON value, types included (``loose``: ``==``)."""
    if loose:
        return bool(expected == got)
    return _same(expected, got)


def _same(a: JsonLike, b: JsonLike) -> bool:
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, (bool, int, float)) or isinstance(b, (bool, int, float)):
        return type(a) is type(b) and bool(a == b)
    return bool(a == b)


def render_value(value: object, limit: int = MAX_VALUE_CHARS) -> str:
    """A value as compact JSON, cut to ``limit`` characters."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(path: str, key: str) -> str:
    if _IDENT.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _where(path: str) -> str:
    return path or "(whole result)"


def json_diff(expected: JsonLike, got: JsonLike, path: str = "", *, loose: bool = False) -> list[str]:
    """One line per difference, ``"<path>: expected X, got Y"``; ``[]`` when equal.

    Types must match unless ``loose`` (see the module docstring).
    """
    if json_equal(expected, got, loose=loose):
        return []
    if isinstance(expected, dict) and isinstance(got, dict):
        return _dict_diff(expected, got, path, loose)
    if isinstance(expected, list) and isinstance(got, list):
        return _list_diff(expected, got, path, loose)
    return [f"{_where(path)}: expected {render_value(expected)}, got {render_value(got)}"]


def _dict_diff(expected: Mapping[str, JsonLike], got: Mapping[str, JsonLike], path: str, loose: bool) -> list[str]:
    lines: list[str] = []
    for key, value in expected.items():
        where = _key(path, str(key))
        if key not in got:
            lines.append(f"{where}: missing (expected {render_value(value)})")
        else:
            lines.extend(json_diff(value, got[key], where, loose=loose))
    for key, value in got.items():
        if key not in expected:
            lines.append(f"{_key(path, str(key))}: unexpected (got {render_value(value)})")
    return lines


def _list_diff(expected: Sequence[JsonLike], got: Sequence[JsonLike], path: str, loose: bool) -> list[str]:
    lines: list[str] = []
    for index, (want, have) in enumerate(zip(expected, got, strict=False)):
        lines.extend(json_diff(want, have, f"{path}[{index}]", loose=loose))
    for index in range(len(got), len(expected)):
        lines.append(f"{path}[{index}]: missing (expected {render_value(expected[index])})")
    for index in range(len(expected), len(got)):
        lines.append(f"{path}[{index}]: unexpected (got {render_value(got[index])})")
    if len(expected) != len(got):
        lines.insert(0, f"{_where(path)}: expected {len(expected)} items, got {len(got)}")
    return lines
