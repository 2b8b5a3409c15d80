"""TBEL (ThingsBoard Expression Language) support: TBEL source compiled to JavaScript for V8.

>>> prog = compile_tbel("return {a: 1 + 1.0};", ("payload", "metadata"), "Decoder")
>>> prog.js.splitlines()[0].startswith("function Decoder(payload, metadata) {")
True

Design
------
* A hand-written front end (:mod:`.lexer`, :mod:`.parser`) builds an AST; :mod:`.codegen`
  emits one JS function whose TBEL line N is JS line N, so V8's line numbers are TBEL's.
* Every operator, property read, method call and built-in call goes through the runtime
  namespace ``__tbel`` (defined by :data:`TBEL_RUNTIME_JS`, evaluated once per V8 context).
  Built-ins compile to ``__tbel.cf("name", [...])`` so user functions and variables shadow them.
* Java number kinds are carried at run time: a JS number is a Java ``int``; ``long``,
  ``double``, ``float``, ``byte`` and ``short`` are boxed as ``N{k, v}``. A long beyond 2^53
  also carries its exact value as a BigInt, so longs are exact over 64 bits (long op long
  wraps around as Java does). Arithmetic follows MVEL's rules (int/int division gives a
  double, mixed kinds are computed in doubles and narrowed to the wider kind, int overflow
  promotes to long), string concatenation prints doubles the Java way (``2.0``), and
  declared types (``int x``, casts) convert on assignment.
* Maps are JS ``Map`` objects (insertion ordered; storing ``null`` removes the key, as in
  ThingsBoard), lists are JS arrays, Java arrays are arrays tagged with ``$t``. Missing map
  keys read as ``null``; ``undefined`` never reaches user code.
* ``Date`` is ThingsBoard's TbDate (:file:`runtime_date.js`, :file:`runtime_datefmt.js`): an instant
  whose "local" zone is the runtime's default zone, UTC unless ``__tbel.setDefaultZone(id)`` is called;
  localized text is Java 17's for the locales a script names (:mod:`.datefacts`), else V8's ``Intl``.
  Collection methods follow thingsboard/tbel's ``Execution*``
  classes (:file:`runtime_collections.js`); ``foreach`` over a map iterates its entries.
* The function converts its inputs at entry (``payload``: unsigned bytes -> signed Java
  ``byte[]``; other parameters: JSON values -> Maps/Lists) and converts the result to plain
  JSON values at exit (null-valued map entries dropped). Numbers keep their Java kind in the
  JSON text tbkit reads: a double with an integral value becomes ``JSON.rawJSON("28.0")``
  and a long beyond 2^53 its exact digits, so Python gets ``28.0`` (a float, stored as
  DOUBLE) and exact ints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tbkit.converters.tbel.codegen import generate
from tbkit.converters.tbel.datefacts import date_facts_js
from tbkit.converters.tbel.jvm import runtime_tables_js
from tbkit.converters.tbel.parser import parse

__all__ = ["TBEL_RUNTIME_JS", "TbelProgram", "compile_tbel"]

_PARTS = (
    "runtime_primordials.js",
    "runtime_core.js",
    "runtime_numfmt.js",
    "runtime_math.js",
    "runtime_convert.js",
    "runtime_objects.js",
    "runtime_collections.js",
    "runtime_lang.js",
    "runtime_codec.js",
    "runtime_utils.js",
    "runtime_date.js",
    "runtime_datefmt.js",
)


def _load_runtime() -> str:
    here = Path(__file__).parent
    body = runtime_tables_js() + "\n".join((here / name).read_text(encoding="utf-8") for name in _PARTS)
    return (
        "var __tbel = (function () {\n'use strict';\nvar T = {};\n"
        + body
        + "\nreturn T;\n})();\n//# sourceURL=tbel-runtime.js\n"
    )


TBEL_RUNTIME_JS: str = _load_runtime()
"""JavaScript that defines the ``__tbel`` runtime namespace; evaluate once per V8 context."""


@dataclass(frozen=True)
class TbelProgram:
    """A compiled TBEL script.

    Parameters
    ----------
    js:
        ``function <name>(<params>) {...}``; TBEL line N is on JS line N. Calling it returns
        plain JSON-able values.
    function_name, params:
        What the function is called and its parameter names.
    """

    js: str
    function_name: str
    params: tuple[str, ...]


def compile_tbel(source: str, params: tuple[str, ...], function_name: str) -> TbelProgram:
    """Compile TBEL ``source`` (a function body) to a JS function declaration.

    Raises :class:`tbkit.errors.ConverterCompileError` with the TBEL line/column on syntax errors.
    """
    body = parse(source)
    js = generate(body, tuple(params), function_name) + date_facts_js(source)
    return TbelProgram(js, function_name, tuple(params))
