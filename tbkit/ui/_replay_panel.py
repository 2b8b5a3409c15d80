"""The converter editor's Replay: recorded uplinks through the script being edited, before Save.

:class:`ReplayControls` is mixed into :class:`~tbkit.ui.ConverterEditor`. The Replay button runs
the integration's recorded uplinks through the running converter and through the editor's
script (:meth:`tbkit.Integration.replay`) on a worker thread, so the kernel and an endpoint on
its loop keep going. Progress reaches the front end at most every :data:`PROGRESS_INTERVAL`
seconds, however fast the steps finish; Cancel stops after the step running then. The
summary and the first differences are sent as plain data (the front end shows them as text).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from ..errors import ConverterError
from ..frames import ReplayFrame
from ..models import JsonObject, epoch_ms
from ..replay import Replay, Verdict
from ._base import short
from .feed import kernel_loop

if TYPE_CHECKING:
    from ..integration import Integration

__all__ = ["PROGRESS_INTERVAL", "ReplayControls"]

PROGRESS_INTERVAL = 0.25  # seconds between progress updates sent to the front end
SHOWN = 5  # differing uplinks shown as diffs
DIFF_LINES = 80  # lines of one uplink's diff sent at most
_LABELS = {Verdict.CHANGED: "changed", Verdict.NEW_ERROR: "new error", Verdict.FIXED_ERROR: "fixed error"}
_NEEDS_INTEGRATION = "Replay needs an integration's uplink converter: it replays its recorded uplinks"
_log = logging.getLogger(__name__)


def _diff_lines(lines: list[str]) -> list[str]:
    """A unified diff without its file header; a gap between hunks shows as ``…`` (line numbers of
    the indented JSON mean nothing to a reader)."""
    body = [line for line in lines if not line.startswith(("--- ", "+++ "))]
    shown = ["…" if line.startswith("@@") else line for line in body]
    return shown[1:] if shown[:1] == ["…"] else shown


def _ms(ts: object) -> int | None:
    """A recorded uplink's time in epoch milliseconds (None when a hand-made record holds something else)."""
    return epoch_ms(ts) if isinstance(ts, (datetime, int, float)) else None


def difference(replay: Replay, index: int) -> JsonObject:
    """One differing uplink as the front end shows it: when, which device, what changed, the diff."""
    lines = _diff_lines(replay.diff(index))
    cut = len(lines) - DIFF_LINES
    shown = [short(line, 500) for line in lines[:DIFF_LINES]] + ([f"… {cut} more lines"] if cut > 0 else [])
    return {
        "index": index,
        "ts": _ms(replay.uplinks[index].ts),
        "device": replay.device(index) or "",
        "verdict": _LABELS.get(replay.verdict(index), "same"),
        "lines": [*shown],
    }


