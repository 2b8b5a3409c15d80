"""Writing converters with help: the helper table, ``help()`` text and the linter.

:mod:`.catalog` is the table of helpers (TBEL's ``TbUtils``, ``Math``, ``JSON``, ``Date`` and the
collection methods; the JS wrapper's helpers); :mod:`.lint` checks a script the way ThingsBoard's
engines will treat it. Both serve the editor (completion, hover, diagnostics as you type),
:func:`tbkit.help`, ``UplinkConverter(...).lint()`` and ``python -m tbkit lint``.
"""

from __future__ import annotations

from .catalog import Helper, describe, find, helpers, suggest
from .diagnostics import Diagnostic
from .lint import lint_script

__all__ = ["Diagnostic", "Helper", "describe", "find", "helpers", "lint_script", "suggest"]
