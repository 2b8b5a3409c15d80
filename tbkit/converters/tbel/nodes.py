"""AST node classes of the TBEL front end.

Every node records the 1-based ``line``/``col`` of its first token so that the code
generator can keep TBEL line N on JavaScript line N. Nodes hold TBEL's values and names
only; JavaScript text is written by the code generator alone. Nodes compare by identity,
so the compiler can key tables by node.

:data:`Expr` and :data:`Stmt` are the closed unions of expression and statement nodes:
a ``match`` over them ends in ``assert_never``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tbkit.converters.tbel.jtypes import JType

__all__ = [
    "ArrayLit",
    "Assign",
    "Binary",
    "Block",
    "Break",
    "Call",
    "Cast",
    "Coalesce",
    "Fail",
    "Cond",
    "Const",
    "Continue",
    "DoWhile",
    "Expr",
    "ExprNode",
    "ExprStmt",
    "For",
    "ForEach",
    "FuncDef",
    "If",
    "Index",
    "InstanceOf",
    "IsDef",
    "ListLit",
    "MapLit",
    "Member",
    "Name",
    "New",
    "NewArray",
    "Node",
    "Num",
    "Paren",
    "Projection",
    "Return",
    "Stmt",
    "StmtNode",
    "Str",
    "Switch",
    "Throw",
    "Unary",
    "Update",
    "VarDecl",
    "While",
]


@dataclass(eq=False)
class Node:
    """Base class: position of the node's first token."""

    line: int
    col: int


class ExprNode(Node):
    """Base class of expressions."""


class StmtNode(Node):
    """Base class of statements."""


@dataclass(eq=False)
class Num(ExprNode):
    """Number literal: its value and its Java class (``Integer``, ``Long``, ``Double``, ``Float``,
    ``BigDecimal`` or ``BigInteger``); a ``Float``'s value is already rounded to 32 bits."""

    value: int | float
    jtype: JType


@dataclass(eq=False)
class Str(ExprNode):
    """String literal."""

    value: str


@dataclass(eq=False)
class Const(ExprNode):
    """``true``, ``false`` or ``null``."""

    value: bool | None


@dataclass(eq=False)
class Name(ExprNode):
    """Identifier reference."""

    name: str


@dataclass(eq=False)
class Member(ExprNode):
    """``obj.name`` (``safe`` for the null-safe ``obj.?name``)."""

    obj: Expr
    name: str
    safe: bool = False


@dataclass(eq=False)
class Index(ExprNode):
    """``obj[index]``."""

    obj: Expr
    index: Expr


@dataclass(eq=False)
class Call(ExprNode):
    """``callee(args)`` where callee is a Name or Member."""

    callee: Expr
    args: list[Expr]


@dataclass(eq=False)
class New(ExprNode):
    """``new a.b.Class(args)``."""

    cls: str
    args: list[Expr]


@dataclass(eq=False)
class NewArray(ExprNode):
    """``new int[n]``, ``new int[n][m]`` (``more`` sizes) or ``new byte[]{...}``."""

    elem: str
    size: Expr | None
    items: list[Expr] | None
    more: list[Expr] = field(default_factory=list)


@dataclass(eq=False)
class MapLit(ExprNode):
    """``{k: v, ...}``."""

    pairs: list[tuple[Expr, Expr]]


@dataclass(eq=False)
class ListLit(ExprNode):
    """``[a, b]``."""

    items: list[Expr]


@dataclass(eq=False)
class ArrayLit(ExprNode):
    """Inline array ``{a, b}``."""

    items: list[Expr]


@dataclass(eq=False)
class IsDef(ExprNode):
    """``isdef name``: whether the script has a variable or function of that name."""

    name: str


@dataclass(eq=False)
class Projection(ExprNode):
    """``(a.b in list)``: the property path ``a.b`` (a method when ``call``) of every element."""

    path: list[str]
    call: bool
    source: Expr


@dataclass(eq=False)
class Paren(ExprNode):
    """``(expr)``: MVEL compiles it on its own (a ``Substatement``), so it ends a chain of operators."""

    expr: Expr


@dataclass(eq=False)
class Coalesce(ExprNode):
    """``a ?? b``: MVEL reads a ternary without an else branch (``a ? ? b``), which fails unless ``a`` is false."""

    left: Expr
    right: Expr


