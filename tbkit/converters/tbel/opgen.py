"""Code generation for TBEL's operators: chains of binary operators, logic, the ternary, unary operators, casts.

Each operator compiles to a call into the runtime (``$`` = ``__tbel``) with the operand types
MVEL's compiler knows (see :mod:`.chains`); literal operands are reduced while compiling, as
MVEL reduces them, and a reduction that fails is a compile error (:mod:`.folding`).
"""

from __future__ import annotations

import math

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.calls import CallGen
from tbkit.converters.tbel.chains import CHAIN_OPS, ChainBuilder
from tbkit.converters.tbel.folding import FoldError, JValue, Op
from tbkit.converters.tbel.gencore import Code, js_str
from tbkit.converters.tbel.jtypes import JType, declared_type
from tbkit.converters.tbel.jvm import cast_error
from tbkit.converters.tbel.literalruns import reduce_run
from tbkit.errors import ConverterCompileError

__all__ = ["OpGen", "literal_code"]

_RUN_OPS: dict[str, Op] = {**CHAIN_OPS, "&&": Op.AND, "||": Op.OR}
_WORD_OPS = {"contains": "contains", "~=": "rxm", "soundslike": "soundslike", "strsim": "strsim", "or": "chor"}
_SIGNERS = {JType.INTEGER: "I", JType.DOUBLE: "D", JType.LONG: "L", JType.FLOAT: "F", JType.SHORT: "S"}


def literal_code(v: JValue) -> Code:
    """A literal value as JS, typed by its class."""
    match v.jtype:
        case JType.INTEGER:
            js = str(v.value) if isinstance(v.value, int) and v.value >= 0 else f"({v.value})"
        case JType.LONG:
            js = f"$.L({v.value}n)"
        case JType.DOUBLE | JType.FLOAT:
            x = float(v.value)  # type: ignore[arg-type]
            text = "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity") if math.isinf(x) else repr(x)
            js = f"$.{'D' if v.jtype is JType.DOUBLE else 'F'}({text})"
        case JType.STRING:
            js = js_str(str(v.value))
        case JType.BOOLEAN:
            js = "true" if v.value else "false"
        case _:
            return Code("null", None, const=v)
    return Code(js, v.jtype, const=v)


def _num_value(e: n.Num) -> JValue:
    if e.jtype is JType.BIG_INTEGER:
        return JValue(JType.LONG, e.value)
    return JValue(e.jtype, e.value)


