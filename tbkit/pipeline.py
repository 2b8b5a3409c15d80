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

import asyncio
import hmac
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .converters.base import DebugSettings
from .converters.uplink import Run, UplinkConverter
from .downlink import DownlinkStep
from .errors import (
    ConverterError,
    ConverterMemoryError,
    ConverterOutputError,
    ConverterTimeoutError,
    CreationForbiddenError,
    PayloadError,
)
from .models import Request
from .outcome import Outcome, Result
from .payloads import Payload, build_metadata, build_payload, query_payload
from .routes import Routes
from .store import EventRecord, Store, now_ms
from .uplink_write import UplinkWrite, failure_events, integration_failure, write_uplink

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
        downlink: Any = None,
        *,
        routing_key: str | None = None,
        security_headers: Mapping[str, str] | None = None,
        replace_no_content_to_ok: bool = False,
        allow_create: bool = True,
        metadata: Mapping[str, Any] | None = None,
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
        self.downlinks = DownlinkStep(self, queue_all=queue_all_downlinks)
        self.base_url: str | None = None
        self.proxy_path: str | None = None
        self.pause_after_failures = pause_after_failures
        self.pause_seconds = pause_seconds
        self._limit_failures = 0
        self._paused_until = 0.0

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
        none recorded, a sample JSON document. See :mod:`tbkit._curl`.
        """
        from ._curl import integration_curl

        return integration_curl(self.store, self.name, self.url, self.security_headers, content_type, body)

    # -- the steps -----------------------------------------------------------------------------
    def _prepare(self, request: Request) -> _Prepared | tuple[Outcome, list[EventRecord]]:
        started = now_ms()
        if not self.enabled:
            return self._outcome(Result.NOT_FOUND, f"integration {self.name!r} is disabled"), []
        if len(request.body) > self.max_body:
            message = f"request body of {len(request.body)} bytes is over the limit of {self.max_body}"
            return self._outcome(Result.TOO_LARGE, message), []
        headers = _first_headers(request.headers)
        if not self._authorised(headers):
            message = "security headers missing or wrong"
            events = integration_failure(self, request, "FORBIDDEN", message, started)
            return self._outcome(Result.FORBIDDEN, message), events
        try:
            if request.method == "GET":
                payload = query_payload(request.query)
            else:
                payload = build_payload(request.body, request.content_type, request.query)
        except PayloadError as exc:
            result = Result.UNSUPPORTED_MEDIA if exc.status == 415 else Result.BAD_REQUEST
            return self._outcome(result, str(exc)), integration_failure(self, request, "ERROR", str(exc), started)
        metadata = build_metadata(self.name, self.metadata, request.headers, request.suffix)
        return _Prepared(payload, metadata, started, headers)

    def _authorised(self, headers: dict[str, str]) -> bool:
        ok = True
        for name, expected in self.security_headers.items():
            got = headers.get(name.lower())
            # compare every header, in constant time, so timing tells nothing
            ok &= got is not None and hmac.compare_digest(got.encode(), str(expected).encode())
        return ok

    def _write_job(self, prepared: _Prepared, run: Run) -> Any:
        return lambda conn, changes: write_uplink(self, conn, changes, prepared.payload, prepared.metadata, run)

    def _paused(self) -> ConverterError | None:
        remaining = self._paused_until - time.monotonic()
        if remaining <= 0:
            return None
        return ConverterError(
            f"Script invocation is blocked due to maximum error count ({self.pause_after_failures} time or "
            f"memory limit failures in a row); it resumes in {remaining:.0f} s", converter=self.uplink.name)

    def _note(self, run: Run) -> None:
        """Count consecutive limit failures; pause the converter when there are too many."""
        if not isinstance(run.error, (ConverterTimeoutError, ConverterMemoryError)):
            self._limit_failures = 0
            return
        self._limit_failures += 1
        if self.pause_after_failures and self._limit_failures >= self.pause_after_failures:
            self._paused_until = time.monotonic() + self.pause_seconds
            self._limit_failures = 0

    def _failure(self, prepared: _Prepared, run: Run, error: BaseException) -> tuple[Outcome, Any]:
        events = failure_events(self, prepared.payload, prepared.metadata, run, str(error))
        outcome = self._outcome(_error_result(error, self.uplink.lang), str(error))
        return outcome, self._failure_job(outcome, events)

    def _failure_job(self, outcome: Outcome, events: list[EventRecord]) -> Any:
        """Record a refused request: its events, the error counter, a change for watchers."""
        ts = now_ms()

        def job(conn: Any, changes: list[Any]) -> None:
            self.store.add_events(conn, events, changes)
            changes.append(("uplink_failed", self.name, outcome.result.value, outcome.message, ts))

        return job

    def _outcome(self, result: Result, message: str | None = None, **extra: Any) -> Outcome:
        return Outcome(result, message, replace_no_content_to_ok=self.replace_no_content_to_ok, **extra)

    # -- entry points --------------------------------------------------------------------------
    def process(self, request: Request) -> Outcome:
        """Handle one request synchronously (tests, notebooks, replays)."""
        prepared = self._prepare(request)
        if isinstance(prepared, tuple):
            outcome, events = prepared
            if outcome.result is not Result.NOT_FOUND:
                self.store.call(self._failure_job(outcome, events))
            return outcome
        if request.method == "GET" and not request.query:
            return self._outcome(Result.PING)
        paused = self._paused()
        run = Run(error=paused) if paused else self.uplink.run(prepared.payload.body, prepared.metadata)
        self._note(run)
        try:
            if run.error is not None:
                raise run.error
            written: UplinkWrite = self.store.call(self._write_job(prepared, run))
        except (ConverterError, CreationForbiddenError) as exc:
            outcome, job = self._failure(prepared, run, exc)
            self.store.call(job)
            return outcome
        return self.downlinks.respond(written, prepared.headers)

    async def handle(self, request: Request) -> Outcome:
        """Handle one request without blocking the running loop (the HTTP server's path)."""
        prepared = self._prepare(request)
        if isinstance(prepared, tuple):
            outcome, events = prepared
            if outcome.result is not Result.NOT_FOUND:
                await asyncio.wrap_future(self.store.submit(self._failure_job(outcome, events)))
            return outcome
        if request.method == "GET" and not request.query:
            return self._outcome(Result.PING)
        paused = self._paused()
        run = Run(error=paused) if paused else await self.uplink.run_async(prepared.payload.body, prepared.metadata)
        self._note(run)
        try:
            if run.error is not None:
                raise run.error
            written = await self.store.submit_async(self._write_job(prepared, run))
        except (ConverterError, CreationForbiddenError) as exc:
            outcome, job = self._failure(prepared, run, exc)
            await self.store.submit_async(job)
            return outcome
        return await self.downlinks.respond_async(written, prepared.headers)

    def close(self) -> None:
        """Free the converters' V8 contexts."""
        self.uplink.close()
        if self.downlink is not None:
            self.downlink.close()

    def capture_cases(self, folder: str | Path, n: int = 10) -> Any:
        """Write the newest ``n`` recorded uplinks as converter-library cases in ``folder``.

        See :func:`tbkit.library.capture_cases`; ``python -m tbkit check-converters folder``
        replays them.
        """
        from .library import capture_cases

        return capture_cases(self, folder, n)

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


def _error_result(error: BaseException, lang: str) -> Result:
    if isinstance(error, ConverterOutputError):
        return Result.BAD_REQUEST if error.status == 400 else Result.SERVER_ERROR
    if isinstance(error, ConverterError):
        # Nashorn's ScriptException is a 400; TBEL's TbScriptException is a RuntimeException: 500
        return Result.BAD_REQUEST if lang == "JS" else Result.SERVER_ERROR
    return Result.SERVER_ERROR
