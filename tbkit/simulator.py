"""A device simulator: real HTTP uplinks at a steady rate, downlinks applied.

>>> sim = simulate(integration, devices=3, rate=5, count=30)        # doctest: +SKIP
>>> sim.wait().summary()                                            # doctest: +SKIP
{'sent': 30, 'statuses': {204: 29, 200: 1}, 'downlinks': 1, 'errors': 0}

Each simulated device keeps a ``state`` dict (e.g. ``firmware``); a JSON object received in
a response (a downlink) is merged into it, so a device given new firmware reports it in its
next uplink. The simulator runs on a background thread and stops by itself after
``duration`` seconds or ``count`` uplinks.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict
from urllib.parse import urlencode, urlsplit

from .models import JsonObject, JsonValue
from .plain import plain

if TYPE_CHECKING:
    from ._inputs import Subcommands
    from .integration import Integration

__all__ = ["SimDevice", "Simulation", "encode_body", "simulate"]


Body = bytes | str | Mapping[str, object]
"""A payload: bytes or text as they are, a mapping as JSON (or form fields, by content type)."""


class Summary(TypedDict):
    """What a simulation sent and what came back (:meth:`Simulation.summary`)."""

    sent: int
    statuses: dict[int, int]  # HTTP status: how many answers had it
    downlinks: int
    errors: int


@dataclass
class SimDevice:
    """One simulated device: its name, type and state (merged with received downlinks)."""

    name: str
    type: str = "Temperature Sensor"
    state: dict[str, JsonValue] = field(default_factory=lambda: {"firmware": "01052020.v1.1", "model": "test"})
    temperature: float = field(default_factory=lambda: round(random.uniform(18, 26), 1))


@dataclass
class Sent:
    """One uplink the simulator sent and what came back."""

    ts: float
    device: str
    status: int | None
    body: bytes = b""
    error: str | None = None


def default_payload(device: SimDevice, seq: int) -> JsonObject:
    """The seed's uplink, with a drifting temperature and the device's state."""
    device.temperature = round(device.temperature + random.uniform(-0.5, 0.5), 1)
    return {"deviceName": device.name, "deviceType": device.type, "temperature": device.temperature, **device.state}


def encode_body(value: Body, content_type: str) -> tuple[bytes, str]:
    """A payload (bytes, text or a dict) as a request body and its Content-Type header."""
    if isinstance(value, bytes):
        return value, content_type
    if isinstance(value, str):
        return value.encode("utf-8"), content_type
    fields = plain(value, "body")  # numpy and pandas values (df.t.max()) as Python ones
    if content_type == "application/x-www-form-urlencoded":
        return urlencode(dict(fields)).encode("ascii"), content_type
    text = json.dumps(fields, separators=(",", ":"))
    if content_type == "multipart/form-data":
        boundary = uuid.uuid4().hex
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="uplink.json"\r\n'
            f"Content-Type: application/json\r\n\r\n{text}\r\n--{boundary}--\r\n"
        ).encode()
        return body, f"multipart/form-data; boundary={boundary}"
    return text.encode("utf-8"), content_type


class Simulation:
    """A running (or finished) simulation; see :func:`simulate`."""

    def __init__(
        self,
        url: str,
        devices: list[SimDevice],
        rate: float,
        duration: float | None,
        count: int | None,
        content_type: str,
        payload: Callable[[SimDevice, int], Body],
        headers: dict[str, str],
        progress: bool,
    ) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate!r}")
        self.url, self.devices, self.rate = url, devices, rate
        self.duration, self.count = duration, count
        self.content_type, self.payload, self.headers = content_type, payload, headers
        self.sent: list[Sent] = []
        self._stop = threading.Event()
        self._progress = progress
        self._thread = threading.Thread(target=self._run, name="tbkit-simulate", daemon=True)

    def start(self) -> Simulation:
        """Start sending on a background thread."""
        self._thread.start()
        return self

    def stop(self) -> Simulation:
        """Stop early and wait for the thread."""
        self._stop.set()
        return self.wait()

    def wait(self, timeout: float | None = None) -> Simulation:
        """Wait until the simulation ends by itself (in a notebook whose kernel serves the
        endpoint, use ``await sim`` instead: a blocking wait would stall that server)."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return self

    def __await__(self) -> Any:
        """``await sim`` in a notebook: wait without blocking the kernel that serves the uplinks."""
        return self._wait_async().__await__()

    async def _wait_async(self) -> Simulation:
        import asyncio

        while self._thread.is_alive():
            await asyncio.sleep(0.05)
        return self

    @property
    def running(self) -> bool:
        """True while uplinks are being sent."""
        return self._thread.is_alive()

    def summary(self) -> Summary:
        """What was sent and what came back: counts by status, downlinks, connection errors."""
        statuses = Counter(s.status for s in self.sent if s.status is not None)
        return {
            "sent": len(self.sent),
            "statuses": dict(sorted(statuses.items())),
            "downlinks": sum(1 for s in self.sent if s.status == 200 and s.body),
            "errors": sum(1 for s in self.sent if s.error is not None),
        }

    @property
    def accepted(self) -> int:
        """Uplinks the endpoint accepted (a 2xx answer)."""
        return sum(1 for s in self.sent if s.status is not None and 200 <= s.status < 300)

    def problems(self) -> list[str]:
        """Why uplinks were not accepted, one line per reason with how many it hit (empty when all were).

        A refused uplink gives its status and the server's message (``404: no integration with
        routing key 'x'``); one that could not be sent gives the connection error.
        """
        reasons = Counter(_reason(s, self.url) for s in self.sent if s.error is not None or not _ok(s.status))
        return [f"{_uplinks(n)} {reason}" for reason, n in reasons.items()]

    def _limit(self) -> int | None:
        if self.count is None and self.duration is None:
            return 100
        return self.count

    def _run(self) -> None:
        parts = urlsplit(self.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30)
        bar = self._bar()
        start, limit, seq = time.monotonic(), self._limit(), 0
        try:
            while not self._stop.is_set():
                if limit is not None and seq >= limit:
                    break
                if self.duration is not None and time.monotonic() - start >= self.duration:
                    break
                device = self.devices[seq % len(self.devices)]
                self.sent.append(self._send(conn, path, device, seq))
                seq += 1
                if bar is not None:
                    bar.update(1)
                delay = start + seq / self.rate - time.monotonic()
                if delay > 0:
                    self._stop.wait(delay)
        finally:
            conn.close()
            if bar is not None:
                bar.close()

    def _send(self, conn: http.client.HTTPConnection, path: str, device: SimDevice, seq: int) -> Sent:
        try:
            body, content_type = encode_body(self.payload(device, seq), self.content_type)
        except Exception as exc:  # one payload that cannot be built is that uplink's error, not the end
            return Sent(time.time(), device.name, None, error=f"payload {seq}: {type(exc).__name__}: {exc}")
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": content_type, **self.headers})
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            return Sent(time.time(), device.name, None, error=f"{type(exc).__name__}: {exc}")
        if response.status == 200 and data:
            self._apply(device, data)
        return Sent(time.time(), device.name, response.status, data)

    @staticmethod
    def _apply(device: SimDevice, data: bytes) -> None:
        try:
            update = json.loads(data)
        except ValueError:
            return
        if isinstance(update, dict):
            device.state.update(update)

    def _bar(self) -> Any:
        if not self._progress:
            return None
        try:
            from tqdm.auto import tqdm
        except ImportError:
            return None
        total = self._limit() or (int(self.duration * self.rate) if self.duration else None)
        return tqdm(total=total, desc="uplinks", unit="req")

    def __repr__(self) -> str:
        state = "running" if self.running else "done"
        return "\n".join([f"<Simulation {state} {self.summary()}>", *(f"  {p}" for p in self.problems())])


