"""Replay recorded uplinks through two uplink converters and compare what they make of them.

A :class:`Replay` takes recorded uplinks (``ts``, ``content_type``, ``metadata``, ``body``: what
reached a converter) and two converters, *before* and *after*. It rebuilds each uplink's payload
with ThingsBoard's content-type rules, decodes every uplink with both converters in batches
(:mod:`tbkit.converters.batch`: decoded and normalised in V8) and compares the normalised
outputs. Nothing is written anywhere. A runaway call stops at its converter's time limit and
counts as that uplink's error.

>>> from tbkit.converters import UplinkConverter
>>> before = UplinkConverter("var d = decodeToJson(payload); return {deviceName: d.n, telemetry: {t: d.t}};")
>>> after = UplinkConverter("var d = decodeToJson(payload); return {deviceName: d.n, telemetry: {t: d.t / 10}};")
>>> uplinks = [{"ts": 1, "content_type": "application/json", "metadata": {}, "body": b'{"n": "A", "t": 0}'},
...            {"ts": 2, "content_type": "application/json", "metadata": {}, "body": b'{"n": "A", "t": 215}'}]
>>> Replay(uplinks, before, after).summary()
{'total': 2, 'same': 1, 'changed': 1, 'new_errors': 0, 'fixed_errors': 0}
>>> before.close(); after.close()
"""

from __future__ import annotations

import asyncio
import difflib
import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from enum import IntEnum
from typing import Any, Protocol, Self

from .converters.batch import CHUNK, OK_PREFIX, DecodedBatch
from .converters.uplink import UplinkConverter
from .models import ConvertedData, JsonObject, JsonValue, TimeLike, compact_json, stringify_metadata
from .payloads import RecordedUplink, RecordLike

__all__ = ["REPLAY_STEP", "RecordedUplink", "Replay", "ReplaySource", "Verdict"]

Progress = Callable[[int, int], None]
REPLAY_STEP = 256  # uplinks per V8 call replaying an integration: short calls, so the endpoint's calls interleave


class ReplaySource(Protocol):
    """What :meth:`Replay.from_integration` reads of an integration: its converter and its records."""

    @property
    def uplink(self) -> UplinkConverter: ...

    def recorded(
        self, limit: int | None = None, start: TimeLike = None, end: TimeLike = None
    ) -> list[RecordedUplink]: ...


class Verdict(IntEnum):
    """How an uplink's two outputs compare."""

    SAME = 0  #: equal normalised outputs, or both failed
    CHANGED = 1  #: both succeeded with different outputs
    NEW_ERROR = 2  #: only the new converter failed
    FIXED_ERROR = 3  #: only the current converter failed


