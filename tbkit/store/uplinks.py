"""Recorded uplinks: every request that reached a converter, kept as it came so it can be replayed.

A record is written inside the same write job as the rest of its uplink (its entities, data,
events, or its failure's events), so it is exactly as durable as they are. The newest
``Store.max_uplinks`` records are kept; older ones are deleted in steps.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

__all__ = ["UplinkRecord", "prune_uplinks", "record_uplink", "set_uplink_status"]


@dataclass(frozen=True)
class UplinkRecord:
    """One request as its integration's converter stage received it.

    ``body`` is the raw request body; ``metadata`` is exactly what the converter was given;
    ``query`` is the URL's query string (a GET's payload, and a form's extra fields);
    ``status`` is the HTTP status the endpoint answered.
    """

    ts: int
    integration: str
    method: str
    content_type: str | None
    query: str
    metadata: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    status: int = 0


def record_uplink(conn: sqlite3.Connection, record: UplinkRecord) -> int:
    """Insert a record; return its id."""
    cursor = conn.execute(
        "INSERT INTO uplinks (ts, integration, method, content_type, query, metadata, body, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record.ts,
            record.integration,
            record.method,
            record.content_type,
            record.query,
            json.dumps(record.metadata, separators=(",", ":")),
            record.body,
            record.status,
        ),
    )
    return int(cursor.lastrowid or 0)


def set_uplink_status(conn: sqlite3.Connection, uplink_id: int, status: int) -> None:
    """The endpoint's final answer (a downlink turned a 204 into a 200)."""
    conn.execute("UPDATE uplinks SET status = ? WHERE id = ?", (status, uplink_id))


def prune_uplinks(conn: sqlite3.Connection, keep: int) -> None:
    """Keep the newest ``keep`` records at most."""
    conn.execute("DELETE FROM uplinks WHERE id <= (SELECT MAX(id) FROM uplinks) - ?", (max(0, keep),))
