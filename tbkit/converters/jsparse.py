"""A converter's JavaScript as a syntax tree (ESTree, from acorn running in V8).

``jsparse.js`` beside this module is acorn bundled by ``js/build.mjs`` from ``js/v8/jsparse.js``.
It runs in a V8 context of its own (time and memory limited, like a converter), and is the one
place tbkit parses JavaScript: the linter's control-flow checks use it, and so can the checks of
ThingsBoard's local JS engine.

>>> tree = parse_js("var a = 1;\\nreturn a;")
>>> [node["type"] for node in tree["body"]]
['VariableDeclaration', 'ReturnStatement']
>>> parse_js("return (;")
Traceback (most recent call last):
...
tbkit.converters.jsparse.JsSyntaxError: line 1, column 9: Unexpected token (1:8)
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from .runtime import V8Script
from .steps import Fault, LimitHit

__all__ = ["JsSyntaxError", "parse_js"]

_BUNDLE = Path(__file__).with_name("jsparse.js").read_text("utf-8")
_lock = threading.Lock()
_parser: V8Script | None = None


class JsSyntaxError(ValueError):
    """The source is not JavaScript acorn can parse; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.message, self.line, self.column = message, line, column


def _script() -> V8Script:
    global _parser
    with _lock:
        if _parser is None or _parser.closed:
            _parser = V8Script(
                "", params=(), name="jsparse", timeout=5.0, compiled="function __tbkit_user() {}", runtime_js=_BUNDLE
            )
        return _parser


def parse_js(source: str, ecma_version: int | str = "latest") -> dict[str, Any]:
    """The ESTree ``Program`` of a converter script (``return`` allowed at the top level).

    Raises :class:`JsSyntaxError` when acorn rejects it (with ``ecma_version`` 5, what ES5 lacks
    is a syntax error too), and :class:`TimeoutError` when parsing runs past its limit.
    """
    raw = _script().eval_text(f"__jsparse(__tbkit.take('src'), {json.dumps(ecma_version)})", 1, inbox=("src", source))
    if isinstance(raw, LimitHit):
        raise TimeoutError(f"parsing the script stopped: {raw.error}")
    if isinstance(raw, Fault):
        raise raw.error
    result = json.loads(raw)
    if not result["ok"]:
        raise JsSyntaxError(result["message"], result["line"], result["column"])
    tree: dict[str, Any] = result["ast"]
    return tree
