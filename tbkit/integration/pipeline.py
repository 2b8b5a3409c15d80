"""One HTTP integration: a request in, the entities stored, an :class:`Outcome` out.

Spec §1–§3 and §8: check the security headers, build payload and metadata for the content
type, run the uplink converter, create or find the entities, store attributes (as
CLIENT_SCOPE) and telemetry, record debug events and counters, all in one transaction, then
let the downlink step (if any) pick pending messages for the devices named.

>>> from tbkit.store import Store
>>> from tbkit.converters import UplinkConverter
>>> from tbkit.models import Request
>>> store = Store(":memory:")
>>> conv = UplinkConverter("var d = decodeToJson(payload); return {deviceName: d.n, telemetry: {t: d.t}};")
>>> hi = Integration(store, "demo", conv)
>>> hi.process(Request(b'{"n": "T1", "t": 20}', "application/json")).result.value
'processed'
>>> hi.close(); store.close()
"""

from __future__ import annotations

import hmac
import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ..converters.base import DebugSettings
from ..converters.inspection import Inspection
from ..converters.uplink import DecodeRun, UplinkConverter
from ..errors import (
    ConverterError,
    ConverterMemoryError,
    ConverterOutputError,
    ConverterTimeoutError,
    CreationForbiddenError,
    PayloadError,
)
from ..models import JsonValue, Request, TimeLike, epoch_ms
from ..payloads import Payload, RecordedUplink, build_metadata, form_json_hint, message_type_for, request_payload
from ..store import EventRecord, Store, now_ms
from ..store.changes import UplinkRefused, WriteContext
from ..store.uplinks import UplinkRecord
from .downlink import DownlinkStep, UplinkWrite
from .events import EventSource
from .flow import Decode, Flow, Write, run_flow, run_flow_async
from .inspecting import inspect_recorded
from .outcome import Outcome, OutcomeKind
from .routes import Routes
from .write import UplinkJob

if TYPE_CHECKING:
    from ..converters.downlink import DownlinkConverter

_Job = Callable[[sqlite3.Connection, WriteContext], None]

__all__ = ["DEFAULT_MAX_BODY", "Integration", "new_routing_key"]

DEFAULT_MAX_BODY = 16 * 1024 * 1024


def new_routing_key() -> str:
    """A UUID-shaped routing key, as ThingsBoard generates."""
    return str(uuid.uuid4())


@dataclass
class _Prepared:
    payload: Payload
    metadata: dict[str, str]
    started: int
    record: UplinkRecord
    headers: dict[str, str] = field(default_factory=dict)