class Replay:
    """Recorded uplinks decoded by two converters, compared.

    Parameters
    ----------
    uplinks:
        Recorded uplinks: :class:`RecordedUplink`, mappings with ``ts``, ``content_type``,
        ``metadata`` and ``body`` (bytes), or ``(ts, content_type, metadata, body)`` tuples; or a
        function returning them, called when the replay first needs them (on its own thread
        with :meth:`run_async`, so a large read never holds the caller's event loop).
    before, after:
        The current and the new converter: :class:`UplinkConverter` objects, or a decoder
        script / ThingsBoard converter JSON (a dict) to build one (closed when the replay ends).
    batch_size:
        Uplinks per step; progress is reported and cancellation checked between steps.
    progress:
        Called as ``progress(done, total)`` after each step, from the thread running the replay.
    run:
        Replay at once (the default); with ``False`` call :meth:`run` or :meth:`run_async` later.

    ``updateOnlyKeys`` filtering is not applied: it depends on what a converter remembers from
    earlier uplinks, so the comparison is of the normalised outputs before that filter.
    """

    def __init__(
        self,
        uplinks: Iterable[RecordLike] | Callable[[], Iterable[RecordLike]],
        before: UplinkConverter | str | Mapping[str, Any],
        after: UplinkConverter | str | Mapping[str, Any],
        *,
        batch_size: int = CHUNK,
        progress: Progress | None = None,
        run: bool = True,
    ) -> None:
        self._source = uplinks if callable(uplinks) else None
        self._uplinks = None if callable(uplinks) else [RecordedUplink.of(u) for u in uplinks]
        self._load_lock = threading.Lock()
        self._owned: list[UplinkConverter] = []
        self.before, self.after = self._converter(before), self._converter(after)
        self.batch_size = max(1, int(batch_size))
        self.progress = progress
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._verdicts: list[Verdict] = []
        self._parts: list[tuple[DecodedBatch, DecodedBatch]] = []
        self._record_errors: dict[int, Exception] = {}
        if run:
            self.run()

    @classmethod
    def from_integration(
        cls,
        integration: ReplaySource,
        uplink: UplinkConverter | str | Mapping[str, Any] | None = None,
        limit: int | None = None,
        start: TimeLike = None,
        end: TimeLike = None,
        *,
        run: bool = True,
    ) -> Self:
        """An integration's recorded uplinks through its current uplink converter and ``uplink``.

        ``uplink`` is the converter to try: a script (in the current converter's language, with its
        name and limits), an :class:`~tbkit.UplinkConverter` or ThingsBoard converter JSON; None replays
        the current one against itself. ``limit`` keeps the newest records, ``start``/``end`` bound
        their time. Nothing is written to the store. The records are read when the replay first
        needs them: with ``run=False`` and ``await replay.run_async()`` that is on the replay's
        thread, never on the loop serving traffic.
        """
        current = integration.uplink
        built = None
        if isinstance(uplink, str):
            built = UplinkConverter(
                uplink,
                lang=current.lang,
                name=current.name,
                timeout=current.timeout,
                max_memory=current.max_memory,
                js_engine=current.js_engine,
            )
        after = built or (uplink if uplink is not None else current)
        replay = cls(lambda: integration.recorded(limit, start, end), current, after, batch_size=REPLAY_STEP, run=False)
        if built is not None:
            replay.own(built)  # built here from a script: closed with the replay
        return replay.run() if run else replay

    def _converter(self, given: UplinkConverter | str | Mapping[str, Any]) -> UplinkConverter:
        if isinstance(given, UplinkConverter):
            return given
        made = UplinkConverter(given) if isinstance(given, str) else UplinkConverter.from_thingsboard(dict(given))
        self._owned.append(made)
        return made

    # -- running -------------------------------------------------------------------------------
    @property
    def uplinks(self) -> list[RecordedUplink]:
        """The recorded uplinks (read from their source on first use: on the replay's own thread
        when it runs with :meth:`run_async`)."""
        with self._load_lock:
            if self._uplinks is None:
                assert self._source is not None
                self._uplinks = [RecordedUplink.of(u) for u in self._source()]
            return self._uplinks

    @property
    def done(self) -> int:
        """How many uplinks have been replayed so far."""
        return len(self._verdicts)

    @property
    def finished(self) -> bool:
        """True when every uplink has been replayed."""
        return self.done == len(self.uplinks)

    @property
    def cancelled(self) -> bool:
        """True when :meth:`cancel` stopped the replay before the end."""
        return self._cancel.is_set() and not self.finished

    def cancel(self) -> None:
        """Stop after the step running now (thread-safe); what was replayed is kept."""
        self._cancel.set()

    def run(self, share: float = 1.0) -> Self:
        """Replay the uplinks not replayed yet, in steps, until done or cancelled.

        ``share`` below 1 rests after each step so the replay takes about that share of the time
        (of V8 and of the interpreter): the rest is left to an endpoint serving traffic meanwhile.
        """
        if not 0 < share <= 1:
            raise ValueError(f"share must be in (0, 1], got {share}")
        with self._lock:
            try:
                while not self.finished and not self._cancel.is_set():
                    started = time.monotonic()
                    self._step(self.done, min(self.done + self.batch_size, len(self.uplinks)))
                    if self.progress is not None:
                        self.progress(self.done, len(self.uplinks))
                    if share < 1 and not self.finished:
                        self._cancel.wait((time.monotonic() - started) * (1 - share) / share)
            finally:
                if self.finished or self._cancel.is_set():
                    self.close()
        return self

    async def run_async(self, share: float = 0.5) -> Self:
        """:meth:`run` on a worker thread, so the event loop (and an endpoint on it) keeps going.

        By default the replay takes about half the time and rests the other half, so traffic
        served meanwhile keeps flowing (see bench/results.md, "Replay beside traffic").
        """
        return await asyncio.to_thread(self.run, share)

    def own(self, converter: UplinkConverter) -> None:
        """Close ``converter`` with this replay (one built for it)."""
        self._owned.append(converter)

    def close(self) -> None:
        """Close the converters this replay built itself."""
        for conv in self._owned:
            conv.close()
        self._owned.clear()

    def _step(self, start: int, end: int) -> None:
        payloads: list[bytes] = []
        metas: dict[object, int] = {}
        meta_list: list[dict[str, str]] = []
        which: list[int] = []
        for index in range(start, end):
            uplink = self.uplinks[index]
            try:
                payload, key, meta = uplink.payload(), _metadata_key(uplink.metadata), None
                if key not in metas:
                    meta = stringify_metadata(dict(uplink.metadata))
            except Exception as exc:  # a record that cannot be replayed (a content-type rule changed
                # since, metadata that is not JSON): that uplink fails alike on both sides, the rest go on
                self._record_errors[index] = exc
                payload, key, meta = b"", (), ({} if () not in metas else None)
            if meta is not None:
                metas[key] = len(meta_list)
                meta_list.append(meta)
            payloads.append(payload)
            which.append(metas[key])
        pair = tuple(conv.decode_batch(payloads, meta_list, which) for conv in (self.before, self.after))
        self._parts.append((pair[0], pair[1]))
        self._verdicts.extend(
            _verdict(pair[0], pair[1], i) if start + i not in self._record_errors else Verdict.SAME
            for i in range(end - start)
        )

    # -- results -------------------------------------------------------------------------------
    def summary(self) -> dict[str, int]:
        """``total``, ``same``, ``changed``, ``new_errors`` and ``fixed_errors`` over the uplinks replayed."""
        counts = [0, 0, 0, 0]
        for verdict in self._verdicts:
            counts[verdict] += 1
        return {
            "total": len(self._verdicts),
            "same": counts[0],
            "changed": counts[1],
            "new_errors": counts[2],
            "fixed_errors": counts[3],
        }

    def verdict(self, index: int) -> Verdict:
        """How uplink ``index``'s two outputs compare."""
        return self._verdicts[index]

    def outcome(self, index: int) -> tuple[list[ConvertedData] | Exception, ...]:
        """Uplink ``index``'s (before, after) outcomes: entities, or the error (the record's own, such as
        a :class:`~tbkit.errors.PayloadError`, on both sides when the uplink could not be rebuilt)."""
        if index in self._record_errors:
            return (self._record_errors[index], self._record_errors[index])
        part, offset = divmod(index, self.batch_size)
        first, second = self._parts[part]
        return (first.outcome(offset), second.outcome(offset))

    def differences(self) -> Iterable[int]:
        """Indexes of the uplinks whose verdict is not SAME, in order."""
        return (i for i, v in enumerate(self._verdicts) if v != Verdict.SAME)

    def device(self, index: int) -> str | None:
        """The entity names uplink ``index`` decodes to (the new converter's, else the current one's)."""
        before, after = self.outcome(index)
        named = after if isinstance(after, list) else before
        return ", ".join(e.name for e in named) if isinstance(named, list) else None

    def outputs(self, index: int) -> tuple[list[JsonObject] | None, list[JsonObject] | None]:
        """Uplink ``index``'s (before, after) normalised outputs as ThingsBoard JSON (None for an error)."""
        before, after = self.outcome(index)
        return _plain(before), _plain(after)

    def __repr__(self) -> str:
        state = "cancelled" if self.cancelled else "finished" if self.finished else "not finished"
        return f"<Replay of {len(self.uplinks)} uplinks, {state}: {self.summary()}>"

    def diff(self, index: int) -> list[str]:
        """A unified diff of uplink ``index``'s normalised outputs as indented JSON."""
        before, after = (_text_block(x) for x in self.outcome(index))
        return list(difflib.unified_diff(before, after, "before", "after", lineterm="", n=2))


