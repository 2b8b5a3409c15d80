"""AST node classes of the TBEL front end.

Every node records the 1-based ``line``/``col`` of its first token so that the code
generator can keep TBEL line N on JavaScript line N.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ArrayLit",
    "Assign",
    "Binary",
    "Block",
    "Break",
    "Call",
    "Cast",
    "Cond",
    "Continue",
    "DoWhile",
    "Expr",
    "ExprStmt",
    "For",
    "ForEach",
    "FuncDef",
    "If",
    "Index",
    "InstanceOf",
    "IsDef",
    "ListLit",
    "Literal",
    "MapLit",
    "Member",
    "Name",
    "New",
    "NewArray",
    "Node",
    "Num",
    "Projection",
    "Return",
    "Stmt",
    "Str",
    "Switch",
    "Throw",
    "Unary",
    "Update",
    "VarDecl",
    "While",
]


@dataclass
class Node:
    """Base class: position of the node's first token."""

    line: int
    col: int


class Expr(Node):
    """Base class of expressions."""


class Stmt(Node):
    """Base class of statements."""


@dataclass
class Num(Expr):
    """Number literal; ``kind`` is I, L, D or F; ``value`` is its JS source."""

    value: str
    kind: str


@dataclass
class Str(Expr):
    """String literal."""

    value: str


@dataclass
class Literal(Expr):
    """``true``, ``false`` or ``null`` (JS source text)."""

    js: str


@dataclass
class Name(Expr):
    """Identifier reference."""

    name: str


@dataclass
class Member(Expr):
    """``obj.name`` (``safe`` for the null-safe ``obj.?name``)."""

    obj: Expr
    name: str
    safe: bool = False


@dataclass
class Index(Expr):
    """``obj[index]``."""

    obj: Expr
    index: Expr


@dataclass
class Call(Expr):
    """``callee(args)`` where callee is a Name or Member."""

    callee: Expr
    args: list[Expr]


@dataclass
class New(Expr):
    """``new a.b.Class(args)``."""

    cls: str
    args: list[Expr]


@dataclass
class NewArray(Expr):
    """``new int[n]``, ``new int[n][m]`` (``more`` sizes) or ``new byte[]{...}``."""

    elem: str
    size: Expr | None
    items: list[Expr] | None
    more: list[Expr] = field(default_factory=list)


@dataclass
class MapLit(Expr):
    """``{k: v, ...}``."""

    pairs: list[tuple[Expr, Expr]]


@dataclass
class ListLit(Expr):
    """``[a, b]``."""

    items: list[Expr]


@dataclass
class ArrayLit(Expr):
    """Inline array ``{a, b}``."""

    items: list[Expr]


@dataclass
class IsDef(Expr):
    """``isdef name``: whether the script has a variable or function of that name."""

    name: str


@dataclass
class Projection(Expr):
    """``(a.b in list)``: the property path ``a.b`` (a method when ``call``) of every element."""

    path: list[str]
    call: bool
    source: Expr


@dataclass
class Unary(Expr):
    """``!x``, ``-x``, ``~x``, ``+x``."""

    op: str
    operand: Expr


@dataclass
class Binary(Expr):
    """Binary operator, including ``&&`` and ``||``."""

    op: str
    left: Expr
    right: Expr


@dataclass
class Cond(Expr):
    """``test ? then : other``."""

    test: Expr
    then: Expr
    other: Expr
    paren: bool = False


@dataclass
class Assign(Expr):
    """``target op value`` with op ``=``, ``+=``, ..."""

    op: str
    target: Expr
    value: Expr


@dataclass
class Update(Expr):
    """``++x``, ``x--`` ..."""

    op: str
    prefix: bool
    target: Expr


@dataclass
class Cast(Expr):
    """``(type) expr``."""

    type: str
    expr: Expr


@dataclass
class InstanceOf(Expr):
    """``expr instanceof Type``."""

    expr: Expr
    type: str


@dataclass
class VarDecl(Stmt):
    """``var a = 1, b;`` or ``int a = 1``; ``type`` is None for ``var``/``def``."""

    type: str | None
    decls: list[tuple[str, Expr | None]]


@dataclass
class ExprStmt(Stmt):
    """An expression used as a statement."""

    expr: Expr


@dataclass
class Block(Stmt):
    """``{ ... }``; ``end_line`` is the line of the closing brace."""

    body: list[Stmt]
    end_line: int = 0


@dataclass
class If(Stmt):
    """``if (test) then else other``."""

    test: Expr
    then: Stmt
    other: Stmt | None


@dataclass
class While(Stmt):
    """``while (test) body``; ``until`` loops while the test is false."""

    test: Expr
    body: Stmt
    until: bool = False


@dataclass
class DoWhile(Stmt):
    """``do body while (test)`` or ``do body until (test)``."""

    body: Stmt
    test: Expr
    until: bool = False


@dataclass
class For(Stmt):
    """Classic ``for (init; test; update)``."""

    init: list[Stmt]
    test: Expr | None
    update: list[Expr]
    body: Stmt


@dataclass
class ForEach(Stmt):
    """``foreach (var : iterable)`` / ``for (Type var : iterable)``."""

    var: str
    iterable: Expr
    body: Stmt


@dataclass
class Switch(Stmt):
    """``switch (disc) { case v: ... default: ... }``; a case test of None is ``default``."""

    disc: Expr
    cases: list[tuple[Expr | None, list[Stmt], int]]
    end_line: int = 0


@dataclass
class Return(Stmt):
    """``return [value]``."""

    value: Expr | None


@dataclass
class Break(Stmt):
    """``break``."""


@dataclass
class Continue(Stmt):
    """``continue``."""


@dataclass
class Throw(Stmt):
    """``throw value``."""

    value: Expr


@dataclass
class FuncDef(Stmt):
    """``def name(params) { body }`` or ``function name(params) { body }``."""

    name: str
    params: list[str]
    body: Block
    typed: dict[str, str] = field(default_factory=dict)