def _ok(status: int | None) -> bool:
    return status is not None and 200 <= status < 300


def _uplinks(n: int) -> str:
    return f"{n} uplink" if n == 1 else f"{n} uplinks"


def _reason(sent: Sent, url: str) -> str:
    """Why one uplink was not accepted: the status and the server's message, or the connection error."""
    if sent.error is not None:
        if sent.error.startswith("ConnectionRefusedError"):
            where = urlsplit(url).netloc
            return f"not sent: connection refused by {where} (nothing listens there: is the server running?)"
        return f"not sent: {sent.error}"
    try:
        message = json.loads(sent.body).get("message")
    except (ValueError, AttributeError):
        message = None
    text = message if isinstance(message, str) else sent.body.decode("utf-8", "replace").strip()
    return f"answered {sent.status}" + (f": {text[:200]}" if text else "")


def simulate(
    target: Integration | str,
    devices: int | list[str] = 3,
    rate: float = 2.0,
    duration: float | None = None,
    count: int | None = None,
    content_type: str = "application/json",
    payload: Callable[[SimDevice, int], Body] | None = None,
    headers: dict[str, str] | None = None,
    progress: bool = True,
    device_type: str = "Temperature Sensor",
) -> Simulation:
    """Send real HTTP uplinks to an integration (or a URL) in the background.

    Parameters
    ----------
    target:
        An :class:`~tbkit.Integration` (its security headers are sent) or an endpoint URL.
    devices:
        How many devices ("Sensor 1" ...) or their names.
    rate:
        Uplinks per second, all devices together, at a steady pace.
    duration, count:
        Stop after this many seconds or uplinks (100 uplinks when neither is given).
    content_type:
        ``application/json``, ``text/plain``, ``application/x-www-form-urlencoded``,
        ``multipart/form-data`` (one file part named ``data``) or ``application/octet-stream``.
    payload:
        ``payload(device, seq)`` → a dict, text or bytes; by default the seed's JSON uplink.
    """
    url = getattr(target, "url", target)
    if not isinstance(url, str) or not url.startswith("http"):
        raise ValueError(f"target must be an integration with a URL or an http:// URL, got {target!r}")
    sent_headers = dict(getattr(target, "security_headers", {}) or {})
    sent_headers.update(headers or {})
    names = [f"Sensor {i + 1}" for i in range(devices)] if isinstance(devices, int) else list(devices)
    fleet = [SimDevice(name, device_type) for name in names]
    sim = Simulation(
        url, fleet, rate, duration, count, content_type, payload or default_payload, sent_headers, progress
    )
    return sim.start()


