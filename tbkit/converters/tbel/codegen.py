"""JavaScript code generation for the TBEL AST: statements and the program (expressions: :mod:`.exprgen`).

Statements are emitted on the JS line equal to their TBEL line, so V8 error line numbers are
TBEL line numbers. Per-call-site state (the Java overload a call chose, the signer of a unary
minus) lives in an array declared after the function, so it persists across calls as MVEL's
compiled accessors do in ThingsBoard.
"""

from __future__ import annotations

from typing import assert_never

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.exprgen import ExprGen
from tbkit.converters.tbel.gencore import ident, js_str
from tbkit.converters.tbel.imports import TBUTILS_IMPORTS
from tbkit.converters.tbel.jtypes import JType, declared_type
from tbkit.converters.tbel.scope import build_scope, collect_functions, declared_in, names_in
from tbkit.converters.tbel.typeparams import LastTypeParameters

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
            self.w(f"return {self.expr(s.expr).js}; ")
        elif isinstance(s, n.VarDecl) and s.decls and s.decls[-1][1] is not None:
            self.var_decl(s)
            last = s.decls[-1][0]
            self.w(f"return {self.js_name(last) if last not in TBUTILS_IMPORTS else 'null'}; ")
        elif isinstance(s, n.If):
            self.w(f"if ({self.condition(s.test)}) ")
            self.tail(s.then)
            self.ltp.clear()
            if s.other is not None:
                self.w("else ")
                self.tail(s.other)
                self.ltp.clear()
        elif isinstance(s, n.Block):
            self.w("{ ")
            self.stmts(s.body, last_value=True)
            self.at(s.end_line)
            self.w("} ")
        else:
            self.stmt(s)

    def stmt(self, s: n.Stmt) -> None:
        self.at(s.line)
        match s:
            case n.ExprStmt():
                self.w(self.expr(s.expr).js + "; ")
            case n.VarDecl():
                self.var_decl(s)
            case n.Block():
                self.w("{ ")
                self.stmts(s.body)
                self.at(s.end_line)
                self.w("} ")
            case n.If():
                self.w(f"if ({self.condition(s.test)}) ")
                self.block(s.then)
                if s.other is not None:
                    self.w("else ")
                    self.block(s.other)
            case n.While():
                self.nested_loop_fails([s.test], [])
                self.w(f"while ({self.loop_test(s.test, s.until)}) ")
                self.while_body(s.body)
            case n.DoWhile():
                self.nested_loop_fails([s.test], [])
                self.w("do ")
                self.while_body(s.body)
                self.w(f"while ({self.loop_test(s.test, s.until)}); ")
            case n.For():
                self.nested_loop_fails([*s.init, *([s.test] if s.test else []), *s.update], s.init)
                self.for_loop(s)
            case n.ForEach():
                iterable = self.expr(s.iterable).js
                self.note_variable(s.var)
                self.w(f"for (var {self.local(s.var)} of $.iter({iterable})) ")
                self.foreach_items.append(s.var)
                self.block(s.body)
                self.foreach_items.pop()
            case n.Switch():
                self.switch(s)
            case n.Return():
                self.w("return " + ("null" if s.value is None else self.expr(s.value).js) + "; ")
            case n.Break():
                self.w("break; ")
            case n.Continue():
                # MVEL has no `continue`: it is read as a variable, which does not resolve
                self.w('$.undef("continue"); ')
            case n.Throw():
                self.w(f"throw $.err($.str({self.expr(s.value).js})); ")
            case n.FuncDef():
                self.func_def(s)
            case _:
                assert_never(s)

    def block(self, body: n.Stmt) -> None:
        """The body of an ``if``, loop or ``switch`` case: MVEL pops a variable scope after it, which clears the
        recorded type arguments (see :mod:`.typeparams`)."""
        self.stmt(body)
        self.ltp.clear()

    def decl_text(self, s: n.VarDecl, keyword: str = "var") -> str:
        """A declaration; a typed one (``int x = ...``) records its type but does not convert the value.

        In a function, ``var x`` of a name the script's top level has is that top-level variable (MVEL
        resolves it so), so it is assigned, not declared."""
        items = []
        for name, init in s.decls:
            if self.global_in_function(name) and keyword == "var":
                code = None if init is None else self.expr(init)
                items.append(f"{self.js_name(name)} = {'null' if code is None else self.stored(code, True)}")
                continue
            code = None if init is None else self.expr(init)
            if s.type is not None:
                self.record_type(name, declared_type(s.type), typed_decl=True)
            elif code is not None:
                self.record_type(name, code.egress)
            else:
                self.record_type(name, JType.OBJECT, typed_decl=not self.in_function)
            items.append(f"{keyword} {self.local(name)} = {'null' if code is None else self.stored(code, True)}")
        return "; ".join(items) if keyword == "var" else keyword + " " + ", ".join(i[len(keyword) + 1 :] for i in items)

    def var_decl(self, s: n.VarDecl) -> None:
        self.w(self.decl_text(s) + "; ")

    def loop_test(self, test: n.Expr, until: bool) -> str:
        cond = self.condition(test)
        return f"!({cond})" if until else cond

    def while_body(self, body: n.Stmt) -> None:
        outer = self.while_locals
        if self.in_function and not self.while_depth:
            self.while_locals = declared_in(body)
        self.while_depth += 1
        self.block(body)
        self.while_depth -= 1
        self.while_locals = outer

    def nested_loop_fails(self, parts: list[n.Node], init: list[n.Stmt]) -> None:
        """In a function, a ``while`` body runs in a map-backed scope: a loop nested in it whose head uses a
        variable of that scope (declared in the body, or made by the loop's own ``for`` head) fails when it is
        reached, that variable unresolvable; one over the function's own variables runs."""
        if not (self.in_function and self.while_depth):
            return
        used = names_in(parts)
        made = [x.expr.target for x in init if isinstance(x, n.ExprStmt) and isinstance(x.expr, n.Assign)]
        own = declared_in(init) | {t.name for t in made if isinstance(t, n.Name) and t.name not in self.scope.declared}
        lost = [name for name in used if name in self.while_locals | own]
        if lost:
            self.w(f"$.undefVar({js_str(lost[0])}); ")

    def for_loop(self, s: n.For) -> None:
        # a variable declared in the loop's head exists only in the loop, as in MVEL
        parts = []
        for i in s.init:
            assert isinstance(i, (n.VarDecl, n.ExprStmt))
            parts.append(self.decl_text(i, "let") if isinstance(i, n.VarDecl) else self.expr(i.expr).js)
        init = ", ".join(parts)
        if len(s.init) > 1 and any(isinstance(i, n.VarDecl) for i in s.init):
            init = "; ".join(p for p, i in zip(parts, s.init, strict=True) if isinstance(i, n.VarDecl))
        test = self.condition(s.test) if s.test is not None else ""
        update = ", ".join(self.expr(u).js for u in s.update)
        self.w(f"for ({init}; {test}; {update}) ")
        self.block(s.body)

    def switch(self, s: n.Switch) -> None:
        # MVEL compares each case with `==` (so "203" matches case 203)
        self.counter += 1
        disc = f"$sw{self.counter}"
        self.w(f"var {disc} = {self.expr(s.disc).js}; switch (true) {{ ")
        for test, body, line in s.cases:
            self.at(line)
            self.w("default: " if test is None else f"case $.eq({disc}, {self.expr(test).js}): ")
            self.stmts(body)
            self.ltp.clear()
        self.at(s.end_line)
        self.w("} ")

    def func_def(self, s: n.FuncDef) -> None:
        # MVEL registers a function only when its name does not resolve yet: a TbUtils import
        # or an earlier function of the same name wins, and this definition is dropped.
        if s.name in TBUTILS_IMPORTS or s.name in self.defined:
            return
        self.defined.add(s.name)
        saved = (
            self.scope,
            self.renames,
            self.defined,
            self.vtypes,
            self.in_function,
            self.foreach_items,
            self.params,
            self.while_depth,
            self.while_locals,
            self.ltp,
            self.verifier_types,
        )
        # a function body is compiled in a parser context of its own
        self.ltp, self.verifier_types = LastTypeParameters(), {}
        self.scope = build_scope(s.body.body, s.params, saved[0], s.typed)
        self.params = set(s.params)
        if not saved[4]:
            self.globals_seen = set(self.top_names)
        self.renames, self.defined, self.vtypes, self.in_function, self.foreach_items = {}, set(), {}, True, []
        self.while_depth, self.while_locals = 0, set()
        params = ", ".join(ident(p) for p in s.params)
        check = f"$.argc({js_str(s.name)}, arguments.length, {len(s.params)}); "
        self.w(f"function {ident(s.name)}({params}) {{ {check}{self.implicit_decls()}")
        self.stmts(s.body.body, last_value=True)
        self.at(s.body.end_line)
        self.w("} ")
        (
            self.scope,
            self.renames,
            self.defined,
            self.vtypes,
            self.in_function,
            self.foreach_items,
            self.params,
            self.while_depth,
            self.while_locals,
            self.ltp,
            self.verifier_types,
        ) = saved

    def implicit_decls(self) -> str:
        names = self.scope.implicit()
        return f"var {', '.join(ident(x) + ' = null' for x in names)}; " if names else ""


def generate(body: list[n.Stmt], params: tuple[str, ...], function_name: str) -> str:
    """Emit the JS function declaration for a parsed TBEL script."""
    gen = _Gen(collect_functions(body), function_name)
    gen.scope = gen.top_scope = build_scope(body, list(params), None)
    conv = " ".join(f"{ident(p)} = $.{'inBytes' if p == 'payload' else 'fromJs'}({ident(p)});" for p in params)
    plist = ", ".join(ident(p) for p in params)
    gen.w(
        f"function {function_name}({plist}) {{ var $ = __tbel; {conv} var $r = (function () {{ {gen.implicit_decls()}"
    )
    gen.stmts(body, last_value=True)
    gen.w(f"\n}}()); return $.out($r); }}\nvar {gen.sites_name} = [{', '.join(gen.sites)}];\n")
    return "".join(gen.parts)