class OpGen(CallGen):
    """Operators; literal reduction."""

    # ---- literals and their compile-time reduction ----
    def const_value(self, e: n.Expr) -> JValue | None:
        """The value MVEL's compiler reduces ``e`` to, None when ``e`` is not made of literals alone."""
        match e:
            case n.Num():
                return _num_value(e)
            case n.Str():
                return JValue(JType.STRING, e.value)
            case n.Const():
                return JValue(JType.BOOLEAN if e.value is not None else JType.NULL, e.value)
            case n.Paren():
                try:
                    return self.const_value(e.expr)
                except ConverterCompileError as exc:
                    exc.eager = True  # type: ignore[attr-defined]  # compiled with the script (see call_args)
                    raise
            case n.Binary() if e.op in _RUN_OPS:
                run = self.reduced_run(e)
                return run[0] if len(run) == 1 and isinstance(run[0], JValue) else None
        return None

    def reduced_run(self, e: n.Binary) -> list[JValue | Op | n.Expr]:
        """The run of operators ``e`` belongs to, flattened, after MVEL's literal reduction (:mod:`.literalruns`)."""
        cached = self.runs.get(e)
        if cached is None:
            toks: list[JValue | Op | n.Expr] = []
            self._flatten(e, toks)
            try:
                cached = reduce_run(toks)
            except FoldError as exc:
                raise self.error(str(exc), e) from None
            self.runs[e] = cached
        return cached

    def _flatten(self, e: n.Expr, toks: list[JValue | Op | n.Expr]) -> None:
        """Operands and operators of one run in source order (a parenthesis is one operand)."""
        if isinstance(e, n.Binary) and e.op in _RUN_OPS:
            self._flatten(e.left, toks)
            toks.append(_RUN_OPS[e.op])
            self._flatten(e.right, toks)
        else:
            value = self.const_value(e)
            toks.append(value if value is not None else e)

    # ---- binary operators ----
    def binary(self, e: n.Binary) -> Code:
        if e.op not in _RUN_OPS:
            left, right = self.expr(e.left), self.expr(e.right)
            return Code(f"$.{_WORD_OPS[e.op]}({left.js}, {right.js})")
        run = self.reduced_run(e)
        # MVEL builds each run between && and || into a tree of its own (chains), then joins them
        groups: list[list[Code | Op]] = [[]]
        joins: list[Op] = []
        for tok in run:
            if isinstance(tok, Op) and tok in (Op.AND, Op.OR):
                joins.append(tok)
                groups.append([])
            elif isinstance(tok, JValue):
                groups[-1].append(literal_code(tok))
            elif isinstance(tok, Op):
                groups[-1].append(tok)
            else:
                groups[-1].append(self.expr(tok))
        codes = [self._chain(g) for g in groups]
        if joins:  # And/Or check their operands as conditions (CompilerTools.expectType), null included
            for code in codes:
                self.check_boolean(code, e, null_ok=False)
        return self._logic(codes, joins)

    @staticmethod
    def _chain(group: list[Code | Op]) -> Code:
        operands = [c for c in group if isinstance(c, Code)]
        ops = [o for o in group if isinstance(o, Op)]
        return operands[0] if not ops else ChainBuilder(operands, ops).code()

    def _logic(self, codes: list[Code], joins: list[Op]) -> Code:
        """``a && b || c``: ``And``/``Or`` nodes over ``(Boolean)`` casts, ``&&`` binding tighter."""
        if not joins:
            return codes[0]
        terms: list[str] = []
        current = self.cond_js(codes[0])
        for op, code in zip(joins, codes[1:], strict=True):
            if op is Op.AND:
                current = f"({current} && {self.cond_js(code)})"
            else:
                terms.append(current)
                current = self.cond_js(code)
        terms.append(current)
        js = terms[0] if len(terms) == 1 else "(" + " || ".join(terms) + ")"
        return Code(js, JType.BOOLEAN, pure_bool=True)

    # ---- conditions ----
    def check_boolean(self, c: Code, node: n.Node, null_ok: bool = True) -> None:
        """``CompilerTools.expectType(..., Boolean)``: a condition of another known class is a compile error. An
        operand of ``&&``/``||`` whose type is ``NullType`` (``null``, or literals MVEL reduced to null, as in
        ``(31 > 4 * 7)``) is one too; an ``if``/``while`` condition that is null fails when it runs."""
        t = JType.NULL if c.const is not None and c.const.jtype is JType.NULL else c.egress
        if t is None or t in (JType.OBJECT, JType.OTHER, JType.BOOLEAN, JType.BOOLEAN_P):
            return
        if t is JType.NULL and null_ok:
            return
        raise self.error(f"was expecting type: java.lang.Boolean; but found type: {t.value}", node)

    def cond_js(self, c: Code) -> str:
        """A value used as a condition: it must be a Boolean (NullPointerException / ClassCastException)."""
        return c.js if c.pure_bool else f"$.bool({c.js})"

    def condition(self, e: n.Expr) -> str:
        """An ``if``/``while``/``for`` condition."""
        c = self.expr(e)
        self.check_boolean(c, e)
        return self.cond_js(c)

    def cond(self, e: n.Cond) -> Code:
        test, then, other = self.expr(e.test), self.expr(e.then), self.expr(e.other)
        test_js = test.js if test.pure_bool else f"$.tern({test.js})"
        return Code(f"({test_js} ? {then.js} : {other.js})", other.tail_type)

    def coalesce(self, e: n.Coalesce) -> Code:
        left, right = self.expr(e.left), self.expr(e.right)
        return Code(f"$.qq({left.js}, function () {{ return {right.js}; }})", None)

    # ---- unary operators ----
    def unary(self, e: n.Unary) -> Code:
        x = self.expr(e.operand)
        t = x.egress
        match e.op:
            case "!":
                if t is not None and t not in (JType.OBJECT, JType.OTHER, JType.BOOLEAN, JType.BOOLEAN_P):
                    exc = self.error("negation operator cannot be applied to non-boolean type", e)
                    exc.eager = isinstance(e.operand, n.Paren)  # type: ignore[attr-defined]  # see call_args
                    raise exc
                return Code(x.js[1:] if x.pure_bool and x.js.startswith("!") else f"$.not({x.js})", JType.BOOLEAN)
            case "-":
                kind = None
                if t is not None and t not in (JType.OBJECT, JType.OTHER):
                    kind = _SIGNERS.get(t.boxed)
                    if kind is None:
                        raise self.error(f"illegal use of '-': cannot be applied to: {t.boxed.value}", e)
                site = self.site("{k: " + (js_str(kind) if kind else "null") + "}")
                return Code(f"$.sign({site}, {x.js})", x.egress)
            case "~":
                if t is not None and t not in (JType.OBJECT, JType.OTHER) and t.boxed is not JType.INTEGER:
                    raise self.error(f"was expecting type: java.lang.Integer; but found type: {t.value}", e)
                return Code(f"$.inv({x.js})", None)
            case _:
                return x

    # ---- casts ----
    def cast(self, e: n.Cast) -> Code:
        x = self.expr(e.expr)
        target = declared_type(e.type)
        if target in (JType.OTHER, JType.OBJECT) or target.is_array:
            return Code(x.js, target)
        if x.egress is not None and x.egress is not JType.OTHER and x.const is None:
            problem = cast_error(target.value, x.egress.value)
            if problem is not None:
                raise self.error(problem, e)
        return Code(f"$.jconvert({x.js}, {js_str(target.value)})", target)
