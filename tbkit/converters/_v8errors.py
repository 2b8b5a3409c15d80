"""V8 error messages → tbkit errors placed on the user's line and column.

Errors come from three places: V8's parser (a compile error), a thrown value's stack trace
(JS), and a TBEL runtime error carrying ``[Line: n, Column: m]``. Positions are counted from
the first line of the user's script, whatever tbkit wrapped around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict

from ..errors import ConverterCompileError, ConverterRuntimeError

__all__ = ["SOURCE_URL", "ErrorPlaces", "ScriptFailure"]

SOURCE_URL = "tbkit-user.js"
_FRAME = re.compile(re.escape(SOURCE_URL) + r":(\d+):(\d+)")
_TBEL_PLACE = re.compile(r"\s*\[Line: (\d+), Column: (\d+)\]$")
_PARSE_HEAD = re.compile(r"^[^\n]*?:(\d+): (.*)$", re.M)


class ScriptFailure(TypedDict):
    """``{name, message, stack}`` of what a script threw, as tbkit's prelude reports it."""

    name: str | None
    message: str
    stack: str


@dataclass
class ErrorPlaces:
    """Turns V8 error texts into tbkit errors for one script.

    ``lines`` are the user's source lines; ``column_shift`` is how many characters tbkit put
    before the first line (the function header).
    """

    name: str
    lines: list[str]
    column_shift: int

    def runtime_error(self, info: ScriptFailure, logs: list[str]) -> ConverterRuntimeError:
        text = str(info["message"])
        place = _TBEL_PLACE.search(text)  # TBEL runtime errors carry the TBEL position
        if place is not None:
            text = text[: place.start()]
        message = text if info.get("name") is None else f"{info['name']}: {text}"
        line: int | None
        if place is not None:
            line, column = self.place(int(place.group(1)), int(place.group(2)))
        else:
            line, column = self.position(info.get("stack") or "")
        return ConverterRuntimeError(message, line=line, column=column, converter=self.name, logs=logs)

    def position(self, stack: str) -> tuple[int | None, int | None]:
        match = _FRAME.search(stack)
        if match is None:
            return None, None
        line, column = int(match.group(1)), int(match.group(2))
        return self.place(line, column)

    def place(self, line: int, column: int | None) -> tuple[int, int | None]:
        if line == 1 and column is not None:
            column = max(1, column - self.column_shift)
        line = max(1, min(line, len(self.lines)))
        if column is not None and column > len(self.lines[line - 1]) + 1:
            column = None  # a position in generated code, not in the user's line
        return line, column

    def compile_error(self, text: str) -> ConverterCompileError:
        head = _PARSE_HEAD.search(text)
        if head is None:
            return ConverterCompileError(text.strip(), converter=self.name)
        line = int(head.group(1))
        lines = text.splitlines()
        column = None
        caret = next((ln for ln in lines[1:4] if ln.strip() == "^"), None)
        if caret is not None:
            column = caret.index("^") + 1
        line, column = self.place(line, column)
        return ConverterCompileError(head.group(2), line=line, column=column, converter=self.name)
