"""Recursive-descent parser: TBEL tokens -> AST (:mod:`tbkit.converters.tbel.nodes`).

>>> prog = parse("var x = 1 + 2;")
>>> type(prog[0]).__name__
'VarDecl'
"""

from __future__ import annotations

from collections.abc import Callable

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.exprparser import KEYWORDS, NEW_BARE, PRIMITIVES, WORD_OPS, ExprParser
from tbkit.converters.tbel.lexer import Token, TokenKind, tokenize
from tbkit.errors import ConverterCompileError

__all__ = ["PRIMITIVES", "parse"]


class _Parser(ExprParser):
    # ---- statements ----
    def program(self) -> list[n.Stmt]:
        body: list[n.Stmt] = []
        while self.tok.kind != TokenKind.EOF:
            if self.is_op(";"):
                self.next()
                continue
            body.append(self.statement(in_list=True))
        return body

    def block(self) -> n.Block:
        start = self.expect("{")
        body: list[n.Stmt] = []
        self.nested += 1
        while not self.is_op("}"):
            if self.tok.kind == TokenKind.EOF:
                raise self.error("missing '}'")
            if self.is_op(";"):
                self.next()
                continue
            body.append(self.statement(in_list=True))
        self.nested -= 1
        end = self.next()
        return n.Block(start.line, start.col, body, end.line)

    def statement(self, in_list: bool = False) -> n.Stmt:
        """One statement; in a statement list a leading ``{`` opens an inline map or array, as in MVEL."""
        t = self.tok
        if t.kind == TokenKind.OP and t.text == "{" and not in_list:
            return self.block()
        if t.kind == TokenKind.ID:
            handler = self.keyword_statement(t.text)
            if handler is not None:
                return handler()
            decl = self.try_typed_decl()
            if decl is not None:
                return decl
        expr = self.expression()
        self.end_stmt()
        return n.ExprStmt(t.line, t.col, expr)

    def keyword_statement(self, word: str) -> Callable[[], n.Stmt] | None:
        """The parser of the statement a keyword starts, None when ``word`` starts none."""
        match word:
            case "if":
                return self.st_if
            case "while":
                return self.st_while
            case "until":
                return self.st_until
            case "do":
                return self.st_do
            case "for" | "foreach":
                return self.st_for
            case "var":
                return self.st_var
            case "def" | "function":
                if word == "def" and self.peek(2).text != "(":
                    raise self.error("Invalid operator: = ", self.peek(2))  # `def` defines functions only
                return self.st_def
            case "return":
                return self.st_return
            case "break":
                return self.st_break
            case "continue":
                return self.st_continue
            case "throw":
                return self.st_throw
            case "switch":
                return self.st_switch
        return None

    def body(self) -> n.Stmt:
        if self.is_op(";"):
            t = self.next()
            return n.Block(t.line, t.col, [], t.line)
        self.nested += 1
        try:
            return self.statement()
        finally:
            self.nested -= 1

    def st_if(self) -> n.Stmt:
        t = self.next()
        self.expect("(")
        test = self.expression()
        self.expect(")")
        then = self.body()
        other = None
        if self.is_id("else"):
            self.next()
            other = self.body()
        return n.If(t.line, t.col, test, then, other)

    def st_while(self) -> n.Stmt:
        t = self.next()
        self.expect("(")
        test = self.expression()
        self.expect(")")
        return n.While(t.line, t.col, test, self.body())

    def st_until(self) -> n.Stmt:
        """``until (test) body``: MVEL's loop that runs while ``test`` is false."""
        t = self.next()
        self.expect("(")
        test = self.expression()
        self.expect(")")
        return n.While(t.line, t.col, test, self.body(), until=True)

    def st_do(self) -> n.Stmt:
        t = self.next()
        body = self.body()
        if not self.is_id("while", "until"):
            raise self.error("expected 'while' or 'until'")
        until = self.next().text == "until"
        self.expect("(")
        test = self.expression()
        self.expect(")")
        self.end_stmt()
        return n.DoWhile(t.line, t.col, body, test, until=until)

    def st_for(self) -> n.Stmt:
        t = self.next()
        self.expect("(")
        each = self.foreach_head()
        if each is not None:
            var, iterable = each
            self.expect(")")
            return n.ForEach(t.line, t.col, var, iterable, self.body())
        init: list[n.Stmt] = []
        if not self.is_op(";"):
            decl = self.try_typed_decl(in_for=True)
            if decl is None and self.is_id("var", "def"):
                decl = self.st_var(in_for=True)
            if decl is not None:
                init.append(decl)
            else:
                for e in self.expr_list(";"):
                    init.append(n.ExprStmt(e.line, e.col, e))
        self.expect(";")
        test = None if self.is_op(";") else self.expression()
        self.expect(";")
        update = [] if self.is_op(")") else self.expr_list(")")
        self.expect(")")
        return n.For(t.line, t.col, init, test, update, self.body())

    def foreach_head(self) -> tuple[str, n.Expr] | None:
        j = self.i
        toks = self.toks
        while toks[j].kind == TokenKind.ID or (toks[j].kind == TokenKind.OP and toks[j].text in "[].<>,"):
            j += 1
        if not (toks[j].kind == TokenKind.OP and toks[j].text == ":" and toks[j - 1].kind == TokenKind.ID):
            return None
        var = toks[j - 1].text
        if j - 1 > self.i:
            # MVEL resolves the declared type as a class: `var`, `def` and names it cannot import fail
            first = toks[self.i]
            typ = "".join(t.text for t in toks[self.i : j - 1]).split("<")[0].rstrip("[]")
            if "." not in typ and typ not in PRIMITIVES and typ not in NEW_BARE:
                raise ConverterCompileError(f"cannot resolve identifier: {typ}", line=first.line, column=first.col)
        self.i = j + 1
        return var, self.expression()

    def st_var(self, in_for: bool = False) -> n.VarDecl:
        t = self.next()
        return self.decl_rest(t, None, in_for)

    def decl_rest(self, t: Token, typ: str | None, in_for: bool) -> n.VarDecl:
        decls: list[tuple[str, n.Expr | None]] = []
        while True:
            name = self.ident()
            while self.is_op("["):
                self.next()
                self.expect("]")
                typ = (typ or "Object") + "[]"
            init = None
            if self.is_op("="):
                self.next()
                init = self.array_init(typ) if self.is_op("{") and typ and typ.endswith("[]") else self.expression()
            decls.append((name, init))
            if not self.is_op(","):
                break
            self.next()
        if not in_for:
            self.end_stmt()
        return n.VarDecl(t.line, t.col, typ, decls)

    def array_init(self, typ: str) -> n.Expr:
        t = self.expect("{")
        items = [] if self.is_op("}") else self.expr_list("}")
        self.expect("}")
        return n.NewArray(t.line, t.col, typ[:-2], None, items)

    def try_typed_decl(self, in_for: bool = False) -> n.VarDecl | None:
        t = self.tok
        if t.text in ("var", "def") and self.peek().kind == TokenKind.ID:
            if t.text == "def" and self.peek(2).text == "(":
                return None
            return self.st_var(in_for) if not in_for else self.st_var(True)
        if t.text == "isdef":
            return None
        save = self.i
        typ = self.type_name()
        if (
            typ is not None
            and self.tok.kind == TokenKind.ID
            and self.tok.text not in KEYWORDS
            and self.tok.text not in WORD_OPS
            and (
                self.peek().text in ("=", ";", ",", ":")
                or self.peek().line > self.tok.line
                or self.peek().kind == TokenKind.EOF
                or self.peek().text == "}"
            )
        ):
            return self.decl_rest(t, typ, in_for)
        self.i = save
        return None

    def st_def(self) -> n.Stmt:
        t = self.next()
        name = self.ident()
        self.expect("(")
        params: list[str] = []
        typed: dict[str, str] = {}
        while not self.is_op(")"):
            save = self.i
            typ = self.type_name()
            if typ is not None and self.tok.kind == TokenKind.ID:
                typed[self.tok.text] = typ
            elif typ is not None:
                self.i = save
            params.append(self.ident())
            if self.is_op(","):
                self.next()
        self.expect(")")
        return n.FuncDef(t.line, t.col, name, params, self.block(), typed)

    def st_return(self) -> n.Stmt:
        t = self.next()
        value = None
        # MVEL reads on across line ends: `return` + newline + `x;` returns x
        if not (self.is_op(";", "}") or self.tok.kind == TokenKind.EOF):
            value = self.expression()
        self.end_stmt()
        return n.Return(t.line, t.col, value)

    def st_break(self) -> n.Stmt:
        t = self.next()
        self.end_stmt()
        return n.Break(t.line, t.col)

    def st_continue(self) -> n.Stmt:
        t = self.next()
        self.end_stmt()
        return n.Continue(t.line, t.col)

    def st_throw(self) -> n.Stmt:
        t = self.next()
        value = self.expression()
        self.end_stmt()
        return n.Throw(t.line, t.col, value)

    def st_switch(self) -> n.Stmt:
        t = self.next()
        self.expect("(")
        disc = self.expression()
        self.expect(")")
        self.expect("{")
        cases: list[tuple[n.Expr | None, list[n.Stmt], int]] = []
        while not self.is_op("}"):
            ct = self.tok
            if self.is_id("case"):
                self.next()
                test: n.Expr | None = self.ternary()
            elif self.is_id("default"):
                self.next()
                test = None
            else:
                raise self.error("expected 'case' or 'default'")
            self.expect(":")
            body: list[n.Stmt] = []
            while not (self.is_id("case", "default") or self.is_op("}")):
                if self.tok.kind == TokenKind.EOF:
                    raise self.error("missing '}'")
                if self.is_op(";"):
                    self.next()
                    continue
                body.append(self.statement(in_list=True))
            cases.append((test, body, ct.line))
        if not any(test is not None for test, _, _ in cases):
            raise self.error("statement expected: a switch needs a 'case'", t)
        end = self.next()
        return n.Switch(t.line, t.col, disc, cases, end.line)


def parse(source: str) -> list[n.Stmt]:
    """Parse TBEL source into a list of statements; raise ConverterCompileError on syntax errors."""
    return _Parser(tokenize(source)).program()
