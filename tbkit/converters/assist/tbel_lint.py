"""TBEL checks: what ThingsBoard's engine rejects, at compile time or only when a line runs.

* a syntax error (the engine refuses the script, whether it is in a function's body or not): error;
* what MVEL compiles but cannot run (``a ?? b``; an operator where an operand belongs, such as
  ``x + * 2``, inside a block): ThingsBoard accepts the script and fails only when that line runs:
  warning at its line;
* a call to a function neither defined in the script nor registered by ThingsBoard
  (``unable to resolve method`` when the line runs), and a helper called with an argument count
  none of its overloads takes: an error when the call runs on every run (top level, before any
  ``return``, not behind a condition), else a warning (it fails when that line is reached);
* a script function named like a helper: the helper always wins, the function never runs: warning;
  likewise a second function of the same name (the first one wins), and a variable named like a
  helper (reading it gives the helper, not the value).

>>> for d in lint_tbel("var v = parseBytesToInt(payload, 0, 2, true, 1);\\nif (v > 0) {\\n  v = foo(v);\\n}"):
...     print(d.line, d.column, d.severity, d.message.split(":")[0])
1 9 error parseBytesToInt takes 1, 2, 3 or 4 arguments, not 5
3 7 warning unknown function 'foo'
"""

from __future__ import annotations

import difflib

from ...errors import ConverterCompileError
from . import catalog
from .diagnostics import Diagnostic, Severity
from .tbel_view import IMPORTS, CallSite, Program, compile_error, read_program

__all__ = ["lint_tbel"]


def _counts(arities: tuple[int, ...]) -> str:
    words = [str(n) for n in arities]
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return text + (" argument" if words == ["1"] else " arguments")


def _parse(source: str) -> tuple[Program | None, list[Diagnostic]]:
    """Parse as ThingsBoard compiles: a syntax error is the script's error, function bodies included;
    what MVEL compiles but cannot run is a warning at its line."""
    try:
        program = read_program(source)
    except ConverterCompileError as exc:
        line, column, message = compile_error(exc)
        return None, [Diagnostic(line, column, "error", message)]
    found = [
        Diagnostic(line, column, "warning", f"{message}: ThingsBoard accepts the script and fails when this line runs")
        for line, column, message in program.deferred
    ]
    return program, found


def _check_calls(program: Program, defined: set[str]) -> list[Diagnostic]:
    out = []
    for call in program.calls:
        name = f"{call.owner}.{call.name}" if call.owner else call.name
        if not call.owner and call.name not in defined and call.name not in IMPORTS:
            hint = difflib.get_close_matches(call.name, sorted(IMPORTS | defined), n=1, cutoff=0.75)
            also = f"; did you mean {hint[0]}?" if hint else ""
            message = (
                f"unknown function '{call.name}': neither defined in this script nor a ThingsBoard helper; "
                f"ThingsBoard fails with 'unable to resolve method' when this line runs{also}"
            )
            out.append(Diagnostic(call.line, call.column, _severity(call), message))
            continue
        if not call.owner and call.name in defined and call.name not in IMPORTS:
            continue
        for helper in catalog.find(name, "TBEL")[:1]:
            if helper.kind != "field" and not helper.takes(call.args):
                message = (
                    f"{name} takes {_counts(helper.arities)}, not {call.args}: "
                    f"no overload matches, ThingsBoard fails with 'unable to resolve method' here; "
                    f"{helper.signatures[-1]}"
                )
                out.append(Diagnostic(call.line, call.column, _severity(call), message))
    return out


def _severity(call: CallSite) -> Severity:
    """An error when the call fails on every run; a warning when only the runs that reach it fail."""
    return "error" if call.always else "warning"


def _check_names(program: Program) -> list[Diagnostic]:
    out = []
    seen: set[str] = set()
    for fn in program.functions:
        if fn.name in IMPORTS:
            message = (
                f"function '{fn.name}' never runs: ThingsBoard's helper {fn.name}() has this name, "
                "and in TBEL the helper always wins; rename the function"
            )
            out.append(Diagnostic(fn.line, fn.column, "warning", message))
        elif fn.name in seen:
            message = f"function '{fn.name}' is defined twice: TBEL keeps the first definition and ignores this one"
            out.append(Diagnostic(fn.line, fn.column, "warning", message))
        seen.add(fn.name)
        for param in fn.params:
            if param in IMPORTS:
                out.append(_shadow(param, fn.line, fn.column, "parameter"))
    for name, line, column in program.variables:
        if name in IMPORTS:
            out.append(_shadow(name, line, column, "variable"))
    return out


def _shadow(name: str, line: int, column: int, what: str) -> Diagnostic:
    message = (
        f"{what} '{name}' has the name of ThingsBoard's helper {name}(): reading '{name}' gives the helper, "
        "not this value; rename it"
    )
    return Diagnostic(line, column, "warning", message)


def lint_tbel(source: str) -> list[Diagnostic]:
    """Every TBEL diagnostic for ``source`` (a converter's body), in line order."""
    program, found = _parse(source)
    if program is None:
        return sorted(found)
    defined = {fn.name for fn in program.functions}
    return sorted([*found, *_check_calls(program, defined), *_check_names(program)])
