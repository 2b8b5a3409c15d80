"""``make_app``: the Tornado application serving integrations and the converter test API."""

from __future__ import annotations

import logging
from collections.abc import Callable

import tornado.web

from ..pipeline import Integration
from .handlers import IntegrationHandler, TestDownlinkHandler, TestUplinkHandler

__all__ = ["make_app"]

_access = logging.getLogger("tbkit.access")


def _log_request(handler: tornado.web.RequestHandler) -> None:
    request = handler.request
    _access.info("%s %s %d %.1fms", request.method, request.uri, handler.get_status(),
                 1000.0 * request.request_time())


def make_app(lookup: Callable[[str], Integration | None], access_log: bool = False) -> tornado.web.Application:
    """The application; ``lookup(routing_key)`` finds an integration (None when unknown).

    Access lines go to the ``tbkit.access`` logger only when ``access_log`` is true, so they
    never spill into notebook cell output.
    """
    return tornado.web.Application(
        [
            (r"/api/v1/integrations/http/([^/]+)/?", IntegrationHandler, {"lookup": lookup}),
            (r"/api/v1/integrations/http/([^/]+)/([^/]+)/?", IntegrationHandler, {"lookup": lookup}),
            (r"/api/converter/testUpLink", TestUplinkHandler),
            (r"/api/converter/testDownLink", TestDownlinkHandler),
        ],
        log_function=_log_request if access_log else (lambda handler: None),
        compress_response=False,
    )
