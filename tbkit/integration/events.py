"""Every debug event an integration records, built in one place (spec §6).

ThingsBoard keeps two kinds: ``DEBUG_CONVERTER`` events of a converter (its input,
metadata, output and error) and ``DEBUG_INTEGRATION`` events of an integration (the message
it received or sent, a status, an error). Their bodies are :class:`EventBody` dictionaries;
readers parse stored bodies with :func:`parse_body`.

>>> from tbkit.converters.base import DebugSettings
>>> source = EventSource("HTTP", DebugSettings(), "Decoder", DebugSettings())
>>> event = source.integration_event("Uplink", "JSON", "{}", "OK", "", 1)
>>> event.event_type, event.name, event.body["status"]
('DEBUG_INTEGRATION', 'HTTP', 'OK')
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from ..converters.base import DebugSettings
from ..models import JsonLike
from ..store.ops import EventRecord

if TYPE_CHECKING:
    from ..converters.downlink import EncodeRun
    from ..converters.uplink import DecodeRun
    from ..payloads import Payload

__all__ = ["DownlinkResponse", "EventBody", "EventSource", "parse_body"]

_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
_SORTED = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode

# "in" is a Python keyword, hence the functional form
EventBody = TypedDict(
    "EventBody",
    {
        "type": str,  # "Uplink", "Downlink" or "Downlink: <MSG_TYPE>"
        "inMessageType": str,  # converter events: JSON, TEXT or BINARY
        "in": str,
        "outMessageType": str,
        "out": str,
        "metadata": str,  # converter events: the metadata as sorted JSON text
        "logs": str,  # tbkit extension: the converter's console.log lines
        "messageType": str,  # integration events
        "message": str,
        "status": str,
        "error": str,
    },
    total=False,
)


class DownlinkResponse(TypedDict):
    """The HTTP response an integration's downlink event describes."""

    status: int | None
    contentType: str | None
    headers: dict[str, str]
    body: str


def parse_body(text: str) -> EventBody:
    """A stored event body (JSON text) as an :class:`EventBody`."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("an event body is a JSON object")
    return cast(EventBody, value)


@dataclass(frozen=True)
class EventSource:
    """Who records: an integration and one of its converters, with their debug settings.

    Taken when a request starts, so a converter swapped meanwhile does not mix its name
    into another converter's events.
    """

    integration: str
    integration_debug: DebugSettings
    converter: str
    converter_debug: DebugSettings

    # -- the two kinds of event ----------------------------------------------------------------
    def converter_event(self, body: EventBody, ts: int) -> EventRecord:
        """A ``DEBUG_CONVERTER`` event; its status is ERROR when the body has an error."""
        status = "ERROR" if body.get("error") else "OK"
        return EventRecord(ts, "DEBUG_CONVERTER", "CONVERTER", self.converter, self.integration, body, status)

    def integration_event(
        self, kind: str, message_type: str, message: str, status: str, error: str, ts: int
    ) -> EventRecord:
        """A ``DEBUG_INTEGRATION`` event."""
        body: EventBody = {
            "type": kind,
            "messageType": message_type,
            "message": message,
            "status": status,
            "error": error,
        }
        return EventRecord(ts, "DEBUG_INTEGRATION", "INTEGRATION", self.integration, self.integration, body, status)

    # -- uplinks -------------------------------------------------------------------------------
    def _uplink_converter_event(
        self, payload: Payload, metadata: dict[str, str] | None, run: DecodeRun | None, error: str, ts: int
    ) -> EventRecord:
        body: EventBody = {
            "type": "Uplink",
            "inMessageType": payload.message_type,
            "in": payload.debug_text(),
            "metadata": _SORTED(metadata or {}),
            "error": error,
        }
        if not error:
            body["outMessageType"] = "JSON"
            body["out"] = _COMPACT(run.output if run else None)
        if run is not None and run.logs:
            body["logs"] = "\n".join(run.logs)
        return self.converter_event(body, ts)

    def uplink_success(self, payload: Payload, metadata: dict[str, str], run: DecodeRun, ts: int) -> list[EventRecord]:
        """The converter and integration events of an accepted uplink, when debug-all is on."""
        events = []
        if self.converter_debug.records_all(ts):
            events.append(self._uplink_converter_event(payload, metadata, run, "", ts))
        if self.integration_debug.records_all(ts):
            events.append(self.integration_event("Uplink", payload.message_type, payload.debug_text(), "OK", "", ts))
        return events

    def uplink_failure(
        self,
        payload: Payload,
        metadata: dict[str, str] | None,
        run: DecodeRun | None,
        error: str,
        ts: int,
        *,
        status: str = "ERROR",
        converter: bool = True,
    ) -> list[EventRecord]:
        """The events of a refused uplink (kept when failures or everything are recorded).

        ``converter=False`` for a request refused before the converter ran (403, bad body).
        """
        events = []
        settings = self.converter_debug
        if converter and (settings.failures_enabled or settings.records_all(ts)):
            events.append(self._uplink_converter_event(payload, metadata, run, error, ts))
        if self.integration_debug.failures_enabled or self.integration_debug.records_all(ts):
            events.append(
                self.integration_event("Uplink", payload.message_type, payload.debug_text(), status, error, ts)
            )
        return events

    # -- downlinks -----------------------------------------------------------------------------
    def downlink_idle(self, meta: dict[str, str], ts: int) -> list[EventRecord]:
        """ThingsBoard's quirk (spec §6): with debug-all on, an uplink through an integration
        with a downlink converter and nothing pending logs a Downlink event with in=[], out=[]."""
        if not self.converter_debug.records_all(ts):
            return []
        body: EventBody = {
            "type": "Downlink",
            "inMessageType": "JSON",
            "in": "[]",
            "outMessageType": "JSON",
            "out": "[]",
            "metadata": _SORTED(meta),
            "error": "",
        }
        return [self.converter_event(body, ts)]

    def downlink_answered(
        self,
        items: Sequence[Sequence[JsonLike]],
        meta: dict[str, str],
        runs: list[EncodeRun],
        response: DownlinkResponse,
        ts: int,
    ) -> list[EventRecord]:
        """The encoder's event and the integration's Downlink event of one answered uplink."""
        errors = [str(r.error) for r in runs if r.error is not None]
        events = []
        if self.converter_debug.records_all(ts) or (errors and self.converter_debug.failures_enabled):
            body: EventBody = {
                "type": "Downlink",
                "inMessageType": "JSON",
                "in": json.dumps([{"msg": i[0], "metadata": i[1], "msgType": i[2]} for i in items], ensure_ascii=False),
                "outMessageType": "JSON",
                "out": json.dumps([r.output for r in runs], ensure_ascii=False),
                "metadata": _SORTED(meta),
                "error": "\n".join(errors),
            }
            events.append(self.converter_event(body, ts))
        if self.integration_debug.records_all(ts):
            events.append(self.integration_event("Downlink", "JSON", json.dumps(response), "OK", "", ts))
        return events


def routed_event(
    integration: str, debug: DebugSettings, message: Mapping[str, JsonLike], status: str, error: str, ts: int
) -> list[EventRecord]:
    """The integration's ``"Downlink: <TYPE>"`` event for a routed rule-engine message.

    Kept when the integration records everything, or always when it failed.
    """
    if not debug.records_all(ts) and status == "OK":
        return []
    body: EventBody = {
        "type": f"Downlink: {message['msgType']}",
        "messageType": "JSON",
        "message": json.dumps(message, ensure_ascii=False),
        "status": status,
        "error": error,
    }
    return [EventRecord(ts, "DEBUG_INTEGRATION", "INTEGRATION", integration, integration, body, status)]
