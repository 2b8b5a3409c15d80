"""ThingsBoard's local JS engine (Nashorn 15.4, ES5.1, in delight-nashorn-sandbox 0.4.5), modelled in V8.

Two JS parts do the work. ``tool.js`` (js-beautify 1.14.7 and tbkit's modules, bundled from
``js/v8/nashorn*.js``) runs in one V8 context of its own, after the shared parser bundle
(:data:`~tbkit.converters.jsparse.PARSER_JS`, acorn: tbkit ships one JS parser), and does what
happens before Nashorn runs a script: ThingsBoard's wrapper, the sandbox's checks and
reformatting, an ECMAScript 5.1 parse. The ``env_*.js`` parts run
in the converter's context and give the script Nashorn's world around each call (see
``env_core.js``). Errors read as Nashorn's (``ScriptException: <eval>:11:2 ...``, ``BracesException:
...``) and are placed on the line of the user's script.

>>> from tbkit.converters.nashorn.engine import prepare
>>> prepare("var a = 1;\\nconst b = 2;\\nreturn {a: a};", "decode").error.line
2
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from ...errors import ConverterCompileError, ConverterError, ConverterRuntimeError
from .._v8errors import ErrorPlaces, ScriptFailure
from ..jsparse import PARSER_JS
from ..runtime import USER_FUNCTION, V8Script

__all__ = ["ENGINE", "Prepared", "is_local_failure", "local_script", "prepare", "static_warnings"]

Kind = Literal["decode", "encode"]
_FILES = resources.files("tbkit.converters.nashorn")
_TOOL = _FILES.joinpath("tool.js").read_text("utf-8")
_ENV_PARTS = ("env_core.js", "env_date.js", "env_number.js", "env_string.js", "env_main.js")
ENV_JS = (
    "(function (g) {\n" + "\n".join(_FILES.joinpath(n).read_text("utf-8") for n in _ENV_PARTS) + "\n})(globalThis);"
)
_CALLS = {
    "decode": "function {user}(payload, metadata) {{ return __nashorn.decode({fn}, payload, metadata); }}",
    "encode": (
        "function {user}(msg, metadata, msgType, integrationMetadata) "
        "{{ return __nashorn.encode({fn}, msg, metadata, msgType, integrationMetadata); }}"
    ),
}
ENGINE = "ThingsBoard's local JS engine (Nashorn, ES5)"


@dataclass(frozen=True)
class Prepared:
    """What the local engine makes of a script: the script V8 runs in its place, or the error."""

    script: str = ""
    function: str = ""
    lines: tuple[int, ...] = ()
    places: str = "{}"
    error: ConverterCompileError | None = None


class _Tool:
    """The V8 context holding ``tool.js``, made on first use and shared by all converters."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: V8Script | None = None
        self._keys = itertools.count()
        self._cache: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()

    def _context(self) -> V8Script:
        with self._lock:
            if self._script is None:
                self._script = V8Script(
                    "",
                    params=(),
                    name="nashorn-tool",
                    compiled=_TOOL + f"\nfunction {USER_FUNCTION}() {{}}",
                    runtime_js=PARSER_JS,
                    timeout=10,
                )
            return self._script

    def ask(self, method: str, body: str, kind: str = "decode") -> Any:
        """``__tbkitNashornTool[method](body, kind)``, parsed; memoised (the editor asks again and again)."""
        key = (method + ":" + kind, body)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        slot = f"nashorn{next(self._keys)}"
        source = (
            f"(function () {{ var b = JSON.parse(__tbkit.take({slot!r}));"
            f" return __tbkitNashornTool.{method}(b, {kind!r}); }})()"
        )
        answer = self._context().eval_text(source, 1, inbox=(slot, json.dumps(body)))
        if not isinstance(answer, str):
            raise answer.error
        value = json.loads(answer)
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > 128:
                self._cache.popitem(last=False)
        return value


_tool = _Tool()


def prepare(source: str, kind: Kind, name: str = "converter") -> Prepared:
    """Run ``source`` through ThingsBoard's wrapper, the sandbox and an ES5.1 parse."""
    answer = _tool.ask("prepare", source, kind)
    if answer["ok"]:
        places = json.dumps({"marks": answer["marks"], "callees": answer["callees"]})
        return Prepared(answer["script"], answer["fn"], tuple(answer["lines"]), places)
    error = answer["error"]
    return Prepared(
        error=ConverterCompileError(
            f"{error['className']}: {error['message']}",
            line=error["bodyLine"],
            column=error["bodyColumn"],
            converter=name,
        )
    )


def static_warnings(source: str, kind: Kind) -> list[str]:
    """What the local engine refuses before running the script, each with its line (empty: it loads).

    One warning per ES2015+ construct and line, and the local engine's own error when no such
    construct explains it (a loop the sandbox thinks has no braces, a ``//`` comment on the last
    line, other syntax ES5.1 lacks).
    """
    error = prepare(source, kind).error
    if error is None:
        return []
    found = _tool.ask("features", source)
    out = [f"line {item['line']}: {item['what']} is ES2015+; {ENGINE} rejects it" for item in found]
    explained = error.message.startswith("ScriptException") and any(item["line"] == error.line for item in found)
    if not explained:
        head = error.message.split("\n", 1)[0]
        head = head if len(head) <= 200 else head[:197] + "..."
        out.append(f"line {error.line}: {ENGINE} does not load this script: {head}")
    return out


class NashornPlaces(ErrorPlaces):
    """Runtime errors as Nashorn reports them, placed on the user's line (see ``env_main.js``)."""

    def __init__(self, name: str, lines: list[str], compiled_lines: tuple[int, ...]) -> None:
        super().__init__(name, lines, 0)
        self.compiled_lines = compiled_lines

    def runtime_error(self, info: ScriptFailure, logs: list[str]) -> ConverterRuntimeError:
        if info.get("name") != "ScriptException":
            return super().runtime_error(info, logs)
        match = re.search(r"tbkit-user\.js:(\d+):", str(info.get("stack") or ""))
        line = None
        if match is not None:
            compiled = int(match.group(1))
            if 0 < compiled < len(self.compiled_lines):
                line = self.compiled_lines[compiled] or None
        return ConverterRuntimeError(
            f"ScriptException: {info['message']}", line=line, column=None, converter=self.name, logs=logs
        )


def local_script(
    source: str, kind: Kind, *, params: tuple[str, ...], name: str, timeout: float, max_memory: int
) -> V8Script:
    """A :class:`V8Script` that runs ``source`` as ThingsBoard's local engine would.

    Raises :class:`ConverterCompileError` (``ScriptException``, ``BracesException`` or
    ``IllegalArgumentException`` in its message) when the local engine would not load it.
    """
    prepared = prepare(source, kind, name)
    if prepared.error is not None:
        raise prepared.error
    fn = json.dumps(prepared.function)
    loader = f"__nashorn.load({json.dumps(prepared.script)}, {prepared.places}, {fn});\n" + _CALLS[kind].format(
        user=USER_FUNCTION, fn=fn
    )
    errors = NashornPlaces(name, source.splitlines() or [""], prepared.lines)
    return V8Script(
        source,
        params=params,
        name=name,
        timeout=timeout,
        max_memory=max_memory,
        compiled=loader,
        runtime_js=ENV_JS,
        errors=errors,
    )


def is_local_failure(error: ConverterError | None) -> bool:
    """True for an error the local engine itself reports (not a tbkit output check)."""
    return error is not None and error.message.startswith(("ScriptException", "BracesException", "IllegalArgument"))
