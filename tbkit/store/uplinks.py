"""Recorded uplinks, read back from the converters' debug events (newest first).

An uplink converter's ``DEBUG_CONVERTER`` event holds the payload as the decoder saw it
(``in``, base64 when ``inMessageType`` is BINARY) and the metadata, with the request's
headers as ``Header:<name>`` entries. Events exist while the converter's debug settings
record them (tbkit's default records all).
"""

from __future__ import annotations

import json
from typing import Any

from . import Store

__all__ = ["recent_uplinks"]


def recent_uplinks(store: Store, integration: str, limit: int = 200) -> list[dict[str, Any]]:
    """The newest uplink converter event bodies of an integration (accepted or failed), newest first."""
    rows = store.read(
        "SELECT body FROM events WHERE event_type = 'DEBUG_CONVERTER' AND integration = ?"
        " ORDER BY id DESC LIMIT ?",
        (integration, int(limit)),
    )
    bodies = [json.loads(raw) for (raw,) in rows]
    return [body for body in bodies if body.get("type") == "Uplink" and "in" in body]
