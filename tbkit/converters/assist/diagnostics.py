"""One finding of the linter: where, how bad, what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...models import JsonObject

__all__ = ["Diagnostic", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in a converter script at ``line``/``column`` (1-based).

    ``error``: ThingsBoard will not run the script, or the line fails whenever it runs.
    ``warning``: it may fail, or does something other than it seems to.
    """

    line: int
    column: int
    severity: Severity
    message: str

    def format(self, where: str) -> str:
        """``file:line:col: severity: message``, as compilers print."""
        return f"{where}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def to_json(self) -> JsonObject:
        """The diagnostic as the editor gets it."""
        return {"line": self.line, "column": self.column, "severity": self.severity, "message": self.message}
