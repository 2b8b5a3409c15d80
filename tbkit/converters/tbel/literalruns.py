"""MVEL's compile-time reduction of literals in a run of operators (``ExpressionCompiler._compile``).

MVEL reduces literals while it reads an expression's tokens, before it knows the expression's
shape. Where a literal, an operator and a literal meet (and the operator binds tighter than the
one before them, or nothing came before), it computes them on the spot and keeps going left to
right while literals follow: arithmetic operators first look ahead for tighter arithmetic ones,
every other operator is applied at once. So ``1 < 2 + x`` is ``true + x`` and ``true || "a" < x``
is ``(true || "a") < x``; ``&&`` and ``||`` after the first operator end the reduction. A
reduction that fails is a compile error.

The input is one run: operands (a literal value or an expression) separated by operators;
the output is the run as MVEL keeps it, with reduced literals in place.

>>> from tbkit.converters.tbel.jtypes import JType
>>> one, two = JValue(JType.INTEGER, 1), JValue(JType.INTEGER, 2)
>>> reduce_run([one, Op.LTHAN, two, Op.ADD, "x"])
[JValue(jtype=<JType.BOOLEAN: 'java.lang.Boolean'>, value=True), <Op.ADD: 0>, 'x']
"""

from __future__ import annotations

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.folding import JValue, Op, fold

__all__ = ["reduce_run"]

Token = JValue | Op | n.Expr
"""A literal value, an operator, or an operand that is not a literal."""

_ARITHMETIC = {Op.ADD, Op.SUB, Op.MULT, Op.DIV, Op.MOD, Op.POWER}
_STOPS = {Op.AND, Op.OR}


def _lit(t: object) -> bool:
    return isinstance(t, JValue)


def _arith_operand(toks: list[Token], p: int, op: Op) -> tuple[JValue | None, int, list[Token]]:
    """The literal right operand of arithmetic ``op`` at ``p``, tighter arithmetic operators after it applied
    first. Returns (value, index after it, []) or, when a tighter operand is not a literal, (None, index, the
    tokens MVEL backs out with)."""
    right = toks[p]
    assert isinstance(right, JValue)
    q = p
    while q + 2 < len(toks) and isinstance(toks[q + 1], Op) and toks[q + 1] in _ARITHMETIC:
        op2 = toks[q + 1]
        assert isinstance(op2, Op)
        if op2.precedence <= op.precedence:
            break
        nxt = toks[q + 2]
        if not _lit(nxt):
            return None, q + 3, [right, op2, nxt]
        assert isinstance(nxt, JValue)
        right = _fold_tight(right, op2, nxt, toks, q + 2)
        q += 2
    return right, q + 1, []


def _fold_tight(left: JValue, op: Op, right: JValue, toks: list[Token], p: int) -> JValue:
    del toks, p
    return fold(op, left, right)


def _reduce(toks: list[Token], pos: int, out: list[Token]) -> int:
    """Reduce from the literal at ``pos``; append what MVEL keeps to ``out``; return where reading goes on."""
    acc = toks[pos]
    assert isinstance(acc, JValue)
    p, first = pos + 1, True
    while p < len(toks):
        op = toks[p]
        assert isinstance(op, Op)
        if not first and op in _STOPS:
            out += [acc, op]
            return p + 1
        if p + 1 >= len(toks) or not _lit(toks[p + 1]):
            out += [acc, op, toks[p + 1]]
            return p + 2
        if op in _ARITHMETIC:
            right, nxt, backout = _arith_operand(toks, p + 1, op)
            if right is None:
                out += [acc, op, *backout]
                return nxt
            acc, p = fold(op, acc, right), nxt
        else:
            literal = toks[p + 1]
            assert isinstance(literal, JValue)
            acc, p = fold(op, acc, literal), p + 2
        first = False
    out.append(acc)
    return p


def reduce_run(toks: list[Token]) -> list[Token]:
    """The run ``toks`` (operand, operator, operand, ...) after MVEL's literal reduction.

    Raises :class:`.folding.FoldError` when a reduction fails (MVEL: a compile error)."""
    out: list[Token] = []
    last_op: Op | None = None
    pos = 0
    while pos < len(toks):
        tk = toks[pos]
        if isinstance(tk, Op):
            last_op = tk
            out.append(tk)
            pos += 1
            continue
        if _lit(tk) and pos + 2 < len(toks):
            op, la = toks[pos + 1], toks[pos + 2]
            assert isinstance(op, Op)
            if _lit(la) and (last_op is None or last_op.precedence < op.precedence):
                pos = _reduce(toks, pos, out)
                continue
            out += [tk, op, la]  # MVEL takes these three as they are (the operator does not count as the last one)
            pos += 3
            continue
        out.append(tk)
        pos += 1
    return out
