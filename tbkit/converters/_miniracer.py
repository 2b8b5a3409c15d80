"""The one place tbkit imports mini-racer, its private names included.

tbkit binds every V8 context to its own engine loop, which needs mini-racer's private
``_make_context(loop)``; mini-racer's public API only binds a context to the caller's loop
or to a loop on a new thread. Private names can change in any release, so the supported
releases are pinned here and in ``pyproject.toml`` (``mini-racer>=0.14,<0.15``), and
``tests/converters/test_miniracer_shim.py`` checks that the installed release is one of them
and that every name below still exists.

>>> from tbkit.converters._miniracer import SUPPORTED_VERSIONS, installed_version
>>> installed_version().startswith(SUPPORTED_VERSIONS)
True
"""

from __future__ import annotations

import asyncio
from contextlib import AbstractContextManager
from importlib.metadata import version

from py_mini_racer import (
    JSEvalException,
    JSMappedObject,
    JSOOMException,
    JSParseException,
    JSTimeoutException,
    MiniRacer,
    init_mini_racer,
)
from py_mini_racer._context import Context
from py_mini_racer._mini_racer import _make_context

__all__ = [
    "PRIVATE_NAMES",
    "SUPPORTED_VERSIONS",
    "JSEvalException",
    "JSMappedObject",
    "JSOOMException",
    "JSParseException",
    "JSTimeoutException",
    "MiniRacer",
    "init_v8",
    "installed_version",
    "loop_bound_context",
]

#: mini-racer release prefixes this shim is written for (``0.14.x``).
SUPPORTED_VERSIONS: tuple[str, ...] = ("0.14.",)

#: The private names the shim uses, by module: what a new mini-racer release must still have.
PRIVATE_NAMES: dict[str, tuple[str, ...]] = {
    "py_mini_racer._mini_racer": ("_make_context",),
    "py_mini_racer._context": ("Context",),
}


def installed_version() -> str:
    """The installed mini-racer's version, e.g. ``"0.14.1"``."""
    return version("mini-racer")


def init_v8() -> None:
    """Initialise V8 once per process (a second call does nothing)."""
    init_mini_racer(ignore_duplicate_init=True)


def loop_bound_context(loop: asyncio.AbstractEventLoop) -> AbstractContextManager[Context]:
    """A new V8 context whose calls run on ``loop``; freed when the context manager exits."""
    manager: AbstractContextManager[Context] = _make_context(loop)
    return manager