def add_parser(sub: Subcommands) -> None:
    """``python -m tbkit simulate URL ...``."""
    p = sub.add_parser(
        "simulate",
        help="send simulated device uplinks to an endpoint",
        description="Send the seed's uplink from simulated devices at a steady rate, apply downlinks.",
    )
    p.add_argument("url", help="the integration's endpoint URL")
    p.add_argument("--devices", type=int, default=3, help="number of devices (default 3)")
    p.add_argument("--rate", type=float, default=2.0, help="uplinks per second (default 2)")
    p.add_argument("--count", type=int, help="stop after this many uplinks")
    p.add_argument("--duration", type=float, help="stop after this many seconds")
    p.add_argument("--content-type", default="application/json", help="request content type (default JSON)")
    p.add_argument("--header", action="append", default=[], metavar="NAME=VALUE", help="extra request header")
    p.set_defaults(run=_run_cli)


def _run_cli(args: argparse.Namespace) -> int:
    """Simulate, print the summary; exit 1 when no uplink was accepted or some could not be sent."""
    import sys

    headers = dict(h.split("=", 1) for h in args.header)
    sim = simulate(
        args.url,
        devices=args.devices,
        rate=args.rate,
        duration=args.duration,
        count=args.count,
        content_type=args.content_type,
        headers=headers,
        progress=False,
    )
    try:
        sim.wait()
    except KeyboardInterrupt:
        sim.stop()
    summary = sim.summary()
    print(json.dumps(summary))
    failed = summary["sent"] - sim.accepted
    if failed:
        if sim.accepted:
            head = f"{failed} of {_uplinks(summary['sent'])} were not accepted"
        else:
            head = "the uplink was not accepted" if failed == 1 else f"none of the {failed} uplinks was accepted"
        print("\n  ".join([f"tbkit simulate: {head}:", *sim.problems()]), file=sys.stderr)
    return 1 if (summary["sent"] and not sim.accepted) or summary["errors"] else 0
