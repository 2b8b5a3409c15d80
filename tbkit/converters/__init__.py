"""Converters: ThingsBoard decoder and encoder scripts, run in V8."""

from __future__ import annotations

from .base import DebugSettings
from .inspection import Inspection
from .uplink import ConverterWarning, DecodeRun, UplinkConverter

__all__ = ["ConverterWarning", "DebugSettings", "DecodeRun", "Inspection", "UplinkConverter"]
