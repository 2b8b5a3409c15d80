"""ThingsBoard integration JSON (spec §5): export an integration, and read one back.

>>> from tbkit.thingsboard import integration_settings
>>> integration_settings({"name": "HTTP", "routingKey": "k", "configuration": {
...     "enableSecurity": True, "headersFilter": {"X-Key": "s"}}})["security_headers"]
{'X-Key': 's'}
"""

from __future__ import annotations

from typing import Any

from .converters.base import DebugSettings
from .errors import ConfigError
from .integration import Integration
from .models import JsonObject

__all__ = ["integration_settings", "integration_to_thingsboard"]


def integration_to_thingsboard(integration: Integration) -> JsonObject:
    """The integration as ThingsBoard integration JSON (converters referenced by name)."""
    base = (integration.base_url or "").rstrip("/")
    return {
        "name": integration.name,
        "type": "HTTP",
        "enabled": integration.enabled,
        "remote": False,
        "allowCreateDevicesOrAssets": integration.allow_create,
        "edgeTemplate": False,
        "debugSettings": integration.debug.to_thingsboard(),
        "defaultConverterId": {"entityType": "CONVERTER", "name": integration.uplink.name},
        "downlinkConverterId": (
            {"entityType": "CONVERTER", "name": integration.downlink.name} if integration.downlink else None
        ),
        "routingKey": integration.routing_key,
        "secret": None,
        "configuration": {
            "baseUrl": base,
            "httpEndpoint": integration.url or "",
            "enableSecurity": bool(integration.security_headers),
            "headersFilter": dict(integration.security_headers),
            "replaceNoContentToOk": integration.replace_no_content_to_ok,
            "metadata": dict(integration.metadata),
        },
        "additionalInfo": {"description": ""},
    }


def integration_settings(doc: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for :class:`Integration` (less store and converters) from TB JSON."""
    if doc.get("type", "HTTP") != "HTTP":
        raise ConfigError(f"integration {doc.get('name')!r} has type {doc.get('type')!r}; tbkit serves HTTP only")
    if not doc.get("name"):
        raise ConfigError("the integration JSON has no name")
    config = doc.get("configuration") or {}
    secure = bool(config.get("enableSecurity"))
    headers = config.get("headersFilter") or {}
    if not isinstance(headers, dict):
        raise ConfigError("configuration.headersFilter must be an object of header name → value")
    return {
        "name": str(doc["name"]),
        "routing_key": doc.get("routingKey") or None,
        "security_headers": {str(k): str(v) for k, v in headers.items()} if secure else {},
        "replace_no_content_to_ok": bool(config.get("replaceNoContentToOk", False)),
        "allow_create": bool(doc.get("allowCreateDevicesOrAssets", True)),
        "metadata": dict(config.get("metadata") or {}),
        "enabled": bool(doc.get("enabled", True)),
        "debug": DebugSettings.from_thingsboard(doc),
    }
