"""The downlink cache's rows (spec §7), as write-job steps on the writer's connection.

A message waits under (integration, device) with status PENDING; the uplink that takes it
marks it SENDING inside its own transaction, and the answer marks it DELIVERED, FAILED or
DISCARDED. Replaced messages end REPLACED. After a crash, SENDING goes back to PENDING.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass

from ..models import JsonLike, JsonValue

__all__ = ["PendingDownlink", "enqueue_downlink", "finish_downlinks", "recover_downlinks", "take_pending"]


@dataclass
class PendingDownlink:
    """A cached message taken for delivery."""

    id: int
    device: str
    msg_type: str
    msg: JsonValue
    metadata: dict[str, str]


def enqueue_downlink(
    conn: sqlite3.Connection,
    integration: str,
    entity_id: int,
    msg_type: str,
    msg: JsonLike,
    metadata: dict[str, str],
    *,
    queue_all: bool = False,
    now: int | None = None,
) -> int:
    """Cache a message for a device (replacing a pending one unless ``queue_all``); its id."""
    now = now if now is not None else time.time_ns() // 1_000_000
    if not queue_all:
        conn.execute(
            "UPDATE downlinks SET status = 'REPLACED', done_ts = ? "
            "WHERE integration = ? AND entity_id = ? AND status = 'PENDING'",
            (now, integration, entity_id),
        )
    cursor = conn.execute(
        "INSERT INTO downlinks (integration, entity_id, msg_type, msg, metadata, status, created_ts)"
        " VALUES (?, ?, ?, ?, ?, 'PENDING', ?)",
        (
            integration,
            entity_id,
            msg_type,
            json.dumps(msg, ensure_ascii=False),
            json.dumps(metadata, ensure_ascii=False),
            now,
        ),
    )
    return int(cursor.lastrowid or 0)


def take_pending(conn: sqlite3.Connection, integration: str, entity_id: int, device: str) -> PendingDownlink | None:
    """The oldest pending message of a device, marked SENDING; None when nothing waits."""
    row = conn.execute(
        "SELECT id, msg_type, msg, metadata FROM downlinks WHERE integration = ? AND entity_id = ?"
        " AND status = 'PENDING' ORDER BY id LIMIT 1",
        (integration, entity_id),
    ).fetchone()
    if row is None:
        return None
    conn.execute("UPDATE downlinks SET status = 'SENDING' WHERE id = ?", (row[0],))
    return PendingDownlink(row[0], device, row[1], json.loads(row[2]), json.loads(row[3]))


Answer = tuple[str, str | None, str | None, int]


def finish_downlinks(conn: sqlite3.Connection, updates: list[Answer], now: int) -> None:
    """Record answers: ``(status, response, error, id)`` for each taken message."""
    conn.executemany(
        "UPDATE downlinks SET status = ?, response = ?, error = ?, done_ts = ? WHERE id = ?",
        [(status, response, error, now, ident) for status, response, error, ident in updates],
    )


def recover_downlinks(conn: sqlite3.Connection) -> None:
    """After a crash, messages taken but never answered go back to PENDING (at least once)."""
    conn.execute("UPDATE downlinks SET status = 'PENDING' WHERE status = 'SENDING'")
