"""tbkit: prototype ThingsBoard HTTP Integrations in a Jupyter notebook.

Converters run in V8 exactly as ThingsBoard wraps them, the integration endpoint runs in
the kernel, and devices, attributes, telemetry and debug events land in SQLite, read back
as pandas DataFrames.

>>> import tbkit
>>> conv = tbkit.UplinkConverter("return {deviceName: 'T1', telemetry: {t: 1}};")
>>> conv.test(b"")
{'deviceName': 'T1', 'telemetry': {'t': 1}}
>>> conv.close()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .converters import DebugSettings, DecodeRun, Inspection, UplinkConverter
from .converters.assist import Diagnostic
from .converters.assist.helptext import print_help as help
from .converters.downlink import DownlinkConverter
from .errors import (
    ConfigError,
    ConverterCompileError,
    ConverterError,
    ConverterMemoryError,
    ConverterOutputError,
    ConverterRuntimeError,
    ConverterTimeoutError,
    CreationForbiddenError,
    PayloadError,
    StoreError,
    TbkitError,
)
from .integration import Integration, Outcome, OutcomeKind, Routes
from .models import ConvertedData, Request
from .store import Store

if TYPE_CHECKING:
    from .client import Response, post, send
    from .frames import StoreHandle, open
    from .kit import Kit, start
    from .simulator import simulate

# Adapters (Tornado, pandas) load on first use, so `import tbkit.integration` stays core-only.
_LAZY = {
    "Kit": "kit",
    "start": "kit",
    "StoreHandle": "frames",
    "open": "frames",
    "Response": "client",
    "post": "client",
    "send": "client",
    "simulate": "simulator",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tbkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ConfigError",
    "ConvertedData",
    "ConverterCompileError",
    "ConverterError",
    "ConverterMemoryError",
    "ConverterOutputError",
    "ConverterRuntimeError",
    "ConverterTimeoutError",
    "CreationForbiddenError",
    "DebugSettings",
    "DecodeRun",
    "Diagnostic",
    "DownlinkConverter",
    "Inspection",
    "Integration",
    "Kit",
    "Outcome",
    "OutcomeKind",
    "PayloadError",
    "Request",
    "Response",
    "Routes",
    "Store",
    "StoreError",
    "StoreHandle",
    "TbkitError",
    "UplinkConverter",
    "__version__",
    "help",
    "open",
    "post",
    "send",
    "simulate",
    "start",
]
