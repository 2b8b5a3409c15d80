"""JS checks: what ThingsBoard's JS engines will not run, and a script that can end without ``return``.

* a syntax error (acorn, the latest ECMAScript): error;
* what ThingsBoard's local JS engine (Nashorn, ES5) rejects: warning, from :func:`engine_diagnostics`
  (:func:`tbkit.converters.nashorn.engine.static_warnings`);
* a path on which the script reaches its end without ``return``: ThingsBoard then gets no
  result (``undefined``) and the uplink fails: warning at the statement the path leaves from.

>>> for d in lint_js("var d = decodeToJson(payload);\\nif (d.t) {\\n  return {t: d.t};\\n}"):
...     print(d.line, d.severity, d.message.split(":")[0])
2 warning the script can end after this statement without a return
"""

from __future__ import annotations

import re
from typing import Any

from ..jsparse import JsSyntaxError, parse_js
from ..nashorn.engine import static_warnings
from .diagnostics import Diagnostic

__all__ = ["engine_diagnostics", "lint_js", "returns_on_every_path"]

Node = dict[str, Any]
_LINE = re.compile(r"line (\d+): (.*)", re.S)
_LOOPS = ("WhileStatement", "DoWhileStatement", "ForStatement", "ForInStatement", "ForOfStatement")


def engine_diagnostics(source: str, parsed: bool = True) -> list[Diagnostic]:
    """What ThingsBoard's local JS engine (Nashorn, ES5) will not run, as warnings.

    For a script that is not JavaScript at all (``parsed=False``) the local engine's own
    syntax error is left out: the syntax error says it already.
    """
    out = []
    for text in static_warnings(source, "decode"):
        match = _LINE.match(text)
        if match and (parsed or "this script: ScriptException" not in text):
            out.append(Diagnostic(int(match.group(1)), 1, "warning", match.group(2)))
    return out


def _breaks(node: object, label: str | None, depth: int = 0) -> bool:
    """Whether ``node`` holds a ``break`` that leaves the statement being analysed."""
    if isinstance(node, list):
        return any(_breaks(n, label, depth) for n in node)
    if not isinstance(node, dict) or "type" not in node:
        return False
    kind = node["type"]
    if kind == "BreakStatement":
        target = node.get("label")
        return (target is None and depth == 0) or (target is not None and target["name"] == label)
    if kind in ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ClassDeclaration"):
        return False
    inner = depth + 1 if kind in (*_LOOPS, "SwitchStatement") else depth
    return any(_breaks(v, label, inner) for k, v in node.items() if k not in ("type", "loc"))


def _always_true(test: Node | None) -> bool:
    return test is None or (test["type"] == "Literal" and bool(test.get("value")) is True)


def _completes(node: Node, label: str | None = None) -> bool:
    """Whether execution can continue after ``node`` (ECMAScript's "completes normally")."""
    kind = node["type"]
    if kind in ("ReturnStatement", "ThrowStatement"):
        return False
    if kind == "BlockStatement":
        return _sequence(node["body"]) is None
    if kind == "IfStatement":
        return node["alternate"] is None or _completes(node["consequent"]) or _completes(node["alternate"])
    if kind == "TryStatement":
        if node.get("finalizer") and not _completes(node["finalizer"]):
            return False
        handler = node.get("handler")
        return _completes(node["block"]) or (handler is not None and _completes(handler["body"]))
    if kind == "SwitchStatement":
        cases = node["cases"]
        has_default = any(c["test"] is None for c in cases)
        falls_out = not cases or _sequence([s for c in cases for s in c["consequent"]]) is None
        return not has_default or falls_out or _breaks([c["consequent"] for c in cases], None)
    if kind in ("WhileStatement", "ForStatement"):
        return not _always_true(node.get("test")) or _breaks(node["body"], label)
    if kind == "DoWhileStatement":
        return (_completes(node["body"]) and not _always_true(node["test"])) or _breaks(node["body"], label)
    if kind == "LabeledStatement":
        name = node["label"]["name"]
        return _completes(node["body"], name) or _breaks(node["body"], name)
    return True


def _sequence(body: list[Node]) -> Node | None:
    """The first statement after which execution cannot continue, or None when the list completes."""
    for statement in body:
        if not _completes(statement):
            return statement
    return None


def returns_on_every_path(program: Node) -> Node | None:
    """None when every path ends in ``return`` or ``throw``; else the last statement a path leaves from."""
    body = [s for s in program["body"] if s["type"] not in ("FunctionDeclaration", "EmptyStatement")]
    if _sequence(body) is not None:
        return None
    return body[-1] if body else program


def lint_js(source: str) -> list[Diagnostic]:
    """Every JS diagnostic for ``source`` (a converter's body), in line order."""
    try:
        program = parse_js(source)
    except JsSyntaxError as exc:
        return [Diagnostic(exc.line, exc.column, "error", exc.message), *engine_diagnostics(source, parsed=False)]
    found = engine_diagnostics(source)
    leak = returns_on_every_path(program)
    if leak is not None:
        start = leak.get("loc", {}).get("start", {"line": 1, "column": 0})
        if leak is program:
            message = "the script has no return: ThingsBoard gets no result (undefined) and the message fails"
        else:
            message = (
                "the script can end after this statement without a return: on that path ThingsBoard "
                "gets no result (undefined) and the message fails"
            )
        found.append(Diagnostic(start["line"], start["column"] + 1, "warning", message))
    return sorted(found)
