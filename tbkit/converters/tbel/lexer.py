"""Tokenizer for TBEL source text.

>>> [t.text for t in tokenize("var x = 0x1F;")][:4]
['var', 'x', '=', '0x1F']
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from tbkit.errors import ConverterCompileError

__all__ = ["Token", "TokenKind", "tokenize"]

_OPERATORS = sorted(
    """>>>= >>> <<< <<= >>= === !== == != <= >= && || ++ -- += -= *= /= %= &= |= ^= =+ =- .? << >> ** ~=
    + - * / % = < > ! ~ & | ^ ? : ; , . ( ) [ ] { } @ #""".split(),
    key=len,
    reverse=True,
)
_OPERATOR = re.compile("|".join(re.escape(op) for op in _OPERATORS))
_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F_]+[lL]?|0[bB][01_]+[lL]?"
    r"|(?:\d[\d_]*\.\d*|\.\d+|\d[\d_]*)(?:[eE][+-]?\d+)?[lLfFdDbBiI]?"
)
_BLANKS = re.compile("[ \t\r\f\v\ufeff\u00a0]+")
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
# the common tokens in one match; newlines, comments, strings and numbers take the slow path (next_token)
_TOKEN = re.compile(
    r"(?P<blank>[ \t\r\f\v\ufeff\u00a0]+)|(?P<word>[A-Za-z_$][A-Za-z0-9_$]*)|(?P<op>(?!//|/\*|\.\d)(?:"
    + "|".join(re.escape(op) for op in _OPERATORS)
    + "))"
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0", "s": " "}


class TokenKind(Enum):
    """What a token is: a number, a string literal, an identifier, an operator, or the end of the script."""

    NUM = "number"
    STR = "string"
    ID = "identifier"
    OP = "operator"
    EOF = "end of script"


class Token(NamedTuple):
    """One lexical token; ``line``/``col`` are 1-based; ``value`` is a string literal's text."""

    kind: TokenKind
    text: str
    line: int
    col: int
    value: str = ""


class _Lexer:
    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.tokens: list[Token] = []

    def error(self, msg: str) -> ConverterCompileError:
        return ConverterCompileError(msg, line=self.line, column=self.pos - self.line_start + 1)

    def skip_space(self) -> None:
        src = self.src
        while self.pos < len(src):
            ch = src[self.pos]
            if ch == "\n":
                self.pos += 1
                self.line += 1
                self.line_start = self.pos
            elif ch in " \t\r\f\v\ufeff\u00a0":
                m = _BLANKS.match(src, self.pos)
                self.pos = m.end() if m else self.pos + 1
            elif src.startswith("//", self.pos):
                end = src.find("\n", self.pos)
                self.pos = len(src) if end < 0 else end
            elif src.startswith("/*", self.pos):
                end = src.find("*/", self.pos + 2)
                if end < 0:
                    raise self.error("unterminated comment")
                self.advance_to(end + 2)
            else:
                return

    def advance_to(self, end: int) -> None:
        chunk = self.src[self.pos : end]
        nl = chunk.count("\n")
        if nl:
            self.line += nl
            self.line_start = self.pos + chunk.rfind("\n") + 1
        self.pos = end

    def string(self, quote: str) -> str:
        out: list[str] = []
        src = self.src
        i = self.pos + 1
        while True:
            if i >= len(src):
                raise self.error("unterminated string literal")
            ch = src[i]
            if ch == quote:
                break
            if ch == "\\" and i + 1 < len(src):
                nxt = src[i + 1]
                if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", src[i + 2 : i + 6]):
                    out.append(chr(int(src[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                out.append(_ESCAPES.get(nxt, nxt))
                i += 2
                continue
            out.append(ch)
            i += 1
        self.advance_to(i + 1)
        return "".join(out)

    def next_token(self) -> Token:
        line, col, src, pos = self.line, self.pos - self.line_start + 1, self.src, self.pos
        ch = src[pos]
        if ch in "\"'":
            start = pos
            value = self.string(ch)
            return Token(TokenKind.STR, src[start : self.pos], line, col, value)
        m = _NUMBER.match(src, pos)
        if m and (ch.isdigit() or (ch == "." and pos + 1 < len(src) and src[pos + 1].isdigit())):
            self.pos = m.end()
            return Token(TokenKind.NUM, m.group(), line, col)
        m = _IDENT.match(src, pos)
        if m:
            self.pos = m.end()
            return Token(TokenKind.ID, m.group(), line, col)
        m = _OPERATOR.match(src, pos)
        if m:
            self.pos = m.end()
            return Token(TokenKind.OP, m.group(), line, col)
        raise self.error(f"unexpected character {ch!r}")

    def run(self) -> list[Token]:
        src, tokens, match = self.src, self.tokens, _TOKEN.match
        end = len(src)
        while True:
            m = match(src, self.pos)
            group = m.lastgroup if m else None
            if group == "blank":
                self.pos = m.end()  # type: ignore[union-attr]
                continue
            if group == "word":
                text = m.group()  # type: ignore[union-attr]
                tokens.append(Token(TokenKind.ID, text, self.line, self.pos - self.line_start + 1))
                self.pos = m.end()  # type: ignore[union-attr]
                continue
            if group == "op":
                text = m.group()  # type: ignore[union-attr]
                tokens.append(Token(TokenKind.OP, text, self.line, self.pos - self.line_start + 1))
                self.pos = m.end()  # type: ignore[union-attr]
                continue
            self.skip_space()
            if self.pos >= end:
                tokens.append(Token(TokenKind.EOF, "", self.line, self.pos - self.line_start + 1))
                return tokens
            tokens.append(self.next_token())


def tokenize(src: str) -> list[Token]:
    """Split TBEL source into tokens; raise ConverterCompileError on a lexical error."""
    return _Lexer(src).run()
