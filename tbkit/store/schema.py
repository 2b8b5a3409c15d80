"""The SQLite schema and its migrations.

Each migration is a list of statements; ``PRAGMA user_version`` records how many ran.
A database written by a newer tbkit is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

__all__ = ["SCHEMA_VERSION", "migrate"]

_MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE integrations (
            name TEXT PRIMARY KEY,
            routing_key TEXT NOT NULL UNIQUE,
            enabled INTEGER NOT NULL DEFAULT 1,
            document TEXT NOT NULL,
            uplink TEXT,
            downlink TEXT,
            created_ts INTEGER NOT NULL,
            updated_ts INTEGER NOT NULL)""",
        """CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            entity_type TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            label TEXT,
            customer TEXT,
            group_name TEXT,
            integration TEXT,
            created_ts INTEGER NOT NULL,
            UNIQUE (entity_type, name))""",
        """CREATE TABLE attributes (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            kind INTEGER NOT NULL,
            value,
            last_update_ts INTEGER NOT NULL,
            PRIMARY KEY (entity_id, scope, key)) WITHOUT ROWID""",
        """CREATE TABLE keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)""",
        """CREATE TABLE telemetry (
            entity_id INTEGER NOT NULL,
            key_id INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            value,
            PRIMARY KEY (entity_id, key_id, ts)) WITHOUT ROWID""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ts INTEGER NOT NULL,
            event_type TEXT NOT NULL,
            source TEXT NOT NULL,
            name TEXT NOT NULL,
            integration TEXT,
            status TEXT,
            body TEXT NOT NULL)""",
        "CREATE INDEX events_by_integration ON events (integration, id)",
        """CREATE TABLE stats (
            integration TEXT PRIMARY KEY,
            processed INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE downlinks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            integration TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            msg_type TEXT NOT NULL,
            msg TEXT NOT NULL,
            metadata TEXT NOT NULL,
            status TEXT NOT NULL,
            created_ts INTEGER NOT NULL,
            done_ts INTEGER,
            response TEXT,
            error TEXT)""",
        "CREATE INDEX downlinks_pending ON downlinks (integration, entity_id, status)",
    ],
    [  # recorded uplinks: every request that reached a converter, as it came (for replays)
        """CREATE TABLE uplinks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ts INTEGER NOT NULL,
            integration TEXT NOT NULL,
            method TEXT NOT NULL,
            content_type TEXT,
            query TEXT NOT NULL,
            metadata TEXT NOT NULL,
            body BLOB NOT NULL,
            status INTEGER NOT NULL)""",
        "CREATE INDEX uplinks_by_integration ON uplinks (integration, id)",
    ],
    [  # what a kit keeps between runs that is not data (its last port): see kitstate.py
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ],
]

SCHEMA_VERSION = len(_MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; return the version it had."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"this database has schema version {version}, newer than this tbkit understands "
            f"({SCHEMA_VERSION}); upgrade tbkit to open it"
        )
    for index in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _MIGRATIONS[index]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {index + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return int(version)
