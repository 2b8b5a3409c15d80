"""Downlink converters: an encoder script run as ThingsBoard runs it (spec §7).

The script is the body of ``function Encoder(msg, metadata, msgType, integrationMetadata)``
and returns one object or an array of ``{contentType: "JSON"|"TEXT"|"BINARY", data: <string>,
metadata?: {k: scalar}}``; BINARY data is base64.

>>> enc = DownlinkConverter("return {contentType: 'JSON', data: JSON.stringify(msg)};")
>>> enc.encode({"firmware": "v1.2"}, {}, "ATTRIBUTES_UPDATED", {})[0].body
b'{"firmware":"v1.2"}'
>>> enc.close()
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import ConverterError, ConverterOutputError
from ..models import JsonLike, JsonObject, JsonValue, stringify_metadata
from .base import ScriptConverter
from .nashorn.compare import from_the_twin, paired
from .runtime import CallResult
from .uplink import ConverterWarning

__all__ = ["DownlinkConverter", "DownlinkData", "EncodeRun"]

CONTENT_TYPES = {"JSON": "application/json", "TEXT": "text/plain", "BINARY": "application/octet-stream"}


@dataclass
class DownlinkData:
    """One encoded downlink: what goes back to the device in an HTTP response."""

    content_type: str
    data: str
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> bytes:
        """The response body: UTF-8 text, or the decoded bytes for BINARY."""
        if self.content_type == "BINARY":
            return base64.b64decode(self.data)
        return self.data.encode("utf-8")

    @property
    def empty(self) -> bool:
        """True when there is nothing to send (ThingsBoard skips empty data)."""
        return self.data == ""

    @property
    def mime_type(self) -> str:
        """The HTTP Content-Type ThingsBoard uses for this content type."""
        return CONTENT_TYPES[self.content_type]


@dataclass
class EncodeRun:
    """Everything one encoder call produced (``warnings``: what would not work on every ThingsBoard)."""

    output: JsonValue = None
    logs: list[str] = field(default_factory=list)
    error: ConverterError | None = None
    encoded: list[DownlinkData] | None = None
    warnings: list[str] = field(default_factory=list)


def normalise_downlink(output: JsonValue) -> list[DownlinkData]:
    """Check an encoder's raw result; raise :class:`ConverterOutputError` when invalid."""
    items = output if isinstance(output, list) else [output]
    out = []
    for index, item in enumerate(items):
        where = f"output[{index}]" if isinstance(output, list) else "output"
        if not isinstance(item, dict):
            raise ConverterOutputError(f"{where} must be an object with contentType and data")
        kind = item.get("contentType")
        if kind not in CONTENT_TYPES:
            raise ConverterOutputError(f"{where}.contentType must be JSON, TEXT or BINARY, got {kind!r}")
        if "data" not in item:
            raise ConverterOutputError(f"{where}.data is missing")
        data = _as_text(item["data"])
        if kind == "BINARY" and data:
            try:
                base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                raise ConverterOutputError(f"{where}.data must be base64 for BINARY") from None
        meta = item.get("metadata") or {}
        if not isinstance(meta, dict):
            raise ConverterOutputError(f"{where}.metadata must be an object")
        out.append(DownlinkData(kind, data, {str(k): _as_text(v) for k, v in meta.items()}))
    return out


