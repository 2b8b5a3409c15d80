"""Number literals as MVEL reads them (``ParseTools.handleNumericConversion``).

The class of a literal follows its text, not its value: a decimal literal of more than nine
characters (a leading ``-`` counts) is a ``Long`` even when it would fit an int
(``1000000000``, ``-123456789``); a literal starting with ``0`` is read by ``Integer.decode``
(octal ``010`` is 8; hex beyond the int range becomes a ``Long``, except ``0x80000000``, which
is ``Integer.MIN_VALUE``); the suffixes ``L``, ``f``/``F``, ``d``/``D``, ``B`` (BigDecimal) and
``I`` (BigInteger) pick the class.

>>> number_literal("2147483647")
(2147483647, <JType.LONG: 'java.lang.Long'>)
>>> number_literal("0x1F")
(31, <JType.INTEGER: 'java.lang.Integer'>)
"""

from __future__ import annotations

import re
import struct

from tbkit.converters.tbel.jtypes import JType

__all__ = ["LiteralError", "float32", "number_literal"]

_INT_MIN, _INT_MAX = -(1 << 31), (1 << 31) - 1
_LONG_MIN, _LONG_MAX = -(1 << 63), (1 << 63) - 1


class LiteralError(ValueError):
    """A literal MVEL cannot read (its message is MVEL's)."""


def float32(value: float) -> float:
    """``value`` rounded to the nearest Java float."""
    try:
        return float(struct.unpack("f", struct.pack("f", value))[0])
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def _java_decode(text: str, bits: int) -> int:
    """``Integer.decode`` / ``Long.decode``: optional sign, then ``0x``/``#`` hex, ``0`` octal or decimal."""
    m = re.fullmatch(r"([+-]?)(0[xX]|#|0(?=[0-7]))?([0-9a-fA-F]+)", text)
    if m is None:
        raise LiteralError(f'For input string: "{text}"')
    sign, prefix, digits = m.groups()
    radix = 16 if prefix in ("0x", "0X", "#") else 8 if prefix == "0" else 10
    try:
        value = int(digits, radix)
    except ValueError:
        raise LiteralError(f'For input string: "{digits}"' + (f" under radix {radix}" if radix != 10 else "")) from None
    value = -value if sign == "-" else value
    if not -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
        raise LiteralError(f'For input string: "{text}"' + (f" under radix {radix}" if radix != 10 else ""))
    return value


def _leading_zero(text: str) -> tuple[int | float, JType]:
    last = text[-1]
    if last in "lL":
        return _java_decode(text[:-1], 64), JType.LONG
    if last == "I":
        return _parse_int(text[:-1], JType.BIG_INTEGER)
    if last == "B" and text[1] != "x":
        return float(text[:-1]), JType.DOUBLE  # a BigDecimal, carried as a double
    try:
        return _java_decode(text, 32), JType.INTEGER
    except LiteralError:
        bare = text.replace("0x", "")
        if bare == "80000000":
            return _INT_MIN, JType.INTEGER
        if bare == "8000000000000000":
            return _LONG_MIN, JType.LONG
        return _java_decode(text, 64), JType.LONG


def _parse_int(text: str, jtype: JType) -> tuple[int, JType]:
    if not re.fullmatch(r"[+-]?\d+", text):
        raise LiteralError(f'For input string: "{text}"')
    value = int(text)
    if jtype is JType.LONG and not _LONG_MIN <= value <= _LONG_MAX:
        raise LiteralError(f'For input string: "{text}"')
    return value, jtype


def _parse_double(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise LiteralError(f'For input string: "{text}"') from None


def number_literal(text: str) -> tuple[int | float, JType]:
    """The value and class MVEL gives the literal ``text`` (a leading ``-`` included when MVEL lexes it
    as part of the literal). Raises :class:`LiteralError` for a literal MVEL rejects."""
    text = text.replace("_", "") if "_" in text and not text.startswith("0") else text
    if len(text) != 1 and text[0] == "0" and text[1] != ".":
        return _leading_zero(text)
    last = text[-1]
    if not last.isdigit():
        body = text[:-1]
        if last in "lL":
            return _parse_int(body, JType.LONG)
        if last in ".dD":
            return _parse_double(body), JType.DOUBLE
        if last in "fF":
            return float32(_parse_double(body)), JType.FLOAT
        if last == "I":
            return _parse_int(body, JType.BIG_INTEGER)
        if last == "B":
            return _parse_double(body), JType.DOUBLE  # a BigDecimal, carried as a double
        raise LiteralError("unrecognized numeric literal")
    if re.search(r"[.eE]", text):
        return _parse_double(text), JType.DOUBLE
    if len(text) > 9:
        return _parse_int(text, JType.LONG)
    return _parse_int(text, JType.INTEGER)
