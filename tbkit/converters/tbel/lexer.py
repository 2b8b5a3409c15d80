"""Tokenizer for TBEL source text.

>>> [t.text for t in tokenize("var x = 0x1F;")][:4]
['var', 'x', '=', '0x1F']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from tbkit.errors import ConverterCompileError

__all__ = ["Token", "TokenKind", "tokenize"]

_OPERATORS = sorted(
    """>>>= >>> <<< <<= >>= === !== == != <= >= && || ++ -- += -= *= /= %= &= |= ^= =+ =- .? << >> ** ~=
    + - * / % = < > ! ~ & | ^ ? : ; , . ( ) [ ] { } @ #""".split(),
    key=len,
    reverse=True,
)
_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F_]+[lL]?|0[bB][01_]+[lL]?"
    r"|(?:\d[\d_]*\.\d*|\.\d+|\d[\d_]*)(?:[eE][+-]?\d+)?[lLfFdDbBiI]?"
)
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0", "s": " "}


class TokenKind(Enum):
    """What a token is: a number, a string literal, an identifier, an operator, or the end of the script."""

    NUM = "number"
    STR = "string"
    ID = "identifier"
    OP = "operator"
    EOF = "end of script"


@dataclass(frozen=True)
class Token:
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
                self.pos += 1
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
        for op in _OPERATORS:
            if src.startswith(op, pos):
                self.pos += len(op)
                return Token(TokenKind.OP, op, line, col)
        raise self.error(f"unexpected character {ch!r}")

    def run(self) -> list[Token]:
        while True:
            self.skip_space()
            if self.pos >= len(self.src):
                self.tokens.append(Token(TokenKind.EOF, "", self.line, self.pos - self.line_start + 1))
                return self.tokens
            self.tokens.append(self.next_token())


def tokenize(src: str) -> list[Token]:
    """Split TBEL source into tokens; raise ConverterCompileError on a lexical error."""
    return _Lexer(src).run()
