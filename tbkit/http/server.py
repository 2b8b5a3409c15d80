"""Start and stop the HTTP server: on the running loop (a Jupyter kernel) or on a thread.

In a kernel, the server shares the kernel's event loop (handlers are async, converters
never block it). Outside any running loop, it runs on a loop of its own in a daemon thread.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import threading
from dataclasses import dataclass
from typing import Any

import tornado.httpserver
from tornado import httputil

__all__ = ["RunningServer", "listen", "start_server"]

HARD_BODY_LIMIT = 64 * 1024 * 1024  # the connection is closed above this; integrations answer 413 below
MAX_HEADER_SIZE = 64 * 1024  # request line + headers; larger requests are refused by Tornado


@dataclass
class RunningServer:
    """A bound, serving HTTP server."""

    host: str
    port: int
    server: tornado.httpserver.HTTPServer
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread | None = None

    def stop(self) -> None:
        """Stop listening (and end the server thread, when there is one)."""
        if self.thread is None:
            self.server.stop()
            return
        done = threading.Event()

        def _stop() -> None:
            self.server.stop()
            self.loop.stop()
            done.set()

        if self.loop.is_running():
            self.loop.call_soon_threadsafe(_stop)
            done.wait(5)
        self.thread.join(5)


def listen(host: str, port: int, backlog: int = 128) -> list[socket.socket]:
    """Non-blocking listening sockets for every address of ``host`` (one port for all when ``port`` is 0).

    As ``tornado.netutil.bind_sockets`` makes them (SO_REUSEADDR, IPv6 sockets IPv6-only, a ``localhost`` whose
    ::1 cannot be bound served on IPv4 alone), except that a failed bind closes every socket made so far before
    raising: a taken port leaves no socket for the garbage collector.
    """
    made: list[socket.socket] = []
    infos = socket.getaddrinfo(host or None, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    try:
        for af, kind, proto, _, addr in sorted(set(infos), key=lambda info: info[0]):
            sock = socket.socket(af, kind, proto)
            made.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if af == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if addr[1] == 0 and len(made) > 1:
                addr = (addr[0], made[0].getsockname()[1], *addr[2:])
            sock.setblocking(False)
            try:
                sock.bind(addr)
            except OSError as exc:
                if exc.errno != errno.EADDRNOTAVAIL or host != "localhost" or addr[0] != "::1":
                    raise
                made.pop().close()
                continue
            sock.listen(backlog)
    except BaseException:
        for sock in made:
            sock.close()
        raise
    return made


def _bind(
    app: httputil.HTTPServerConnectionDelegate, host: str, port: int
) -> tuple[tornado.httpserver.HTTPServer, int]:
    sockets = listen(host, port)
    server = tornado.httpserver.HTTPServer(
        app, max_body_size=HARD_BODY_LIMIT, max_header_size=MAX_HEADER_SIZE, idle_connection_timeout=60
    )
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])


def start_server(
    app: httputil.HTTPServerConnectionDelegate, host: str = "127.0.0.1", port: int = 0, in_thread: bool | None = None
) -> RunningServer:
    """Bind and serve; ``in_thread=None`` picks the running loop when there is one."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if in_thread is None:
        in_thread = loop is None
    if not in_thread:
        if loop is None:
            raise RuntimeError("no running event loop: use in_thread=True")
        server, bound = _bind(app, host, port)
        return RunningServer(host, bound, server, loop)
    return _start_thread(app, host, port)


def _start_thread(app: httputil.HTTPServerConnectionDelegate, host: str, port: int) -> RunningServer:
    ready: dict[str, Any] = {}
    event = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            server, bound = loop.run_until_complete(_bind_async(app, host, port))
        except BaseException as exc:
            loop.close()
            ready["error"] = exc
            event.set()
            return
        ready.update(server=server, port=bound, loop=loop)
        event.set()
        loop.run_forever()
        loop.close()

    thread = threading.Thread(target=run, name="tbkit-http", daemon=True)
    thread.start()
    event.wait(30)
    error = ready.get("error")
    if isinstance(error, BaseException):
        raise error
    return RunningServer(host, int(ready["port"]), ready["server"], ready["loop"], thread)


async def _bind_async(
    app: httputil.HTTPServerConnectionDelegate, host: str, port: int
) -> tuple[tornado.httpserver.HTTPServer, int]:
    return _bind(app, host, port)
