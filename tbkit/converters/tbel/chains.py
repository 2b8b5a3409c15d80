"""Operators as MVEL's compiler builds them (``CompilerTools.finalizePayload``).

MVEL does not parse operators into a tree by precedence first: it reads a flat run of operands
and operators and builds ``BinaryOperation`` nodes as it goes, replacing a node by ``IntAdd``,
``IntSub``, ``IntMult`` or ``IntDiv`` (Java ``int`` arithmetic on ``(Integer)`` casts: it wraps,
truncates and throws ``ClassCastException`` for a Double) when both operands are statically
``Integer``. The way it grows the tree decides which node is int-optimized and what type each
operand is known to have, so :class:`ChainBuilder` replays that algorithm on the operands of one
run; literal operands are reduced first (:mod:`.folding`).

>>> from tbkit.converters.tbel.gencore import Code
>>> a = Code("a", JType.INTEGER)
>>> ChainBuilder([a, a], [Op.DIV]).code().js
'$.idiv(a, a)'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tbkit.converters.tbel.folding import Op
from tbkit.converters.tbel.gencore import Code
from tbkit.converters.tbel.jtypes import JType

__all__ = ["CHAIN_OPS", "ChainBuilder", "operand_code", "return_type_from_op"]

CHAIN_OPS: dict[str, Op] = {
    "+": Op.ADD, "-": Op.SUB, "*": Op.MULT, "/": Op.DIV, "%": Op.MOD, "**": Op.POWER, "&": Op.BW_AND,
    "|": Op.BW_OR, "^": Op.BW_XOR, ">>": Op.BW_SHIFT_RIGHT, "<<": Op.BW_SHIFT_LEFT, ">>>": Op.BW_USHIFT_RIGHT,
    "<<<": Op.BW_USHIFT_LEFT, "<": Op.LTHAN, ">": Op.GTHAN, "<=": Op.LETHAN, ">=": Op.GETHAN, "==": Op.EQUAL,
    "!=": Op.NEQUAL, "#": Op.STR_APPEND,
}  # fmt: skip
"""Source operators MVEL chains (``Operator`` codes below 21)."""

_SHORTCUT = {
    Op.ADD: "add", Op.SUB: "sub", Op.MULT: "mul", Op.DIV: "div", Op.MOD: "mod", Op.POWER: "pow", Op.BW_AND: "band",
    Op.BW_OR: "bor", Op.BW_XOR: "bxor", Op.BW_SHIFT_RIGHT: "shr", Op.BW_SHIFT_LEFT: "shl", Op.BW_USHIFT_RIGHT: "ushr",
    Op.BW_USHIFT_LEFT: "ushl", Op.LTHAN: "lt", Op.GTHAN: "gt", Op.LETHAN: "le", Op.GETHAN: "ge", Op.EQUAL: "eq",
    Op.NEQUAL: "ne",
}  # fmt: skip
_INT_OPT = {Op.ADD: "iadd", Op.SUB: "isub", Op.MULT: "imul", Op.DIV: "idiv"}
_BOOLEAN_OPS = {Op.LTHAN, Op.GTHAN, Op.LETHAN, Op.GETHAN, Op.EQUAL, Op.NEQUAL}
_ARITH_OPS = {Op.ADD, Op.SUB, Op.MULT, Op.POWER, Op.MOD, Op.DIV}


def _resolve(t: JType | None) -> int:
    """``ParseTools.__resolveType`` (0 for a class without a code, a null class included)."""
    return 0 if t is None else t.code


def operand_code(t: JType | None) -> int:
    """``BinaryOperation.getOperandType``: -1 (resolved from the value when running) for an unknown type."""
    return -1 if t is None or t is JType.OBJECT else t.code


def return_type_from_op(op: Op, left: JType | None, right: JType | None) -> JType | None:
    """``CompilerTools.getReturnTypeFromOp`` (None stands for Java's null class)."""
    if op in _BOOLEAN_OPS:
        return JType.BOOLEAN
    if op in _ARITH_OPS:
        if op is Op.ADD and left is JType.STRING:
            return JType.STRING
        if left is JType.OBJECT or right is JType.OBJECT:
            return JType.OBJECT
        lt = _resolve(left.boxed if left is not None else None)
        rt = _resolve(right.boxed if right is not None else None)
        return right if lt < rt else left
    if Op.BW_AND <= op <= Op.BW_NOT:
        return JType.INTEGER
    if op is Op.STR_APPEND:
        return JType.STRING
    return None


@dataclass
class _Leaf:
    code: Code

    def egress(self) -> JType | None:
        return self.code.egress

    def field(self) -> JType | None:
        return self.code.field

    def js(self) -> str:
        return self.code.js


@dataclass
class _Bo:
    """A ``BinaryOperation`` being built; ``reported`` is what ``getOperation()`` answers (IntDiv says MULT)."""

    real: Op
    reported: Op
    left: _Leaf | _Bo
    right: _Leaf | _Bo
    int_opt: bool = False
    type_field: JType | None = None
    lt: int = -1
    rt: int = -1

    def egress(self) -> JType | None:
        return JType.INTEGER if self.int_opt else self.type_field

    def field(self) -> JType | None:
        return None if self.int_opt else self.type_field

    def js(self) -> str:
        left, right = self.left.js(), self.right.js()
        if self.int_opt:
            return f"$.{_INT_OPT[self.real]}({left}, {right})"
        if self.lt < 1 and self.rt < 1 and self.real in _SHORTCUT:
            return f"$.{_SHORTCUT[self.real]}({left}, {right})"
        return f"$.op({self.lt}, {left}, {int(self.real)}, {self.rt}, {right})"

    def code(self, tail: JType | None) -> Code:
        pure = self.real in _BOOLEAN_OPS and not self.int_opt
        return Code(self.js(), self.type_field, self.int_opt, pure_bool=pure, tail=tail, tail_set=True)


def _new_bo(op: Op, left: _Leaf | _Bo, right: _Leaf | _Bo) -> _Bo:
    """``new BinaryOperation(op, left, right)``: the operand codes come from the nodes' type fields."""
    bo = _Bo(op, op, left, right)
    if op is Op.ADD and JType.STRING in (left.egress(), right.egress()):
        bo.type_field = JType.STRING
        bo.lt, bo.rt = _resolve(left.field()), _resolve(right.field())
        return bo
    bo.type_field = return_type_from_op(op, left.field(), right.field())
    bo.lt, bo.rt = operand_code(left.field()), operand_code(right.field())
    return bo


def _bo_optimize(op: Op, left: _Leaf | _Bo, right: _Leaf | _Bo) -> _Bo:
    """``CompilerTools.boOptimize``: an int-optimized node when both operands are statically Integer."""
    if left.egress() is JType.INTEGER and right.egress() is JType.INTEGER and op in _INT_OPT:
        return _Bo(op, Op.MULT if op is Op.DIV else op, left, right, int_opt=True)
    return _new_bo(op, left, right)


def _right_most_parent(bo: _Bo) -> _Bo:
    n = bo
    while isinstance(n.right, _Bo):
        n = n.right
    return n


def _set_right_most(bo: _Bo, right: _Leaf | _Bo) -> None:
    n = _right_most_parent(bo)
    n.right = right
    if n is bo:
        code = _resolve(right.egress())
        bo.rt = -1 if code == 0 else code


def _violates(bo: _Bo, node: _Leaf | _Bo) -> bool:
    """``isIntOptimizationviolation``."""
    return bo.int_opt and node.egress() is not JType.INTEGER


class ChainBuilder:
    """Builds one run of chained operators the way ``finalizePayload`` does."""

    def __init__(self, operands: list[Code], ops: list[Op]) -> None:
        assert len(operands) == len(ops) + 1 and ops
        self.operands = [_Leaf(c) for c in operands]
        self.ops = ops

    def code(self) -> Code:
        """The JS of the tree MVEL builds, typed; its class is exact only over numbers, strings and booleans."""
        code = self.build().code(self.operands[-1].egress())
        exact = all(
            (t := leaf.egress()) is not None and (t.boxed.is_numeric or t.boxed in (JType.STRING, JType.BOOLEAN))
            for leaf in self.operands
        )
        return code if exact else dataclasses.replace(code, exact=False)

    def build(self) -> _Bo:
        """The tree MVEL builds."""
        leaves, ops = self.operands, self.ops
        op = ops[0]
        bo = _bo_optimize(op, leaves[0], leaves[1])
        for op2, nxt in zip(ops[1:], leaves[2:], strict=True):
            if op2.precedence > op.precedence:
                new_right = _bo_optimize(op2, _right_most_parent(bo).right, nxt)
                if _violates(bo, new_right):
                    bo = _new_bo(bo.reported, bo.left, new_right)
                else:
                    _set_right_most(bo, new_right)
            elif bo.reported is not op2 and op.precedence == op2.precedence:
                if bo.reported.precedence == op2.precedence:
                    bo = _bo_optimize(op2, bo, nxt)
                else:
                    bo = self._append_right(bo, op2, nxt)
            elif bo.reported.precedence >= op2.precedence:
                bo = _new_bo(op2, bo, nxt)
            else:
                bo = self._append_right(bo, op2, nxt)
            op = op2
        return bo

    @staticmethod
    def _append_right(bo: _Bo, op2: Op, nxt: _Leaf) -> _Bo:
        if _violates(bo, nxt):
            bo = _new_bo(bo.reported, bo.left, bo.right)
        bo.right = _new_bo(op2, bo.right, nxt)  # setRight: the operand codes are not updated
        return bo
