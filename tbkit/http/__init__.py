"""The HTTP adapter: Tornado application, handlers and server start/stop."""

from __future__ import annotations

from .app import make_app
from .server import RunningServer, start_server
from .status import status_for

__all__ = ["RunningServer", "make_app", "start_server", "status_for"]
