"""Names, property reads and calls: their JavaScript and the static type MVEL's ``PropertyVerifier`` gives them.

A call of a TbUtils helper or of a Java class's static method (``Math.max``, ``Integer.parseInt``)
becomes a call site that chooses its Java overload the first time it runs, from the arguments'
compile-time classes where known and their runtime classes otherwise, then keeps it
(``$.scall``). Its static type is the return type of the overload MVEL's compiler picks from
the compile-time classes alone: ``parseHexToInt(s)`` is an ``int`` (not an ``Integer``), which
changes how ``/`` and ``*`` treat it.
"""

from __future__ import annotations

import json

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.gencore import Code, GenBase, ident, js_str
from tbkit.converters.tbel.imports import TBUTILS_IMPORTS
from tbkit.converters.tbel.jtypes import JType, by_java_name
from tbkit.converters.tbel.jvm import best_candidate, getter, import_target, imports
from tbkit.converters.tbel.typeparams import COMPILE_CLASS
from tbkit.errors import ConverterCompileError

__all__ = ["CallGen", "STATIC_CLASSES"]

_TBUTILS = "org.thingsboard.script.api.tbel.TbUtils"

STATIC_CLASSES: dict[str, str] = {
    name: target[6:] for name, target in imports().items() if target.startswith("class:") and name[:1].isupper()
} | {"Date": "org.thingsboard.script.api.tbel.TbDate"}
"""Class names a script can use without a package (ThingsBoard's imports and registered data types)."""

_FQCN = {"java.lang." + s for s in ("Math", "StrictMath", "Integer", "Long", "Double", "Float", "Short", "Byte")} | {
    "java.lang.Boolean",
    "java.lang.Character",
    "java.lang.String",
    "java.util.Arrays",
}
# what an instance method's receiver class is to MVEL's compiler (its facts' class)
_OWNER = {
    JType.STRING: "java.lang.String",
    JType.EXEC_LIST: "org.mvel2.execution.ExecutionArrayList",
    JType.LIST: "org.mvel2.execution.ExecutionArrayList",
    JType.COLLECTION: "org.mvel2.execution.ExecutionArrayList",
    JType.ARRAY_LIST: "org.mvel2.execution.ExecutionArrayList",
    JType.EXEC_MAP: "org.mvel2.execution.ExecutionHashMap",
    JType.MAP: "org.mvel2.execution.ExecutionHashMap",
    JType.EXEC_SET: "org.mvel2.execution.ExecutionLinkedHashSet",
    JType.SET: "org.mvel2.execution.ExecutionLinkedHashSet",
    JType.ENTRY: "org.mvel2.execution.ExecutionEntry",
    JType.DATE: "org.thingsboard.script.api.tbel.TbDate",
} | {t: t.boxed.value for t in JType if t.boxed.is_numeric or t.boxed in (JType.BOOLEAN, JType.CHARACTER)}
_STATIC_FIELDS = {
    ("java.lang.Integer", "MAX_VALUE"): JType.INT,
    ("java.lang.Integer", "MIN_VALUE"): JType.INT,
    ("java.lang.Long", "MAX_VALUE"): JType.LONG_P,
    ("java.lang.Long", "MIN_VALUE"): JType.LONG_P,
    ("java.lang.Short", "MAX_VALUE"): JType.SHORT_P,
    ("java.lang.Short", "MIN_VALUE"): JType.SHORT_P,
    ("java.lang.Byte", "MAX_VALUE"): JType.BYTE_P,
    ("java.lang.Byte", "MIN_VALUE"): JType.BYTE_P,
    ("java.lang.Math", "PI"): JType.DOUBLE_P,
    ("java.lang.Math", "E"): JType.DOUBLE_P,
} | {(f"java.lang.{c}", f): p for c, p in (("Double", JType.DOUBLE_P), ("Float", JType.FLOAT_P)) for f in (
    "MAX_VALUE", "MIN_VALUE", "NaN", "POSITIVE_INFINITY", "NEGATIVE_INFINITY")}  # fmt: skip


def _arg_class(c: Code, e: n.Expr) -> str:
    """``MVEL.analyze`` of an argument as ``PropertyVerifier`` records it (a ``null`` literal is ``NullType``)."""
    if isinstance(e, n.Const) and e.value is None:
        return JType.NULL.value
    return c.known.value


def _runtime_class(c: Code) -> str | None:
    """The class a call site starts from for an argument: its compile-time class, or None (the runtime's)."""
    t = c.egress
    return None if t is None or t is JType.OBJECT or t is JType.OTHER else t.value


