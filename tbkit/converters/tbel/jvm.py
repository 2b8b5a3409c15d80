"""Java methods as MVEL chooses them: the classes a script can call, and ``ParseTools.getBestCandidate``.

A call resolves to one Java method among the overloads of its name, scored by argument class
(exact 8, boxing 7, subclass 6, primitive widening 5, numeric coercion 4, ... any convertible
argument 1), the first of the best score in the JVM's ``getMethods()`` order winning a tie.
``Math.max(83.5, 0)`` scores ``max(int, int)`` and ``max(double, double)`` alike and the
``int`` overload comes first, so the result is the int 83. The facts this needs (methods in
the JVM's order, which class is assignable to which, what ``DataConversion`` converts) are
read from :file:`jvm_facts.json`, written by ``tools/tbel_oracle/JvmFacts.java`` on ThingsBoard's
engine (``make tbel-jvm-facts``). The runtime makes the same choice for arguments whose class
is known only when the script runs (:func:`runtime_tables_js`).

>>> best_candidate(["java.lang.Double", "java.lang.Integer"], "max", "java.lang.Math", static_only=True).params
('int', 'int')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "JMethod",
    "best_candidate",
    "cast_error",
    "import_target",
    "imports",
    "methods_of",
    "runtime_tables_js",
    "getter",
    "type_arg",
]

_FACTS = Path(__file__).with_name("jvm_facts.json")
_BOX = {
    "int": "java.lang.Integer",
    "long": "java.lang.Long",
    "double": "java.lang.Double",
    "float": "java.lang.Float",
    "short": "java.lang.Short",
    "byte": "java.lang.Byte",
    "char": "java.lang.Character",
    "boolean": "java.lang.Boolean",
}
_UNBOX = {v: k for k, v in _BOX.items()}
_NUMBERS = {"java.lang.Number", "java.math.BigDecimal", "java.math.BigInteger"} | {
    v for k, v in _BOX.items() if k not in ("char", "boolean")
}
_WIDENING = {
    ("double", "float"),
    ("float", "long"),
    ("long", "int"),
    ("int", "char"),
    ("int", "short"),
    ("short", "byte"),
}
_EXECUTION_CONTEXT = "org.mvel2.ExecutionContext"


@dataclass(frozen=True)
class JMethod:
    """A public Java method: its parameters without MVEL's ``ExecutionContext``, and its return type."""

    name: str
    params: tuple[str, ...]
    returns: str
    static: bool
    varargs: bool
    owner: str
    context: bool  # the Java method takes MVEL's ExecutionContext first


@cache
def _facts() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_FACTS.read_text(encoding="utf-8"))
    return data


@cache
def methods_of(owner: str) -> tuple[JMethod, ...]:
    """``Class.getMethods()`` of ``owner`` in the JVM's order (empty for a class not in the facts)."""
    out = []
    for name, params, returns, flags, declaring in _facts()["methods"].get(owner, []):
        ctx = bool(params) and params[0] == _EXECUTION_CONTEXT
        out.append(
            JMethod(
                name, tuple(params[1:] if ctx else params), returns, bool(flags & 1), bool(flags & 2), declaring, ctx
            )
        )
    return tuple(out)


def imports() -> dict[str, str]:
    """The names ThingsBoard imports into scripts: ``stub:Class#method`` or ``class:Class``."""
    data: dict[str, str] = _facts()["imports"]
    return data


def import_target(name: str) -> tuple[str, str] | None:
    """(class, method name) of a TbUtils helper a script calls by ``name``; None when it is not one."""
    target = imports().get(name, "")
    if not target.startswith("stub:"):
        return None
    owner, _, method = target[5:].partition("#")
    return owner, method


def _assignable(to: str, cls: str) -> bool:
    """``to.isAssignableFrom(cls)``."""
    if to == cls or to == "java.lang.Object" and cls not in _BOX:
        return True
    return to in _facts()["supertypes"].get(cls, ())


def _can_convert(to: str, cls: str) -> bool:
    return cls in _facts()["canConvert"].get(to, ())


_INTERFACES = {
    "java.util.List",
    "java.util.Map",
    "java.util.Collection",
    "java.util.Set",
    "java.lang.CharSequence",
    "java.lang.Comparable",
    "java.lang.Iterable",
}


def cast_error(to: str, cls: str) -> str | None:
    """``TypeCast``'s compile-time check of ``(to) value`` where the value's class is ``cls``: the message of the
    CompileException when the value can be neither converted nor cast, else None."""
    if cls in ("java.lang.Object", "org.mvel2.util.NullType") or _can_convert(to, cls) or _assignable(cls, to):
        return None

    def shown(c: str) -> str:
        if c in _BOX:
            return c
        return ("interface " if c in _INTERFACES else "class ") + c

    return f"unable to cast type: {shown(cls)}; to: {shown(to)}"


