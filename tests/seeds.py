"""The seed uplink of the HTTP integration docs, in one place: the body a device posts and the
decoder that reads it. Tests import these (or take the ``seed_body``/``seed_decoder`` fixtures)."""

from __future__ import annotations

SEED_DECODER = (
    "var data = decodeToJson(payload);\n"
    "return {deviceName: data.deviceName, deviceType: data.deviceType, "
    "attributes: {model: data.model}, telemetry: {temperature: data.temperature}};"
)
SEED_BODY = b'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}'
