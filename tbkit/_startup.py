"""How a kit starts: its store opened (emptied for ``fresh=True``) and its port bound.

A kit remembers its port in the store (setting ``"kit.port"``); started again with
``port=0`` it binds that port when it is free, so URLs and curl commands copied earlier keep
working, and otherwise takes a free port and warns that the address changed.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .http import RunningServer, start_server
from .store import Store
from .store.kitstate import clear_data, get_setting, put_setting
from .store.lock import KitLock

if TYPE_CHECKING:
    from tornado import httputil

__all__ = ["bind_server", "discard_store", "open_store"]


def open_store(db: str | Path, lock: KitLock, fresh: bool, options: dict[str, Any]) -> Store:
    """Take the store's kit lock and open it; ``fresh`` empties it under the exclusive lock."""
    lock.acquire(exclusive=fresh)
    store = Store(db, **options)
    if fresh:
        try:
            clear_data(store)
        except BaseException:
            store.close()
            raise
        lock.share()
    return store


_PORT_SETTING = "kit.port"


def bind_server(
    app: httputil.HTTPServerConnectionDelegate, store: Store, host: str, port: int, in_thread: bool | None
) -> RunningServer:
    """Bind ``port``, or for 0 the store's last port when free (else any), and remember it."""
    given: object = port  # callers from untyped code may pass anything
    if isinstance(given, bool) or not isinstance(given, int) or not 0 <= given <= 65535:
        raise ValueError(f"port must be 0 to 65535 (0 picks a free one), got {port!r}")
    last = get_setting(store, _PORT_SETTING) if port == 0 else None
    server, reason = None, ""
    if last is not None:
        try:
            server = start_server(app, host, int(last), in_thread=in_thread)
        except OSError as exc:
            reason = exc.strerror or str(exc)
    if server is None:
        server = start_server(app, host, port, in_thread=in_thread)
        if last is not None:
            warnings.warn(
                f"port {last}, where this store's kit listened last time, is not available ({reason}); "
                f"listening on {server.port} instead, so URLs copied earlier no longer work",
                UserWarning,
                stacklevel=3,
            )
    store.call(lambda conn, changes: put_setting(conn, _PORT_SETTING, str(server.port)))
    return server


def discard_store(db: str | Path) -> bool:
    """Delete a store and its lock file (a store a refused start just created); False while a kit has it open.

    The files go only under the exclusive kit lock, so a store another kit opened meanwhile stays.
    """
    if str(db) == ":memory:":
        return False
    lock = KitLock(db)
    try:
        lock.acquire(exclusive=True)
    except StoreError:
        return False
    try:
        path = Path(db)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if lock.path is not None:
            lock.path.unlink(missing_ok=True)
    finally:
        lock.release()
    return True