def _score_one(param: str, arg: str | None, require_exact: bool) -> int:
    """One argument's score in ``ParseTools.getMethodScore``; 0 rejects the method."""
    if arg is None:
        return 7 if param not in _BOX else 0
    if param == arg:
        return 8
    if _BOX.get(param) == arg:
        return 7
    if _assignable(param, arg):
        return 6
    if (param, _UNBOX.get(arg, arg)) in _WIDENING:
        return 5
    if arg in _NUMBERS and _BOX.get(param, param) in _NUMBERS:
        return 4
    if arg != "java.lang.Object" and _assignable(_BOX.get(param, param), _BOX.get(arg, arg)):
        return 3
    if not require_exact and _can_convert(param, arg):
        both_arrays = param.startswith("[") and arg.startswith("[")
        return 2 if both_arrays or (param == "char" and arg == "java.lang.String") else 1
    if param == "java.lang.Object" or arg == "org.mvel2.util.NullType":
        return 1
    return 0


def _score(args: list[str | None], m: JMethod, require_exact: bool) -> int:
    score = 0
    for i, arg in enumerate(args):
        param = (
            m.params[i]
            if not (m.varargs and i >= len(m.params) - 1)
            else m.params[-1][1:].removeprefix("L").rstrip(";")
        )
        s = _score_one(param, arg, require_exact)
        if s == 0:
            score = 0
            break
        score += s
    if score == 0 and m.varargs and len(m.params) - 1 == len(args):
        score += 3
    return score


def _more_specialized(new: JMethod, old: JMethod) -> bool:
    return _assignable(old.returns, new.returns) and _assignable(old.owner, new.owner)


def best_candidate(
    args: list[str | None], name: str, owner: str, *, static_only: bool = False, require_exact: bool = False
) -> JMethod | None:
    """``ParseTools.getBestCandidate``: the method of ``owner`` that MVEL calls for arguments of classes ``args``
    (a None argument is a null value). None when no method of that name accepts them."""
    best: JMethod | None = None
    best_score = -1
    for m in methods_of(owner):
        if m.name != name or (static_only and not m.static):
            continue
        if not m.params and not args:
            if best is None or _more_specialized(m, best):
                best = m
            continue
        if (m.varargs and len(m.params) - 1 > len(args)) or (not m.varargs and len(m.params) != len(args)):
            continue
        score = _score(args, m, require_exact)
        if score == 0:
            continue
        if score > best_score:
            best, best_score = m, score
        elif score == best_score and best is not None and _more_specialized(m, best) and not m.varargs:
            best = m
    return best


def runtime_tables_js() -> str:
    """The facts as a JavaScript statement defining ``T.JVM``, for the runtime's own choice of method."""
    facts = _facts()
    data = {"methods": facts["methods"], "supertypes": facts["supertypes"], "canConvert": facts["canConvert"]}
    return "T.JVM = " + json.dumps(data, separators=(",", ":")) + ";\n"


@cache
def _type_args() -> dict[tuple[str, str, int], str]:
    data: dict[str, list[list[Any]]] = _facts().get("typeArgs", {})
    out: dict[tuple[str, str, int], str] = {}
    for owner, rows in data.items():
        for name, nparams, arg in rows:
            out.setdefault((owner, name, nparams), arg)
    return out


def type_arg(owner: str, name: str, nparams: int) -> str | None:
    """The first type argument of the parameterized generic result of ``owner.name`` with ``nparams`` parameters
    (MVEL's ExecutionContext counted): "class:<name>" or the class of the ``Type``; None when not parameterized."""
    return _type_args().get((owner, name, nparams))


@cache
def _getters(owner: str) -> dict[str, str]:
    """The public instance methods without parameters of ``owner``: name -> return type (the first of a name)."""
    listed: list[list[str]] | None = _facts().get("getters", {}).get(owner)
    if listed is not None:
        return {m: r for m, r in reversed(listed)}
    return {m.name: m.returns for m in reversed(methods_of(owner)) if not m.params and not m.static and not m.context}


def getter(owner: str, name: str) -> tuple[str, str] | None:
    """``PropertyTools.getGetter`` on one of the classes MVEL's compiler gives maps and collections: the name and
    return type of the public instance method without parameters named ``isName``/``isname`` (returning
    ``boolean``), ``getName``, ``getname`` or ``name``, preferred in that order."""
    cap = name[:1].upper() + name[1:]
    rows = _getters(owner)
    for i, candidate in enumerate(("is" + cap, "is" + name, "get" + cap, "get" + name, name)):
        returns = rows.get(candidate)
        if returns is not None and (i > 1 or returns == "boolean"):
            return candidate, returns
    return None
