"""The tbkit exception tree.

::

    TbkitError
    ├── ConverterError                 a converter failed; carries .line / .column in the user's script
    │   ├── ConverterCompileError      the script does not parse or compile (syntax error)
    │   ├── ConverterRuntimeError      the script threw (TypeError, throw new Error(...), ...)
    │   ├── ConverterTimeoutError      the script ran past its time limit and was stopped
    │   ├── ConverterMemoryError       the script ran past its memory limit and was stopped
    │   └── ConverterOutputError       the script returned something ThingsBoard would reject
    ├── ConfigError                    a ThingsBoard JSON document or an option is invalid
    ├── StoreError                     the SQLite store refused an operation
    │   └── CreationForbiddenError     a device or asset is missing and creation is not allowed
    └── PayloadError                   a request body cannot be read for its content type

Every ``ConverterError`` renders as ``<name>:<line>:<column>: <message>`` so that the
place in the user's script is always in the first line of the message.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ConverterCompileError",
    "ConverterError",
    "ConverterMemoryError",
    "ConverterOutputError",
    "ConverterRuntimeError",
    "ConverterTimeoutError",
    "CreationForbiddenError",
    "PayloadError",
    "StoreError",
    "TbkitError",
]


class TbkitError(Exception):
    """Base class of every error tbkit raises on purpose."""


class ConverterError(TbkitError):
    """A converter script failed.

    Parameters
    ----------
    message:
        What went wrong, in the words of V8 or of the output checks.
    line, column:
        1-based position in the user's script, counted from its first line, when known.
    converter:
        The converter's name, used as the file name in the rendered message.
    logs:
        ``console.log`` lines the script printed before it failed.
    """

    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        converter: str | None = None,
        logs: list[str] | None = None,
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.converter = converter
        self.logs = list(logs or [])
        super().__init__(message)

    def __str__(self) -> str:
        return self._render()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._render()!r})"

    def _render(self) -> str:
        where = self.converter or "converter"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ConverterCompileError(ConverterError):
    """The script has a syntax error or cannot be compiled."""

    kind = "compile"


class ConverterRuntimeError(ConverterError):
    """The script threw an exception while running."""

    kind = "runtime"


class ConverterTimeoutError(ConverterError):
    """The script ran past its time limit and was terminated."""

    kind = "timeout"


class ConverterMemoryError(ConverterError):
    """The script ran past its heap limit and was terminated."""

    kind = "memory"


class ConverterOutputError(ConverterError):
    """The script's result is not valid converter output (ThingsBoard would reject it).

    ``status`` is the HTTP status ThingsBoard answers for this kind of bad output: 400 for
    what it reports as a JSON parse error, 500 for the rest (e.g. ``deviceName: null``).
    """

    kind = "output"

    def __init__(self, message: str, *, status: int = 400, **kwargs: object) -> None:
        self.status = status
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class ConfigError(TbkitError, ValueError):
    """A configuration document or option is invalid."""


class StoreError(TbkitError):
    """The store refused an operation."""


class CreationForbiddenError(StoreError):
    """A device or asset does not exist and the integration may not create it."""


class PayloadError(TbkitError, ValueError):
    """A request body cannot be decoded for its declared content type.

    ``status`` is the HTTP answer: 400 for a malformed body, 415 for a content type or
    charset ThingsBoard does not take.
    """

    def __init__(self, message: str, *, status: int = 400) -> None:
        self.status = status
        super().__init__(message)