@dataclass(eq=False)
class Fail(ExprNode):
    """What MVEL compiles but cannot run (an operator where an operand belongs): fails when evaluated."""

    message: str


@dataclass(eq=False)
class Unary(ExprNode):
    """``!x``, ``-x``, ``~x``, ``+x``."""

    op: str
    operand: Expr


@dataclass(eq=False)
class Binary(ExprNode):
    """Binary operator, including ``&&`` and ``||``."""

    op: str
    left: Expr
    right: Expr


@dataclass(eq=False)
class Cond(ExprNode):
    """``test ? then : other``."""

    test: Expr
    then: Expr
    other: Expr


@dataclass(eq=False)
class Assign(ExprNode):
    """``target op value`` with op ``=``, ``+=``, ...

    ``textual`` is ``target op value`` read again as source text (``x + a & b`` is ``(x + a) & b``): MVEL
    rewrites compound assignments to properties, and ``x += value`` to a function's own variables, that way.
    """

    op: str
    target: Expr
    value: Expr
    textual: Expr | None = None


@dataclass(eq=False)
class Update(ExprNode):
    """``++x``, ``x--`` ..."""

    op: str
    prefix: bool
    target: Expr


@dataclass(eq=False)
class Cast(ExprNode):
    """``(type) expr``."""

    type: str
    expr: Expr


@dataclass(eq=False)
class InstanceOf(ExprNode):
    """``expr instanceof Type``."""

    expr: Expr
    type: str


@dataclass(eq=False)
class VarDecl(StmtNode):
    """``var a = 1, b;`` or ``int a = 1``; ``type`` is None for ``var``/``def``."""

    type: str | None
    decls: list[tuple[str, Expr | None]]


@dataclass(eq=False)
class ExprStmt(StmtNode):
    """An expression used as a statement."""

    expr: Expr


@dataclass(eq=False)
class Block(StmtNode):
    """``{ ... }``; ``end_line`` is the line of the closing brace."""

    body: list[Stmt]
    end_line: int = 0


@dataclass(eq=False)
class If(StmtNode):
    """``if (test) then else other``."""

    test: Expr
    then: Stmt
    other: Stmt | None


@dataclass(eq=False)
class While(StmtNode):
    """``while (test) body``; ``until`` loops while the test is false."""

    test: Expr
    body: Stmt
    until: bool = False


@dataclass(eq=False)
class DoWhile(StmtNode):
    """``do body while (test)`` or ``do body until (test)``."""

    body: Stmt
    test: Expr
    until: bool = False


@dataclass(eq=False)
class For(StmtNode):
    """Classic ``for (init; test; update)``."""

    init: list[Stmt]
    test: Expr | None
    update: list[Expr]
    body: Stmt


@dataclass(eq=False)
class ForEach(StmtNode):
    """``foreach (var : iterable)`` / ``for (Type var : iterable)``."""

    var: str
    iterable: Expr
    body: Stmt


@dataclass(eq=False)
class Switch(StmtNode):
    """``switch (disc) { case v: ... default: ... }``; a case test of None is ``default``."""

    disc: Expr
    cases: list[tuple[Expr | None, list[Stmt], int]]
    end_line: int = 0


@dataclass(eq=False)
class Return(StmtNode):
    """``return [value]``."""

    value: Expr | None


@dataclass(eq=False)
class Break(StmtNode):
    """``break``."""


@dataclass(eq=False)
class Continue(StmtNode):
    """``continue``."""


@dataclass(eq=False)
class Throw(StmtNode):
    """``throw value``."""

    value: Expr


@dataclass(eq=False)
class FuncDef(StmtNode):
    """``def name(params) { body }`` or ``function name(params) { body }``."""

    name: str
    params: list[str]
    body: Block
    typed: dict[str, str] = field(default_factory=dict)


Expr = (
    Num
    | Str
    | Const
    | Name
    | Member
    | Index
    | Call
    | New
    | NewArray
    | MapLit
    | ListLit
    | ArrayLit
    | IsDef
    | Projection
    | Paren
    | Coalesce
    | Fail
    | Unary
    | Binary
    | Cond
    | Assign
    | Update
    | Cast
    | InstanceOf
)
"""Every expression node."""

Stmt = (
    VarDecl
    | ExprStmt
    | Block
    | If
    | While
    | DoWhile
    | For
    | ForEach
    | Switch
    | Return
    | Break
    | Continue
    | Throw
    | FuncDef
)
"""Every statement node."""
