"""JavaScript code generation for the TBEL AST.

Every operator, member access and method call is compiled to a call into the runtime
namespace (``$`` = ``__tbel``), because Java semantics (value equality, int/double kinds,
``null`` for missing map keys, ...) differ from JavaScript's. Statements are emitted on the
JS line equal to their TBEL line, so V8 error line numbers are TBEL line numbers.
"""

from __future__ import annotations

import json

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.parser import PRIMITIVES
from tbkit.converters.tbel.scope import Scope, build_scope, collect_functions

__all__ = ["generate"]

STATIC_CLASSES = {
    "Integer", "Long", "Double", "Float", "Boolean", "String", "Byte", "Short", "Character",
    "Math", "StrictMath", "Arrays", "Collections", "System", "Objects", "JSON", "Date",
}
_JS_RESERVED = {
    "arguments", "await", "case", "catch", "class", "const", "debugger", "default", "delete",
    "enum", "eval", "export", "extends", "finally", "function", "implements", "import", "in",
    "interface", "let", "package", "private", "protected", "public", "static", "super", "this",
    "try", "typeof", "undefined", "void", "with", "yield", "NaN", "Infinity", "Object", "Array",
    "Map", "Number", "Symbol", "Error", "JSON", "Math", "Date", "String", "Boolean", "__tbel", "$",
}
_BINOPS = {
    "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "==": "eq", "!=": "ne",
    "<": "lt", ">": "gt", "<=": "le", ">=": "ge", "&": "band", "|": "bor", "^": "bxor",
    "<<": "shl", ">>": "shr", ">>>": "ushr",
}
_CONVERTIBLE = PRIMITIVES | {"String", "Integer", "Long", "Double", "Float", "Byte", "Short", "Boolean", "Character"}


def ident(name: str) -> str:
    """A TBEL identifier as a safe JS identifier."""
    return name + "$" if name in _JS_RESERVED or "$" in name else name