def _metadata_key(metadata: Mapping[str, object]) -> object:
    """A hashable key for equal metadata (recorded metadata repeats: one integration, few senders)."""
    items = tuple(metadata.items())
    if all(type(v) is str for _, v in items):  # as recorded: strings (1 and True would collide)
        return items
    return compact_json(stringify_metadata(dict(metadata)))


def _verdict(before: DecodedBatch, after: DecodedBatch, i: int) -> Verdict:
    a, b = before.text(i), after.text(i)
    ok_a, ok_b = a.startswith(OK_PREFIX), b.startswith(OK_PREFIX)
    if ok_a and ok_b:
        return Verdict.SAME if a == b or _same(json.loads(a), json.loads(b)) else Verdict.CHANGED
    if ok_a == ok_b:
        return Verdict.SAME
    return Verdict.NEW_ERROR if ok_a else Verdict.FIXED_ERROR


def _same(a: JsonValue, b: JsonValue) -> bool:
    """Equal JSON values, types included (1, 1.0 and True differ), key order ignored."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):  # b: the same type as a
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _plain(outcome: list[ConvertedData] | Exception) -> list[JsonObject] | None:
    return [e.to_dict() for e in outcome] if isinstance(outcome, list) else None


def _text_block(outcome: list[ConvertedData] | Exception) -> list[str]:
    if isinstance(outcome, list):
        return json.dumps(_plain(outcome), indent=2, ensure_ascii=False).splitlines()
    return [f"error: {outcome}"]
