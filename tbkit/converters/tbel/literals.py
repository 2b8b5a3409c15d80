"""Number literals as MVEL reads them: hex, binary, octal (a leading 0), and the suffixes
``L`` (long), ``f``/``d`` (float/double), ``B`` (BigDecimal) and ``I`` (BigInteger).

>>> from tbkit.converters.tbel.lexer import tokenize
>>> number_node(tokenize("010")[0]).value
'8'
"""

from __future__ import annotations

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.lexer import Token

__all__ = ["number_node"]


def number_node(t: Token) -> n.Num:
    """The node of a number token, with the kind and value MVEL gives the literal."""
    text = t.text.replace("_", "")
    low = text.lower()
    if low.startswith(("0x", "0b")):
        long_ = low.endswith("l")
        digits = low[2:-1] if long_ else low[2:]
        value = int(digits, 16 if low[1] == "x" else 2)
        if not long_ and value > 0x7FFFFFFF:
            value -= 1 << 32 if value <= 0xFFFFFFFF else 0
        return n.Num(t.line, t.col, str(value), "L" if long_ or value > 0x7FFFFFFF else "I")
    suffix = low[-1] if low[-1] in "lfdbi" else ""
    body = low[:-1] if suffix else low
    if suffix in ("l", "i"):  # `I` is a BigInteger literal: carried as a long
        return n.Num(t.line, t.col, str(int(body)), "L")
    if suffix == "b":  # `B` is a BigDecimal literal: carried as a double
        return n.Num(t.line, t.col, repr(float(body)), "D")
    if len(body) > 1 and body[0] == "0" and set(body) <= set("01234567"):  # Java octal, as MVEL reads it
        value = int(body, 8)
        return n.Num(t.line, t.col, str(value), "I" if value <= 0x7FFFFFFF else "L")
    if suffix in ("f", "d") or "." in body or "e" in body:
        return n.Num(t.line, t.col, repr(float(body)), "F" if suffix == "f" else "D")
    value = int(body)
    return n.Num(t.line, t.col, str(value), "I" if value <= 0x7FFFFFFF else "L")
