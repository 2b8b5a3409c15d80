"""The device simulator sends real uplinks, applies downlinks and stops by itself."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tbkit
from tbkit.simulator import SimDevice, encode_body

DECODER = (
    "var data = decodeToJson(payload); if (data.data) data = data.data;\n"
    "return {deviceName: data.deviceName, deviceType: data.deviceType,\n"
    "        attributes: {model: data.model, firmware: data.firmware}, telemetry: {temperature: data.temperature}};"
)


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=str(tmp_path / "sim.db"), in_thread=True)
    yield running
    running.stop()


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "multipart/form-data", "application/x-www-form-urlencoded"]
)
def test_every_content_type_reaches_the_store(kit: tbkit.Kit, content_type: str) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER, security_headers={"X-Key": "s"})
    sim = tbkit.simulate(hi, devices=2, rate=100, count=6, content_type=content_type, progress=False).wait(30)
    assert sim.summary() == {"sent": 6, "statuses": {204: 6}, "downlinks": 0, "errors": 0}
    counts = kit.telemetry().groupby("entity").size().to_dict()
    assert counts == {"Sensor 1": 3, "Sensor 2": 3}
    assert kit.devices()["type"].tolist() == ["Temperature Sensor", "Temperature Sensor"]


def test_a_device_given_new_firmware_reports_it_next(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration(
        "HTTP", uplink=DECODER, downlink="return {contentType: 'JSON', data: JSON.stringify(msg)};"
    )
    tbkit.simulate(hi, devices=1, rate=100, count=1, progress=False).wait(30)
    kit.save_attributes("Sensor 1", {"firmware": "01052020.v1.2"})
    sim = tbkit.simulate(hi, devices=1, rate=100, count=2, progress=False).wait(30)
    assert sim.summary() == {"sent": 2, "statuses": {200: 1, 204: 1}, "downlinks": 1, "errors": 0}
    assert sim.devices[0].state == {"firmware": "01052020.v1.2", "model": "test"}
    client = kit.attributes("Sensor 1", scope="CLIENT_SCOPE")[["key", "value"]].to_dict("records")
    assert client == [{"key": "firmware", "value": "01052020.v1.2"}, {"key": "model", "value": "test"}]


def test_duration_stops_the_simulation(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER)
    sim = tbkit.simulate(hi, devices=1, rate=20, duration=0.5, progress=False).wait(30)
    assert not sim.running
    assert 1 <= sim.summary()["sent"] <= 11


def test_refused_uplinks_are_counted_by_status(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER, security_headers={"X-Key": "s"})
    assert hi.url is not None
    sim = tbkit.simulate(hi.url, devices=1, rate=100, count=3, progress=False).wait(30)
    assert sim.summary() == {"sent": 3, "statuses": {403: 3}, "downlinks": 0, "errors": 0}


def test_unreachable_endpoint_is_reported_as_errors() -> None:
    sim = tbkit.simulate("http://127.0.0.1:9/api/v1/integrations/http/x", count=2, rate=100, progress=False).wait(30)
    assert (sim.summary()["sent"], sim.summary()["errors"]) == (2, 2)


def test_bad_target_is_refused() -> None:
    with pytest.raises(ValueError, match="target must be"):
        tbkit.simulate(42)  # type: ignore[arg-type]


def test_encode_body_shapes() -> None:
    value = {"deviceName": "A b", "t": 1}
    assert encode_body(value, "application/json") == (b'{"deviceName":"A b","t":1}', "application/json")
    assert encode_body(value, "application/x-www-form-urlencoded") == (
        b"deviceName=A+b&t=1",
        "application/x-www-form-urlencoded",
    )
    body, content_type = encode_body(value, "multipart/form-data")
    boundary = content_type.split("boundary=")[1]
    assert (
        body
        == (
            f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="uplink.json"\r\n'
            f'Content-Type: application/json\r\n\r\n{{"deviceName":"A b","t":1}}\r\n--{boundary}--\r\n'
        ).encode()
    )
    assert encode_body(b"\x01", "application/octet-stream") == (b"\x01", "application/octet-stream")


def test_custom_payload_callable_gets_device_and_sequence(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration(
        "Raw", uplink="var s = decodeToString(payload).split(',');\nreturn {deviceName: s[0], telemetry: {seq: s[1]}};"
    )
    seen: list[tuple[str, int]] = []

    def payload(device: SimDevice, seq: int) -> str:
        seen.append((device.name, seq))
        return f"{device.name},{seq}"

    tbkit.simulate(
        hi, devices=["a", "b"], rate=100, count=4, content_type="text/plain", payload=payload, progress=False
    ).wait(30)
    assert seen == [("a", 0), ("b", 1), ("a", 2), ("b", 3)]
    assert kit.telemetry()[["entity", "value"]].to_dict("records") == [
        {"entity": "a", "value": 0},
        {"entity": "b", "value": 1},
        {"entity": "a", "value": 2},
        {"entity": "b", "value": 3},
    ]


def test_a_payload_that_cannot_be_built_is_that_uplinks_error_and_the_rest_are_sent(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("Raw", uplink="return {deviceName: decodeToString(payload)};")

    def payload(device: SimDevice, seq: int) -> str:
        if seq == 1:
            raise ValueError("no reading")
        return f"d{seq}"

    sim = tbkit.simulate(hi, devices=1, rate=100, count=3, content_type="text/plain", payload=payload, progress=False)
    sim.wait(30)
    assert [(s.status, s.error) for s in sim.sent] == [
        (204, None),
        (None, "payload 1: ValueError: no reading"),
        (204, None),
    ]
    assert sorted(kit.devices()["name"]) == ["d0", "d2"]


def test_cli_simulate_prints_a_summary(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER)
    assert hi.url is not None
    done = subprocess.run(
        [sys.executable, "-m", "tbkit", "simulate", hi.url, "--count", "3", "--rate", "100"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"sent": 3, "statuses": {"204": 3}, "downlinks": 0, "errors": 0}


def simulate_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbkit", "simulate", *argv], capture_output=True, text=True, timeout=120
    )


def test_cli_simulate_to_a_wrong_routing_key_fails_and_says_why(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER, routing_key="right")
    assert hi.url is not None
    wrong = hi.url.replace("/right", "/wrong")
    done = simulate_cli(wrong, "--count", "5", "--rate", "100")
    assert (done.returncode, json.loads(done.stdout)) == (
        1,
        {"sent": 5, "statuses": {"404": 5}, "downlinks": 0, "errors": 0},
    )
    assert done.stderr == (
        "tbkit simulate: none of the 5 uplinks was accepted:\n"
        "  5 uplinks answered 404: no integration with routing key 'wrong'\n"
    )


def test_cli_simulate_to_a_dead_port_fails_and_says_why() -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on: bound, never listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        done = simulate_cli(f"http://127.0.0.1:{port}/api/v1/integrations/http/x", "--count", "1", "--rate", "100")
    assert (done.returncode, json.loads(done.stdout)) == (
        1,
        {"sent": 1, "statuses": {}, "downlinks": 0, "errors": 1},
    )
    assert done.stderr == (
        "tbkit simulate: the uplink was not accepted:\n"
        f"  1 uplink not sent: connection refused by 127.0.0.1:{port} (nothing listens there: is the server running?)\n"
    )


def test_cli_simulate_with_some_refused_succeeds_and_names_them(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration(
        "HTTP", uplink=DECODER.replace("return", "if (data.deviceName == 'Sensor 2') throw new Error('no 2');\nreturn")
    )
    assert hi.url is not None
    done = simulate_cli(hi.url, "--count", "4", "--rate", "100", "--devices", "2")
    assert (done.returncode, json.loads(done.stdout)["statuses"]) == (0, {"204": 2, "400": 2})
    assert done.stderr == (
        "tbkit simulate: 2 of 4 uplinks were not accepted:\n"
        "  2 uplinks answered 400: HTTP Uplink Converter:2:42: Error: no 2\n"
    )


def test_problems_say_why_uplinks_were_not_accepted(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER, security_headers={"X-Key": "s"})
    assert hi.url is not None
    sim = tbkit.simulate(hi.url, devices=1, rate=100, count=2, progress=False).wait(30)
    assert (sim.accepted, sim.problems()) == (0, ["2 uplinks answered 403: security headers missing or wrong"])
    assert repr(sim).splitlines()[1:] == ["  2 uplinks answered 403: security headers missing or wrong"]
