"""JavaScript code generation for the TBEL AST: statements and the program (expressions: :mod:`.exprgen`).

Every operator, member access and method call is compiled to a call into the runtime
namespace (``$`` = ``__tbel``), because Java semantics (value equality, int/double kinds,
``null`` for missing map keys, ...) differ from JavaScript's. Statements are emitted on the
JS line equal to their TBEL line, so V8 error line numbers are TBEL line numbers.
"""

from __future__ import annotations

import json

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.exprgen import CONVERTIBLE, ExprGen, ident
from tbkit.converters.tbel.imports import TBUTILS_IMPORTS
from tbkit.converters.tbel.scope import build_scope, collect_functions

__all__ = ["generate"]


class _Gen(ExprGen):
    # ---- statements ----
    def stmts(self, body: list[n.Stmt], last_value: bool = False) -> None:
        for i, s in enumerate(body):
            if last_value and i == len(body) - 1:
                self.tail(s)
            else:
                self.stmt(s)

    def tail(self, s: n.Stmt) -> None:
        """Emit the last statement of a script or function so that its value is returned.

        MVEL gives a script and a function body the value of the last statement executed:
        an expression, a declaration's value, or the value of the ``if`` branch taken.
        """
        self.at(s.line)
        if isinstance(s, n.ExprStmt):
            self.w(f"return {self.expr(s.expr)}; ")
        elif isinstance(s, n.VarDecl) and s.decls and s.decls[-1][1] is not None:
            self.st_VarDecl(s)
            self.w(f"return {self.js_name(s.decls[-1][0]) if s.decls[-1][0] not in TBUTILS_IMPORTS else 'null'}; ")
        elif isinstance(s, n.If):
            self.w(f"if ({self.truth(s.test)}) ")
            self.tail(s.then)
            if s.other is not None:
                self.w("else ")
                self.tail(s.other)
        elif isinstance(s, n.Block):
            self.w("{ ")
            self.stmts(s.body, last_value=True)
            self.at(s.end_line)
            self.w("} ")
        else:
            self.stmt(s)

    def stmt(self, s: n.Stmt) -> None:
        self.at(s.line)
        getattr(self, "st_" + type(s).__name__)(s)

    def st_ExprStmt(self, s: n.ExprStmt) -> None:
        self.w(self.expr(s.expr) + "; ")

    def decl_text(self, s: n.VarDecl, keyword: str = "var") -> str:
        items = []
        for name, init in s.decls:
            value = "null" if init is None else self.expr(init)
            self.note_type(name, s.type, init)
            if init is not None and s.type in CONVERTIBLE:
                value = f"$.cv({json.dumps(s.type)}, {value})"
            items.append(f"{self.local(name)} = {value}")
        return keyword + " " + ", ".join(items)

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

    def loop_test(self, test: n.Expr, until: bool) -> str:
        return f"!({self.truth(test)})" if until else self.truth(test)

    def st_While(self, s: n.While) -> None:
        self.w(f"while ({self.loop_test(s.test, s.until)}) ")
        self.stmt(s.body)

    def st_DoWhile(self, s: n.DoWhile) -> None:
        self.w("do ")
        self.stmt(s.body)
        self.w(f"while ({self.loop_test(s.test, s.until)}); ")

    def st_For(self, s: n.For) -> None:
        # a variable declared in the loop's head exists only in the loop, as in MVEL
        init = ", ".join(
            self.decl_text(i, "let") if isinstance(i, n.VarDecl) else self.expr(i.expr)  # type: ignore[attr-defined]
            for i in s.init
        )
        if len(s.init) > 1 and any(isinstance(i, n.VarDecl) for i in s.init):
            init = "; ".join(self.decl_text(i, "let") for i in s.init if isinstance(i, n.VarDecl))
        test = self.truth(s.test) if s.test is not None else ""
        update = ", ".join(self.expr(u) for u in s.update)
        self.w(f"for ({init}; {test}; {update}) ")
        self.stmt(s.body)

    def st_ForEach(self, s: n.ForEach) -> None:
        iterable = self.expr(s.iterable)
        self.w(f"for (var {self.local(s.var)} of $.iter({iterable})) ")
        self.stmt(s.body)

    def st_Switch(self, s: n.Switch) -> None:
        # MVEL compares each case with `==` (so "203" matches case 203)
        self.counter += 1
        disc = f"$sw{self.counter}"
        self.w(f"var {disc} = {self.expr(s.disc)}; switch (true) {{ ")
        for test, body, line in s.cases:
            self.at(line)
            self.w("default: " if test is None else f"case $.eq({disc}, {self.expr(test)}): ")
            self.stmts(body)
        self.at(s.end_line)
        self.w("} ")

    def st_Return(self, s: n.Return) -> None:
        self.w("return " + ("null" if s.value is None else self.expr(s.value)) + "; ")

    def st_Break(self, s: n.Break) -> None:
        self.w("break; ")

    def st_Continue(self, s: n.Continue) -> None:
        # MVEL has no `continue`: it is read as a variable, which does not resolve
        self.w('$.undef("continue"); ')

    def st_Throw(self, s: n.Throw) -> None:
        self.w(f"throw $.err($.str({self.expr(s.value)})); ")

    def st_FuncDef(self, s: n.FuncDef) -> None:
        # MVEL registers a function only when its name does not resolve yet: a TbUtils import
        # or an earlier function of the same name wins, and this definition is dropped.
        if s.name in TBUTILS_IMPORTS or s.name in self.defined:
            return
        self.defined.add(s.name)
        outer, outer_renames, outer_defined, outer_top = self.scope, self.renames, self.defined, self.top
        self.scope = build_scope(s.body.body, s.params, outer, s.typed)
        self.renames, self.defined, self.top = {}, set(), False
        params = ", ".join(ident(p) for p in s.params)
        check = f"$.argc({json.dumps(s.name)}, arguments.length, {len(s.params)}); "
        self.w(f"function {ident(s.name)}({params}) {{ {check}{self.implicit_decls()}")
        self.stmts(s.body.body, last_value=True)
        self.at(s.body.end_line)
        self.w("} ")
        self.scope, self.renames, self.defined, self.top = outer, outer_renames, outer_defined, outer_top

    def implicit_decls(self) -> str:
        names = self.scope.implicit()
        return f"var {', '.join(ident(x) + ' = null' for x in names)}; " if names else ""


def generate(body: list[n.Stmt], params: tuple[str, ...], function_name: str) -> str:
    """Emit the JS function declaration for a parsed TBEL script."""
    gen = _Gen(collect_functions(body))
    gen.scope = build_scope(body, list(params), None)
    conv = " ".join(f"{ident(p)} = $.{'inBytes' if p == 'payload' else 'fromJs'}({ident(p)});" for p in params)
    plist = ", ".join(ident(p) for p in params)
    gen.w(
        f"function {function_name}({plist}) {{ var $ = __tbel; {conv} var $r = (function () {{ {gen.implicit_decls()}"
    )
    gen.stmts(body, last_value=True)
    gen.w("\n}()); return $.out($r); }\n")
    return "".join(gen.parts)
