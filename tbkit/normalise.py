"""A decoder's raw result → :class:`~tbkit.models.ConvertedData`, as ThingsBoard reads it.

The rules (spec §4, "Output"): one object or an array of objects, one per entity;
``deviceName`` (+ ``deviceType``, default ``"default"``, + ``deviceLabel``) or ``assetName``
+ ``assetType`` (+ ``assetLabel``); optional ``customerName`` and ``groupName``;
``attributes`` an object; ``telemetry`` a flat object, ``{ts, values}`` or an array of either.
Values: ``null`` dropped, numeric strings cast to numbers, nested objects and arrays kept as
JSON. ``null``, a primitive or ``[]`` means "no entities" (HTTP 204).

>>> normalise({"deviceName": "T1", "telemetry": {"t": "21.5", "x": None}})[0].telemetry
[TelemetryRecord(ts=None, values={'t': 21.5})]
"""

from __future__ import annotations

import json
import re

from .errors import ConverterOutputError
from .models import ConvertedData, EntityType, JsonObject, JsonText, JsonValue, TelemetryRecord

__all__ = ["cast_value", "normalise"]

_PARSABLE = re.compile(r"-?(?:\d+|\d*\.\d+)")
_INT64 = (-(2**63), 2**63 - 1)


def normalise(output: JsonValue) -> list[ConvertedData]:
    """Check and normalise a decoder's raw output. Raises :class:`ConverterOutputError`."""
    if isinstance(output, dict):
        return [_entity(output, "output")]
    if isinstance(output, list):
        entities = []
        for index, item in enumerate(output):
            if not isinstance(item, dict):
                raise ConverterOutputError(f"output[{index}] must be an object, got {_describe(item)}", status=500)
            entities.append(_entity(item, f"output[{index}]"))
        return entities
    return []  # null or a primitive: ThingsBoard treats it as an empty uplink list


def cast_value(value: JsonValue) -> JsonValue:
    """One value as ThingsBoard stores it: numeric strings become numbers, nested values JSON.

    Integers stay ints (Java long), decimals floats (double), booleans and other strings as
    they are, objects and arrays compact JSON text. Integers beyond a long become strings.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if _INT64[0] <= value <= _INT64[1] else str(value)
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        if _PARSABLE.fullmatch(value):
            if "." in value:
                return float(value)
            number = int(value)
            if _INT64[0] <= number <= _INT64[1]:
                return number
        return value  # text, or digits beyond a long: kept exactly as text
    return JsonText(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def _entity(src: JsonObject, where: str) -> ConvertedData:
    has_device, has_asset = "deviceName" in src, "assetName" in src
    if has_device == has_asset:
        raise ConverterOutputError(
            f"{where}: Either 'deviceName' or 'assetName' should be present in the converter "
            f"output (keys: {', '.join(sorted(src)) or 'none'})"
        )
    kind: EntityType = "DEVICE" if has_device else "ASSET"
    prefix = "device" if has_device else "asset"
    name = _text(src, f"{prefix}Name", where, required=True)
    entity_type = _text(src, f"{prefix}Type", where, required=not has_device)
    if not name:
        raise ConverterOutputError(f"{where}: '{prefix}Name' must not be empty")
    data = ConvertedData(
        entity_type=kind,
        name=name,
        type=entity_type or "default",
        label=_text(src, f"{prefix}Label", where),
        customer_name=_text(src, "customerName", where),
        group_name=_text(src, "groupName", where),
    )
    if "attributes" in src:
        data.attributes = _values(src["attributes"], f"{where}.attributes")
    if "telemetry" in src:
        data.telemetry = _telemetry(src["telemetry"], f"{where}.telemetry")
    return data


def _text(src: JsonObject, key: str, where: str, required: bool = False) -> str | None:
    if key not in src:
        if required:
            raise ConverterOutputError(f"{where}: '{key}' is required")
        return None
    value = src[key]
    if value is None:
        if required:  # gson's JsonNull.getAsString() fails: ThingsBoard answers 500
            raise ConverterOutputError(f"{where}: '{key}' is null", status=500)
        return None
    if isinstance(value, (dict, list)):
        raise ConverterOutputError(f"{where}: '{key}' must be a string, got {_describe(value)}")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _values(src: JsonValue, where: str) -> dict[str, JsonValue]:
    if not isinstance(src, dict):
        raise ConverterOutputError(f"{where} must be an object, got {_describe(src)}")
    return {str(key): cast_value(value) for key, value in src.items() if value is not None}


def _telemetry(src: JsonValue, where: str) -> list[TelemetryRecord]:
    if isinstance(src, list):
        records: list[TelemetryRecord] = []
        for index, item in enumerate(src):
            records.extend(_telemetry_item(item, f"{where}[{index}]"))
        return records
    return _telemetry_item(src, where)


def _telemetry_item(src: JsonValue, where: str) -> list[TelemetryRecord]:
    if not isinstance(src, dict):
        raise ConverterOutputError(f"{where}: can't parse value: {_describe(src)}")
    if "ts" in src and "values" in src:
        ts = _timestamp(src["ts"], f"{where}.ts")
        values = _values(src["values"], f"{where}.values")
        return [TelemetryRecord(ts=ts, values=values)] if values else []
    values = _values(src, where)
    return [TelemetryRecord(ts=None, values=values)] if values else []


def _timestamp(value: JsonValue, where: str) -> int:
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        raise ConverterOutputError(f"{where} must be epoch milliseconds, got {_describe(value)}")
    try:
        return int(value) if not isinstance(value, str) else int(float(value))
    except (TypeError, ValueError, OverflowError):
        raise ConverterOutputError(f"{where} must be epoch milliseconds, got {_describe(value)}") from None


def _describe(value: JsonValue) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
