"""What the linter reads from the TBEL compiler: the one place that knows its parser and nodes.

The linter relies on exactly this from :mod:`tbkit.converters.tbel`: ``parser.parse(source)``
(raising :class:`~tbkit.errors.ConverterCompileError` with ``line``/``column``), the AST classes
``Name``, ``Call``, ``Member``, ``FuncDef``, ``VarDecl``, ``ForEach``, ``Coalesce`` and ``Fail``
(fields ``name``, ``callee``, ``args``, ``obj``, ``params``, ``decls``, ``var``, ``message``,
``line``, ``col``), and ``imports.TBUTILS_IMPORTS``. Every other node is walked generically
through its dataclass fields.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from ...errors import ConverterCompileError
from ..tbel import nodes
from ..tbel.imports import TBUTILS_IMPORTS
from ..tbel.parser import parse

__all__ = [
    "IMPORTS",
    "STATIC_OWNERS",
    "CallSite",
    "FunctionDef",
    "Program",
    "read_program",
]

IMPORTS: frozenset[str] = TBUTILS_IMPORTS
#: Classes whose static members ThingsBoard's TBEL resolves by name (documented in the table).
STATIC_OWNERS = ("Math", "JSON", "Date")


@dataclass(frozen=True)
class CallSite:
    """``name(args)`` or ``Owner.name(args)``: a call the linter can check by name."""

    owner: str
    name: str
    args: int
    line: int
    column: int
    always: bool = False
    """Whether the call runs on every run of the script (top level, before any return, unconditional)."""


@dataclass(frozen=True)
class FunctionDef:
    """A script-defined function."""

    name: str
    params: tuple[str, ...]
    line: int
    column: int


@dataclass(frozen=True)
class Program:
    """What the linter needs of a parsed script."""

    calls: tuple[CallSite, ...]
    functions: tuple[FunctionDef, ...]
    variables: tuple[tuple[str, int, int], ...]
    deferred: tuple[tuple[int, int, str], ...] = ()
    """``(line, column, message)`` of what compiles but fails whenever it runs (``a ?? b``, ``x + * 2`` in a block)."""


_COALESCE = (
    "'??' is not an operator in TBEL: MVEL reads 'a ? ? b', a ternary without its else branch, "
    "which fails unless 'a' is false"
)


def _walk(node: object) -> Iterator[object]:
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, (list, tuple)):
            stack.extend(reversed(cur))
            continue
        if not dataclasses.is_dataclass(cur) or isinstance(cur, type):
            continue
        yield cur
        stack.extend(reversed([getattr(cur, f.name) for f in dataclasses.fields(cur)]))


def _call_site(node: nodes.Call) -> CallSite | None:
    callee = node.callee
    if isinstance(callee, nodes.Name):
        return CallSite("", callee.name, len(node.args), callee.line, callee.col)
    if isinstance(callee, nodes.Member) and isinstance(callee.obj, nodes.Name) and callee.obj.name in STATIC_OWNERS:
        return CallSite(callee.obj.name, callee.name, len(node.args), callee.obj.line, callee.obj.col)
    return None


_SIMPLE = (nodes.ExprStmt, nodes.VarDecl, nodes.Return, nodes.Throw)


def _unconditional(expr: object) -> Iterator[object]:
    """The nodes of an expression that are evaluated whenever it is (not behind ``&&``, ``||``, ``?:``)."""
    stack = [expr]
    while stack:
        cur = stack.pop()
        if isinstance(cur, nodes.Binary) and cur.op in ("&&", "||", "or", "and"):
            stack.append(cur.left)
        elif isinstance(cur, nodes.Cond):
            stack.append(cur.test)
        elif isinstance(cur, (nodes.FuncDef, nodes.Projection)):
            continue
        elif dataclasses.is_dataclass(cur) and not isinstance(cur, type):
            yield cur
            stack.extend(getattr(cur, f.name) for f in dataclasses.fields(cur))
        elif isinstance(cur, (list, tuple)):
            stack.extend(cur)


def _always_run(body: list[nodes.Stmt]) -> set[int]:
    """``id()`` of the calls that run on every run: top-level simple statements before any return."""
    out: set[int] = set()
    for statement in body:
        if isinstance(statement, nodes.FuncDef):
            continue
        if not isinstance(statement, _SIMPLE):
            break
        out.update(id(node) for node in _unconditional(statement) if isinstance(node, nodes.Call))
        if isinstance(statement, (nodes.Return, nodes.Throw)):
            break
    return out


def read_program(source: str) -> Program:
    """Parse ``source``; raises :class:`ConverterCompileError` where the compiler does."""
    calls: list[CallSite] = []
    functions: list[FunctionDef] = []
    variables: list[tuple[str, int, int]] = []
    deferred: list[tuple[int, int, str]] = []
    body = parse(source)
    always = _always_run(body)
    for node in _walk(body):
        if isinstance(node, nodes.Call):
            site = _call_site(node)
            if site is not None:
                calls.append(dataclasses.replace(site, always=id(node) in always))
        elif isinstance(node, nodes.FuncDef):
            functions.append(FunctionDef(node.name, tuple(node.params), node.line, node.col))
        elif isinstance(node, nodes.VarDecl):
            variables.extend((name, node.line, node.col) for name, _ in node.decls)
        elif isinstance(node, nodes.ForEach):
            variables.append((node.var, node.line, node.col))
        elif isinstance(node, nodes.Coalesce):
            deferred.append((node.line, node.col, _COALESCE))
        elif isinstance(node, nodes.Fail):
            deferred.append((node.line, node.col, node.message))
    return Program(tuple(calls), tuple(functions), tuple(variables), tuple(deferred))


def compile_error(exc: ConverterCompileError) -> tuple[int, int, str]:
    """``(line, column, message)`` of a compile error (column 1 when the compiler gives none)."""
    return exc.line or 1, exc.column or 1, exc.message