class CallGen(GenBase):
    """Names, members, indexing and calls."""

    # ---- names ----
    def static_class(self, e: n.Expr) -> str | None:
        """The Java class ``e`` names (``Math``, ``java.util.Arrays``), None when it is not a class."""
        if isinstance(e, n.Name):
            return STATIC_CLASSES.get(e.name) if not self.scope.sees(e.name) else None
        path: list[str] = []
        cur: n.Expr = e
        while isinstance(cur, n.Member):
            path.append(cur.name)
            cur = cur.obj
        if isinstance(cur, n.Name) and not self.scope.sees(cur.name):
            full = ".".join([cur.name, *reversed(path)])
            return full if full in _FQCN else None
        return None

    def name_code(self, e: n.Name) -> Code:
        if e.name in self.holes:
            return Code(e.name)
        if e.name in TBUTILS_IMPORTS:
            return Code(f"$.mstub({js_str(e.name)})", JType.OTHER)
        if self.scope.sees(e.name) or e.name in self.functions:
            return Code(self.js_name(e.name), self.var_type(e.name) if self.scope.sees(e.name) else JType.OTHER)
        if e.name == "empty":
            return Code("$.EMPTY", JType.BLANK)
        return Code(f"$.undef({js_str(e.name)})")

    def verified_type(self, e: n.Expr, code: Code) -> JType:
        """The class ``PropertyVerifier`` knows for ``e``: in a function body a variable keeps the class of its
        first value there too (the compiled operators treat it as untyped, see ``record_type``)."""
        if isinstance(e, n.Name) and self.in_function and code.known is JType.OBJECT:
            return self.verifier_types.get(e.name, JType.OBJECT)
        return code.known

    # ---- null-safe chains ----
    def safe_split(self, e: n.Member | n.Index | n.Call) -> Code | None:
        """Code for a chain below a null-safe step ``x.?a``, or None when there is none.

        In MVEL ``x.?a`` reads ``a`` from ``x`` as usual (``x`` must not be null); when the value
        read is null, the rest of the chain is skipped and the whole chain gives null.
        """
        parent: n.Expr = e.callee if isinstance(e, n.Call) else e  # a call's step is its method
        inner = parent.callee if isinstance(parent, n.Call) else getattr(parent, "obj", None)
        while isinstance(inner, (n.Member, n.Index, n.Call)):
            if isinstance(inner, n.Member) and inner.safe:
                self.counter += 1
                hole = n.Name(inner.line, inner.col, f"$s{self.counter}")
                self.holes.add(hole.name)
                self._swap(parent, hole)
                try:
                    rest = self.expr(e)
                finally:
                    self._swap(parent, inner)
                return Code(f"$.sn({self.expr(inner).js}, function ({hole.name}) {{ return {rest.js}; }})")
            parent = inner
            inner = inner.callee if isinstance(inner, n.Call) else inner.obj
        return None

    @staticmethod
    def _swap(parent: n.Expr, new: n.Expr) -> None:
        if isinstance(parent, n.Call):
            parent.callee = new
        elif isinstance(parent, (n.Member, n.Index)):
            parent.obj = new

    # ---- property reads ----
    def member_code(self, e: n.Member) -> Code:
        cls = self.static_class(e.obj)
        if cls is not None:
            return Code(f"$.sf({js_str(cls)}, {js_str(e.name)})", _STATIC_FIELDS.get((cls, e.name), JType.OBJECT))
        safe = self.safe_split(e)
        if safe is not None:
            return safe
        obj = self.expr(e.obj)
        typ = self.property_of(self.verified_type(e.obj, obj), e)
        if obj.known.is_array and e.name == "length":
            typ = JType.INTEGER
        elif obj.known is not self.verified_type(e.obj, obj):
            typ = JType.OBJECT  # in a function body the compiled operators do not know the receiver's class
        return Code(f"$.g({obj.js}, {js_str(e.name)})", typ)

    def property_of(self, receiver: JType, e: n.Member) -> JType:
        """``PropertyVerifier.getBeanProperty`` of a map's or collection's property, and the class it gives: a getter
        (``m.size``, called before any key of that name is looked up) gives its result's class and records its type
        arguments; a name that is no member takes the recorded ones (see :mod:`.typeparams`)."""
        cls = COMPILE_CLASS.get(receiver)
        if cls is None:
            return JType.OBJECT
        method = getter(cls, e.name)
        if method is not None:
            self.ltp.method(cls, method[0], 0)
            return by_java_name(method[1]) if by_java_name(method[1]) is not JType.OTHER else JType.OBJECT
        error = self.ltp.read(receiver)
        if error is not None:
            raise self.eager_error(error, e)
        taken = by_java_name(self.ltp.taken) if self.ltp.taken is not None else JType.OBJECT
        return taken if taken is not JType.OTHER else JType.OBJECT

    def index_code(self, e: n.Index) -> Code:
        safe = self.safe_split(e)
        if safe is not None:
            return safe
        return Code(f"$.ix({self.expr(e.obj).js}, {self.expr(e.index).js})")

    # ---- calls ----
    def call_code(self, e: n.Call) -> Code:
        callee = e.callee
        if isinstance(callee, n.Member) and self.static_class(callee.obj) is None:
            safe = self.safe_split(e)
            if safe is not None:
                return safe
        # MVEL verifies the receiver, then the arguments, then resolves the method
        recv = None
        if isinstance(callee, n.Member) and self.static_class(callee.obj) is None:
            recv = self.expr(callee.obj)
        args = self.call_args(e.args)
        if isinstance(args, Code):
            return args
        if isinstance(callee, n.Name):
            return self.function_call(callee, e, args)
        assert isinstance(callee, n.Member)
        cls = self.static_class(callee.obj)
        if cls is not None:
            return self.static_call(cls, callee.name, e.args, args)
        assert recv is not None
        js = f"$.m({recv.js}, {js_str(callee.name)}, [{', '.join(a.js for a in args)}])"
        owner = _OWNER.get(recv.known)
        verified = self.verified_type(callee.obj, recv)
        self.ltp.method(COMPILE_CLASS.get(verified, _OWNER.get(verified, "")), callee.name, len(args))
        if owner is None:
            return Code(js)
        m = best_candidate([_arg_class(a, x) for a, x in zip(args, e.args, strict=True)], callee.name, owner)
        if not args and verified in COMPILE_CLASS and (g := getter(COMPILE_CLASS[verified], callee.name)):
            # MVEL's compiler resolves it on its own class (HashMap.values() is a Collection, not ThingsBoard's list)
            resolved = by_java_name(g[1])
            if resolved is not JType.OTHER and g[0] == callee.name:
                return Code(js, resolved)
        return Code(js, by_java_name(m.returns) if m is not None else JType.OBJECT)

    def call_args(self, exprs: list[n.Expr]) -> list[Code] | Code:
        """The arguments of a call, or the call failing when it runs.

        MVEL compiles a call's arguments when the call first runs (its accessor optimizer), so what fails to
        compile in them (a literal reduction, a type check) fails only then; but a parenthesis in them is
        compiled with the script."""
        try:
            return [self.expr(a) for a in exprs]
        except ConverterCompileError as exc:
            if getattr(exc, "eager", False):
                raise
            return Code(f"$.fail({js_str(exc.message)})")

    def known_function(self, name: str) -> bool:
        """A function of the script or a helper ThingsBoard registers."""
        return import_target(name) is not None or name in self.functions

    def function_call(self, callee: n.Name, e: n.Call, args: list[Code]) -> Code:
        name = callee.name
        target = import_target(name)
        if target is not None:
            return self.static_call(target[0], target[1], e.args, args)
        if name in self.functions:
            return Code(f"{ident(name)}({', '.join(a.js for a in args)})")
        return Code(f"$.nofn({js_str(name)})")

    def static_call(self, owner: str, method: str, exprs: list[n.Expr], args: list[Code]) -> Code:
        """A call that MVEL resolves among ``owner``'s methods named ``method``."""
        if (owner, method) == (_TBUTILS, "stringToBytes") and args and args[0].const is not None:
            # a "non-convertable" method: MVEL's check of a literal text argument dereferences a null type
            return Code(f"$.npeLiteralArg({', '.join(a.js for a in args)})")
        types = [_runtime_class(a) for a in args]
        site = self.site(f"{{c: {js_str(owner)}, n: {js_str(method)}, t: {json.dumps(types)}, m: null}}")
        js = f"$.scall({site}, [{', '.join(a.js for a in args)}])"
        m = best_candidate([_arg_class(a, x) for a, x in zip(args, exprs, strict=True)], method, owner)
        if m is not None:
            self.ltp.method(owner, method, len(m.params) + m.context)
        return Code(js, by_java_name(m.returns) if m is not None else JType.OBJECT)
