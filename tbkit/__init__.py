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

from ._version import __version__
from .converters import DebugSettings, Run, UplinkConverter
from .client import Response, post
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
from .frames import StoreHandle, open
from .kit import Kit, start
from .models import ConvertedData, Request
from .outcome import Outcome, Result
from .pipeline import Integration
from .routes import Routes
from .simulate import simulate
from .store import Store

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
    "DownlinkConverter",
    "Integration",
    "Kit",
    "Outcome",
    "PayloadError",
    "Request",
    "Response",
    "Result",
    "Routes",
    "Run",
    "Store",
    "StoreError",
    "StoreHandle",
    "TbkitError",
    "UplinkConverter",
    "__version__",
    "open",
    "post",
    "simulate",
    "start",
]
