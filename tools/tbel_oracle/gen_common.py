"""What every generated program shares: its metadata."""

from __future__ import annotations

import random

__all__ = ["METADATA_KEYS", "metadata"]

METADATA_KEYS = ("deviceName", "deviceType", "fPort", "ts", "rssi", "snr", "gatewayId")


def metadata(r: random.Random) -> dict[str, str]:
    """Uplink metadata as an integration sends it (all values text)."""
    md = {"deviceName": r.choice(["dev-1", "Sensor A", "eui-70b3d5a4d4104770", "T-1000"])}
    if r.random() < 0.7:
        md["deviceType"] = r.choice(["thermometer", "default", "LW-Sensor"])
    if r.random() < 0.7:
        md["fPort"] = str(r.choice([1, 2, 5, 10, 85, 100]))
    if r.random() < 0.6:
        md["ts"] = str(r.choice([1700000000000, 1709251200123, 1690000000000 + r.randint(0, 10**9)]))
    if r.random() < 0.4:
        md["rssi"] = r.choice(["-70", "-112.5", "-90", "0"])
    return md
