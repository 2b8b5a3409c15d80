"""Tornado handlers: ThingsBoard's converter test API, and a JSON 404 for unknown paths.

(The integration endpoint itself is :mod:`tbkit.http.endpoint`.)
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

import tornado.web

from ..converters.downlink import DownlinkConverter
from ..converters.uplink import UplinkConverter
from ..errors import TbkitError
from ..models import JsonValue

__all__ = ["NotFoundHandler", "TestDownlinkHandler", "TestUplinkHandler"]


class _JsonErrors(tornado.web.RequestHandler):
    """Short JSON error bodies, ``{"status": ..., "message": ...}``."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = kwargs.get("message") or self._reason
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"status": status_code, "message": reason}))

    def data_received(self, chunk: bytes) -> None:  # pragma: no cover - not streaming
        pass


class NotFoundHandler(_JsonErrors):
    """Any path tbkit does not serve: a short JSON 404."""

    def prepare(self) -> None:
        raise tornado.web.HTTPError(404, reason="Not Found")


class _TestHandler(_JsonErrors):
    @property
    def _js_engine(self) -> str:
        """The JS engine the kit targets (the test endpoints run in it, as a server runs them in its own)."""
        return str(self.settings.get("js_engine", "remote"))

    def _document(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.request.body or b"{}")
        except ValueError as exc:
            raise tornado.web.HTTPError(400, reason=f"body is not valid JSON: {exc}") from None
        if not isinstance(doc, dict):
            raise tornado.web.HTTPError(400, reason="body must be a JSON object")
        return doc

    def _answer(self, output: JsonValue, error: str) -> None:
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
            converter = UplinkConverter(source, lang=lang, name="test decoder", js_engine=self._js_engine)
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
                doc.get("encoder") or doc.get("tbelEncoder") or "",
                lang=lang,
                name="test encoder",
                js_engine=self._js_engine,
            )
        except TbkitError as exc:
            self._answer(None, str(exc))
            return
        try:
            msg_type = doc.get("msgType") or "ATTRIBUTES_UPDATED"
            run = await converter.run_async(msg, doc.get("metadata"), msg_type, doc.get("integrationMetadata"))
        finally:
            converter.close()
        failed = run.error is not None and run.output is None
        self._answer(run.output, str(run.error) if failed else "")
