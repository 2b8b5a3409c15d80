"""Which kits have a store open: a shared lock per live kit, an exclusive one to empty it.

Every kit holds a shared ``flock`` on ``<store>.kit-lock`` (a file next to the store) while
it runs; ``tbkit.start(fresh=True)`` needs the exclusive lock to delete data, so it refuses
while any other kit, in this process, another kernel or ``python -m tbkit serve``, has the
store open. The operating system drops a dead process's locks, so a crashed kernel never
leaves a store locked. The lock file is separate from the database because closing any
descriptor of the database file would drop SQLite's own locks in this process.

On systems without ``fcntl`` (Windows) there is no such lock and ``fresh=True`` cannot tell
whether another kit is running.

>>> lock = KitLock(":memory:")
>>> lock.acquire(exclusive=True)
>>> lock.release()
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from ..errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["KitLock"]


class KitLock:
    """The lock a kit holds on its store (nothing for ``":memory:"``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = None if str(path) == ":memory:" else Path(f"{Path(path).absolute()}.kit-lock")
        self._file: IO[bytes] | None = None

    def acquire(self, exclusive: bool = False) -> None:
        """Take the lock: shared (waits for a moment's exclusive holder) or exclusive (never waits).

        Raises :class:`StoreError` when the exclusive lock is held elsewhere.
        """
        if self.path is None or fcntl is None:
            return
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("ab")
        if not exclusive:
            fcntl.flock(self._file, fcntl.LOCK_SH)
            return
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"cannot start fresh: another kit has {str(self.path)[: -len('.kit-lock')]!r} open (in this "
                "kernel, another kernel or `python -m tbkit serve`); stop it first, or start without fresh=True"
            ) from None

    def share(self) -> None:
        """Turn an exclusive lock back into a shared one."""
        if self._file is not None and fcntl is not None:
            fcntl.flock(self._file, fcntl.LOCK_SH)

    def release(self) -> None:
        """Drop the lock (the file stays: deleting it would race another kit opening it)."""
        if self._file is not None:
            self._file.close()
            self._file = None
