"""Compile-time reduction of literal operations, as MVEL's compiler reduces them.

When both operands of an operator are literals, MVEL computes the result while compiling
(``ExpressionCompiler._compile``, ``AbstractParser.reduce``): arithmetic and comparisons through
``MathProcessor.doOperations`` on the literal values, bitwise operators on ``Integer``/``Long``
casts, ``&&``/``||`` on ``Boolean`` casts. The result is a literal of the value's class
(``7 / 2`` is the ``Double`` 3.5; ``2147483647 + 1`` overflows into a ``Long``), and a failure
is a compile error ("arithmetic error: / by zero", "syntax error or incompatable types",
"failed to subEval expression").

>>> fold(Op.DIV, JValue(JType.INTEGER, 7), JValue(JType.INTEGER, 2))
JValue(jtype=<JType.DOUBLE: 'java.lang.Double'>, value=3.5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

from tbkit.converters.tbel.javafmt import java_double, java_float
from tbkit.converters.tbel.jtypes import JType
from tbkit.converters.tbel.literals import float32

__all__ = ["FoldError", "JValue", "Op", "fold", "java_str"]

_INT_MIN, _INT_MAX = -(1 << 31), (1 << 31) - 1


class Op(IntEnum):
    """MVEL's operator codes (``org.mvel2.Operator``); the runtime takes the same numbers."""

    ADD = 0
    SUB = 1
    MULT = 2
    DIV = 3
    MOD = 4
    POWER = 5
    BW_AND = 6
    BW_OR = 7
    BW_XOR = 8
    BW_SHIFT_RIGHT = 9
    BW_SHIFT_LEFT = 10
    BW_USHIFT_RIGHT = 11
    BW_USHIFT_LEFT = 12
    BW_NOT = 13
    LTHAN = 14
    GTHAN = 15
    LETHAN = 16
    GETHAN = 17
    EQUAL = 18
    NEQUAL = 19
    STR_APPEND = 20
    AND = 21
    OR = 22
    CHOR = 23

    @property
    def precedence(self) -> int:
        """``Operator.PTABLE``: a higher number binds tighter."""
        return _PTABLE[self]


_PTABLE = {
    Op.ADD: 10, Op.SUB: 10, Op.MULT: 11, Op.DIV: 11, Op.MOD: 11, Op.POWER: 12, Op.BW_AND: 6, Op.BW_OR: 4,
    Op.BW_XOR: 5, Op.BW_SHIFT_RIGHT: 9, Op.BW_SHIFT_LEFT: 9, Op.BW_USHIFT_RIGHT: 9, Op.BW_USHIFT_LEFT: 9,
    Op.BW_NOT: 5, Op.LTHAN: 8, Op.GTHAN: 8, Op.LETHAN: 8, Op.GETHAN: 8, Op.EQUAL: 7, Op.NEQUAL: 7,
    Op.STR_APPEND: 13, Op.AND: 3, Op.OR: 2, Op.CHOR: 2,
}  # fmt: skip


class FoldError(Exception):
    """The reduction failed: MVEL reports this as a compile error with this message."""


@dataclass(frozen=True)
class JValue:
    """A literal value with its Java class (INTEGER, LONG, DOUBLE, FLOAT, STRING, BOOLEAN or NULL)."""

    jtype: JType
    value: int | float | str | bool | None


def java_str(v: JValue) -> str:
    """``String.valueOf`` of a literal value."""
    match v.jtype:
        case JType.NULL:
            return "null"
        case JType.BOOLEAN:
            return "true" if v.value else "false"
        case JType.DOUBLE:
            return java_double(float(v.value))  # type: ignore[arg-type]
        case JType.FLOAT:
            return java_float(float(v.value))  # type: ignore[arg-type]
        case _:
            return str(v.value)


# ---- MathProcessor on literal values -------------------------------------------------------------

_CODE = {JType.INTEGER: 106, JType.LONG: 107, JType.DOUBLE: 109, JType.FLOAT: 108, JType.STRING: 1, JType.BOOLEAN: 15}


def _code(v: JValue) -> int:
    return _CODE.get(v.jtype, 0)


def _num(v: JValue) -> float:
    """``MathProcessor.getNumber``."""
    if v.jtype is JType.NULL:
        return 0.0
    if v.jtype is JType.STRING:
        assert isinstance(v.value, str)
        try:
            return float(v.value)
        except ValueError:
            raise FoldError("failed to subEval expression") from None
    if v.jtype is JType.BOOLEAN:
        return 1.0 if v.value else 0.0
    assert isinstance(v.value, (int, float))
    return float(v.value)


