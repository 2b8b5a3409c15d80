"""JavaScript code generation for TBEL expressions (statements are in :mod:`.codegen`).

Every operator, member access and method call is compiled to a call into the runtime
namespace (``$`` = ``__tbel``), because Java semantics (value equality, int/double kinds,
``null`` for missing map keys, ...) differ from JavaScript's. Statements are emitted on the
JS line equal to their TBEL line, so V8 error line numbers are TBEL line numbers.
"""

from __future__ import annotations

import json

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.imports import TBUTILS_IMPORTS
from tbkit.converters.tbel.parser import PRIMITIVES
from tbkit.converters.tbel.scope import Scope
from tbkit.converters.tbel.statictypes import DECLARED, is_constant, static_type

__all__ = ["CONVERTIBLE", "ExprGen", "ident"]

STATIC_CLASSES = {
    "Integer",
    "Long",
    "Double",
    "Float",
    "Boolean",
    "String",
    "Byte",
    "Short",
    "Character",
    "Math",
    "StrictMath",
    "Arrays",
    "Collections",
    "System",
    "Objects",
    "JSON",
    "Date",
}
_JS_RESERVED = {
    "arguments",
    "await",
    "case",
    "catch",
    "class",
    "const",
    "debugger",
    "default",
    "delete",
    "enum",
    "eval",
    "export",
    "extends",
    "finally",
    "function",
    "implements",
    "import",
    "in",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "super",
    "this",
    "try",
    "typeof",
    "undefined",
    "void",
    "with",
    "yield",
    "NaN",
    "Infinity",
    "Object",
    "Array",
    "Map",
    "Number",
    "Symbol",
    "Error",
    "JSON",
    "Math",
    "Date",
    "String",
    "Boolean",
    "__tbel",
    "$",
}
_BINOPS = {
    "+": "add",
    "-": "sub",
    "*": "mul",
    "/": "div",
    "%": "mod",
    "==": "eq",
    "!=": "ne",
    "<": "lt",
    ">": "gt",
    "<=": "le",
    ">=": "ge",
    "&": "band",
    "|": "bor",
    "^": "bxor",
    "<<": "shl",
    ">>": "shr",
    ">>>": "ushr",
    "<<<": "ushl",
    "**": "power",
    "#": "strcat",
    "~=": "rxm",
    "contains": "contains",
    "soundslike": "soundslike",
    "strsim": "strsim",
    "or": "chor",
}
CONVERTIBLE = PRIMITIVES | {"String", "Integer", "Long", "Double", "Float", "Byte", "Short", "Boolean", "Character"}


def ident(name: str) -> str:
    """A TBEL identifier as a safe JS identifier.

    A variable named like a TbUtils import gets a name of its own that reads never use: MVEL
    resolves every read of that name to the import.
    """
    if name in TBUTILS_IMPORTS:
        return name + "$i"
    return name + "$" if name in _JS_RESERVED or "$" in name else name