class Integration:
    """A ThingsBoard HTTP integration bound to a store.

    Parameters
    ----------
    store:
        Where entities, data and events go.
    name:
        The integration's name (ThingsBoard's ``integrationName`` metadata).
    uplink:
        The uplink converter.
    downlink:
        The downlink converter, or None.
    routing_key:
        The last URL segment; a random UUID when omitted.
    security_headers:
        ``{name: value}`` every request must carry (ThingsBoard's "Enable security" with its
        headers filter); names compare case-insensitively, values exactly.
    replace_no_content_to_ok:
        Answer 200 instead of 204 when entities were processed and no downlink went back.
    allow_create:
        ThingsBoard's ``allowCreateDevicesOrAssets``.
    metadata:
        Extra metadata entries given to every converter call.
    max_body:
        Request body limit in bytes (413 above it); ThingsBoard's default is 16 MiB.
    routes:
        The message routes (shared with the kit).
    queue_all_downlinks:
        Keep every pending downlink and deliver them in order (a tbkit extension).
    pause_after_failures, pause_seconds:
        Like ThingsBoard's script blocking: after this many consecutive time or memory limit
        failures the converter is paused for ``pause_seconds`` (requests get 400 and an event
        says so). ``0`` (the default) never pauses.
    """

    def __init__(
        self,
        store: Store,
        name: str,
        uplink: UplinkConverter,
        downlink: DownlinkConverter | None = None,
        *,
        routing_key: str | None = None,
        security_headers: Mapping[str, str] | None = None,
        replace_no_content_to_ok: bool = False,
        allow_create: bool = True,
        metadata: Mapping[str, JsonValue] | None = None,
        enabled: bool = True,
        debug: DebugSettings | None = None,
        max_body: int = DEFAULT_MAX_BODY,
        routes: Routes | None = None,
        queue_all_downlinks: bool = False,
        pause_after_failures: int = 0,
        pause_seconds: float = 60.0,
    ) -> None:
        self.store = store
        self.name = name
        self.uplink = uplink
        self.downlink = downlink
        self.routing_key = routing_key or new_routing_key()
        self.security_headers = dict(security_headers or {})
        self.replace_no_content_to_ok = replace_no_content_to_ok
        self.allow_create = allow_create
        self.metadata = dict(metadata or {})
        self.enabled = enabled
        self.debug = debug or DebugSettings()
        self.max_body = max_body
        self.routes = routes if routes is not None else Routes()
        self.downlink_step = DownlinkStep(self, store, queue_all=queue_all_downlinks)
        self.base_url: str | None = None
        self.proxy_path: str | None = None
        self.pause_after_failures = pause_after_failures
        self.pause_seconds = pause_seconds
        self._limit_failures = 0
        self._paused_until = 0.0

    @property
    def queue_all_downlinks(self) -> bool:
        """Whether every pending downlink is kept and delivered in order (a tbkit extension)."""
        return self.downlink_step.queue_all

    @property
    def url(self) -> str | None:
        """The endpoint URL, once a server serves this integration."""
        if self.base_url is None:
            return None
        return f"{self.base_url}/api/v1/integrations/http/{self.routing_key}"

    def curl(self, content_type: str | None = None, body: str | bytes | None = None) -> str:
        """A ready curl command (POSIX shell) posting to this integration, with its security headers.

        Without ``body`` it replays the integration's last recorded uplink (the newest of
        ``content_type``'s media type, when given) with the content type it arrived with; with
        none recorded, a sample JSON document. See :mod:`tbkit.integration.curl`.
        """
        from .curl import integration_curl

        return integration_curl(self.store, self.name, self.url, self.security_headers, content_type, body)

    # -- the steps -----------------------------------------------------------------------------
    def _prepare(self, request: Request) -> _Prepared | tuple[Outcome, list[EventRecord]]:
        started = now_ms()
        if not self.enabled:
            return self._outcome(OutcomeKind.NOT_FOUND, f"integration {self.name!r} is disabled"), []
        if len(request.body) > self.max_body:
            message = f"request body of {len(request.body)} bytes is over the limit of {self.max_body}"
            return self._outcome(OutcomeKind.TOO_LARGE, message), []
        headers = _first_headers(request.headers)
        if not self._authorised(headers):
            message = "security headers missing or wrong"
            events = self._refused_events(request, "FORBIDDEN", message, started)
            return self._outcome(OutcomeKind.FORBIDDEN, message), events
        try:
            payload = request_payload(request.method, request.body, request.content_type, request.query)
        except PayloadError as exc:
            result = OutcomeKind.UNSUPPORTED_MEDIA if exc.status == 415 else OutcomeKind.BAD_REQUEST
            return self._outcome(result, str(exc)), self._refused_events(request, "ERROR", str(exc), started)
        metadata = build_metadata(self.name, self.metadata, request.headers, request.suffix)
        record = UplinkRecord(
            started, self.name, request.method, request.content_type, urlencode(request.query), metadata, request.body
        )
        return _Prepared(payload, metadata, started, record, headers)

    def _authorised(self, headers: dict[str, str]) -> bool:
        ok = True
        for name, expected in self.security_headers.items():
            got = headers.get(name.lower())
            # compare every header, in constant time, so timing tells nothing
            ok &= got is not None and hmac.compare_digest(got.encode(), str(expected).encode())
        return ok

    def _source(self) -> EventSource:
        return EventSource(self.name, self.debug, self.uplink.name, self.uplink.debug)

    def _refused_events(self, request: Request, status: str, error: str, ts: int) -> list[EventRecord]:
        """Events for a request refused before the converter ran (403, malformed body)."""
        payload = Payload(request.body, message_type_for(request.content_type))
        return self._source().uplink_failure(payload, None, None, error, ts, status=status, converter=False)

    def _write_job(self, prepared: _Prepared, run: DecodeRun) -> UplinkJob:
        return UplinkJob(
            self.name,
            self.allow_create,
            self.store,
            self._source(),
            self.downlink_step,
            self,
            prepared.payload,
            prepared.metadata,
            run,
            prepared.record,
            self.replace_no_content_to_ok,
        )

    def _paused(self) -> ConverterError | None:
        remaining = self._paused_until - time.monotonic()
        if remaining <= 0:
            return None
        return ConverterError(
            f"Script invocation is blocked due to maximum error count ({self.pause_after_failures} time or "
            f"memory limit failures in a row); it resumes in {remaining:.0f} s",
            converter=self.uplink.name,
        )

    def _note(self, run: DecodeRun) -> None:
        """Count consecutive limit failures; pause the converter when there are too many."""
        if not isinstance(run.error, (ConverterTimeoutError, ConverterMemoryError)):
            self._limit_failures = 0
            return
        self._limit_failures += 1
        if self.pause_after_failures and self._limit_failures >= self.pause_after_failures:
            self._paused_until = time.monotonic() + self.pause_seconds
            self._limit_failures = 0

    def _failure(self, prepared: _Prepared, run: DecodeRun, error: BaseException) -> tuple[Outcome, _Job]:
        message = str(error) + form_json_hint(prepared.record.content_type, prepared.record.body)
        events = self._source().uplink_failure(prepared.payload, prepared.metadata, run, message, now_ms())
        outcome = self._outcome(_error_result(error, self.uplink.lang), message)
        return outcome, self._failure_job(outcome, events, replace(prepared.record, status=outcome.status))

    def _failure_job(self, outcome: Outcome, events: list[EventRecord], record: UplinkRecord | None = None) -> _Job:
        """Record a refused request: its events, the error counter, a change for watchers, and (when it
        reached the converter) the request itself."""
        ts, name, store = now_ms(), self.name, self.store

        def job(conn: sqlite3.Connection, context: WriteContext) -> None:
            context.add_events(events)
            context.change(UplinkRefused(name, outcome.result.value, outcome.message, ts))
            context.count(name, errors=1)
            if record is not None:
                store.record_uplink(conn, record, context)

        return job

    def _outcome(self, result: OutcomeKind, message: str | None = None, **extra: Any) -> Outcome:
        return Outcome(result, message, replace_no_content_to_ok=self.replace_no_content_to_ok, **extra)

    # -- entry points --------------------------------------------------------------------------
    def process(self, request: Request) -> Outcome:
        """Handle one request synchronously (tests, notebooks)."""
        return run_flow(self._flow(request), self.store)

    async def handle(self, request: Request) -> Outcome:
        """Handle one request without blocking the running loop (the HTTP server's path)."""
        return await run_flow_async(self._flow(request), self.store)

    def _flow(self, request: Request) -> Flow[Outcome]:
        """One request's steps, for :meth:`process` and :meth:`handle` alike (see :mod:`.flow`)."""
        prepared = self._prepare(request)
        if isinstance(prepared, tuple):
            outcome, events = prepared
            if outcome.result is not OutcomeKind.NOT_FOUND:
                yield Write(self._failure_job(outcome, events))
            return outcome
        if request.method == "GET" and not request.query:
            return self._outcome(OutcomeKind.PING)
        paused = self._paused()
        run: DecodeRun = (
            DecodeRun(error=paused) if paused else (yield Decode(self.uplink, prepared.payload.body, prepared.metadata))
        )
        self._note(run)
        try:
            if run.error is not None:
                raise run.error
            written: UplinkWrite = yield Write(self._write_job(prepared, run))
        except (ConverterError, CreationForbiddenError) as exc:
            outcome, job = self._failure(prepared, run, exc)
            yield Write(job)
            return outcome
        return (yield from self.downlink_step.respond(written, prepared.headers))

    def recorded(self, limit: int | None = None, start: TimeLike = None, end: TimeLike = None) -> list[RecordedUplink]:
        """This integration's recorded uplinks, oldest first (the newest ``limit`` when given).

        :meth:`tbkit.replay.Replay.from_integration` (or :meth:`tbkit.Kit.replay`) runs them through a
        changed converter.
        """
        rows = self.store.uplink_rows(self.name, limit, epoch_ms(start), epoch_ms(end))
        return [
            RecordedUplink(
                datetime.fromtimestamp(ts / 1000, tz=UTC), content_type, json.loads(meta), bytes(body), method, query
            )
            for _id, ts, _name, method, content_type, query, meta, body, _status in rows
        ]

    def inspect(
        self, uplink: object, converter: UplinkConverter | str | Mapping[str, Any] | None = None
    ) -> Inspection[DecodeRun]:
        """Which bytes of a recorded uplink the decoder reads: see :meth:`tbkit.UplinkConverter.inspect`.

        ``uplink`` is a row of ``kit.uplinks()``, a :class:`~tbkit.payloads.RecordedUplink` or its
        ``ts``; ``converter`` (a script in the current language, an :class:`~tbkit.UplinkConverter`
        or ThingsBoard converter JSON) replaces the running decoder. Nothing is written.
        """
        return inspect_recorded(self, uplink, converter)

    def close(self) -> None:
        """Free the converters' V8 contexts."""
        self.uplink.close()
        if self.downlink is not None:
            self.downlink.close()

    def __repr__(self) -> str:
        lines = [f"<Integration {self.name!r} routing_key={self.routing_key!r}>"]
        if self.url:
            lines += [f"  url:  {self.url}", f"  curl: {self.curl()}"]
        if self.proxy_path:
            lines.append(f"  via jupyter-server-proxy: <your Jupyter address>{self.proxy_path}")
        return "\n".join(lines)


def _first_headers(headers: tuple[tuple[str, str], ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in headers:
        out.setdefault(name.lower(), value)
    return out


def _error_result(error: BaseException, lang: str) -> OutcomeKind:
    if isinstance(error, ConverterOutputError):
        return OutcomeKind.BAD_REQUEST if error.status == 400 else OutcomeKind.SERVER_ERROR
    if isinstance(error, ConverterError):
        # Nashorn's ScriptException is a 400; TBEL's TbScriptException is a RuntimeException: 500
        return OutcomeKind.BAD_REQUEST if lang == "JS" else OutcomeKind.SERVER_ERROR
    return OutcomeKind.SERVER_ERROR
