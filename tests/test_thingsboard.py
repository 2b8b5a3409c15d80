"""ThingsBoard JSON round trip: export an integration and its converters, import them, export again."""

from __future__ import annotations

import json

from tbkit.converters import DebugSettings, UplinkConverter
from tbkit.converters.downlink import DownlinkConverter
from tbkit.integration import Integration
from tbkit.thingsboard import integration_settings, integration_to_thingsboard

ENCODER = "return {contentType: 'TEXT', data: 'on', metadata: {}};"


def export(hi: Integration) -> dict:
    """What Kit.export writes: the integration and both converters as ThingsBoard JSON."""
    return {
        "integration": integration_to_thingsboard(hi),
        "uplinkConverter": hi.uplink.to_thingsboard(),
        "downlinkConverter": hi.downlink.to_thingsboard() if hi.downlink else None,
    }


def imported(store, doc: dict) -> Integration:
    """The integration rebuilt from exported JSON, as Kit.add_integration_from_thingsboard does."""
    down = doc["downlinkConverter"]
    return Integration(
        store,
        uplink=UplinkConverter.from_thingsboard(doc["uplinkConverter"]),
        downlink=DownlinkConverter.from_thingsboard(down) if down else None,
        **integration_settings(doc["integration"]),
    )


def test_export_import_export_gives_the_same_documents(store, seed_decoder, track) -> None:
    original = track(
        Integration(
            store,
            "Greenhouse",
            UplinkConverter(seed_decoder, name="GH decoder", debug=DebugSettings(all_enabled=False)),
            DownlinkConverter(ENCODER, name="GH encoder"),
            routing_key="6f1c0000-0000-4000-8000-000000000001",
            security_headers={"X-Api-Key": "secret"},
            replace_no_content_to_ok=True,
            allow_create=False,
            metadata={"site": "A", "floor": 3},
            enabled=False,
            debug=DebugSettings(failures_enabled=True, all_enabled=True, all_enabled_until=1_900_000_000_000),
        )
    )
    first = export(original)
    again = track(imported(store, json.loads(json.dumps(first))))
    assert export(again) == first
    assert (
        again.name,
        again.routing_key,
        again.security_headers,
        again.replace_no_content_to_ok,
        again.allow_create,
        again.metadata,
        again.enabled,
        again.debug,
    ) == (
        "Greenhouse",
        "6f1c0000-0000-4000-8000-000000000001",
        {"X-Api-Key": "secret"},
        True,
        False,
        {"site": "A", "floor": 3},
        False,
        DebugSettings(failures_enabled=True, all_enabled=True, all_enabled_until=1_900_000_000_000),
    )
    assert (again.uplink.source, again.uplink.name, again.uplink.debug) == (
        seed_decoder,
        "GH decoder",
        DebugSettings(all_enabled=False),
    )
    assert again.downlink is not None and (again.downlink.source, again.downlink.name) == (ENCODER, "GH encoder")


def test_the_integration_document_names_its_converters(store, seed_decoder, track) -> None:
    hi = track(Integration(store, "HTTP", UplinkConverter(seed_decoder, name="Up"), routing_key="k1"))
    doc = integration_to_thingsboard(hi)
    assert (doc["type"], doc["defaultConverterId"], doc["downlinkConverterId"], doc["routingKey"]) == (
        "HTTP",
        {"entityType": "CONVERTER", "name": "Up"},
        None,
        "k1",
    )
    assert doc["configuration"] == {
        "baseUrl": "",
        "httpEndpoint": "",
        "enableSecurity": False,
        "headersFilter": {},
        "replaceNoContentToOk": False,
        "metadata": {},
    }
