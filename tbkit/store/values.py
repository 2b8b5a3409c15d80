"""Typed values in SQLite: ThingsBoard's BOOLEAN / LONG / DOUBLE / STRING / JSON kinds."""

from __future__ import annotations

import json

from ..models import JsonText, JsonValue

__all__ = ["BOOLEAN", "DOUBLE", "JSON", "KIND_NAMES", "LONG", "STRING", "decode_value", "encode_value"]

BOOLEAN, LONG, DOUBLE, STRING, JSON = range(5)
KIND_NAMES = {BOOLEAN: "BOOLEAN", LONG: "LONG", DOUBLE: "DOUBLE", STRING: "STRING", JSON: "JSON"}


def encode_value(value: JsonValue) -> tuple[int, int | float | str]:
    """``(kind, stored value)`` for a normalised value."""
    if isinstance(value, bool):
        return BOOLEAN, int(value)
    if isinstance(value, int):
        return LONG, value
    if isinstance(value, float):
        return DOUBLE, value
    if isinstance(value, JsonText):
        return JSON, str(value)
    if isinstance(value, str):
        return STRING, value
    return JSON, json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def decode_value(kind: int, value: int | float | str) -> bool | int | float | str:
    """The Python value for a stored ``(kind, value)``; JSON values stay JSON text."""
    if kind == BOOLEAN:
        return bool(value)
    if kind == DOUBLE:
        return float(value)
    return value
