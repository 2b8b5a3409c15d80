"""``lint_script``: every diagnostic for a converter script in its language."""

from __future__ import annotations

from .diagnostics import Diagnostic
from .js_lint import lint_js
from .tbel_lint import lint_tbel

__all__ = ["lint_script"]


def lint_script(source: str, lang: str) -> list[Diagnostic]:
    """The diagnostics of ``source``, a converter's body in ``lang`` (``"JS"`` or ``"TBEL"``), in line order.

    >>> [d.severity for d in lint_script("return {a: nope(1)};", "TBEL")]
    ['error']
    """
    if lang.upper() == "TBEL":
        return lint_tbel(source)
    if lang.upper() == "JS":
        return lint_js(source)
    raise ValueError(f"lang must be 'JS' or 'TBEL', got {lang!r}")
