"""Uplink converters: a decoder script run as ThingsBoard runs it.

The script is the body of ``function Decoder(payload, metadata)``. ``payload`` is an array of
numbers built with ThingsBoard's UTF-8 rule (valid UTF-8 becomes UTF-16 code units, anything
else stays raw bytes 0–255; TBEL gets signed Java bytes), metadata values are strings.

>>> conv = UplinkConverter("var d = decodeToJson(payload);\\n"
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import ConverterError, ConverterOutputError
from ..models import ConvertedData, JsonObject, JsonValue, stringify_metadata
from . import batch
from ._batcher import Batcher
from .base import DebugSettings, Lang, ScriptConverter
from .batch import DecodedBatch
from .runtime import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

__all__ = ["ConverterWarning", "DecodeRun", "UplinkConverter", "payload_text"]


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
    ) -> None:
        self.update_only_keys = list(update_only_keys)
        self._last_values: dict[tuple[str, str, str], Any] = {}
        self._last_lock = threading.Lock()
        # one batcher per calling loop (kept weakly: a closed loop's batcher goes with it)
        self._batchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Batcher[DecodeRun]] = (
            weakref.WeakKeyDictionary()
        )
        self._batchers_lock = threading.Lock()
        super().__init__(source, lang, name, timeout, max_memory, debug)

    @classmethod
    def _options_from_configuration(cls, config: dict[str, Any]) -> dict[str, Any]:
        return {"update_only_keys": list(config.get("updateOnlyKeys") or [])}

    def _configuration_extra(self) -> JsonObject:
        return {"encoder": None, "tbelEncoder": None, "updateOnlyKeys": list(self.update_only_keys)}

    # -- running -------------------------------------------------------------------------------
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
        return batch.decode_batch(self._script, payloads, metas, which, utf8=self.lang == "JS", raw=raw)

    async def decode_batch_async(
        self,
        payloads: Sequence[bytes | str],
        metas: Sequence[dict[str, str]],
        which: Sequence[int] | None = None,
        *,
        raw: bool = False,
    ) -> DecodedBatch:
        """:meth:`decode_batch` from async code (the same steps, each V8 call awaited)."""
        return await batch.decode_batch_async(self._script, payloads, metas, which, utf8=self.lang == "JS", raw=raw)

    def run_many(self, payloads: Sequence[bytes | str], metadata: dict[str, Any] | None = None) -> list[DecodeRun]:
        """Decode many payloads in as few V8 calls as fit; one :class:`DecodeRun` per payload."""
        raw = [_as_bytes(p) for p in payloads]
        meta = stringify_metadata(metadata or {})
        return self._runs(self.decode_batch(raw, [meta], raw=True), raw, [meta], None)

    async def run_many_async(
        self, payloads: Sequence[bytes | str], metadata: dict[str, Any] | None = None
    ) -> list[DecodeRun]:
        """:meth:`run_many` from async code."""
        raw = [_as_bytes(p) for p in payloads]
        meta = stringify_metadata(metadata or {})
        return self._runs(await self.decode_batch_async(raw, [meta], raw=True), raw, [meta], None)

    def run(self, payload: bytes | str, metadata: dict[str, Any] | None = None) -> DecodeRun:
        """Decode one payload and return everything the call produced, errors included."""
        return self.run_many([payload], metadata)[0]

    async def run_async(self, payload: bytes | str, metadata: dict[str, Any] | None = None) -> DecodeRun:
        """:meth:`run` for async code: never blocks the loop; concurrent calls on one loop share V8 calls."""
        return await self._batcher(asyncio.get_running_loop()).submit((_as_bytes(payload), metadata or {}))

    def _batcher(self, loop: asyncio.AbstractEventLoop) -> Batcher[DecodeRun]:
        """The batcher of ``loop``; batchers of closed loops are dropped (gone ones drop out)."""
        with self._batchers_lock:
            for old in [other for other in self._batchers if other.is_closed()]:
                del self._batchers[old]
            found = self._batchers.get(loop)
            if found is None:
                found = self._batchers[loop] = Batcher(self._run_items_async, batch.CHUNK)
            return found

    async def _run_items_async(self, items: list[Sequence[Any]]) -> list[DecodeRun]:
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

    def _run_from(self, decoded: DecodedBatch, index: int, size: int) -> DecodeRun:
        """Item ``index``'s DecodeRun; ``size`` is its base64 payload plus metadata JSON length."""
        outcome = decoded.outcome(index)
        output, logs = decoded.raw(index)
        run = DecodeRun(output=output, logs=logs, warnings=self.warnings + self._args_warning(size))
        if isinstance(outcome, ConverterError):
            run.error = outcome
        else:
            run.converted = self._filter(outcome)
        return run

    def test(self, payload: bytes | str, metadata: dict[str, Any] | None = None) -> JsonValue:
        """The raw value the script returned, as ThingsBoard's "Test decoder function" shows.

        Captured ``console.log`` lines are printed; ES5 and size warnings are issued as
        :class:`ConverterWarning`. Script errors raise their :class:`ConverterError`.
        """
        return self.test_many([payload], metadata)[0]

    def test_many(self, payloads: Sequence[bytes | str], metadata: dict[str, Any] | None = None) -> list[JsonValue]:
        """:meth:`test` for many payloads in one V8 call."""
        runs = self.run_many(payloads, metadata)
        outputs = []
        for run in runs:
            self._report(run)
            if run.error is not None and not isinstance(run.error, ConverterOutputError):
                raise run.error
            outputs.append(run.output)
        return outputs

    def decode(self, payload: bytes | str, metadata: dict[str, Any] | None = None) -> list[ConvertedData]:
        """The normalised output (spec §4). Raises :class:`ConverterError` when invalid."""
        return self.decode_many([payload], metadata)[0]

    def decode_many(
        self, payloads: Sequence[bytes | str], metadata: dict[str, Any] | None = None
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
    def _report(run: DecodeRun) -> None:
        for line in run.logs:
            print(line, file=sys.stdout)
        for message in run.warnings:
            warnings.warn(message, ConverterWarning, stacklevel=4)

    # -- updateOnlyKeys ------------------------------------------------------------------------
    def _filter(self, entities: list[ConvertedData]) -> list[ConvertedData]:
        if not self.update_only_keys:
            return entities
        keys = set(self.update_only_keys)
        with self._last_lock:
            for entity in entities:
                entity.attributes = self._changed(entity, "attributes", entity.attributes, keys)
                for record in entity.telemetry:
                    record.values = self._changed(entity, "telemetry", record.values, keys)
                entity.telemetry = [r for r in entity.telemetry if r.values]
        return entities

    def _changed(self, entity: ConvertedData, kind: str, values: dict[str, Any], keys: set[str]) -> dict[str, Any]:
        out = {}
        for key, value in values.items():
            if key in keys:
                slot = (entity.name, kind, key)
                if slot in self._last_values and self._last_values[slot] == value:
                    continue
                self._last_values[slot] = value
            out[key] = value
        return out