def _is_number(v: JValue) -> bool:
    """``ParseTools.isNumber(Object)``."""
    if v.jtype is JType.STRING:
        s = str(v.value)
        body = s[1:] if len(s) > 1 and s[0] == "-" else s
        return len(s) > 0 and body.count(".") <= 1 and all(c.isdigit() or c == "." for c in body)
    return v.jtype in (JType.INTEGER, JType.LONG, JType.DOUBLE, JType.FLOAT)


def _to_type(x: float, code: int) -> JValue:
    """``MathProcessor.toType``: narrow a double result to the wider operand's class."""
    if code in (109, 1):
        return JValue(JType.DOUBLE, x)
    if code == 108:
        return JValue(JType.FLOAT, float32(x))
    if code == 106:
        return JValue(JType.INTEGER, _d2i(x, 32))
    if code == 107:
        return JValue(JType.LONG, _d2i(x, 64))
    raise FoldError("failed to subEval expression")


def _d2i(x: float, bits: int) -> int:
    if math.isnan(x):
        return 0
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return lo if x <= lo else hi if x >= hi else int(x)


def _wrap(x: int, bits: int) -> int:
    x &= (1 << bits) - 1
    return x - (1 << bits) if x >> (bits - 1) else x


def _prim(a: float, op: Op, b: float, code: int) -> JValue:
    """``MathProcessor.doPrimWrapperArithmetic``."""
    if op in (Op.LTHAN, Op.GTHAN, Op.LETHAN, Op.GETHAN, Op.EQUAL, Op.NEQUAL):
        return JValue(JType.BOOLEAN, _compare(op, a, b))
    return _to_type(_arith_double(a, op, b), code)


def _arith_double(a: float, op: Op, b: float) -> float:
    match op:
        case Op.ADD:
            return a + b
        case Op.SUB:
            return a - b
        case Op.MULT:
            return a * b
        case Op.DIV:
            return _jdiv(a, b)
        case Op.MOD:
            return math.fmod(a, b) if b != 0 and not math.isinf(a) else (a if math.isinf(b) else math.nan)
        case Op.POWER:
            try:
                return math.pow(a, b)
            except (OverflowError, ValueError):
                return math.inf if a > 0 else math.nan
    raise FoldError("failed to subEval expression")


def _jdiv(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1, b)
    return a / b


def _compare(op: Op, a: float | int | str, b: float | int | str) -> bool:
    match op:
        case Op.LTHAN:
            return a < b  # type: ignore[operator]
        case Op.GTHAN:
            return a > b  # type: ignore[operator]
        case Op.LETHAN:
            return a <= b  # type: ignore[operator]
        case Op.GETHAN:
            return a >= b  # type: ignore[operator]
        case Op.EQUAL:
            return a == b
        case _:
            return a != b


def _same_int(a: int, op: Op, b: int, bits: int) -> JValue:
    jtype = JType.INTEGER if bits == 32 else JType.LONG
    match op:
        case Op.ADD | Op.SUB | Op.MULT:
            r = a + b if op is Op.ADD else a - b if op is Op.SUB else a * b
            if bits == 32:
                return JValue(JType.INTEGER, r) if _INT_MIN <= r <= _INT_MAX else JValue(JType.LONG, r)
            return JValue(JType.LONG, _wrap(r, 64))
        case Op.DIV:
            return JValue(JType.DOUBLE, _jdiv(float(a), float(b)))
        case Op.MOD:
            if b == 0:
                raise FoldError("arithmetic error: / by zero")
            r = abs(a) % abs(b)  # Java's remainder takes the dividend's sign
            return JValue(jtype, -r if a < 0 else r)
        case Op.POWER:
            d = math.pow(a, b) if not (a == 0 and b < 0) else math.inf
            limit = _INT_MAX if bits == 32 else (1 << 63) - 1
            return JValue(JType.DOUBLE, d) if d > limit else JValue(jtype, _d2i(d, bits))
    return JValue(JType.BOOLEAN, _compare(op, a, b))


def _same_double(a: float, op: Op, b: float, jtype: JType) -> JValue:
    if op in (Op.LTHAN, Op.GTHAN, Op.LETHAN, Op.GETHAN, Op.EQUAL, Op.NEQUAL):
        return JValue(JType.BOOLEAN, _compare(op, a, b))
    if jtype is JType.FLOAT and op is not Op.DIV:
        if op is Op.POWER:
            r = math.pow(a, int(b))
            return JValue(JType.DOUBLE, r) if r != int(r) else JValue(JType.INTEGER, int(r))
        return JValue(JType.FLOAT, float32(_arith_double(a, op, b)))
    return JValue(JType.DOUBLE, _arith_double(a, op, b))


