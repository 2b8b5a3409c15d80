"""The integration endpoint on Tornado's HTTP/1.1 connection API, without RequestHandler.

Uplinks are the hot path: a ``RequestHandler`` costs about as much per request as the rest of
the server together (measured: a bare delegate answers ~8,400 req/s where a bare handler
answers ~4,600 on one core). So ``/api/v1/integrations/http/...`` is served here, straight
from the connection, and every other path goes to the Tornado :class:`~tornado.web.Application`
(ThingsBoard's converter test API). Behaviour is the same: the pipeline decides, and
:func:`~tbkit.http.status.status_for` maps the outcome to a status.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, unquote

import tornado.web
from tornado import httputil
from tornado.http1connection import HTTP1Connection
from tornado.iostream import StreamClosedError

from ..errors import TbkitError
from ..integration import Integration
from ..integration.outcome import Outcome, OutcomeKind
from ..models import Request
from .status import status_for

__all__ = ["EndpointRouter"]

PREFIX = "/api/v1/integrations/http/"
REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
}
Lookup = Callable[[str], Integration | None]
_log = logging.getLogger("tbkit.http")
_access = logging.getLogger("tbkit.access")


class EndpointRouter(httputil.HTTPServerConnectionDelegate):
    """Sends integration requests to :class:`_Uplink`, everything else to ``app``."""

    def __init__(self, app: tornado.web.Application, lookup: Lookup, access_log: bool = False) -> None:
        self.app = app
        self.lookup = lookup
        self.access_log = access_log
        self.tasks: set[asyncio.Task[None]] = set()  # responses in progress (asyncio keeps only weak references)

    def start_request(self, server_conn: object, request_conn: httputil.HTTPConnection) -> httputil.HTTPMessageDelegate:
        return _Dispatch(self, server_conn, request_conn)

    def on_close(self, server_conn: object) -> None:
        self.app.on_close(server_conn)


class _Dispatch(httputil.HTTPMessageDelegate):
    """Decides on the request line which delegate handles the request, then forwards to it."""

    def __init__(self, router: EndpointRouter, server_conn: object, request_conn: httputil.HTTPConnection) -> None:
        self.router, self.server_conn, self.request_conn = router, server_conn, request_conn
        self.inner: httputil.HTTPMessageDelegate | None = None

    def headers_received(self, start_line: Any, headers: httputil.HTTPHeaders) -> Awaitable[None] | None:
        if start_line.path.startswith(PREFIX):
            self.inner = _Uplink(self.router, self.request_conn)
        else:
            self.inner = self.router.app.start_request(self.server_conn, self.request_conn)
        return self.inner.headers_received(start_line, headers)

    def data_received(self, chunk: bytes) -> Awaitable[None] | None:
        assert self.inner is not None
        return self.inner.data_received(chunk)

    def finish(self) -> None:
        assert self.inner is not None
        self.inner.finish()

    def on_connection_close(self) -> None:
        if self.inner is not None:
            self.inner.on_connection_close()


class _Uplink(httputil.HTTPMessageDelegate):
    """One request to ``/api/v1/integrations/http/{routingKey}[/{suffix}]``."""

    def __init__(self, router: EndpointRouter, conn: httputil.HTTPConnection) -> None:
        self.router, self.conn = router, conn
        self.chunks: list[bytes] = []
        self.started = time.monotonic()
        self.closed = False

    def headers_received(self, start_line: Any, headers: httputil.HTTPHeaders) -> None:
        self.method, self.uri, self.headers = start_line.method, start_line.path, headers

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    def on_connection_close(self) -> None:
        self.closed = True

    def finish(self) -> None:
        import asyncio

        task = asyncio.ensure_future(self._respond())
        self.router.tasks.add(task)
        task.add_done_callback(self.router.tasks.discard)

    async def _respond(self) -> None:
        try:
            outcome = await self._outcome()
        except Exception as exc:  # never let one request take the server down or go unanswered
            _log.exception("the endpoint failed on %s %s", self.method, self.uri)
            outcome = Outcome(OutcomeKind.SERVER_ERROR, f"{type(exc).__name__}: {exc}")
        self._send(outcome)

    async def _outcome(self) -> Outcome:
        path, _, query = self.uri.partition("?")
        parts = [unquote(p) for p in path[len(PREFIX) :].split("/")]
        if parts and parts[-1] == "" and len(parts) > 1:
            parts.pop()  # a trailing slash
        integration = self.router.lookup(parts[0]) if len(parts) in (1, 2) and parts[0] else None
        if integration is None:
            outcome = Outcome(OutcomeKind.NOT_FOUND, f"no integration with routing key {parts[0] if parts else ''!r}")
        elif self.method not in ("POST", "PUT", "GET"):
            outcome = Outcome(OutcomeKind.METHOD_NOT_ALLOWED, "Method Not Allowed")
        else:
            outcome = await self._handle(integration, parts[1] if len(parts) == 2 else None, query)
        return outcome

    async def _handle(self, integration: Integration, suffix: str | None, query: str) -> Outcome:
        request = Request(
            body=b"".join(self.chunks),
            content_type=self.headers.get("Content-Type"),
            headers=tuple(self.headers.get_all()),
            suffix=suffix,
            query=tuple(parse_qsl(query, keep_blank_values=True)),
            method=self.method,
        )
        try:
            return await integration.handle(request)
        except TbkitError as exc:
            return Outcome(OutcomeKind.SERVER_ERROR, str(exc))
        except Exception as exc:  # never let one request take the server down; say what failed
            _log.exception("integration %r failed on a request", integration.name)
            return Outcome(OutcomeKind.SERVER_ERROR, f"{type(exc).__name__}: {exc}")

    def _send(self, outcome: Outcome) -> None:
        status = status_for(outcome)
        headers = httputil.HTTPHeaders()
        body = b""
        if outcome.result is OutcomeKind.DOWNLINK:
            for name, value in outcome.headers.items():
                headers.add(name, value)
            headers["Content-Type"] = outcome.content_type or "application/octet-stream"
            body = outcome.body
        elif status >= 400:
            headers["Content-Type"] = "application/json"
            body = json.dumps({"status": status, "message": outcome.message or REASONS[status]}).encode()
        if status != 204:
            headers["Content-Length"] = str(len(body))
        if self.method == "HEAD":
            body = b""  # the headers say what a GET would send; a HEAD response has no body
        if not self.closed:
            try:
                self.conn.write_headers(httputil.ResponseStartLine("HTTP/1.1", status, REASONS[status]), headers, body)
                self.conn.finish()
            except StreamClosedError:
                pass  # the client went away; the outcome (and what it stored) stands
            except Exception:  # a response we cannot write must not leave the connection hanging
                _log.exception("cannot write the response to %s %s", self.method, self.uri)
                if isinstance(self.conn, HTTP1Connection):
                    self.conn.close()
        if self.router.access_log:
            _access.info("%s %s %d %.1fms", self.method, self.uri, status, 1000 * (time.monotonic() - self.started))
