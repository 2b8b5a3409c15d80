"""Plain data shared by the core: what a converter produced, and what a request carried.

>>> from tbkit.models import ConvertedData, TelemetryRecord
>>> d = ConvertedData(entity_type="DEVICE", name="Sensor T1", type="Temperature Sensor")
>>> d.telemetry.append(TelemetryRecord(ts=None, values={"temperature": 33}))
>>> d.identity
('DEVICE', 'Sensor T1')
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Literal

__all__ = [
    "AttributeScope",
    "ConvertedData",
    "EntityType",
    "JsonArray",
    "JsonLike",
    "JsonObject",
    "JsonText",
    "JsonValue",
    "Request",
    "TelemetryRecord",
    "TimeLike",
    "compact_json",
    "epoch_ms",
    "stringify_metadata",
]

EntityType = Literal["DEVICE", "ASSET"]

JsonValue = dict[str, "JsonValue"] | list["JsonValue"] | str | int | float | bool | None
"""A JSON value as :func:`json.loads` makes it (what a converter returns, what a message holds)."""
JsonObject = dict[str, JsonValue]
"""A JSON object: a ThingsBoard document, a converter's metadata or message."""
JsonArray = list[JsonValue]
"""A JSON array."""
JsonLike = Mapping[str, "JsonLike"] | Sequence["JsonLike"] | str | int | float | bool | None
"""A JSON-shaped value a function only reads or encodes (read-only, so a ``dict[str, int]`` is one too)."""

compact_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
"""A value as compact JSON text (no spaces, non-ASCII kept): built once, as ``json.dumps`` with options is not."""


class JsonText(str):
    """A nested object or array kept as compact JSON text (ThingsBoard's JSON value type)."""

    __slots__ = ()


class AttributeScope(str, Enum):
    """ThingsBoard's attribute scopes."""

    CLIENT = "CLIENT_SCOPE"
    SHARED = "SHARED_SCOPE"
    SERVER = "SERVER_SCOPE"

    @classmethod
    def parse(cls, value: str | AttributeScope) -> AttributeScope:
        """Accept ``"SHARED_SCOPE"``, ``"shared"`` or a member; raise ValueError otherwise."""
        if isinstance(value, AttributeScope):
            return value
        text = str(value).upper()
        for member in cls:
            if text in (member.value, member.name):
                return member
        names = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown attribute scope {value!r}; expected one of {names}")


@dataclass
class TelemetryRecord:
    """Telemetry values sharing one timestamp (epoch ms; ``None`` means the server's time)."""

    ts: int | None
    values: dict[str, JsonValue]


@dataclass
class ConvertedData:
    """One entity of a decoder's output, normalised the way ThingsBoard reads it."""

    entity_type: EntityType
    name: str
    type: str = "default"
    label: str | None = None
    customer_name: str | None = None
    group_name: str | None = None
    attributes: dict[str, JsonValue] = field(default_factory=dict)
    telemetry: list[TelemetryRecord] = field(default_factory=list)

    @property
    def identity(self) -> tuple[EntityType, str]:
        """``(entity_type, name)``: how ThingsBoard finds the entity within a tenant."""
        return (self.entity_type, self.name)

    def to_dict(self) -> JsonObject:
        """The ThingsBoard-shaped dict (``deviceName``/``assetName`` …) of this entity."""
        prefix = "device" if self.entity_type == "DEVICE" else "asset"
        out: JsonObject = {f"{prefix}Name": self.name, f"{prefix}Type": self.type}
        if self.label is not None:
            out[f"{prefix}Label"] = self.label
        if self.customer_name is not None:
            out["customerName"] = self.customer_name
        if self.group_name is not None:
            out["groupName"] = self.group_name
        out["attributes"] = dict(self.attributes)
        out["telemetry"] = [{"ts": r.ts, "values": dict(r.values)} for r in self.telemetry]
        return out


@dataclass(frozen=True)
class Request:
    """An HTTP request as the pipeline sees it: no web framework types past this point.

    ``headers`` keep their original names; ``query`` maps each parameter to its values.
    """

    body: bytes
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    suffix: str | None = None
    query: tuple[tuple[str, str], ...] = ()
    method: str = "POST"


def stringify_metadata(metadata: Mapping[str, object]) -> dict[str, str]:
    """Metadata as ThingsBoard passes it: every value a string (85 → "85", True → "true")."""
    return {str(key): _string(value) for key, value in metadata.items()}


def _string(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return compact_json(value)
    return str(value)


TimeLike = datetime | int | float | None
"""A point in time: epoch milliseconds, or an aware datetime (None: no bound)."""


def epoch_ms(value: TimeLike) -> int | None:
    """``value`` in epoch milliseconds (a datetime rounded to the nearest millisecond; None stays None).

    >>> from datetime import UTC
    >>> epoch_ms(datetime.fromtimestamp(1700000000.123, tz=UTC)), epoch_ms(5.9), epoch_ms(None)
    (1700000000123, 5, None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return round(value.timestamp() * 1000)
    return int(value)
