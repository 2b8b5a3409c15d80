"""Token cursor and expression grammar of the TBEL parser (statements are in :mod:`.parser`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.lexer import Token, TokenKind
from tbkit.converters.tbel.literals import LiteralError, number_literal
from tbkit.errors import ConverterCompileError

__all__ = ["NEW_BARE", "ExprParser", "KEYWORDS", "PRIMITIVES", "TYPE_NAMES", "WORD_OPS"]

T = TypeVar("T")

PRIMITIVES = {"int", "long", "double", "float", "byte", "short", "char", "boolean"}
TYPE_NAMES = PRIMITIVES | {
    "String",
    "Integer",
    "Long",
    "Double",
    "Float",
    "Byte",
    "Short",
    "Character",
    "Boolean",
    "Object",
    "List",
    "Map",
    "ArrayList",
    "HashMap",
    "LinkedHashMap",
    "Set",
    "HashSet",
    "Number",
    "Date",
    "Collection",
    "LinkedList",
    "TreeMap",
}
# MVEL's precedence table (Operator.PTABLE), loosest first; `or` is MVEL's "first non-empty"
# operator, `#` string concatenation, `~=` a full regex match, `is` a synonym of instanceof.
_BINARY = [
    ["||", "or"],
    ["&&", "and"],
    ["|"],
    ["^"],
    ["&"],
    ["==", "!=", "===", "!=="],
    ["<", ">", "<=", ">=", "instanceof", "is"],
    ["<<", ">>", ">>>", "<<<"],
    ["+", "-"],
    ["*", "/", "%"],
    ["**"],
    ["#", "~=", "contains", "soundslike", "strsim"],
]
WORD_OPS = {"or", "and", "instanceof", "is", "contains", "soundslike", "strsim"}
_LEVEL = {op: level for level, row in enumerate(_BINARY) for op in row}
_HEX_SUFFIXED = re.compile(r"0[xX][0-9a-fA-F]*[lLI]")
# operators that cannot start an operand: one right after another is misplaced
_BINARY_ONLY = {op for row in _BINARY for op in row if op not in WORD_OPS} - {"+", "-"}
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", ">>>=", "=+", "=-"}
KEYWORDS = {
    "if",
    "else",
    "while",
    "until",
    "do",
    "for",
    "foreach",
    "return",
    "break",
    "continue",
    "def",
    "function",
    "switch",
    "case",
    "default",
    "new",
    "var",
    "throw",
}


# What `new X(...)` may name in ThingsBoard's sandbox: MVEL's class literals less the forbidden
# ones, plus the types DefaultTbelInvokeService registers; other classes need their full name
# (`new java.util.ArrayList()`), and the forbidden ones are refused under any name.
NEW_BARE = {
    "String",
    "CharSequence",
    "Integer",
    "Long",
    "Boolean",
    "Short",
    "Character",
    "Double",
    "Float",
    "Byte",
    "Math",
    "Void",
    "Object",
    "Number",
    "StrictMath",
    "Exception",
    "JSON",
    "Date",
    "Random",
    "Calendar",
}
_NEW_FORBIDDEN = {
    "System",
    "Runtime",
    "Class",
    "ClassLoader",
    "Thread",
    "Compiler",
    "ThreadLocal",
    "SecurityManager",
    "Array",
    "StringBuffer",
    "StringBuilder",
    "Module",
}


class ExprParser:
    """Token cursor plus the expression half of the recursive-descent parser."""

    def expr_list(self, stop: str) -> list[n.Expr]:
        """Comma-separated expressions up to (not including) ``stop``."""
        self.fresh = self.i
        out = [self.expression()]
        while self.is_op(","):
            self.next()
            self.fresh = self.i
            out.append(self.expression())
        return out

    def __init__(self, tokens: list[Token]) -> None:
        self.toks = tokens
        self.i = 0
        self.nested = 0
        """How many blocks (bodies of functions, ifs, loops) enclose the cursor."""
        self.in_collection = 0
        """How many inline lists and maps enclose the cursor."""
        self.fresh = 0
        """Index of the token MVEL reads at the start of a char array of its own (script, map value, list item,
        argument)."""

    # ---- token helpers ----
    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def error(self, msg: str, tok: Token | None = None) -> ConverterCompileError:
        t = tok or self.tok
        where = f"'{t.text}'" if t.kind != TokenKind.EOF else "end of script"
        return ConverterCompileError(f"{msg} near {where}", line=t.line, column=t.col)

    def is_op(self, *ops: str) -> bool:
        return self.tok.kind == TokenKind.OP and self.tok.text in ops

    def is_id(self, *names: str) -> bool:
        return self.tok.kind == TokenKind.ID and self.tok.text in names

    def next(self) -> Token:
        t = self.tok
        self.i += 1
        return t

    def expect(self, text: str) -> Token:
        if self.tok.text != text or self.tok.kind not in (TokenKind.OP, TokenKind.ID):
            raise self.error(f"expected '{text}'")
        return self.next()

    def ident(self) -> str:
        if self.tok.kind != TokenKind.ID:
            raise self.error("expected an identifier")
        return self.next().text

    def end_stmt(self) -> None:
        if self.is_op(";"):
            self.next()
            return
        prev = self.toks[self.i - 1]
        if self.is_op("}") or self.tok.kind == TokenKind.EOF or self.tok.line > prev.line:
            return
        raise self.error("expected ';'")

    def type_name(self) -> str | None:
        """Parse ``Type``, ``a.b.Type``, ``Type<...>`` and ``Type[]`` at the cursor; None if not a type."""
        j = self.i
        toks = self.toks
        if toks[j].kind != TokenKind.ID or toks[j].text in KEYWORDS:
            return None
        name = toks[j].text
        j += 1
        while toks[j].text == "." and toks[j + 1].kind == TokenKind.ID:
            name = toks[j + 1].text
            j += 2
        if toks[j].text == "<":
            depth = 0
            while True:
                tt = toks[j]
                if tt.text == "<":
                    depth += 1
                elif tt.text in (">", ">>", ">>>"):
                    depth -= len(tt.text)
                    if depth <= 0:
                        j += 1
                        break
                elif not (tt.kind == TokenKind.ID or tt.text in (",", ".", "?", "[", "]")):
                    return None
                j += 1
        while toks[j].text == "[" and toks[j + 1].text == "]":
            name += "[]"
            j += 2
        self.i = j
        return name

    # ---- expressions ----
    def expression(self) -> n.Expr:
        begin = self.i
        left = self.ternary()
        if self.tok.kind == TokenKind.OP and self.tok.text in _ASSIGN:
            op_at = self.i
            op = self.next()
            if not isinstance(left, (n.Name, n.Member, n.Index)):
                raise self.error("invalid assignment target", op)
            text = op.text
            if text in ("=+", "=-"):  # MVEL reads `x =-1` as `x -= 1` (only on a variable)
                if not isinstance(left, n.Name):
                    raise self.error("Invalid statement", op)
                text = text[1] + "="
            start = self.i
            value = self.expression()
            textual = None
            if text != "=":
                # MVEL rewrites some compound assignments as the text `target op value`, read again
                sign = Token(TokenKind.OP, text[:-1], op.line, op.col)
                end = Token(TokenKind.EOF, "", self.tok.line, self.tok.col)
                toks = [*self.toks[begin:op_at], sign, *self.toks[start : self.i], end]
                textual = ExprParser(toks).expression()
            return n.Assign(op.line, op.col, text, left, value, textual)
        return left

    def ternary(self) -> n.Expr:
        test = self.binary(0)
        if self.is_op("?"):
            q = self.next()
            if self.is_op("?"):  # `a ?? b`: MVEL reads a ternary without an else branch
                self.next()
                return n.Coalesce(q.line, q.col, test, self.ternary())
            then = self.expression()
            self.expect(":")
            other = self.expression()
            return n.Cond(test.line, test.col, test, then, other)
        return test

    def binary(self, level: int) -> n.Expr:
        """Operators of precedence ``level`` (an index of MVEL's table) or tighter, by precedence climbing."""
        return self.climb(self.unary(), level)

    def operator_level(self) -> int | None:
        t = self.tok
        if t.kind != TokenKind.OP and t.text not in WORD_OPS:
            return None
        return _LEVEL.get(t.text)

    def climb(self, left: n.Expr, min_level: int) -> n.Expr:
        while (level := self.operator_level()) is not None and level >= min_level:
            op = self.next()
            if op.text in ("instanceof", "is"):
                typ = self.type_name()
                if typ is None:
                    raise self.error("expected a type")
                left = n.InstanceOf(op.line, op.col, left, typ)
                continue
            right = self.misplaced() if self.tok.text in _BINARY_ONLY else self.unary()
            while (tighter := self.operator_level()) is not None and tighter > level:
                right = self.climb(right, level + 1)
            text = {"===": "==", "!==": "!=", "and": "&&"}.get(op.text, op.text)
            left = n.Binary(op.line, op.col, text, left, right)
        return left

    def misplaced(self) -> n.Expr:
        """An operator where an operand belongs (``x + * 2``).

        MVEL's top-level compile rejects it; in a block (a function's, an if's, a loop's body) the
        statement compiles and fails only when it runs, with ``illegal use of operator``.
        """
        t = self.tok
        if t.kind != TokenKind.OP:
            return self.binary(0)
        if not self.nested:
            raise ConverterCompileError("Unterminated statement!", line=t.line, column=t.col)
        self.next()
        self.unary()
        return n.Fail(t.line, t.col, f"illegal use of operator: {t.text}")

    def unary(self) -> n.Expr:
        t = self.tok
        if t.kind == TokenKind.ID and t.text == "isdef" and self.peek().kind == TokenKind.ID:
            self.next()
            name = self.next()
            return n.IsDef(t.line, t.col, name.text)
        if t.kind == TokenKind.OP and t.text == "-" and self.peek().kind == TokenKind.NUM:
            nxt = self.peek()
            if nxt.line == t.line and nxt.col == t.col + 1 and not nxt.text.startswith("."):
                self.i += 2  # MVEL lexes `-5` (no space) in an operand position as one literal
                return self.postfix(self.number(t, "-" + nxt.text))
        if t.kind == TokenKind.OP and t.text == "~":
            nxt = self.peek()
            adjacent = nxt.line == t.line and nxt.col == t.col + 1
            if not (adjacent and (nxt.kind == TokenKind.NUM or nxt.text == "(")):
                raise self.error("Invalid operator: ~")  # MVEL inverts only a number or a parenthesis
        if t.kind == TokenKind.OP and t.text in ("!", "-", "~", "+"):
            self.next()
            return n.Unary(t.line, t.col, t.text, self.unary())
        if t.kind == TokenKind.OP and t.text in ("++", "--"):
            self.next()
            return n.Update(t.line, t.col, t.text, True, self.unary())
        if t.kind == TokenKind.OP and t.text == "(":
            cast = self.try_cast()
            if cast is not None:
                return cast
        return self.postfix(self.primary())

    def try_cast(self) -> n.Expr | None:
        save = self.i
        t = self.next()
        typ = self.type_name()
        if typ is not None and self.is_op(")"):
            base = typ.rstrip("[]")
            nxt = self.peek()
            if nxt.kind == TokenKind.OP and nxt.text == "-" and base in TYPE_NAMES:
                # MVEL reads `(int) -5` as the class `int` minus 5: a subtraction that gives null
                self.next()
                minus = self.next()
                operand = self.unary()
                return n.Binary(minus.line, minus.col, "-", n.Const(t.line, t.col, None), operand)
            starts = (
                nxt.kind in (TokenKind.ID, TokenKind.NUM, TokenKind.STR)
                or nxt.text in ("(", "!", "~", "[", "{")
                or (base in PRIMITIVES and nxt.text in ("-", "+"))
            )
            if starts and (base in TYPE_NAMES or (nxt.kind != TokenKind.OP and base[:1].isupper())):
                if not (nxt.kind == TokenKind.ID and nxt.text == "instanceof"):
                    self.next()
                    return n.Cast(t.line, t.col, typ, self.unary())
        self.i = save
        return None

    def postfix(self, e: n.Expr) -> n.Expr:
        while True:
            t = self.tok
            if t.kind != TokenKind.OP:
                return e
            if t.text in (".", ".?"):
                self.next()
                safe = t.text == ".?"
                if self.is_op("?"):
                    self.next()
                    safe = True
                e = n.Member(t.line, t.col, e, self.ident(), safe)
            elif t.text == "[":
                self.next()
                self.fresh = self.i
                idx = self.expression()
                self.expect("]")
                e = n.Index(t.line, t.col, e, idx)
            elif t.text == "(" and isinstance(e, (n.Name, n.Member)):
                self.next()
                args = [] if self.is_op(")") else self.parenthesized(lambda: self.expr_list(")"))
                self.expect(")")
                e = n.Call(e.line, e.col, e, args)
            elif t.text in ("++", "--") and self.toks[self.i - 1].line == t.line:
                self.next()
                e = n.Update(t.line, t.col, t.text, False, e)
            else:
                return e

    def primary(self) -> n.Expr:
        t = self.tok
        if t.kind == TokenKind.NUM:
            self.next()
            if _HEX_SUFFIXED.fullmatch(t.text) and self.i - 1 != self.fresh:
                # ParseTools.isNumber accepts a suffix after hex digits only at index 0 of the char array it reads:
                # elsewhere MVEL reads `0xFFL` as a name (unresolvable when it runs)
                return n.Name(t.line, t.col, t.text)
            return self.number(t, t.text)
        if t.kind == TokenKind.STR:
            self.next()
            return n.Str(t.line, t.col, t.value)
        if t.kind == TokenKind.ID:
            if t.text in ("true", "false", "null", "nil"):
                self.next()
                return n.Const(t.line, t.col, {"true": True, "false": False}.get(t.text))
            if t.text == "new":
                return self.new_expr()
            if t.text in KEYWORDS - {"var", "def", "function"}:
                raise self.error("unexpected keyword")
            self.next()
            return n.Name(t.line, t.col, t.text)
        if t.kind == TokenKind.OP:
            if t.text == "(" and self.projection_ahead():
                return self.projection()
            if t.text == "(":
                self.next()
                e = self.parenthesized(self.expression)
                self.expect(")")
                return n.Paren(t.line, t.col, e)
            if t.text in ("[", "{"):
                return self.collection_literal(t.text)
        raise self.error("unexpected token")

    def parenthesized(self, parse: Callable[[], T]) -> T:
        """What is inside parentheses: MVEL captures it whole, so an enclosing inline collection does not count."""
        outer, self.in_collection = self.in_collection, 0
        try:
            return parse()
        finally:
            self.in_collection = outer

    def collection_literal(self, opener: str) -> n.Expr:
        """An inline list or map; inside another one, MVEL cannot read a member or index of it."""
        self.in_collection += 1
        try:
            lit = self.bracket_literal() if opener == "[" else self.brace_literal()
        finally:
            self.in_collection -= 1
        if self.in_collection and self.is_op(".", ".?", "["):
            raise ConverterCompileError("unterminated collection element", line=self.tok.line, column=self.tok.col)
        return lit

    def number(self, t: Token, text: str) -> n.Num:
        """A number literal as MVEL reads ``text``; a literal it cannot read is a compile error."""
        if "_" in text or text.lstrip("-")[:2].lower() == "0b" or (text.startswith("-0x")):
            raise ConverterCompileError(f"invalid number literal: {text}", line=t.line, column=t.col)
        try:
            value, jtype = number_literal(text)
        except LiteralError as exc:
            raise ConverterCompileError(f"badly formatted number: {exc}", line=t.line, column=t.col) from None
        return n.Num(t.line, t.col, value, jtype)

    def bracket_literal(self) -> n.Expr:
        """``[a, b]`` is a list; ``[k : v, ...]`` is MVEL's other inline map form."""
        t = self.expect("[")
        if self.is_op("]"):
            self.next()
            return n.ListLit(t.line, t.col, [])
        self.fresh = self.i
        first = self.ternary()
        if not self.is_op(":"):
            items = [first]
            while self.is_op(","):
                self.next()
                if self.is_op("]"):
                    break  # MVEL accepts `[1, 2,]`
                self.fresh = self.i
                items.append(self.expression())
            self.expect("]")
            return n.ListLit(t.line, t.col, items)
        pairs: list[tuple[n.Expr, n.Expr]] = []
        key = first
        while True:
            self.expect(":")
            pairs.append((key, self.expression()))
            if not self.is_op(","):
                break
            self.next()
            key = self.ternary()
        self.expect("]")
        return n.MapLit(t.line, t.col, pairs)

    def projection_ahead(self) -> bool:
        """True at ``( a.b in`` or ``( m() in``: an MVEL projection."""
        j = self.i + 1
        toks = self.toks
        while toks[j].kind == TokenKind.ID:
            j += 1
            if toks[j].text == "(" and toks[j + 1].text == ")":
                j += 2
                break
            if toks[j].text != ".":
                break
            j += 1
        return j > self.i + 1 and toks[j].kind == TokenKind.ID and toks[j].text == "in"

    def projection(self) -> n.Expr:
        t = self.expect("(")
        path = [self.ident()]
        call = False
        while self.is_op(".", "("):
            if self.next().text == "(":
                self.expect(")")
                call = True
                break
            path.append(self.ident())
        self.next()  # `in`
        source = self.expression()
        self.expect(")")
        return n.Projection(t.line, t.col, path, call, source)

    def brace_literal(self) -> n.Expr:
        t = self.expect("{")
        if self.is_op("}"):
            self.next()
            return n.MapLit(t.line, t.col, [])
        first = self.map_key()
        if self.is_op(":"):
            self.next()
            pairs = [(first, self.map_value())]
            while self.is_op(","):
                self.next()
                if self.is_op("}"):
                    break
                key = self.map_key()
                self.expect(":")
                pairs.append((key, self.map_value()))
            self.expect("}")
            return n.MapLit(t.line, t.col, pairs)
        items = [first]
        while self.is_op(","):
            self.next()
            if self.is_op("}"):
                break  # and `{1, 2,}`
            items.append(self.expression())
        self.expect("}")
        return n.ArrayLit(t.line, t.col, items)

    def map_value(self) -> n.Expr:
        """A ``{k: v}`` value; MVEL compiles each value as its own statement, so ``v;`` before ``,``/``}`` is fine."""
        self.fresh = self.i
        value = self.expression()
        if self.is_op(";") and self.peek().text in (",", "}"):
            self.next()
        return value

    def map_key(self) -> n.Expr:
        t = self.tok
        if t.kind == TokenKind.ID and self.peek().text == ":":
            self.next()
            return n.Str(t.line, t.col, t.text)
        return self.ternary()

    def new_expr(self) -> n.Expr:
        t = self.next()
        cls = self.ident()
        while self.is_op("."):
            self.next()
            cls = cls + "." + self.ident()
        if self.is_op("<"):
            self.i -= 1
            while self.toks[self.i].text != "<":
                self.i += 1
            depth = 0
            while True:
                tt = self.next()
                depth += tt.text.count("<") - tt.text.count(">")
                if depth <= 0:
                    break
        if self.is_op("["):
            self.next()
            size = None if self.is_op("]") else self.expression()
            self.expect("]")
            more: list[n.Expr] = []
            while self.is_op("["):
                self.next()
                if not self.is_op("]"):
                    more.append(self.expression())
                self.expect("]")
            items = None
            if self.is_op("{"):
                self.next()
                items = [] if self.is_op("}") else self.expr_list("}")
                self.expect("}")
            return n.NewArray(t.line, t.col, cls, size, items, more)
        short = cls.rsplit(".", 1)[-1]
        if ("." not in cls and cls not in NEW_BARE) or short in _NEW_FORBIDDEN:
            raise self.error(f"could not resolve class: {cls}", t)
        self.expect("(")
        args = [] if self.is_op(")") else self.expr_list(")")
        self.expect(")")
        return n.New(t.line, t.col, cls, args)
