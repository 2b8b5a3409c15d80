"""``serve --host 0.0.0.0`` prints addresses others can use, found without network traffic."""

from __future__ import annotations

import ipaddress
import signal
from collections.abc import Iterator

import pytest

import tbkit
from tbkit.cli import serving_lines
from tbkit.http import addresses
from tbkit.http.addresses import interface_addresses, shareable_hosts
from tests.http.test_cli_serve import Served

MACHINE = [
    ("lo", "127.0.0.1"),
    ("eth0", "192.0.2.2"),
    ("eth0", "fd00::2"),
    ("eth0", "fe80::fc:ff:fe00:1"),
    ("lo", "::1"),
    ("docker0", "172.17.0.1"),
    ("wlan0", "169.254.7.7"),
]


def test_wildcards_expand_to_the_machines_own_usable_addresses() -> None:
    assert shareable_hosts("0.0.0.0", MACHINE) == ["192.0.2.2", "172.17.0.1"]
    assert shareable_hosts("::", MACHINE) == ["fd00::2"]
    assert shareable_hosts("", MACHINE) == ["192.0.2.2", "172.17.0.1", "fd00::2"]
    assert shareable_hosts("10.1.2.3", MACHINE) == ["10.1.2.3"]
    assert shareable_hosts("0.0.0.0", [("lo", "127.0.0.1")]) == []


def test_this_machines_addresses_include_loopback_and_the_routed_source() -> None:
    found = interface_addresses()
    assert all(ipaddress.ip_address(address) for _, address in found)
    assert "127.0.0.1" in {address for _, address in found}
    routed = {a for _, a in addresses._portable() if not ipaddress.ip_address(a).is_loopback}
    assert routed <= {address for _, address in found}


@pytest.fixture
def kit() -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=":memory:", host="127.0.0.1", in_thread=True)
    running.add_http_integration("HTTP", uplink="return null;", routing_key="k1")
    yield running
    running.stop()


def test_serving_lines_for_a_wildcard(kit: tbkit.Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    port = kit.server.port
    monkeypatch.setattr(addresses, "interface_addresses", lambda: MACHINE)
    assert serving_lines(kit, "0.0.0.0") == [
        f"tbkit serving port {port} on all IPv4 interfaces (store :memory:)",
        f"  HTTP: http://192.0.2.2:{port}/api/v1/integrations/http/k1",
        f"  HTTP: http://172.17.0.1:{port}/api/v1/integrations/http/k1",
        f"  (HTTP from this machine: http://127.0.0.1:{port}/api/v1/integrations/http/k1)",
    ]
    assert serving_lines(kit, "::")[1:] == [
        f"  HTTP: http://[fd00::2]:{port}/api/v1/integrations/http/k1",
        f"  (HTTP from this machine: http://[::1]:{port}/api/v1/integrations/http/k1)",
    ]
    monkeypatch.setattr(addresses, "interface_addresses", lambda: [("lo", "127.0.0.1")])
    assert serving_lines(kit, "0.0.0.0") == [
        f"tbkit serving port {port} on all IPv4 interfaces (store :memory:); this machine has no address besides "
        "loopback, so other machines cannot reach it",
        f"  (HTTP from this machine: http://127.0.0.1:{port}/api/v1/integrations/http/k1)",
    ]
    assert serving_lines(kit, "127.0.0.1") == [
        f"tbkit serving http://127.0.0.1:{port} (store :memory:)",
        f"  HTTP: http://127.0.0.1:{port}/api/v1/integrations/http/k1",
    ]


def test_serve_on_all_interfaces_prints_reachable_urls(tmp_path, http_send, seed_body, any_content_decoder) -> None:
    decoder = tmp_path / "dec.js"
    decoder.write_text(any_content_decoder, "utf-8")
    served = Served(
        [
            "--uplink",
            str(decoder),
            "--db",
            str(tmp_path / "a.db"),
            "--port",
            "0",
            "--host",
            "0.0.0.0",
            "--routing-key",
            "rk",
            "--header",
            "X-Key=s",
            "--quiet",
        ],
        tmp_path,
    )
    try:
        first = served.wait_for_url()
        port = int(first["port"])
        local = f"http://127.0.0.1:{port}/api/v1/integrations/http/rk"
        assert http_send(local, seed_body, headers={"X-Key": "s"}).status == 204  # through loopback only
        served.proc.send_signal(signal.SIGTERM)
        assert served.finish() == 0
    finally:
        served.kill()
    expected = [
        f"  HTTP integration: http://{host}:{port}/api/v1/integrations/http/rk" for host in shareable_hosts("0.0.0.0")
    ]
    assert served.stdout[:-1] == [
        f"tbkit serving port {port} on all IPv4 interfaces (store {tmp_path / 'a.db'})"
        + ("" if expected else "; this machine has no address besides loopback, so other machines cannot reach it"),
        *expected,
        f"  (HTTP integration from this machine: {local})",
    ]
    assert "0.0.0.0" not in "\n".join(served.stdout)