class _Gen:
    def __init__(self, functions: set[str]) -> None:
        self.parts: list[str] = []
        self.line = 1
        self.functions = functions
        self.scope = Scope(None)
        self.renames: dict[str, str] = {}
        self.counter = 0

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

    # ---- statements ----
    def stmts(self, body: list[n.Stmt], last_value: bool = False) -> None:
        for i, s in enumerate(body):
            if last_value and i == len(body) - 1 and isinstance(s, n.ExprStmt):
                self.at(s.line)
                self.w(f"return {self.expr(s.expr)}; ")
            else:
                self.stmt(s)

    def stmt(self, s: n.Stmt) -> None:
        self.at(s.line)
        getattr(self, "st_" + type(s).__name__)(s)

    def st_ExprStmt(self, s: n.ExprStmt) -> None:
        self.w(self.expr(s.expr) + "; ")

    def decl_text(self, s: n.VarDecl) -> str:
        items = []
        for name, init in s.decls:
            value = "null" if init is None else self.expr(init)
            if init is not None and s.type in _CONVERTIBLE:
                value = f"$.cv({json.dumps(s.type)}, {value})"
            items.append(f"{self.local(name)} = {value}")
        return "var " + ", ".join(items)

    def st_VarDecl(self, s: n.VarDecl) -> None:
        self.w(self.decl_text(s) + "; ")

    def st_Block(self, s: n.Block) -> None:
        self.w("{ ")
        self.stmts(s.body)
        self.at(s.end_line)
        self.w("} ")

    def st_If(self, s: n.If) -> None:
        self.w(f"if ({self.truth(s.test)}) ")
        self.stmt(s.then)
        if s.other is not None:
            self.w("else ")
            self.stmt(s.other)

    def st_While(self, s: n.While) -> None:
        self.w(f"while ({self.truth(s.test)}) ")
        self.stmt(s.body)

    def st_DoWhile(self, s: n.DoWhile) -> None:
        self.w("do ")
        self.stmt(s.body)
        self.w(f"while ({self.truth(s.test)}); ")

    def st_For(self, s: n.For) -> None:
        init = ", ".join(
            self.decl_text(i) if isinstance(i, n.VarDecl) else self.expr(i.expr)  # type: ignore[attr-defined]
            for i in s.init
        )
        if len(s.init) > 1 and any(isinstance(i, n.VarDecl) for i in s.init):
            init = "; ".join(self.decl_text(i) for i in s.init if isinstance(i, n.VarDecl))
        test = self.truth(s.test) if s.test is not None else ""
        update = ", ".join(self.expr(u) for u in s.update)
        self.w(f"for ({init}; {test}; {update}) ")
        self.stmt(s.body)

    def st_ForEach(self, s: n.ForEach) -> None:
        iterable = self.expr(s.iterable)
        self.w(f"for (var {self.local(s.var)} of $.iter({iterable})) ")
        self.stmt(s.body)

    def st_Switch(self, s: n.Switch) -> None:
        self.w(f"switch ($.swk({self.expr(s.disc)})) {{ ")
        for test, body, line in s.cases:
            self.at(line)
            self.w("default: " if test is None else f"case $.swk({self.expr(test)}): ")
            self.stmts(body)
        self.at(s.end_line)
        self.w("} ")

    def st_Return(self, s: n.Return) -> None:
        self.w("return " + ("null" if s.value is None else self.expr(s.value)) + "; ")

    def st_Break(self, s: n.Break) -> None:
        self.w("break; ")

    def st_Continue(self, s: n.Continue) -> None:
        self.w("continue; ")

    def st_Throw(self, s: n.Throw) -> None:
        self.w(f"throw $.err($.str({self.expr(s.value)})); ")

    def st_FuncDef(self, s: n.FuncDef) -> None:
        outer, outer_renames = self.scope, self.renames
        self.scope = build_scope(s.body.body, s.params, outer, s.typed)
        self.renames = {}
        params = ", ".join(ident(p) for p in s.params)
        self.w(f"function {ident(s.name)}({params}) {{ {self.implicit_decls()}")
        self.stmts(s.body.body)
        self.at(s.body.end_line)
        self.w("} ")
        self.scope, self.renames = outer, outer_renames

    def implicit_decls(self) -> str:
        names = self.scope.implicit()
        return f"var {', '.join(ident(x) + ' = null' for x in names)}; " if names else ""

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
        if self.scope.sees(e.name) or e.name in self.functions:
            return self.js_name(e.name)
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

    def is_safe(self, e: n.Expr) -> bool:
        while isinstance(e, (n.Member, n.Index, n.Call)):
            if isinstance(e, n.Member) and e.safe:
                return True
            e = e.callee if isinstance(e, n.Call) else e.obj
        return False

    def ex_Member(self, e: n.Member) -> str:
        cls = self.static_class(e.obj)
        if cls is not None:
            return f"$.sf({json.dumps(cls)}, {json.dumps(e.name)})"
        fn = "gn" if self.is_safe(e) else "g"
        return f"$.{fn}({self.expr(e.obj)}, {json.dumps(e.name)})"

    def ex_Index(self, e: n.Index) -> str:
        fn = "ixn" if self.is_safe(e) else "ix"
        return f"$.{fn}({self.expr(e.obj)}, {self.expr(e.index)})"

    def ex_Call(self, e: n.Call) -> str:
        args = ", ".join(self.expr(a) for a in e.args)
        callee = e.callee
        if isinstance(callee, n.Name):
            if callee.name in self.functions:
                return f"{ident(callee.name)}({args})"
            return f"$.cf({json.dumps(callee.name)}, [{args}])"
        assert isinstance(callee, n.Member)
        cls = self.static_class(callee.obj)
        if cls is not None:
            return f"$.sc({json.dumps(cls)}, {json.dumps(callee.name)}, [{args}])"
        fn = "mn" if self.is_safe(callee) else "m"
        return f"$.{fn}({self.expr(callee.obj)}, {json.dumps(callee.name)}, [{args}])"

    def ex_New(self, e: n.New) -> str:
        args = ", ".join(self.expr(a) for a in e.args)
        return f"$.newObj({json.dumps(e.cls)}, [{args}])"

    def ex_NewArray(self, e: n.NewArray) -> str:
        elem = e.elem.rsplit(".", 1)[-1]
        if e.items is not None:
            items = ", ".join(self.expr(a) for a in e.items)
            return f"$.arrOf({json.dumps(elem)}, [{items}])"
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

    def ex_ListLit(self, e: n.ListLit) -> str:
        return "[" + ", ".join(self.expr(a) for a in e.items) + "]"

    def ex_ArrayLit(self, e: n.ArrayLit) -> str:
        return "$.jarr(\"Object\", [" + ", ".join(self.expr(a) for a in e.items) + "])"

    def ex_Unary(self, e: n.Unary) -> str:
        inner = self.expr(e.operand)
        if e.op == "!":
            return f"!{self.truth(e.operand)}" if not inner.startswith("$.truth(") else f"!{inner}"
        return {"-": f"$.neg({inner})", "~": f"$.bnot({inner})", "+": inner}[e.op]

    def ex_Binary(self, e: n.Binary) -> str:
        if e.op in ("&&", "||"):
            return f"({self.truth(e.left)} {e.op} {self.truth(e.right)})"
        return f"$.{_BINOPS[e.op]}({self.expr(e.left)}, {self.expr(e.right)})"

    def ex_Cond(self, e: n.Cond) -> str:
        return f"({self.truth(e.test)} ? {self.expr(e.then)} : {self.expr(e.other)})"

    def ex_Cast(self, e: n.Cast) -> str:
        if e.type in _CONVERTIBLE:
            return f"$.cv({json.dumps(e.type)}, {self.expr(e.expr)})"
        return self.expr(e.expr)

    def ex_InstanceOf(self, e: n.InstanceOf) -> str:
        return f"$.iof({self.expr(e.expr)}, {json.dumps(e.type)})"

    def convert(self, name: str, value: str) -> str:
        typ = self.scope.type_of(name)
        return f"$.cv({json.dumps(typ)}, {value})" if typ in _CONVERTIBLE else value

    def target_parts(self, t: n.Expr) -> tuple[str, str, str]:
        if isinstance(t, n.Member):
            return self.expr(t.obj), json.dumps(t.name), "false"
        assert isinstance(t, n.Index)
        return self.expr(t.obj), self.expr(t.index), "true"

    def ex_Assign(self, e: n.Assign) -> str:
        value = self.expr(e.value)
        op = e.op[:-1]
        if isinstance(e.target, n.Name):
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


def generate(body: list[n.Stmt], params: tuple[str, ...], function_name: str) -> str:
    """Emit the JS function declaration for a parsed TBEL script."""
    gen = _Gen(collect_functions(body))
    gen.scope = build_scope(body, list(params), None)
    conv = " ".join(
        f"{ident(p)} = $.{'inBytes' if p == 'payload' else 'fromJs'}({ident(p)});" for p in params
    )
    plist = ", ".join(ident(p) for p in params)
    gen.w(f"function {function_name}({plist}) {{ var $ = __tbel; {conv} "
          f"var $r = (function () {{ {gen.implicit_decls()}")
    gen.stmts(body, last_value=True)
    gen.w("\n}()); return $.out($r); }\n")
    return "".join(gen.parts)