def _as_text(value: JsonValue) -> str:
    """Jackson's ``asText()``: scalars as text, objects, arrays and null as ""."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return ""


class DownlinkConverter(ScriptConverter):
    """A ThingsBoard downlink data converter (encoder), run in V8.

    Parameters are those of :class:`~tbkit.converters.UplinkConverter` (less
    ``update_only_keys``).
    """

    converter_type: ClassVar[str] = "DOWNLINK"
    params: ClassVar[tuple[str, ...]] = ("msg", "metadata", "msgType", "integrationMetadata")
    js_field: ClassVar[str] = "encoder"
    tbel_field: ClassVar[str] = "tbelEncoder"
    default_name: ClassVar[str] = "HTTP Downlink Converter"

    def _configuration_extra(self) -> JsonObject:
        return {"decoder": None, "tbelDecoder": None}

    @staticmethod
    def _item(
        msg: JsonLike,
        metadata: Mapping[str, object] | None,
        msg_type: str,
        integration_metadata: Mapping[str, object] | None,
    ) -> list[JsonLike]:
        return [msg, stringify_metadata(metadata or {}), msg_type, stringify_metadata(integration_metadata or {})]

    def run_many(self, items: Sequence[Sequence[JsonLike]], *, engine_check: bool = False) -> list[EncodeRun]:
        """Encode prepared ``[msg, metadata, msgType, integrationMetadata]`` items.

        Under ``js_engine="remote"`` with ``engine_check=True``, each run's warnings also say where
        ThingsBoard's local engine would fail or return something else (:meth:`run` compares by
        default, a batch only when asked).
        """
        runs = [self._finish(r) for r in self._script.call_many(items)]
        twin = self._twin.script() if engine_check and self._twin is not None else None
        if twin is not None:
            local = [(r.output, r.error) for r in twin.call_many(items)]
            for run, extra in zip(runs, paired(runs, local), strict=True):
                run.warnings.extend(extra)
        return runs

    async def run_many_async(
        self, items: Sequence[Sequence[JsonLike]], *, engine_check: bool = False
    ) -> list[EncodeRun]:
        """:meth:`run_many` for async code."""
        runs = [self._finish(r) for r in await self._script.call_many_async(items)]
        twin = self._twin.script() if engine_check and self._twin is not None else None
        if twin is not None:
            local = [(r.output, r.error) for r in await twin.call_many_async(items)]
            for run, extra in zip(runs, paired(runs, local), strict=True):
                run.warnings.extend(extra)
        return runs

    def _finish(self, result: CallResult) -> EncodeRun:
        run = EncodeRun(output=result.output, logs=result.logs, error=result.error, warnings=list(self.warnings))
        if run.error is None:
            try:
                run.encoded = normalise_downlink(result.output)
            except ConverterError as exc:
                exc.converter, exc.logs = self.name, result.logs
                run.error = exc
        return run

    def run(
        self,
        msg: JsonLike,
        metadata: Mapping[str, object] | None = None,
        msg_type: str = "ATTRIBUTES_UPDATED",
        integration_metadata: Mapping[str, object] | None = None,
    ) -> EncodeRun:
        """Encode one message; errors are returned in the run, not raised."""
        return self.run_many([self._item(msg, metadata, msg_type, integration_metadata)], engine_check=True)[0]

    async def run_async(
        self,
        msg: JsonLike,
        metadata: Mapping[str, object] | None = None,
        msg_type: str = "ATTRIBUTES_UPDATED",
        integration_metadata: Mapping[str, object] | None = None,
    ) -> EncodeRun:
        """:meth:`run` for async code: never blocks the running loop."""
        items = [self._item(msg, metadata, msg_type, integration_metadata)]
        return (await self.run_many_async(items, engine_check=True))[0]

    def test(
        self,
        msg: JsonLike,
        metadata: Mapping[str, object] | None = None,
        msg_type: str = "ATTRIBUTES_UPDATED",
        integration_metadata: Mapping[str, object] | None = None,
    ) -> JsonValue:
        """The raw value the script returned, as ThingsBoard's "Test encoder function" shows."""
        run = self.run(msg, metadata, msg_type, integration_metadata)
        failed = run.error is not None and not isinstance(run.error, ConverterOutputError)
        for line in run.logs:
            print(line, file=sys.stdout)
        for message in run.warnings:
            if not (failed and from_the_twin(message)):  # a failing script raises its own error below
                warnings.warn(message, ConverterWarning, stacklevel=2)
        if failed:
            assert run.error is not None
            raise run.error
        return run.output

    def encode(
        self,
        msg: JsonLike,
        metadata: Mapping[str, object] | None = None,
        msg_type: str = "ATTRIBUTES_UPDATED",
        integration_metadata: Mapping[str, object] | None = None,
    ) -> list[DownlinkData]:
        """The checked downlinks; raises :class:`ConverterError` when the script or output fails."""
        run = self.run(msg, metadata, msg_type, integration_metadata)
        if run.error is not None:
            raise run.error
        assert run.encoded is not None
        return run.encoded
