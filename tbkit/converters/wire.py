"""The batch wire format's constants, Python's side (``batch_wire.js`` names the same ones for V8).

One V8 call decodes a chunk of uplinks (:mod:`.batch`). What crosses each way is described in
``batch_wire.js``; this module and that file name every constant once, and
``tests/converters/test_wire.py`` checks that they agree.

>>> Line.OK, RAW_SEPARATOR
(<Line.OK: 0>, '\\x1d')
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["HEAD_END", "LINE_END", "NESTED", "NUMBER_BYTES", "RAW_SEPARATOR", "ROW", "Line", "as_dict"]


class Line(IntEnum):
    """The kind of an item's line: the first element of its JSON array."""

    OK = 0  #: the normalised entities
    OUTPUT_ERROR = 1  #: the output breaks ThingsBoard's rules: message, status, logs
    SCRIPT_ERROR = 2  #: the script threw, or its result is not JSON: {name, message, stack}, logs
    PYTHON = 3  #: the raw JSON text, to normalise in Python
    LIMIT = 4  #: the call was stopped by its time or memory limit, or tbkit's runtime failed (Python writes it)


HEAD_END = "\n"  #: ends the head, both ways
LINE_END = "\n"  #: between two items' lines
RAW_SEPARATOR = "\x1d"  #: before the raw lines, when raw outputs were asked for
NUMBER_BYTES = 4  #: bytes of each body length and metadata index (unsigned, little-endian)
#: the fields of an entity row, in order; NESTED after them marks a row with nested values
ROW = ("entity_type", "name", "type", "label", "customer_name", "group_name", "attributes", "telemetry")
NESTED = 1


def as_dict() -> dict[str, object]:
    """The constants as ``batch_wire.js`` spells them (its ``WIRE`` object)."""
    return {
        **{kind.name: kind.value for kind in Line},
        "HEAD_END": HEAD_END,
        "LINE_END": LINE_END,
        "RAW_SEPARATOR": RAW_SEPARATOR,
        "NUMBER_BYTES": NUMBER_BYTES,
        "ROW": list(ROW),
        "NESTED": NESTED,
    }
