"""Tornado handlers: the integration endpoint and ThingsBoard's converter test API.

Handlers get their dependencies through ``initialize`` (the registry of integrations),
turn the Tornado request into a plain :class:`~tbkit.models.Request`, and write the
:class:`~tbkit.outcome.Outcome` back. Nothing here decides behaviour.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Callable
from typing import Any

import tornado.web

from ..converters.downlink import DownlinkConverter
from ..converters.uplink import UplinkConverter
from ..errors import TbkitError
from ..models import Request
from ..outcome import Outcome, Result
from ..pipeline import Integration
from .status import status_for

__all__ = ["IntegrationHandler", "TestDownlinkHandler", "TestUplinkHandler"]

_REASONS = {
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


class _JsonErrors(tornado.web.RequestHandler):
    """Short JSON error bodies, ``{"status": ..., "message": ...}``."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = kwargs.get("message") or self._reason
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"status": status_code, "message": reason}))

    def data_received(self, chunk: bytes) -> None:  # pragma: no cover - not streaming
        pass


class IntegrationHandler(_JsonErrors):
    """``/api/v1/integrations/http/{routingKey}[/{suffix}]``: POST, PUT and GET."""

    def initialize(self, lookup: Lookup) -> None:
        self.lookup = lookup

    async def post(self, routing_key: str, suffix: str | None = None) -> None:
        await self._handle(routing_key, suffix)

    async def put(self, routing_key: str, suffix: str | None = None) -> None:
        await self._handle(routing_key, suffix)

    async def get(self, routing_key: str, suffix: str | None = None) -> None:
        await self._handle(routing_key, suffix)

    async def _handle(self, routing_key: str, suffix: str | None) -> None:
        integration = self.lookup(routing_key)
        if integration is None:
            self._send(Outcome(Result.NOT_FOUND, f"no integration with routing key {routing_key!r}"))
            return
        request = Request(
            body=self.request.body,
            content_type=self.request.headers.get("Content-Type"),
            headers=tuple(self.request.headers.get_all()),
            suffix=suffix,
            query=tuple(
                (k, v.decode("utf-8", "replace")) for k, vs in self.request.query_arguments.items() for v in vs
            ),
            method=self.request.method or "POST",
        )
        try:
            outcome = await integration.handle(request)
        except TbkitError as exc:
            outcome = Outcome(Result.SERVER_ERROR, str(exc))
        except Exception as exc:  # never let one request take the server down; say what failed
            _log.exception("integration %r failed on a request", integration.name)
            outcome = Outcome(Result.SERVER_ERROR, f"{type(exc).__name__}: {exc}")
        self._send(outcome)

    def _send(self, outcome: Outcome) -> None:
        status = status_for(outcome)
        if outcome.result is Result.DOWNLINK:
            self.set_status(status)
            for name, value in outcome.headers.items():
                self.set_header(name, value)
            self.set_header("Content-Type", outcome.content_type or "application/octet-stream")
            self.finish(outcome.body)
        elif status >= 400:
            self.set_status(status, _REASONS.get(status))
            self.write_error(status, message=outcome.message)
        else:
            self.set_status(status)
            self.finish()


class _TestHandler(_JsonErrors):
    def _document(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.request.body or b"{}")
        except ValueError as exc:
            raise tornado.web.HTTPError(400, reason=f"body is not valid JSON: {exc}") from None
        if not isinstance(doc, dict):
            raise tornado.web.HTTPError(400, reason="body must be a JSON object")
        return doc

    def _answer(self, output: Any, error: str) -> None:
        text = "" if output is None and error else json.dumps(output, separators=(",", ":"))
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"output": text, "error": error}))


class TestUplinkHandler(_TestHandler):
    """``POST /api/converter/testUpLink?scriptLang=JS|TBEL``: ``{payload, metadata, decoder}``."""

    async def post(self) -> None:
        doc = self._document()
        lang = self.get_query_argument("scriptLang", "JS")
        try:
            payload = base64.b64decode(doc.get("payload") or "", validate=True)
        except (binascii.Error, ValueError):
            raise tornado.web.HTTPError(400, reason="payload must be base64") from None
        source = doc.get("decoder") or doc.get("tbelDecoder") or ""
        try:
            converter = UplinkConverter(source, lang=lang, name="test decoder")
        except TbkitError as exc:
            self._answer(None, str(exc))
            return
        try:
            run = await converter.run_async(payload, doc.get("metadata") or {})
        finally:
            converter.close()
        script_failed = run.error is not None and run.converted is None and run.output is None
        self._answer(run.output, str(run.error) if script_failed else "")


class TestDownlinkHandler(_TestHandler):
    """``POST /api/converter/testDownLink``: ``{msg, metadata, msgType, integrationMetadata, encoder}``."""

    async def post(self) -> None:
        doc = self._document()
        lang = self.get_query_argument("scriptLang", "JS")
        msg = doc.get("msg")
        if isinstance(msg, str):
            try:
                msg = json.loads(msg)
            except ValueError:
                self._answer(None, "msg is not valid JSON")
                return
        try:
            converter = DownlinkConverter(
                doc.get("encoder") or doc.get("tbelEncoder") or "", lang=lang, name="test encoder"
            )
        except TbkitError as exc:
            self._answer(None, str(exc))
            return
        try:
            item = converter._item(
                msg, doc.get("metadata"), doc.get("msgType") or "ATTRIBUTES_UPDATED", doc.get("integrationMetadata")
            )
            (run,) = await converter.run_many_async([item])
        finally:
            converter.close()
        failed = run.error is not None and run.output is None
        self._answer(run.output, str(run.error) if failed else "")
