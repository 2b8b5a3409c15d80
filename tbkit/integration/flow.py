"""A request's steps written once, I/O-free, and the two drivers that run them.

A flow is a generator: it yields each effect it needs (a converter call, a write job) and gets
its result back, or the exception it raised thrown in at the ``yield``. :func:`run_flow` performs
the effects blocking (``Integration.process``: notebooks, tests), :func:`run_flow_async` without
blocking the running loop (``Integration.handle``: the HTTP server). Both run the same steps,
so the two entry points cannot drift apart.

>>> def flow():
...     run = yield Decode(converter, b'{"n": 1}', {})
...     return run.output
>>> from tbkit.converters import UplinkConverter
>>> from tbkit.store import Store
>>> converter, store = UplinkConverter("return decodeToJson(payload);"), Store(":memory:")
>>> run_flow(flow(), store)
{'n': 1}
>>> converter.close(); store.close()
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, assert_never

from ..models import JsonLike
from ..store import Store
from ..store.changes import WriteContext

if TYPE_CHECKING:
    from ..converters.downlink import DownlinkConverter
    from ..converters.uplink import UplinkConverter

__all__ = ["Decode", "Effect", "Encode", "Flow", "Write", "run_flow", "run_flow_async"]

T = TypeVar("T")


class Decode(NamedTuple):
    """Run the uplink converter on one payload: gives its :class:`~tbkit.converters.DecodeRun`."""

    converter: UplinkConverter
    payload: bytes
    metadata: dict[str, str]


class Write(NamedTuple):
    """Run a write job and wait for its commit: gives the job's result (or throws its exception)."""

    job: Callable[[sqlite3.Connection, WriteContext], object]


class Encode(NamedTuple):
    """Run the downlink converter on prepared items: gives one ``EncodeRun`` per item."""

    converter: DownlinkConverter
    items: Sequence[Sequence[JsonLike]]


Effect = Decode | Write | Encode
Flow = Generator[Effect, Any, T]
"""Steps yielding effects; what each gets back depends on the effect (a DecodeRun, a job's result …)."""


def run_flow(flow: Flow[T], store: Store) -> T:
    """Run ``flow`` blocking the calling thread."""
    result: object = None
    error: BaseException | None = None
    while True:
        try:
            effect = flow.send(result) if error is None else flow.throw(error)
        except StopIteration as done:
            value: T = done.value
            return value
        result, error = None, None
        try:
            match effect:
                case Decode(converter, payload, metadata):
                    result = converter.run(payload, metadata, engine_check=False)
                case Write(job):
                    result = store.call(job)
                case Encode(converter, items):
                    result = converter.run_many(items, engine_check=False)
                case _:
                    assert_never(effect)
        except Exception as exc:  # thrown into the flow at its yield: it decides
            error = exc


async def run_flow_async(flow: Flow[T], store: Store) -> T:
    """Run ``flow`` on the running loop, awaiting each effect."""
    result: object = None
    error: BaseException | None = None
    while True:
        try:
            effect = flow.send(result) if error is None else flow.throw(error)
        except StopIteration as done:
            value: T = done.value
            return value
        result, error = None, None
        try:
            match effect:
                case Decode(converter, payload, metadata):
                    result = await converter.run_async(payload, metadata, engine_check=False)
                case Write(job):
                    result = await store.submit_async(job)
                case Encode(converter, items):
                    result = await converter.run_many_async(items, engine_check=False)
                case _:
                    assert_never(effect)
        except Exception as exc:
            error = exc