def _non_numeric(a: JValue, op: Op, b: JValue) -> JValue:
    match op:
        case Op.ADD | Op.STR_APPEND:
            return JValue(JType.STRING, java_str(a) + java_str(b))
        case Op.EQUAL | Op.NEQUAL:
            eq = a.jtype is b.jtype and a.value == b.value
            return JValue(JType.BOOLEAN, eq if op is Op.EQUAL else not eq)
        case Op.SUB | Op.DIV | Op.MULT | Op.MOD:
            return JValue(JType.NULL, None)
        case Op.LTHAN | Op.GTHAN | Op.LETHAN | Op.GETHAN:
            if a.jtype is JType.NULL or b.jtype is JType.NULL:  # null is no Comparable
                return JValue(JType.BOOLEAN, False)
            if a.jtype is not b.jtype:
                raise FoldError("failed to subEval expression")
            return JValue(JType.BOOLEAN, _compare(op, a.value, b.value))  # type: ignore[arg-type]
    raise FoldError("failed to subEval expression")


def _do_operations(a: JValue, op: Op, b: JValue) -> JValue:
    t1, t2 = _code(a), _code(b)
    if ((t1 > 49 or op in (Op.EQUAL, Op.NEQUAL)) and t1 == t2) and t1 in (106, 107, 108, 109):
        if t1 in (106, 107):
            return _same_int(int(a.value), op, int(b.value), 32 if t1 == 106 else 64)  # type: ignore[arg-type]
        return _same_double(float(a.value), op, float(b.value), a.jtype)  # type: ignore[arg-type]
    if (op in (Op.EQUAL, Op.NEQUAL)) and t1 == t2:
        return _non_numeric(a, op, b)
    if b.jtype is not JType.NULL and (
        (t1 >= 99 and t2 >= 99)
        or (
            op is not Op.ADD
            and (t1 >= 99 or t2 >= 99 or op < Op.LTHAN or op > Op.GETHAN)
            and _is_number(a)
            and _is_number(b)
        )
    ):
        return _prim(_num(a), op, _num(b), max(t1, t2))
    if op is not Op.ADD and 15 in (t1, t2) and t1 != t2:
        return _non_numeric(_to_bool(a), op, _to_bool(b))
    return _non_numeric(a, op, b)


def _to_bool(v: JValue) -> JValue:
    match v.jtype:
        case JType.NULL | JType.BOOLEAN:
            return v
        case JType.STRING:
            s = str(v.value)
            return JValue(JType.BOOLEAN, not (s.lower() in ("false", "no", "off") or s in ("0", "")))
        case _:
            return JValue(JType.BOOLEAN, float(v.value) > 0)  # type: ignore[arg-type]


def _bits(a: JValue, op: Op, b: JValue) -> JValue:
    """``AbstractParser.reduceNumeric``: Java's bit operators on (Integer)/(Long) casts."""
    x, y = ((1 if v.value else 0) if v.jtype is JType.BOOLEAN else v.value for v in (a, b))
    if not all(v.jtype in (JType.INTEGER, JType.LONG, JType.BOOLEAN) for v in (a, b)):
        raise FoldError("syntax error or incompatable types")
    assert isinstance(x, int) and isinstance(y, int)
    long_ = a.jtype is JType.LONG or (b.jtype is JType.LONG and op in (Op.BW_AND, Op.BW_OR, Op.BW_XOR))
    bits = 64 if long_ else 32
    if op is Op.BW_USHIFT_LEFT:
        x = _wrap(abs(x), bits)
    shift = y & (bits - 1)
    match op:
        case Op.BW_AND:
            r = x & y
        case Op.BW_OR:
            r = x | y
        case Op.BW_XOR:
            r = x ^ y
        case Op.BW_SHIFT_LEFT | Op.BW_USHIFT_LEFT:
            r = x << shift
        case Op.BW_SHIFT_RIGHT:
            r = x >> shift
        case Op.BW_USHIFT_RIGHT:
            r = (x & ((1 << bits) - 1)) >> shift
        case _:
            raise FoldError("failed to subEval expression")
    return JValue(JType.LONG if long_ else JType.INTEGER, _wrap(r, bits))


def fold(op: Op, a: JValue, b: JValue) -> JValue:
    """The value MVEL's compiler computes for ``a op b``; raises :class:`FoldError` when it fails."""
    if op in (Op.AND, Op.OR):
        if a.jtype is not JType.BOOLEAN:
            raise FoldError(
                "syntax error or incompatable types" if a.jtype is not JType.NULL else "failed to subEval expression"
            )
        if (op is Op.AND and not a.value) or (op is Op.OR and a.value):
            return a
        if b.jtype is not JType.BOOLEAN:
            raise FoldError(
                "syntax error or incompatable types" if b.jtype is not JType.NULL else "failed to subEval expression"
            )
        return b
    if Op.BW_AND <= op <= Op.BW_USHIFT_LEFT:
        return _bits(a, op, b)
    return _do_operations(a, op, b)
