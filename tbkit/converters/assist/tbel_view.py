"""What the linter reads from the TBEL compiler: the one place that knows its parser and nodes.

The linter relies on exactly this from :mod:`tbkit.converters.tbel`: ``parser.parse(source)``
(raising :class:`~tbkit.errors.ConverterCompileError` with ``line``/``column``), the lexer's
``tokenize`` (tokens with ``kind``, ``text``, ``line``, ``col``), the AST classes ``Name``, ``Call``,
``Member``, ``FuncDef``, ``VarDecl`` and ``ForEach`` (fields ``name``, ``callee``, ``args``, ``obj``,
``params``, ``decls``, ``var``, ``line``, ``col``), and ``imports.TBUTILS_IMPORTS``. Every other
node is walked generically through its dataclass fields.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from ...errors import ConverterCompileError
from ..tbel import nodes
from ..tbel.imports import TBUTILS_IMPORTS
from ..tbel.lexer import Token, tokenize
from ..tbel.parser import parse

__all__ = [
    "IMPORTS",
    "STATIC_OWNERS",
    "CallSite",
    "FunctionDef",
    "Program",
    "function_bodies",
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
    return Program(tuple(calls), tuple(functions), tuple(variables))


def function_bodies(source: str) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` offsets of each ``function name(...) { body }``'s body (inside the braces).

    Found from tokens alone, so it works on a script whose function bodies do not parse.
    Raises :class:`ConverterCompileError` when the source cannot even be tokenized.
    """
    tokens = tokenize(source)
    starts = [0]
    for line in source.split("\n"):
        starts.append(starts[-1] + len(line) + 1)

    def offset(tok: Token) -> int:
        return starts[tok.line - 1] + tok.col - 1

    out: list[tuple[str, int, int]] = []
    for i, tok in enumerate(tokens[:-2]):
        if not (tok.kind == "id" and tok.text in ("function", "def") and tokens[i + 1].kind == "id"):
            continue
        j = i + 2
        while j < len(tokens) and tokens[j].text != "{" and tokens[j].kind != "eof":
            j += 1
        depth, k = 0, j
        for k in range(j, len(tokens)):
            depth += {"{": 1, "}": -1}.get(tokens[k].text, 0) if tokens[k].kind == "op" else 0
            if depth == 0:
                break
        if j < len(tokens) and tokens[k].text == "}":
            out.append((tokens[i + 1].text, offset(tokens[j]) + 1, offset(tokens[k])))
    return out


def compile_error(exc: ConverterCompileError) -> tuple[int, int, str]:
    """``(line, column, message)`` of a compile error (column 1 when the compiler gives none)."""
    return exc.line or 1, exc.column or 1, exc.message
