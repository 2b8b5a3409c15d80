"""Post to an integration: ``await tbkit.post(...)`` in a notebook, ``tbkit.send(...)`` in a script.

In a Jupyter kernel the server runs on the kernel's event loop, so a blocking HTTP call in
a cell would wait for a server that cannot run. ``await tbkit.post(...)`` lets the loop
serve the request while the cell waits.

>>> response = await tbkit.post(hi.url, b'{"deviceName": "T1"}')          # doctest: +SKIP
>>> response.status                                                        # doctest: +SKIP
204

In a script (or any thread without a running event loop) the kit serves from its own thread,
and ``tbkit.send(...)`` blocks until the answer is there:

>>> tbkit.send(hi.url, {"deviceName": "T1"}).status                        # doctest: +SKIP
204
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from .errors import TbkitError

if TYPE_CHECKING:
    from .simulator import Body

__all__ = ["Response", "post", "send"]


@dataclass
class Response:
    """What the endpoint answered."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The body as text."""
        return self.body.decode("utf-8", "replace")

    def __repr__(self) -> str:
        content_type = self.headers.get("Content-Type", "")
        shown = f" {content_type} {self.text[:200]!r}" if self.body else ""
        return f"<Response {self.status}{shown}>"


def _encode(
    body: Body, content_type: str | None, headers: dict[str, str] | None, method: str
) -> tuple[bytes | None, dict[str, str]]:
    from .simulator import encode_body

    sent = dict(headers or {})
    data: bytes | None = None
    if method not in ("GET", "HEAD"):
        data, actual = encode_body(body, content_type or "application/octet-stream")
        if content_type is not None:
            sent["Content-Type"] = actual
    return data, sent


async def post(
    url: str,
    body: Body = b"",
    content_type: str | None = "application/json",
    headers: dict[str, str] | None = None,
    method: str = "POST",
) -> Response:
    """Send one request and return the answer (any status: errors are answers too).

    ``body`` may be bytes, text, or a dict encoded for ``content_type`` (JSON, text,
    urlencoded, or multipart with one file part named ``data``).
    """
    data, sent = _encode(body, content_type, headers, method)
    request = HTTPRequest(
        url, method=method, body=data, headers=sent, request_timeout=60, allow_nonstandard_methods=True
    )
    response = await AsyncHTTPClient().fetch(request, raise_error=False)
    if response.code == 599:
        raise ConnectionError(f"{url}: {response.error}")
    return Response(response.code, response.body or b"", dict(response.headers.get_all()))


def send(
    url: str,
    body: Body = b"",
    content_type: str | None = "application/json",
    headers: dict[str, str] | None = None,
    method: str = "POST",
    timeout: float = 60,
) -> Response:
    """Like :func:`post`, but blocking: for scripts and threads without a running event loop.

    Raises :class:`~tbkit.TbkitError` when called on a running event loop (a notebook cell): the
    kit serves on that loop, so a blocking call would wait for an answer that could never come.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise TbkitError(
            "tbkit.send() blocks, and this thread runs an event loop (a notebook cell?) that may be "
            "the one serving the request: use `await tbkit.post(...)` here"
        )
    data, sent = _encode(body, content_type, headers, method)
    request = urllib.request.Request(url, data=data, headers=sent, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Response(answer.status, answer.read(), dict(answer.headers.items()))
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.read(), dict(exc.headers.items()))
    except urllib.error.URLError as exc:
        raise ConnectionError(f"{url}: {exc.reason}") from None