class ExprGen:
    """Code generator state, output helpers and the expression half of the generator."""

    def __init__(self, functions: set[str]) -> None:
        self.parts: list[str] = []
        self.line = 1
        self.functions = functions
        self.scope = Scope(None)
        self.renames: dict[str, str] = {}
        self.counter = 0
        self.defined: set[str] = set()
        self.holes: set[str] = set()
        # static types of the top level's variables (MVEL types no variable inside functions)
        self.vtypes: dict[str, str] = {}
        self.typed_seen: set[str] = set()
        self.top = True

    def note_type(self, name: str, declared: str | None, init: n.Expr | None) -> None:
        """Record the static type of a top-level variable at its declaration or first assignment."""
        if not self.top or name in self.typed_seen:
            return
        self.typed_seen.add(name)
        typ = DECLARED.get(declared) if declared else (static_type(init, self.vtypes) if init else None)
        if typ is not None:
            self.vtypes[name] = typ

    def js_name(self, name: str) -> str:
        """JS identifier of a TBEL variable at the current point of the function."""
        return self.renames.get(name) or ident(name)

    def local(self, name: str) -> str:
        """Declare ``name`` in the current function from this point on.

        TBEL's ``var`` is not hoisted: before the declaration the name still means the
        enclosing function's variable, so a shadowing declaration gets a fresh JS name.
        """
        parent = self.scope.parent
        if parent is not None and parent.sees(name) and name not in self.renames:
            self.counter += 1
            self.renames[name] = f"{name}$v{self.counter}"
        return self.js_name(name)

    # ---- output ----
    def at(self, line: int) -> None:
        if line > self.line:
            self.parts.append("\n" * (line - self.line))
            self.line = line

    def w(self, text: str) -> None:
        self.parts.append(text)

    # ---- expressions ----
    def truth(self, e: n.Expr) -> str:
        if isinstance(e, n.Binary) and e.op in ("==", "!=", "<", ">", "<=", ">=", "&&", "||"):
            return self.expr(e)
        if isinstance(e, (n.InstanceOf, n.Literal)) or (isinstance(e, n.Unary) and e.op == "!"):
            return self.expr(e)
        return f"$.truth({self.expr(e)})"

    def expr(self, e: n.Expr) -> str:
        result: str = getattr(self, "ex_" + type(e).__name__)(e)
        return result

    def ex_Num(self, e: n.Num) -> str:
        if e.kind == "I":
            return e.value if not e.value.startswith("-") else f"({e.value})"
        if e.kind == "L":  # a BigInt literal: longs are exact over 64 bits
            return f"$.L({e.value}n)"
        value = e.value if e.value not in ("inf", "nan") else {"inf": "Infinity", "nan": "NaN"}[e.value]
        return f"$.{e.kind}({value})"

    def ex_Str(self, e: n.Str) -> str:
        return json.dumps(e.value)

    def ex_Literal(self, e: n.Literal) -> str:
        return e.js

    def ex_Name(self, e: n.Name) -> str:
        if e.name in self.holes:
            return e.name
        if e.name in TBUTILS_IMPORTS:
            return f"$.mstub({json.dumps(e.name)})"
        if self.scope.sees(e.name) or e.name in self.functions:
            return self.js_name(e.name)
        if e.name == "empty":
            return "$.EMPTY"
        return f"$.undef({json.dumps(e.name)})"

    def static_class(self, e: n.Expr) -> str | None:
        """Class name when ``e`` names a Java class (``Integer``, ``java.util.Arrays``)."""
        if isinstance(e, n.Name) and e.name in STATIC_CLASSES and not self.scope.sees(e.name):
            return e.name
        if isinstance(e, n.Member) and e.name in STATIC_CLASSES:
            root = e.obj
            while isinstance(root, n.Member):
                root = root.obj
            if isinstance(root, n.Name) and root.name in ("java", "javax") and not self.scope.sees(root.name):
                return e.name
        return None

    def safe_split(self, e: n.Expr) -> str | None:
        """Code for a chain below a null-safe step ``x.?a``, or None when there is none.

        In MVEL ``x.?a`` reads ``a`` from ``x`` as usual (``x`` must not be null); when the value
        read is null, the rest of the chain is skipped and the whole chain gives null.
        """
        parent: n.Expr = e.callee if isinstance(e, n.Call) else e  # a call's step is its method
        inner = getattr(parent, "obj", None)
        while isinstance(inner, (n.Member, n.Index, n.Call)):
            if isinstance(inner, n.Member) and inner.safe:
                self.counter += 1
                hole = n.Name(inner.line, inner.col, f"$s{self.counter}")
                self.holes.add(hole.name)
                field = "callee" if isinstance(parent, n.Call) else "obj"
                setattr(parent, field, hole)
                try:
                    rest = self.expr(e)
                finally:
                    setattr(parent, field, inner)
                return f"$.sn({self.expr(inner)}, function ({hole.name}) {{ return {rest}; }})"
            parent = inner
            inner = inner.callee if isinstance(inner, n.Call) else inner.obj
        return None

    def ex_Member(self, e: n.Member) -> str:
        cls = self.static_class(e.obj)
        if cls is not None:
            return f"$.sf({json.dumps(cls)}, {json.dumps(e.name)})"
        safe = self.safe_split(e)
        if safe is not None:
            return safe
        return f"$.g({self.expr(e.obj)}, {json.dumps(e.name)})"

    def ex_Index(self, e: n.Index) -> str:
        safe = self.safe_split(e)
        if safe is not None:
            return safe
        return f"$.ix({self.expr(e.obj)}, {self.expr(e.index)})"

    def ex_Call(self, e: n.Call) -> str:
        callee = e.callee
        if isinstance(callee, n.Member) and not self.static_class(callee.obj):
            safe = self.safe_split(e)
            if safe is not None:
                return safe
        args = ", ".join(self.expr(a) for a in e.args)
        if isinstance(callee, n.Name):
            if callee.name in self.functions and callee.name not in TBUTILS_IMPORTS:
                return f"{ident(callee.name)}({args})"
            return f"$.cf({json.dumps(callee.name)}, [{args}])"
        assert isinstance(callee, n.Member)
        cls = self.static_class(callee.obj)
        if cls is not None:
            return f"$.sc({json.dumps(cls)}, {json.dumps(callee.name)}, [{args}])"
        return f"$.m({self.expr(callee.obj)}, {json.dumps(callee.name)}, [{args}])"

    def ex_New(self, e: n.New) -> str:
        args = ", ".join(self.expr(a) for a in e.args)
        return f"$.newObj({json.dumps(e.cls)}, [{args}])"

    def ex_NewArray(self, e: n.NewArray) -> str:
        elem = e.elem.rsplit(".", 1)[-1]
        if e.items is not None:
            items = ", ".join(self.expr(a) for a in e.items)
            return f"$.arrOf({json.dumps(elem)}, [{items}])"
        if e.more and e.size is not None:
            sizes = ", ".join(self.expr(x) for x in [e.size, *e.more])
            return f"$.newArrN({json.dumps(elem)}, [{sizes}])"
        return f"$.newArr({json.dumps(elem)}, {self.expr(e.size) if e.size else '0'})"

    def ex_MapLit(self, e: n.MapLit) -> str:
        items = []
        for key, value in e.pairs:
            if isinstance(value, n.Cond) and not value.paren:
                # TBEL quirk: `{k: c ? a : b}` splits at the last ':', so the entry becomes
                # (c ? a) -> b; the data-converters results encode key a, value b.
                items.append(f"({self.truth(value.test)} ? {self.expr(value.then)} : null), {self.expr(value.other)}")
            else:
                items.append(f"{self.expr(key)}, {self.expr(value)}")
        return f"$.map({', '.join(items)})"

    def ex_IsDef(self, e: n.IsDef) -> str:
        return "true" if self.scope.sees(e.name) or e.name in self.functions else "false"

    def ex_Projection(self, e: n.Projection) -> str:
        call = "true" if e.call else "false"
        return f"$.proj({self.expr(e.source)}, {json.dumps(e.path)}, {call})"

    def ex_ListLit(self, e: n.ListLit) -> str:
        return "[" + ", ".join(self.expr(a) for a in e.items) + "]"

    def ex_ArrayLit(self, e: n.ArrayLit) -> str:
        return '$.jarr("Object", [' + ", ".join(self.expr(a) for a in e.items) + "])"

    def ex_Unary(self, e: n.Unary) -> str:
        inner = self.expr(e.operand)
        if e.op == "!":
            return f"!{self.truth(e.operand)}" if not inner.startswith("$.truth(") else f"!{inner}"
        return {"-": f"$.neg({inner})", "~": f"$.bnot({inner})", "+": inner}[e.op]

    def int_division(self, e: n.Binary) -> bool:
        """True where MVEL compiles ``/`` to its truncating ``IntDiv`` (see :mod:`.statictypes`)."""
        types = self.vtypes if self.top else {}
        return static_type(e.left, types) == "I" and static_type(e.right, types) == "I" and not is_constant(e)

    def is_empty_literal(self, e: n.Expr) -> bool:
        return isinstance(e, n.Name) and e.name == "empty" and not self.scope.sees("empty")

    def ex_Binary(self, e: n.Binary) -> str:
        if e.op in ("&&", "||"):
            return f"({self.truth(e.left)} {e.op} {self.truth(e.right)})"
        if e.op == "/" and self.int_division(e):
            return f"$.idiv({self.expr(e.left)}, {self.expr(e.right)})"
        if e.op in ("==", "!=") and (self.is_empty_literal(e.left) or self.is_empty_literal(e.right)):
            other = e.left if self.is_empty_literal(e.right) else e.right
            return f"{'!' if e.op == '!=' else ''}$.isBlank({self.expr(other)})"
        return f"$.{_BINOPS[e.op]}({self.expr(e.left)}, {self.expr(e.right)})"

    def ex_Cond(self, e: n.Cond) -> str:
        return f"({self.truth(e.test)} ? {self.expr(e.then)} : {self.expr(e.other)})"

    def ex_Cast(self, e: n.Cast) -> str:
        if e.type in CONVERTIBLE:
            return f"$.cv({json.dumps(e.type)}, {self.expr(e.expr)})"
        return self.expr(e.expr)

    def ex_InstanceOf(self, e: n.InstanceOf) -> str:
        return f"$.iof({self.expr(e.expr)}, {json.dumps(e.type)})"

    def convert(self, name: str, value: str) -> str:
        typ = self.scope.type_of(name)
        return f"$.cv({json.dumps(typ)}, {value})" if typ in CONVERTIBLE else value

    def target_parts(self, t: n.Expr) -> tuple[str, str, str]:
        if isinstance(t, n.Member):
            return self.expr(t.obj), json.dumps(t.name), "false"
        assert isinstance(t, n.Index)
        return self.expr(t.obj), self.expr(t.index), "true"

    def ex_Assign(self, e: n.Assign) -> str:
        value = self.expr(e.value)
        op = e.op[:-1]
        if isinstance(e.target, n.Name):
            if e.op == "=":
                self.note_type(e.target.name, None, e.value)
            name = self.js_name(e.target.name)
            if op:
                value = f"$.{_BINOPS[op]}({name}, {value})"
            return f"({name} = {self.convert(e.target.name, value)})"
        obj, key, is_index = self.target_parts(e.target)
        if op:
            return f"$.cs({obj}, {key}, {is_index}, {json.dumps(_BINOPS[op])}, {value})"
        setter = "six" if is_index == "true" else "s"
        return f"$.{setter}({obj}, {key}, {value})"

    def ex_Update(self, e: n.Update) -> str:
        fn = "add" if e.op == "++" else "sub"
        if isinstance(e.target, n.Name):
            name = self.js_name(e.target.name)
            new = self.convert(e.target.name, f"$.{fn}({'$.tmp' if not e.prefix else name}, 1)")
            if e.prefix:
                return f"({name} = {new})"
            return f"($.tmp = {name}, {name} = {new}, $.tmp)"
        obj, key, is_index = self.target_parts(e.target)
        return f"$.upd({obj}, {key}, {is_index}, {json.dumps(fn)}, {'true' if e.prefix else 'false'})"
