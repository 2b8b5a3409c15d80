"""``make_app``: the integration endpoint plus ThingsBoard's converter test API.

``/api/v1/integrations/http/...`` is served by :mod:`tbkit.http.endpoint` straight from the
HTTP connection (the hot path); the test API and anything else by a Tornado Application.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import tornado.web

from ..integration import Integration
from .endpoint import EndpointRouter
from .handlers import NotFoundHandler, TestDownlinkHandler, TestUplinkHandler

__all__ = ["make_app"]

_access = logging.getLogger("tbkit.access")


def _log_request(handler: tornado.web.RequestHandler) -> None:
    request = handler.request
    _access.info("%s %s %d %.1fms", request.method, request.uri, handler.get_status(), 1000.0 * request.request_time())


def make_app(
    lookup: Callable[[str], Integration | None], access_log: bool = False, js_engine: str = "remote"
) -> EndpointRouter:
    """What an HTTPServer serves; ``lookup(routing_key)`` finds an integration (None when unknown).

    Access lines go to the ``tbkit.access`` logger only when ``access_log`` is true, so they
    never spill into notebook cell output. ``js_engine`` is the engine the test endpoints
    (``/api/converter/testUpLink``...) run JS in, as a ThingsBoard server runs them in its own.
    """
    app = tornado.web.Application(
        [
            (r"/api/converter/testUpLink", TestUplinkHandler),
            (r"/api/converter/testDownLink", TestDownlinkHandler),
        ],
        default_handler_class=NotFoundHandler,
        log_function=_log_request if access_log else (lambda handler: None),
        compress_response=False,
        js_engine=js_engine,
    )
    return EndpointRouter(app, lookup, access_log)
