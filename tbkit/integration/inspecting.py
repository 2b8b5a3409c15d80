"""Inspect a recorded uplink: which of its bytes the integration's decoder (or another one) reads.

:meth:`Integration.inspect` lands here. An uplink is named by a :class:`~tbkit.payloads.RecordedUplink`,
a row of ``kit.uplinks()`` (or any mapping with its columns), or its time: ``ts`` as a datetime,
a pandas Timestamp or epoch milliseconds (the newest uplink of that millisecond).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from ..converters.inspection import Inspection
from ..converters.uplink import DecodeRun, UplinkConverter
from ..models import TimeLike, epoch_ms
from ..payloads import RecordedUplink

__all__ = ["InspectSource", "inspect_recorded", "recorded_uplink"]


class InspectSource(Protocol):
    """What an inspection needs of an integration: its name, decoder and recorded uplinks."""

    name: str
    uplink: UplinkConverter

    def recorded(self, limit: int | None = None, start: TimeLike = None, end: TimeLike = None) -> list[RecordedUplink]:
        """Recorded uplinks, oldest first (the newest ``limit``), ``start`` and ``end`` in epoch ms."""
        ...


def _epoch_ms(value: object) -> int | None:
    """A time as epoch milliseconds (pandas Timestamps are datetimes); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float, datetime)):
        return None
    return epoch_ms(value)


def recorded_uplink(source: InspectSource, uplink: object) -> RecordedUplink:
    """The recorded uplink ``uplink`` names (see the module docstring); LookupError when none was recorded."""
    if isinstance(uplink, RecordedUplink):
        return uplink
    to_dict = getattr(uplink, "to_dict", None)
    if not isinstance(uplink, Mapping) and callable(to_dict):
        uplink = to_dict()  # a row of kit.uplinks()
    if isinstance(uplink, Mapping):
        if "body" in uplink:
            return RecordedUplink.of(uplink)
        uplink = uplink.get("ts")
    ms = _epoch_ms(uplink)
    if ms is None:
        raise TypeError(
            "inspect() takes a recorded uplink: a row of kit.uplinks(), a RecordedUplink or its ts "
            f"(a datetime or epoch milliseconds), not {type(uplink).__name__}"
        )
    found = source.recorded(1, ms, ms)
    if not found:
        raise LookupError(f"integration {source.name!r} recorded no uplink at ts {ms}")
    return found[-1]


def _converter(source: InspectSource, converter: UplinkConverter | str | Mapping[str, Any] | None) -> UplinkConverter:
    if converter is None:
        return source.uplink
    if isinstance(converter, UplinkConverter):
        return converter
    if isinstance(converter, str):
        current = source.uplink
        return UplinkConverter(
            converter, lang=current.lang, name=current.name, timeout=current.timeout, max_memory=current.max_memory
        )
    return UplinkConverter.from_thingsboard(dict(converter))


def inspect_recorded(
    source: InspectSource, uplink: object, converter: UplinkConverter | str | Mapping[str, Any] | None = None
) -> Inspection[DecodeRun]:
    """Inspect the recorded ``uplink`` with ``converter`` (the integration's running decoder by default)."""
    record = recorded_uplink(source, uplink)
    conv = _converter(source, converter)
    try:
        return conv.inspect(record.payload(), dict(record.metadata))
    finally:
        if conv is not source.uplink and conv is not converter:
            conv.close()
