"""Post to an integration from a notebook without blocking the kernel that serves it.

In a Jupyter kernel the server runs on the kernel's event loop, so a blocking HTTP call in
a cell would wait for a server that cannot run. ``await tbkit.post(...)`` lets the loop
serve the request while the cell waits.

>>> response = await tbkit.post(hi.url, b'{"deviceName": "T1"}')          # doctest: +SKIP
>>> response.status                                                        # doctest: +SKIP
204
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPRequest

__all__ = ["Response", "post"]


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


async def post(url: str, body: bytes | str | dict[str, Any] = b"", content_type: str | None = "application/json",
               headers: dict[str, str] | None = None, method: str = "POST") -> Response:
    """Send one request and return the answer (any status: errors are answers too).

    ``body`` may be bytes, text, or a dict encoded for ``content_type`` (JSON, text,
    urlencoded, or multipart with one file part named ``data``).
    """
    from .simulator import encode_body

    sent = dict(headers or {})
    data: bytes | None = None
    if method not in ("GET", "HEAD"):
        data, actual = encode_body(body, content_type or "application/octet-stream")
        if content_type is not None:
            sent["Content-Type"] = actual
    request = HTTPRequest(url, method=method, body=data, headers=sent, request_timeout=60,
                          allow_nonstandard_methods=True)
    response = await AsyncHTTPClient().fetch(request, raise_error=False)
    if response.code == 599:
        raise ConnectionError(f"{url}: {response.error}")
    return Response(response.code, response.body or b"", dict(response.headers.get_all()))
