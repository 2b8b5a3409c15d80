"""JavaScript code generation for TBEL expressions (statements are in :mod:`.codegen`).

Every operator, member access and method call is compiled to a call into the runtime
namespace (``$`` = ``__tbel``), because Java semantics (value equality, int/double kinds,
``null`` for missing map keys, ...) differ from JavaScript's. Each expression also carries the
static type MVEL's compiler gives it (:class:`.gencore.Code`), which decides how operators and
calls behave.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar, assert_never

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.gencore import Code, js_str
from tbkit.converters.tbel.jtypes import JType, declared_type
from tbkit.converters.tbel.opgen import OpGen, literal_code
from tbkit.errors import ConverterCompileError

__all__ = ["ExprGen"]

_COMPOUND = {
    "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "&": "band", "|": "bor", "^": "bxor",
    "<<": "shl", ">>": "shr", ">>>": "ushr",
}  # fmt: skip
_NEW_TYPES = {"Date": JType.DATE, "String": JType.STRING}
_L = TypeVar("_L", n.MapLit, n.ListLit)


class ExprGen(OpGen):
    """Code generator state, output helpers and the expression half of the generator."""

    def expr(self, e: n.Expr) -> Code:
        match e:
            case n.Num() | n.Str() | n.Const():
                value = self.const_value(e)
                assert value is not None
                return literal_code(value)
            case n.Name():
                return self.name_code(e)
            case n.Member():
                return self.member_code(e)
            case n.Index():
                return self.index_code(e)
            case n.Call():
                return self.call_code(e)
            case n.New():
                codes = self.call_args(e.args)
                if isinstance(codes, Code):
                    return codes
                args = ", ".join(c.js for c in codes)
                return Code(f"$.newObj({js_str(e.cls)}, [{args}])", _NEW_TYPES.get(e.cls, JType.OBJECT))
            case n.NewArray():
                return self.new_array(e)
            case n.MapLit():
                return self.twice_verified(e, self.map_literal)
            case n.ListLit():
                return self.twice_verified(e, self.list_literal)
            case n.ArrayLit():
                return Code(
                    '$.jarr("Object", [' + ", ".join(self.expr(a).js for a in e.items) + "])", JType.OBJECT_ARRAY
                )
            case n.IsDef():
                known = self.scope.sees(e.name) or e.name in self.functions
                return Code("true" if known else "false", JType.BOOLEAN, pure_bool=True)
            case n.Projection():
                call = "true" if e.call else "false"
                return Code(f"$.proj({self.expr(e.source).js}, {json.dumps(e.path)}, {call})")
            case n.Paren():
                return self.paren(e)
            case n.Coalesce():
                return self.coalesce(e)
            case n.Fail():
                return Code(f"$.fail({js_str(e.message)})")
            case n.Unary():
                return self.unary(e)
            case n.Binary():
                return self.binary(e)
            case n.Cond():
                return self.cond(e)
            case n.Assign():
                return self.assign(e)
            case n.Update():
                return self.update(e)
            case n.Cast():
                return self.cast(e)
            case n.InstanceOf():
                return Code(f"$.iof({self.expr(e.expr).js}, {js_str(e.type)})", JType.BOOLEAN, pure_bool=True)
            case _:
                assert_never(e)

    def paren(self, e: n.Paren) -> Code:
        """A ``Substatement``: typed as its one node, or as its last token when it is more than one node.

        MVEL compiles a parenthesis when it reads it, even in a call's arguments (see ``call_args``)."""
        try:
            return self.paren_code(e)
        except ConverterCompileError as exc:
            exc.eager = True  # type: ignore[attr-defined]
            raise

    def paren_code(self, e: n.Paren) -> Code:
        value = self.const_value(e)
        if value is not None:
            return literal_code(value)
        inner = self.expr(e.expr)
        typ = inner.tail_type if isinstance(e.expr, (n.Cond, n.Coalesce)) else inner.egress
        return Code(f"({inner.js})", typ, pure_bool=inner.pure_bool)

    def new_array(self, e: n.NewArray) -> Code:
        elem = e.elem.rsplit(".", 1)[-1]
        typ = declared_type(elem + "[]")
        if e.items is not None:
            items = ", ".join(self.expr(a).js for a in e.items)
            return Code(f"$.arrOf({js_str(elem)}, [{items}])", typ)
        if e.more and e.size is not None:
            sizes = ", ".join(self.expr(x).js for x in [e.size, *e.more])
            return Code(f"$.newArrN({js_str(elem)}, [{sizes}])", JType.OBJECT_ARRAY)
        size = self.expr(e.size).js if e.size else "0"
        return Code(f"$.newArr({js_str(elem)}, {size})", typ)

    def twice_verified(self, e: _L, build: Callable[[_L], Code]) -> Code:
        """An inline map or list: MVEL verifies its items twice (see :mod:`.typeparams`)."""
        self.ltp.start()
        try:
            code = build(e)
        finally:
            error = self.ltp.replay()
        if error is not None:
            raise self.eager_error(error, e)
        return code

    def list_literal(self, e: n.ListLit) -> Code:
        return Code("[" + ", ".join(self.stored(self.expr(a), False) for a in e.items) + "]", JType.ARRAY_LIST)

    def map_literal(self, e: n.MapLit) -> Code:
        items = []
        for key, value in e.pairs:
            if isinstance(value, n.Cond):
                # TBEL quirk: `{k: c ? a : b}` splits at the last ':', so the entry becomes
                # (c ? a) -> b; the data-converters results encode key a, value b.
                test = self.expr(value.test)
                test_js = test.js if test.pure_bool else f"$.tern({test.js})"
                items.append(f"({test_js} ? {self.expr(value.then).js} : null), {self.expr(value.other).js}")
            else:
                items.append(f"{self.expr(key).js}, {self.expr(value).js}")
        return Code(f"$.map({', '.join(items)})", JType.MAP)

    # ---- assignments ----
    def target_parts(self, t: n.Expr) -> tuple[str, str, str]:
        if isinstance(t, n.Member):
            recv = self.expr(t.obj)
            self.property_of(self.verified_type(t.obj, recv), t)
            return recv.js, js_str(t.name), "false"
        assert isinstance(t, n.Index)
        obj = self.expr(t.obj).js
        call = t.index
        if isinstance(call, n.Call) and isinstance(call.callee, n.Name) and not self.known_function(call.callee.name):
            # `m[f()] = v`: MVEL reads the unknown f() as a method of the collection
            args = ", ".join(self.expr(a).js for a in call.args)
            return obj, f"$.noMethodOn({obj}, {js_str(call.callee.name)}, [{args}])", "true"
        return obj, self.expr(t.index).js, "true"

    def assign(self, e: n.Assign) -> Code:
        op = e.op[:-1]
        if isinstance(e.target, n.Name):
            name = self.js_name(e.target.name)
            if not op:
                value = self.expr(e.value)
                self.record_type(e.target.name, value.egress)
                return Code(f"({name} = {self.stored(value, True)})", value.egress)
            if e.textual is not None and op == "+" and self.function_variable(e.target.name):
                # MVEL compiles `x += v` on a function's own variable as the text `x + v`
                return Code(f"({name} = {self.expr(e.textual).js})")
            result = self.compound(op, name, self.expr(e.value).js, e)
            known = self.var_type(e.target.name)
            if not (known.boxed.is_numeric or known.boxed is JType.STRING):
                result = f"$.v({result})"  # `list += 5` makes a java.util.ArrayList, which a variable cannot hold
            return Code(f"({name} = {result})")
        obj, key, is_index = self.target_parts(e.target)
        setter = "six" if is_index == "true" else "s"
        if not op:
            value = self.expr(e.value)
            return Code(f"$.{setter}({obj}, {key}, {value.js})", value.egress)
        if not _is_union(e.target):  # `l[0] += v`: MVEL looks up a variable named "l[0]"
            return Code(f"$.undefVar({js_str(_target_text(e.target))})")
        assert e.textual is not None  # `m.k op= v` is the text `m.k op v`
        return Code(f"$.{setter}({obj}, {key}, {self.expr(e.textual).js})")

    def compound(self, op: str, current: str, value: str, e: n.Node) -> str:
        """``x op= v``: MVEL's OperativeAssign computes with the types of the values (nothing known at compile time)."""
        if op not in _COMPOUND:
            raise self.error(f"unsupported compound assignment: {op}=", e)
        return f"$.{_COMPOUND[op]}({current}, {value})"

    def function_variable(self, name: str) -> bool:
        """A parameter or variable of the function being compiled (MVEL keeps these in indexed slots)."""
        return self.in_function and self.scope.sees(name) and (name in self.params or name not in self.globals_seen)

    def lost_in_foreach(self, name: str) -> bool:
        """True for ``++``/``--`` on a variable of a function (not a global) inside that function's foreach."""
        return bool(self.foreach_items) and name not in self.foreach_items and self.function_variable(name)

    def update(self, e: n.Update) -> Code:
        """``x++`` and friends: ``doOperations(value, ADD or SUB, DataTypes.INTEGER, 1)``."""
        fn = "inc" if e.op == "++" else "dec"
        if isinstance(e.target, n.Name) and self.lost_in_foreach(e.target.name):
            # MVEL resolves ++/-- by name, which inside a function's foreach finds no function variable
            return Code("$.npeResolver()")
        if isinstance(e.target, n.Name):
            name = self.js_name(e.target.name)
            if e.prefix:
                return Code(f"({name} = $.{fn}({name}))", self.var_type(e.target.name))
            return Code(f"($.tmp = {name}, {name} = $.{fn}($.tmp), $.tmp)", self.var_type(e.target.name))
        if e.prefix:
            raise self.error(f"unexpected character ('{_target_text(e.target)[-1:]}'); was expecting: {{", e)
        return Code(f"$.undefVar({js_str(_target_text(e.target))})")  # MVEL looks up a variable named "m.n"


def _is_union(t: n.Expr) -> bool:
    """A property path (``m.k``, ``m.l[0]``): MVEL assigns through it (it contains a dot)."""
    while isinstance(t, (n.Member, n.Index)):
        if isinstance(t, n.Member):
            return True
        t = t.obj
    return False


def _target_text(t: n.Expr) -> str:
    """Approximate source text of an assignment target, for messages."""
    match t:
        case n.Name():
            return t.name
        case n.Member():
            return f"{_target_text(t.obj)}.{t.name}"
        case n.Index():
            return f"{_target_text(t.obj)}[...]"
        case _:
            return "?"
