"""tbkit.start(js_engine=...): the kit's JS converters, saved ones and the test API target that engine."""

from __future__ import annotations

import base64
import json
import urllib.request
from pathlib import Path

import pytest

import tbkit
from tbkit import ConfigError, ConverterCompileError, UplinkConverter

SIGN = "var x = 1;\nvar s = Math.sign(-2);\nreturn {deviceName: 'd', telemetry: {s: s}};"


@pytest.fixture
def local_kit(tmp_path: Path):
    kit = tbkit.start(db=str(tmp_path / "k.db"), in_thread=True, js_engine="local")
    try:
        yield kit
    finally:
        kit.stop()


def test_scripts_and_thingsboard_json_become_converters_for_the_kits_engine(local_kit: tbkit.Kit) -> None:
    assert local_kit.js_engine == "local"
    hi = local_kit.add_http_integration("HTTP", uplink=SIGN, downlink="return {contentType: 'TEXT', data: 'x'};")
    assert (hi.uplink.js_engine, hi.downlink.js_engine if hi.downlink else None) == ("local", "local")
    run = hi.uplink.run(b"{}")
    assert run.error is not None
    assert run.error.message == "ScriptException: TypeError: Math.sign is not a function in <eval> at line number 11"
    doc = local_kit.export("HTTP")["uplinkConverter"]
    assert "jsEngine" not in json.dumps(doc)  # ThingsBoard's JSON has no such field: the server chooses
    assert isinstance(doc, dict)
    other = local_kit.add_http_integration("Other", uplink=doc)
    assert other.uplink.js_engine == "local"


def test_a_converter_object_keeps_its_own_engine(local_kit: tbkit.Kit) -> None:
    hi = local_kit.add_http_integration("HTTP", uplink=UplinkConverter(SIGN))
    assert hi.uplink.js_engine == "remote"
    assert hi.uplink.run(b"{}").output == {"deviceName": "d", "telemetry": {"s": -1}}


def test_a_script_the_local_engine_refuses_is_refused_when_added(local_kit: tbkit.Kit) -> None:
    with pytest.raises(ConverterCompileError) as info:
        local_kit.add_http_integration("HTTP", uplink="const x = 1;\nreturn {deviceName: 'd'};")
    assert (info.value.line, info.value.message.split("\n")[0]) == (
        1,
        "ScriptException: <eval>:10:2 Expected an operand but found const",
    )


def test_saved_integrations_come_back_for_the_engine_the_kit_starts_with(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    kit = tbkit.start(db=db, in_thread=True)
    try:
        kit.add_http_integration("HTTP", uplink=SIGN)
        assert kit.integrations["HTTP"].uplink.js_engine == "remote"
    finally:
        kit.stop()
    again = tbkit.start(db=db, in_thread=True, js_engine="local")
    try:
        assert again.integrations["HTTP"].uplink.js_engine == "local"
    finally:
        again.stop()


def test_the_test_api_runs_in_the_kits_engine(local_kit: tbkit.Kit) -> None:
    body = json.dumps({"payload": base64.b64encode(b"{}").decode(), "metadata": {}, "decoder": SIGN}).encode()
    request = urllib.request.Request(
        f"{local_kit.base_url}/api/converter/testUpLink?scriptLang=JS",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        doc = json.loads(answer.read())
    assert doc == {
        "output": "",
        "error": "test decoder:2: ScriptException: TypeError: Math.sign is not a function in <eval> at line number 11",
    }


def test_an_unknown_engine_is_refused_before_anything_starts(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="js_engine must be 'remote' or 'local', got 'nashorn'"):
        tbkit.start(db=str(tmp_path / "k.db"), in_thread=True, js_engine="nashorn")
    assert not (tmp_path / "k.db").exists()
