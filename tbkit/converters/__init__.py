"""Converters: ThingsBoard decoder and encoder scripts, run in V8."""

from __future__ import annotations

from .base import DebugSettings
from .uplink import ConverterWarning, DecodeRun, UplinkConverter

__all__ = ["ConverterWarning", "DebugSettings", "DecodeRun", "UplinkConverter"]
