"""Warnings for JS syntax that ThingsBoard's local JS engine (Nashorn, ES5) cannot run.

tbkit runs converters in V8, like ThingsBoard's remote Node executor, so modern syntax
works here. A ThingsBoard server that runs JS locally (the monolith default) rejects it
(tb#3737, tb#13028, tb#9627), so tbkit warns, once per construct and line.

>>> for warning in es5_warnings("var a = 1;\\nconst b = x => x + 1;"):
...     print(warning)
line 2: 'const' is ES2015+; ThingsBoard's local JS engine (Nashorn, ES5) rejects it
line 2: arrow function '=>' is ES2015+; ThingsBoard's local JS engine (Nashorn, ES5) rejects it
"""

from __future__ import annotations

import re

__all__ = ["es5_warnings"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<template>`(?:\\.|[^`\\])*(?:`|\Z))
  | (?P<string>"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?)
  | (?P<word>[A-Za-z_$][\w$]*)
  | (?P<number>\d[\w.]*)
  | (?P<punct>=>|\?\.(?!\d)|\?\?=?|\.\.\.|\*\*=?|[^\sA-Za-z_$\d])
    """,
    re.S | re.X,
)
_REGEX = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n\[])+/[a-z]*")
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {"return", "typeof", "case", "do", "else", "in"}
_SYNTAX = {
    "let": "'let'",
    "const": "'const'",
    "class": "'class'",
    "=>": "arrow function '=>'",
    "?.": "optional chaining '?.'",
    "??": "nullish coalescing '??'",
    "??=": "nullish assignment '??='",
    "...": "spread/rest '...'",
    "**": "exponent operator '**'",
    "**=": "exponent assignment '**='",
    "`": "template literal",
    "async": "'async'",
    "await": "'await'",
    "of": "'for ... of'",
}


def es5_warnings(source: str) -> list[str]:
    """One message per ES2015+ construct (and line) that Nashorn would reject."""
    found: list[tuple[int, str]] = []
    for line, token in _tokens(source):
        key = "`" if token.startswith("`") else token
        if key in _SYNTAX and (line, key) not in found:
            found.append((line, key))
    return [
        f"line {line}: {_SYNTAX[key]} is ES2015+; ThingsBoard's local JS engine (Nashorn, ES5) rejects it"
        for line, key in found
    ]


def _tokens(source: str) -> list[tuple[int, str]]:
    """Significant tokens with their line, skipping strings, comments and regex literals.

    ``of`` counts only at the top level of a ``for (...)`` header.
    """
    out: list[tuple[int, str]] = []
    pos, line, previous = 0, 1, ""
    header_depth = -1  # -1: not in a for header; 0: after `for`, before `(`; n: paren depth
    while pos < len(source):
        if source[pos] == "/" and (previous in _REGEX_AFTER or previous == ""):
            match = _REGEX.match(source, pos)
            if match:
                pos, previous = match.end(), "regex"
                continue
        match = _TOKEN.match(source, pos)
        if match is None:  # pragma: no cover - the pattern matches any character
            break
        kind, text = match.lastgroup, match.group()
        if kind == "template":
            out.append((line, "`"))
        elif kind in ("word", "punct"):
            header_depth = _for_header(header_depth, text)
            if text == "of" and header_depth != 1:
                text = "of-name"
            out.append((line, text))
            previous = text
        elif kind in ("string", "number"):
            previous = "value"
        line += text.count("\n")
        pos = match.end()
    return out


def _for_header(depth: int, token: str) -> int:
    """Track whether we are inside the parentheses of a ``for`` header."""
    if token == "for":
        return 0
    if depth < 0:
        return depth
    if token == "(":
        return depth + 1
    if token == ")":
        return -1 if depth <= 1 else depth - 1
    return depth if depth > 0 else -1
