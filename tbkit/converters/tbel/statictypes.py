"""The compile-time ("egress") types MVEL gives expressions, where they change the result.

MVEL compiles ``a / b`` to its ``IntDiv`` node, a truncating Java ``int`` division, when both
operands are statically known to be ``Integer`` (``CompilerTools.boOptimize``). Otherwise
division is dynamic and ``int / int`` gives a double. What is statically an ``Integer``:

* an ``int`` literal, a cast to ``int``, a bitwise operation (always typed ``Integer``);
* ``+ - * / %`` of two ``Integer`` operands (the wider operand type otherwise, ``Object``
  as soon as one operand is untyped);
* a variable of the script's top level whose declaration (``int x`` or ``var x = <Integer
  expression>``) or first assignment has that type. Variables and parameters inside
  functions, ``foreach`` variables, map values, list elements and call results are untyped.

Two constant operands are folded at compile time instead, with the dynamic rules (``7 / 2``
is 3.5).

>>> from tbkit.converters.tbel import nodes as n
>>> static_type(n.Num(1, 1, "7", "I"), {})
'I'
"""

from __future__ import annotations

from tbkit.converters.tbel import nodes as n

__all__ = ["DECLARED", "is_constant", "static_type"]

DECLARED = {
    "int": "I",
    "Integer": "I",
    "long": "L",
    "Long": "L",
    "double": "D",
    "Double": "D",
    "float": "F",
    "Float": "F",
    "String": "S",
}
_RANK = {"I": 1, "L": 2, "F": 3, "D": 4}
_BOOLEAN_OPS = {"<", ">", "<=", ">=", "==", "!=", "&&", "||", "contains", "~=", "soundslike"}
_BIT_OPS = {"&", "|", "^", "<<", ">>", ">>>", "<<<"}


def is_constant(e: n.Expr) -> bool:
    """True for an expression of literals only, which MVEL folds while compiling."""
    if isinstance(e, n.Num):
        return True
    if isinstance(e, n.Unary):
        return is_constant(e.operand)
    if isinstance(e, n.Binary):
        return is_constant(e.left) and is_constant(e.right)
    return False


def static_type(e: n.Expr, variables: dict[str, str]) -> str | None:
    """MVEL's static type of ``e`` as a kind letter (I, L, F, D, S, Z), or None for Object."""
    if isinstance(e, n.Num):
        return e.kind
    if isinstance(e, n.Str):
        return "S"
    if isinstance(e, n.Name):
        return variables.get(e.name)
    if isinstance(e, n.Cast):
        return DECLARED.get(e.type)
    if isinstance(e, n.Unary) and e.op in ("-", "~"):
        return static_type(e.operand, variables)
    if isinstance(e, n.Binary):
        return _binary_type(e, variables)
    return None


def _binary_type(e: n.Binary, variables: dict[str, str]) -> str | None:
    if e.op in _BOOLEAN_OPS:
        return "Z"
    if e.op in _BIT_OPS:
        return "I"
    if e.op == "#":
        return "S"
    left, right = static_type(e.left, variables), static_type(e.right, variables)
    if e.op == "+" and "S" in (left, right):
        return "S"
    if left is None or right is None or left not in _RANK or right not in _RANK:
        return None
    if e.op == "/" and is_constant(e):
        return "D" if left == right == "I" else max(left, right, key=_RANK.__getitem__)
    return max(left, right, key=_RANK.__getitem__)