class ReplayControls(anywidget.AnyWidget):
    """The Replay button's state and handlers (a mixin of :class:`~tbkit.ui.ConverterEditor`).

    The class using it provides ``integration``, ``kind``, ``_compile()`` and
    ``_show(...)``.
    """

    can_replay = traitlets.Bool(False).tag(sync=True)
    replay_state = traitlets.Enum(["", "running", "finished", "cancelled", "failed"], "").tag(sync=True)
    replay_done = traitlets.Int(0).tag(sync=True)
    replay_total = traitlets.Int(-1).tag(sync=True)  # -1 while the records are being read
    replay_summary = traitlets.Dict().tag(sync=True)
    replay_diffs = traitlets.List(traitlets.Dict()).tag(sync=True)
    replay_message = traitlets.Unicode("").tag(sync=True)

    integration: Integration | None
    kind: str
    source: str
    _compile: Callable[[], Any]
    _show: Callable[..., None]
    #: The newest recorded uplinks a Replay takes (None: every recorded uplink).
    replay_limit: int | None = None
    #: The last replay started from the editor: its ``frame`` and ``diff()`` have everything.
    last_replay: ReplayFrame | None = None
    _replaying: ReplayFrame | None = None
    _replayed_source: str | None = None  # the script the last replay ran

    def _prepare(self) -> ReplayFrame | None:
        """A replay of the recorded uplinks through the editor's script (not started), or None, said why."""
        if self.integration is None or self.kind != "uplink":
            self._replay_says("failed", _NEEDS_INTEGRATION)
            return None
        if self._replaying is not None:
            return None  # one at a time: the button is disabled meanwhile
        try:
            fresh = self._compile()
        except ConverterError as exc:
            self._show(error=exc, status=f"not replayed: line {exc.line} does not compile", status_kind="error")
            self._replay_says("failed", f"the script does not compile: {exc}")
            return None
        trial = fresh if fresh is not None else self.integration.uplink
        replay = ReplayFrame.from_integration(self.integration, trial, limit=self.replay_limit, run=False)
        if fresh is not None:
            replay.own(fresh)
        return replay

    def _replay_says(self, state: str, message: str) -> None:
        with self.hold_sync():
            self.replay_state, self.replay_message = state, message
            self.replay_summary, self.replay_diffs = {}, []

    async def replay_async(self) -> ReplayFrame | None:
        """Replay the recorded uplinks through the editor's script and show the outcome (what Replay does).

        Runs on a worker thread; progress is shown at a bounded rate. Returns the
        :class:`~tbkit.frames.ReplayFrame` (also kept as :attr:`last_replay`), or None when there is
        nothing to replay with (no integration, a script that does not compile, a replay running).
        """
        replay = self._begin()
        return None if replay is None else await self._drive(replay)

    def _begin(self) -> ReplayFrame | None:
        """Build the replay and show it running (at once, before any uplink is read)."""
        replay = self._prepare()
        if replay is not None:
            self._replaying = self.last_replay = replay
            self._replayed_source = self.source
            with self.hold_sync():
                self._replay_says("running", "")
                self.replay_done, self.replay_total = 0, -1
        return replay

    async def _drive(self, replay: ReplayFrame) -> ReplayFrame:
        latest: dict[str, tuple[int, int]] = {}  # the worker's newest (done, total); read here each interval
        replay.progress = lambda done, total: latest.update(now=(done, total))
        task = asyncio.ensure_future(replay.run_async())
        try:
            while not task.done():
                await asyncio.wait({task}, timeout=PROGRESS_INTERVAL)
                if "now" in latest:
                    with self.hold_sync():
                        self.replay_done, self.replay_total = latest["now"]
            await task
        except Exception as exc:  # noqa: BLE001 - a failed replay is shown, not raised into the kernel
            _log.warning("tbkit replay failed: %s", exc)
            replay.close()
            self._replay_says("failed", f"the replay failed: {exc}")
            return replay
        finally:
            self._replaying = None
        self._publish(replay)
        return replay

    def _publish(self, replay: Replay) -> None:
        summary = replay.summary()
        total = len(replay.uplinks)
        shown = [difference(replay, i) for i in islice(replay.differences(), SHOWN)]
        message = "" if total else "no recorded uplinks yet: send some traffic to the integration first"
        with self.hold_sync():
            self.replay_done, self.replay_total = replay.done, total
            self.replay_summary, self.replay_diffs, self.replay_message = summary, shown, message
            self.replay_state = "cancelled" if replay.cancelled else "finished"

    def start_replay(self) -> asyncio.Future[ReplayFrame] | concurrent.futures.Future[ReplayFrame] | None:
        """Start :meth:`replay_async` on the running event loop (the kernel's) and return at once.

        The replay shows as running before this returns; without any event loop (a plain
        script) it has also finished. None when there is nothing to replay with.
        """
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        replay = self._begin()
        if replay is None:
            return None
        if loop is not None:
            return asyncio.ensure_future(self._drive(replay))
        kernel = kernel_loop()
        if kernel is not None and kernel.is_running():
            return asyncio.run_coroutine_threadsafe(self._drive(replay), kernel)
        done: concurrent.futures.Future[ReplayFrame] = concurrent.futures.Future()
        done.set_result(asyncio.run(self._drive(replay)))  # no loop at all (a plain script): replay now
        return done

    def _replay_compiles(self) -> None:
        """The script compiles now: a replay refused for a compile error is history."""
        if self.replay_state == "failed" and self._replaying is None:
            self._replay_says("", "")

    def _replay_saved(self, saved: str) -> None:
        """Save replaced the running converter: a replay of the saved script now compares it with the one
        Save replaced (said so); a replay of another script means nothing any more and is cleared."""
        if self.replay_state == "finished" and self._replayed_source == saved:
            total = self.replay_total
            uplinks = "1 recorded uplink" if total == 1 else f"{total:,} recorded uplinks"
            self.replay_message = (
                f"{uplinks} replayed before Save; in the diffs - is the converter Save replaced, + the saved script"
            )
        elif self.replay_state:
            self._replay_says("", "")

    def cancel_replay(self) -> None:
        """Stop the running replay after its current step; what was replayed is shown."""
        if self._replaying is not None:
            self._replaying.cancel()

    def _msg_replay(self, _content: JsonObject) -> None:
        self.start_replay()

    def _msg_cancel_replay(self, _content: JsonObject) -> None:
        self.cancel_replay()
