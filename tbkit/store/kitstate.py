"""What a kit keeps in its store besides data, and how ``tbkit.start(fresh=True)`` empties it.

Settings are text values by key (the kit keeps its last port under ``"kit.port"``). Clearing
deletes the data, every device and asset with its attributes and telemetry, the debug
events, downlinks, counters and recorded uplinks, and keeps the settings and the saved integrations, so a
kit started with ``fresh=True`` serves the same URLs as before.

>>> from tbkit.store import Store
>>> store = Store(":memory:")
>>> store.call(lambda conn, changes: put_setting(conn, "kit.port", "8081"))
>>> get_setting(store, "kit.port")
'8081'
>>> store.close()
"""

from __future__ import annotations

import sqlite3

from . import Store
from .changes import WriteContext

__all__ = ["DATA_TABLES", "clear_data", "get_setting", "put_setting"]

# every table that holds data (keys are telemetry key names, only meaningful with telemetry)
DATA_TABLES = ("telemetry", "attributes", "keys", "entities", "events", "downlinks", "stats", "uplinks")


def get_setting(store: Store, key: str) -> str | None:
    """A saved setting, or None."""
    rows = store.read("SELECT value FROM settings WHERE key = ?", (key,))
    return str(rows[0][0]) if rows else None


def put_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Save a setting (a write job's step)."""
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def clear_data(store: Store) -> None:
    """Delete all data and wait for the commit; ids start again from 1."""

    def job(conn: sqlite3.Connection, _context: WriteContext) -> None:
        for table in DATA_TABLES:
            conn.execute(f"DELETE FROM {table}")  # names from the constant above, never from input
        conn.execute("DELETE FROM sqlite_sequence WHERE name IN ('events', 'downlinks', 'uplinks')")
        store.key_cache.clear()  # the writer thread's caches name rows that are gone
        store.entity_cache.clear()

    store.call(job)
