"""Uplink converters: a decoder script run as ThingsBoard runs it.

The script is the body of ``function Decoder(payload, metadata)``. ``payload`` is an array of
numbers built with ThingsBoard's UTF-8 rule (valid UTF-8 becomes UTF-16 code units, anything
else stays raw bytes 0–255; TBEL gets signed Java bytes), metadata values are strings.

>>> conv = UplinkConverter("var d = JSON.parse(String.fromCharCode.apply(String, payload));\\n"
...                        "return {deviceName: d.name, telemetry: {t: d.t}};")
>>> conv.test(b'{"name": "T1", "t": 21.5}', {})
{'deviceName': 'T1', 'telemetry': {'t': 21.5}}
>>> conv.decode(b'{"name": "T1", "t": 21.5}')[0].telemetry[0].values
{'t': 21.5}
>>> conv.close()
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import warnings
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import ConverterError, ConverterMemoryError, ConverterOutputError, ConverterTimeoutError
from ..models import ConvertedData, JsonObject, JsonValue, stringify_metadata
from . import batch
from ._batcher import Batcher
from .base import DebugSettings, Lang, ScriptConverter
from .batch import DecodedBatch
from .inspection import Inspection, build_inspection
from .inspector import Inspector, Traced
from .nashorn import JsEngine
from .nashorn.compare import from_the_twin, paired
from .runtime import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

#: Why an inspection under ``js_engine="local"`` has no reads.
LOCAL_DIFFERS = (
    "V8 computes another result than ThingsBoard's local engine for this payload, so the reads traced in V8 "
    "are not the local engine's"
)

__all__ = ["ConverterWarning", "DecodeRun", "UplinkConverter", "payload_text"]

_Call = tuple[bytes, Mapping[str, object]]
"""One ``run_async`` call a batcher collects: the payload and its metadata."""


class ConverterWarning(UserWarning):
    """A converter does something that works in tbkit but not on every ThingsBoard."""


@dataclass
class DecodeRun:
    """Everything one decoder call produced: what the ThingsBoard test dialog shows, and more.

    ``output`` is the raw value the script returned, ``converted`` its normalised form
    (``None`` when the output is invalid; then ``error`` says why), ``logs`` the captured
    ``console.log`` lines and ``warnings`` what would not work on every ThingsBoard.
    """

    output: JsonValue = None
    logs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: ConverterError | None = None
    converted: list[ConvertedData] | None = None

    @property
    def ok(self) -> bool:
        """True when the script ran and its output is valid."""
        return self.error is None


def payload_text(payload: bytes, lang: str) -> str:
    """The string whose char codes are the decoder's ``payload`` array.

    JS: a strict UTF-8 decode without U+FFFD (a leading BOM dropped, as TextDecoder does)
    gives UTF-16 code units; otherwise each byte stays a number 0–255. TBEL: raw bytes.
    """
    if lang == "JS":
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            return payload.decode("latin-1")
        if "\ufffd" not in text:
            return text[1:] if text.startswith("\ufeff") else text
    return payload.decode("latin-1")


_meta_sizes: dict[tuple[tuple[str, str], ...], int] = {}


def _json_size(meta: dict[str, str]) -> int:
    """len() of the compact metadata JSON, memoised: a server sends the same metadata again and again."""
    key = tuple(meta.items())
    size = _meta_sizes.get(key)
    if size is None:
        size = len(json.dumps(meta, separators=(",", ":"), ensure_ascii=False))
        if len(_meta_sizes) < 1024:
            _meta_sizes[key] = size
    return size


def _as_bytes(payload: bytes | bytearray | str) -> bytes:
    if isinstance(payload, str):
        return payload.encode("utf-8")
    return bytes(payload)


class UplinkConverter(ScriptConverter):
    """A ThingsBoard uplink data converter (decoder), run in V8.

    Parameters
    ----------
    source:
        The decoder script: the body of ``Decoder(payload, metadata)``.
    lang:
        ``"JS"`` or ``"TBEL"``.
    name:
        The converter's name (shown in errors and exported JSON).
    timeout, max_memory:
        Limits per call, in seconds and bytes.
    update_only_keys:
        Keys forwarded only when their value differs from the last one seen for that entity.
    js_engine:
        The ThingsBoard JS engine a JS decoder targets: ``"remote"`` (Node.js: ThingsBoard Cloud,
        microservices; run in V8 as it is, with warnings where the local engine would differ) or
        ``"local"`` (the monolith's default: Nashorn, ECMAScript 5.1, in the sandbox; see the
        README's "JS engines").
    """

    converter_type: ClassVar[str] = "UPLINK"
    params: ClassVar[tuple[str, ...]] = ("payload", "metadata")
    js_field: ClassVar[str] = "decoder"
    tbel_field: ClassVar[str] = "tbelDecoder"
    default_name: ClassVar[str] = "HTTP Uplink Converter"

    def __init__(
        self,
        source: str,
        lang: Lang | str = "JS",
        name: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_memory: int = DEFAULT_MAX_MEMORY,
        debug: DebugSettings | None = None,
        *,
        update_only_keys: Iterable[str] = (),
        js_engine: JsEngine | str = "remote",
    ) -> None:
        self.update_only_keys = list(update_only_keys)
        self._last_values: dict[tuple[str, str, str], JsonValue] = {}
        self._last_lock = threading.Lock()
        # one batcher per calling loop (kept weakly: a closed loop's batcher goes with it)
        self._batchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Batcher[_Call, DecodeRun]] = (
            weakref.WeakKeyDictionary()
        )
        self._batchers_lock = threading.Lock()
        self._inspector: Inspector | None = None  # the inspection context, made on first inspect()
        self._inspector_lock = threading.Lock()
        super().__init__(source, lang, name, timeout, max_memory, debug, js_engine)

    @classmethod
    def _options_from_configuration(cls, config: dict[str, Any]) -> dict[str, Any]:
        return {"update_only_keys": list(config.get("updateOnlyKeys") or [])}

    def _configuration_extra(self) -> JsonObject:
        return {"encoder": None, "tbelEncoder": None, "updateOnlyKeys": list(self.update_only_keys)}

    # -- running -------------------------------------------------------------------------------
    @property
    def payload_utf8(self) -> bool:
        """True when the payload array is built with the UTF-8 rule here (JS under the remote engine)."""
        # The local engine's wrapper turns the bytes into the payload array itself: it gets the bytes.
        return self.lang == "JS" and not self.runs_local

    def decode_batch(
        self,
        payloads: Sequence[bytes | str],
        metas: Sequence[dict[str, str]],
        which: Sequence[int] | None = None,
        *,
        raw: bool = False,
    ) -> DecodedBatch:
        """Decode many payloads in V8 (``metas[which[i]]`` the metadata of payload ``i``; see
        :func:`~tbkit.converters.batch.decode_batch`). No ``updateOnlyKeys`` filter: outputs as decoded."""
        return batch.decode_batch(self._script, payloads, metas, which, utf8=self.payload_utf8, raw=raw)

    async def decode_batch_async(
        self,
        payloads: Sequence[bytes | str],
        metas: Sequence[dict[str, str]],
        which: Sequence[int] | None = None,
        *,
        raw: bool = False,
    ) -> DecodedBatch:
        """:meth:`decode_batch` from async code (the same steps, each V8 call awaited)."""
        return await batch.decode_batch_async(self._script, payloads, metas, which, utf8=self.payload_utf8, raw=raw)

    def run_many(
        self,
        payloads: Sequence[bytes | str],
        metadata: Mapping[str, object] | None = None,
        *,
        engine_check: bool = False,
    ) -> list[DecodeRun]:
        """Decode many payloads in as few V8 calls as fit; one :class:`DecodeRun` per payload.

        Under ``js_engine="remote"`` with ``engine_check=True``, each run's warnings also say where
        ThingsBoard's local engine would fail or return something else (the same payloads are run
        through it too, which costs about a millisecond a payload; :meth:`run` and :meth:`test`
        compare by default, a batch only when asked).
        """
        raw = [_as_bytes(p) for p in payloads]
        meta = stringify_metadata(metadata or {})
        runs = self._runs(self.decode_batch(raw, [meta], raw=True), raw, [meta], None)
        if engine_check:
            self._compare_with_local(runs, raw, meta)
        return runs

    def _compare_with_local(self, runs: list[DecodeRun], raw: list[bytes], meta: dict[str, str]) -> None:
        """Under ``js_engine="remote"``: add to each run's warnings where the local engine differs."""
        twin = self._twin.script() if self._twin is not None else None
        if twin is not None:
            local = batch.decode_batch(twin, raw, [meta], utf8=False, raw=True)
            outcomes = [(local.output(i), local.error(i)) for i in range(len(raw))]
            for run, extra in zip(runs, paired(runs, outcomes), strict=True):
                run.warnings.extend(extra)

    async def run_many_async(
        self, payloads: Sequence[bytes | str], metadata: Mapping[str, object] | None = None
    ) -> list[DecodeRun]:
        """:meth:`run_many` from async code."""
        raw = [_as_bytes(p) for p in payloads]
        meta = stringify_metadata(metadata or {})
        return self._runs(await self.decode_batch_async(raw, [meta], raw=True), raw, [meta], None)

    def run(
        self, payload: bytes | str, metadata: Mapping[str, object] | None = None, *, engine_check: bool = True
    ) -> DecodeRun:
        """Decode one payload and return everything the call produced, errors included."""
        return self.run_many([payload], metadata, engine_check=engine_check)[0]

    async def run_async(
        self, payload: bytes | str, metadata: Mapping[str, object] | None = None, *, engine_check: bool = True
    ) -> DecodeRun:
        """:meth:`run` for async code: never blocks the loop; concurrent calls on one loop share V8 calls.

        ``engine_check`` as in :meth:`run_many` (the local engine's run is a V8 call of its own).
        """
        raw = _as_bytes(payload)
        run = await self._batcher(asyncio.get_running_loop()).submit((raw, metadata or {}))
        twin = self._twin.script() if engine_check and self._twin is not None else None
        if twin is not None:
            meta = stringify_metadata(metadata or {})
            local = await batch.decode_batch_async(twin, [raw], [meta], utf8=False, raw=True)
            run.warnings.extend(paired([run], [(local.output(0), local.error(0))])[0])
        return run

    def _batcher(self, loop: asyncio.AbstractEventLoop) -> Batcher[_Call, DecodeRun]:
        """The batcher of ``loop``; batchers of closed loops are dropped (gone ones drop out)."""
        with self._batchers_lock:
            for old in [other for other in self._batchers if other.is_closed()]:
                del self._batchers[old]
            found = self._batchers.get(loop)
            if found is None:
                found = self._batchers[loop] = Batcher(self._run_items_async, batch.CHUNK)
            return found

    async def _run_items_async(self, items: list[_Call]) -> list[DecodeRun]:
        """One V8 call for the ``(payload, metadata)`` calls a loop's batcher collected."""
        payloads: list[bytes] = [item[0] for item in items]
        metas: list[dict[str, str]] = []
        index: dict[tuple[tuple[str, str], ...], int] = {}
        which = []
        for _, metadata in items:
            meta = stringify_metadata(metadata)
            which.append(index.setdefault(tuple(meta.items()), len(index)))
            if which[-1] == len(metas):
                metas.append(meta)
        return self._runs(await self.decode_batch_async(payloads, metas, which, raw=True), payloads, metas, which)

    def _runs(
        self, decoded: DecodedBatch, payloads: list[bytes], metas: list[dict[str, str]], which: list[int] | None
    ) -> list[DecodeRun]:
        sizes = [_json_size(meta) for meta in metas]
        return [
            self._run_from(decoded, i, 4 * ((len(p) + 2) // 3) + sizes[0 if which is None else which[i]])
            for i, p in enumerate(payloads)
        ]

    def _run_from(self, decoded: DecodedBatch, index: int, size: int, *, remember: bool = True) -> DecodeRun:
        """Item ``index``'s DecodeRun; ``size`` is its base64 payload plus metadata JSON length.

        ``remember=False``: the ``updateOnlyKeys`` filter applies without recording the values seen."""
        outcome = decoded.outcome(index)
        output, logs = decoded.raw(index)
        run = DecodeRun(output=output, logs=logs, warnings=self.warnings + self._args_warning(size))
        if isinstance(outcome, ConverterError):
            run.error = outcome
        else:
            run.converted = self._filter(outcome, remember)
        return run

    # -- the byte inspector --------------------------------------------------------------------
    def inspect(self, payload: bytes | str, metadata: Mapping[str, object] | None = None) -> Inspection[DecodeRun]:
        """Decode ``payload`` as :meth:`run` does and record which bytes the script read, where and how.

        The returned :class:`~tbkit.converters.inspection.Inspection` has the :class:`DecodeRun`
        (``.result``), one row per byte (``.frame``: reads, lines, order of first read), the
        ``.unread`` offsets, the reads ``.past_end``, and shows as a hex grid in a notebook. Reads
        are recorded in a V8 context of the converter's own made on the first inspection (the
        decode path never traces); state a script keeps in globals starts afresh there.
        ``updateOnlyKeys`` filtering applies as in :meth:`run`, without changing what the
        converter remembers.
        """
        raw = _as_bytes(payload)
        meta = stringify_metadata(metadata or {})
        traced = self._inspection_context().trace(raw, meta)
        outcome = traced.batch.outcome(0)
        if isinstance(outcome, (ConverterTimeoutError, ConverterMemoryError)):
            # tracing slows a script down: the result is an untraced run's, and no reads are known
            return build_inspection(self.run(raw, metadata), raw, self.lang, self.source, None)
        size = 4 * ((len(raw) + 2) // 3) + _json_size(meta)
        run = self._run_from(traced.batch, 0, size, remember=False)
        if self.runs_local:
            return self._inspect_local(raw, metadata, run, traced)
        self._compare_with_local([run], [raw], meta)  # the warnings run() gives
        return build_inspection(run, raw, self.lang, self.source, traced)

    def _inspect_local(
        self, raw: bytes, metadata: Mapping[str, object] | None, v8: DecodeRun, traced: Traced
    ) -> Inspection[DecodeRun]:
        """Under ``js_engine="local"``: the local engine's result, with the reads of the same script
        traced in V8 when V8 gives that result too (the script loads as ES5 in both, and the payload
        array is built by the same UTF-8 rule); otherwise the inspection says why it has no reads."""
        run = self.run(raw, metadata)
        if run.error is None or v8.error is None:
            same = run.error is None and v8.error is None and run.output == v8.output
        else:  # both failed: the same reads when they failed on the same line
            same = run.error.line is not None and run.error.line == v8.error.line
        if same:
            return build_inspection(run, raw, self.lang, self.source, traced)
        return build_inspection(run, raw, self.lang, self.source, None, reason=LOCAL_DIFFERS)

    def _inspection_context(self) -> Inspector:
        with self._inspector_lock:
            if self.closed:
                raise RuntimeError(f"converter {self.name!r} is closed")
            if self._inspector is None:
                self._inspector = Inspector(self.source, self.lang, self.name, self.timeout, self.max_memory)
            return self._inspector

    def close(self) -> None:
        """Free the converter's V8 contexts (the decoder's, and the inspection one if made)."""
        super().close()
        with self._inspector_lock:
            inspector, self._inspector = self._inspector, None
        if inspector is not None:
            inspector.close()

    def test(self, payload: bytes | str, metadata: Mapping[str, object] | None = None) -> JsonValue:
        """The raw value the script returned, as ThingsBoard's "Test decoder function" shows.

        Captured ``console.log`` lines are printed; ES5 and size warnings are issued as
        :class:`ConverterWarning`. Script errors raise their :class:`ConverterError`.
        """
        return self.test_many([payload], metadata)[0]

    def test_many(
        self, payloads: Sequence[bytes | str], metadata: Mapping[str, object] | None = None
    ) -> list[JsonValue]:
        """:meth:`test` for many payloads in one V8 call (compared with the local engine as :meth:`test`)."""
        runs = self.run_many(payloads, metadata, engine_check=True)
        outputs = []
        for run in runs:
            failed = run.error is not None and not isinstance(run.error, ConverterOutputError)
            # a script that fails here raises its error: what the local engine makes of the same
            # input stays in run()'s warnings, the script's own warnings are shown
            self._report(run, [w for w in run.warnings if not (failed and from_the_twin(w))])
            if failed:
                assert run.error is not None
                raise run.error
            outputs.append(run.output)
        return outputs

    def decode(self, payload: bytes | str, metadata: Mapping[str, object] | None = None) -> list[ConvertedData]:
        """The normalised output (spec §4). Raises :class:`ConverterError` when invalid."""
        return self.decode_many([payload], metadata)[0]

    def decode_many(
        self, payloads: Sequence[bytes | str], metadata: Mapping[str, object] | None = None
    ) -> Sequence[list[ConvertedData]]:
        """:meth:`decode` for many payloads, in as few V8 calls as fit.

        Raises the first failing payload's :class:`ConverterError`. The result is a sequence
        (a :class:`~tbkit.converters.batch.DecodedBatch`) that builds each payload's entities
        only when it is read.
        """
        if self.update_only_keys:  # the filter remembers values: apply it to every item, in order
            out = []
            for run in self.run_many(payloads, metadata):
                if run.error is not None:
                    raise run.error
                assert run.converted is not None
                out.append(run.converted)
            return out
        decoded = self.decode_batch(payloads, [stringify_metadata(metadata or {})])
        error = decoded.first_error()
        if error is not None:
            raise error
        return decoded

    @staticmethod
    def _report(run: DecodeRun, shown: list[str]) -> None:
        for line in run.logs:
            print(line, file=sys.stdout)
        for message in shown:
            warnings.warn(message, ConverterWarning, stacklevel=4)

    # -- updateOnlyKeys ------------------------------------------------------------------------
    def _filter(self, entities: list[ConvertedData], remember: bool = True) -> list[ConvertedData]:
        if not self.update_only_keys:
            return entities
        keys = set(self.update_only_keys)
        with self._last_lock:
            for entity in entities:
                entity.attributes = self._changed(entity, "attributes", entity.attributes, keys, remember)
                for record in entity.telemetry:
                    record.values = self._changed(entity, "telemetry", record.values, keys, remember)
                entity.telemetry = [r for r in entity.telemetry if r.values]
        return entities

    def _changed(
        self, entity: ConvertedData, kind: str, values: dict[str, JsonValue], keys: set[str], remember: bool
    ) -> dict[str, JsonValue]:
        out = {}
        for key, value in values.items():
            if key in keys:
                slot = (entity.name, kind, key)
                if slot in self._last_values and self._last_values[slot] == value:
                    continue
                if remember:
                    self._last_values[slot] = value
            out[key] = value
        return out
