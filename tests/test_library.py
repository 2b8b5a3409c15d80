"""The converter-library runner (check-converters) and capture_cases, on fixtures of our own."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tbkit.cli import main
from tbkit.converters import UplinkConverter
from tbkit.errors import ConfigError
from tbkit.integration import Integration
from tbkit.library import Capture, capture_cases, check_converters, json_diff
from tbkit.library.cases import case_pairs
from tbkit.models import JsonLike, Request
from tbkit.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "library"
BROKEN = "HTTP Uplink Converter for Broken THS3"

PASSING_ROWS = [
    "pass    1/1    JS    downlink  Acme/THS1/HTTP/downlink",
    "pass    2/2    JS    uplink    Acme/THS1/HTTP/uplink",
    "pass    1/1    TBEL  downlink  Acme/THS2/HTTP/downlink",
    "pass    2/2    TBEL  uplink    Acme/THS2/HTTP/uplink",
]
BROKEN_LINES = [
    "FAIL    1/4    JS    uplink    Broken/THS3/HTTP/uplink",
    "        payload_2.json: 3 differences",
    '          attributes.firmware: expected "1.2", got "1.3"',
    "          telemetry.temperature: expected 21.5, got 21",
    "          telemetry.humidity: missing (expected 40)",
    f"        payload_3.json: error: ConverterRuntimeError: {BROKEN}:3:11: Error: no temperature in payload",
    "        payload_4.json: error: payload_4.json has no result file",
]
HEADER = "RESULT  CASES  LANG  TYPE      CONVERTER"


def _cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str]]:
    code = main(["check-converters", *map(str, args)])
    return code, capsys.readouterr().out.splitlines()


def test_cli_prints_a_table_with_diffs_and_fails_on_any_failure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, lines = _cli(capsys, FIXTURES)
    assert code == 1
    assert lines == [
        HEADER,
        *PASSING_ROWS,
        *BROKEN_LINES,
        "JS downlink: 1/1 cases passed (1/1 converters)",
        "JS uplink: 3/6 cases passed (1/2 converters)",
        "TBEL downlink: 1/1 cases passed (1/1 converters)",
        "TBEL uplink: 2/2 cases passed (1/1 converters)",
        "total: 7/10 cases passed, 4/5 converters passed",
    ]


def test_cli_exits_zero_when_every_case_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _cli(capsys, FIXTURES, "--filter", "acme")
    assert code == 0
    assert lines[:5] == [HEADER, *PASSING_ROWS]
    assert lines[-1] == "total: 6/6 cases passed, 4/4 converters passed"


def test_cli_quiet_prints_only_failures_and_totals(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _cli(capsys, FIXTURES, "--quiet", "--lang", "js", "--type", "uplink")
    assert code == 1
    assert lines == [
        *BROKEN_LINES,
        "JS uplink: 3/6 cases passed (1/2 converters)",
        "total: 3/6 cases passed, 1/2 converters passed",
    ]


def test_cli_selects_by_language_and_direction(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _cli(capsys, FIXTURES, "--lang", "TBEL", "--type", "downlink")
    assert code == 0
    assert lines == [
        HEADER,
        PASSING_ROWS[2],
        "TBEL downlink: 1/1 cases passed (1/1 converters)",
        "total: 1/1 cases passed, 1/1 converters passed",
    ]


def test_cli_exits_two_when_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _cli(capsys, FIXTURES, "--filter", "no such converter")
    assert code == 2
    assert lines == [HEADER, "total: 0/0 cases passed, 0/0 converters passed"]


def test_cli_json_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _cli(capsys, FIXTURES, "--json", "--filter", "broken")
    summary = json.loads("\n".join(lines))
    assert code == 1
    assert summary == {
        "root": str(FIXTURES),
        "ok": False,
        "passed": 1,
        "total": 4,
        "converters_total": 1,
        "converters_failed": 1,
        "groups": {"JS uplink": {"passed": 1, "total": 4, "converters": 1, "failed_converters": 1}},
        "converters": [
            {
                "path": "Broken/THS3/HTTP/uplink",
                "name": "HTTP Uplink Converter for Broken THS3",
                "type": "uplink",
                "lang": "JS",
                "ok": False,
                "passed": 1,
                "total": 4,
                "error": None,
                "cases": [
                    {
                        "payload": "payload_1.json",
                        "result": "result_1.json",
                        "status": "pass",
                        "diff": [],
                        "error": None,
                    },
                    {
                        "payload": "payload_2.json",
                        "result": "result_2.json",
                        "status": "fail",
                        "error": None,
                        "diff": [
                            'attributes.firmware: expected "1.2", got "1.3"',
                            "telemetry.temperature: expected 21.5, got 21",
                            "telemetry.humidity: missing (expected 40)",
                        ],
                    },
                    {
                        "payload": "payload_3.json",
                        "result": "result_3.json",
                        "status": "error",
                        "diff": [],
                        "error": f"ConverterRuntimeError: {BROKEN}:3:11: Error: no temperature in payload",
                    },
                    {
                        "payload": "payload_4.json",
                        "result": "result_4.json",
                        "status": "error",
                        "diff": [],
                        "error": "payload_4.json has no result file",
                    },
                ],
            }
        ],
    }


def test_report_of_the_passing_converters() -> None:
    report = check_converters(FIXTURES, filter="acme")
    assert report.ok
    assert report.groups() == {
        "JS downlink": {"passed": 1, "total": 1, "converters": 1, "failed_converters": 0},
        "JS uplink": {"passed": 2, "total": 2, "converters": 1, "failed_converters": 0},
        "TBEL downlink": {"passed": 1, "total": 1, "converters": 1, "failed_converters": 0},
        "TBEL uplink": {"passed": 2, "total": 2, "converters": 1, "failed_converters": 0},
    }
    outputs = {c.path: [case.output for case in c.cases] for c in report.converters}
    assert outputs["Acme/THS1/HTTP/downlink"] == [
        {
            "contentType": "JSON",
            "data": '{"setpoint":22,"type":"POST_TELEMETRY_REQUEST"}',
            "metadata": {"fPort": "3"},
        }
    ]
    assert outputs["Acme/THS2/HTTP/uplink"] == [
        {
            "deviceName": "B1",
            "deviceType": "THS2",
            "telemetry": {"temperature": 21.5, "battery": 3600},
        },
        {
            "deviceName": "B2",
            "deviceType": "THS2",
            "telemetry": {"temperature": 20.0, "battery": 3500},
        },
    ]


def test_a_converter_that_does_not_compile_fails_every_case(tmp_path: Path) -> None:
    folder = tmp_path / "Acme" / "X" / "HTTP" / "uplink"
    shutil.copytree(FIXTURES / "Acme" / "THS1" / "HTTP" / "uplink", folder)
    doc = json.loads((folder / "converter.json").read_text())
    doc["configuration"]["decoder"] = "return {;"
    (folder / "converter.json").write_text(json.dumps(doc))
    [conv] = check_converters(tmp_path).converters
    assert conv.error is not None and conv.error.startswith("converter cannot be loaded: ConverterCompileError")
    assert [(c.status, c.error) for c in conv.cases] == [
        ("error", conv.error.removeprefix("converter cannot be loaded: "))
    ] * 2


def test_cli_compares_json_types_unless_loose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "Acme" / "THS1" / "HTTP" / "uplink"
    shutil.copytree(FIXTURES / "Acme" / "THS1" / "HTTP" / "uplink", folder)
    result = json.loads((folder / "result_2.json").read_text())
    result["telemetry"]["values"]["temperature"] = 21.0  # the JS decoder returns 210 / 10: 21
    (folder / "result_2.json").write_text(json.dumps(result))
    code, lines = _cli(capsys, tmp_path, "--quiet")
    assert (code, lines) == (
        1,
        [
            "FAIL    1/2    JS    uplink    Acme/THS1/HTTP/uplink",
            "        payload_2.json: 1 difference",
            "          telemetry.values.temperature: expected 21.0, got 21",
            "JS uplink: 1/2 cases passed (0/1 converters)",
            "total: 1/2 cases passed, 0/1 converters passed",
        ],
    )
    code, lines = _cli(capsys, tmp_path, "--quiet", "--loose")
    assert (code, lines[-1]) == (0, "total: 2/2 cases passed, 1/1 converters passed")


def test_cli_runs_js_converters_as_either_thingsboard_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Acme" / "Modern" / "HTTP" / "uplink"
    folder.mkdir(parents=True)
    script = "var d = decodeToJson(payload);\nreturn {deviceName: d.n, telemetry: {s: Math.sign(d.t)}};"
    document = {"name": "Modern", "type": "UPLINK", "configuration": {"scriptLang": "JS", "decoder": script}}
    (folder / "converter.json").write_text(json.dumps(document))
    (folder / "metadata.json").write_text("{}")
    (folder / "payload_1.json").write_text(json.dumps({"n": "A", "t": -2}))
    (folder / "result_1.json").write_text(json.dumps({"deviceName": "A", "telemetry": {"s": -1}}))
    code, lines = _cli(capsys, tmp_path, "--quiet")
    assert (code, lines[-1]) == (0, "total: 1/1 cases passed, 1/1 converters passed")
    code, lines = _cli(capsys, tmp_path, "--quiet", "--js-engine", "local")
    assert code == 1 and lines[-1] == "total: 0/1 cases passed, 0/1 converters passed"
    # Nashorn has neither ThingsBoard's remote helpers nor Math.sign: the local engine's error
    assert any('ScriptException: ReferenceError: "decodeToJson" is not defined' in line for line in lines)


def test_missing_metadata_fails_the_folder(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "Acme" / "THS1" / "HTTP" / "downlink", tmp_path / "downlink")
    (tmp_path / "downlink" / "metadata.json").unlink()
    [conv] = check_converters(tmp_path).converters
    assert (conv.ok, conv.error, [c.status for c in conv.cases]) == (
        False,
        "metadata.json cannot be read: No such file or directory",
        ["error"],
    )


def test_case_pairs_follow_the_validator_naming(tmp_path: Path) -> None:
    for name in (
        "payload.json",
        "result.json",
        "payload_01.json",
        "result_01.json",
        "payload_10.json",
        "result_10.json",
        "payload_2.json",
        "result_3.json",
        "notes.json",
    ):
        (tmp_path / name).write_text("{}")
    assert case_pairs(tmp_path) == [
        ("payload.json", "result.json"),
        ("payload_01.json", "result_01.json"),
        ("payload_2.json", None),
        (None, "result_3.json"),
        ("payload_10.json", "result_10.json"),
    ]


def test_json_diff_compares_json_types_and_lists_in_order() -> None:
    assert json_diff({"a": [1, 2.0], "b": {"c": True}}, {"b": {"c": 1}, "a": [1.0, 2]}) == [
        "a[0]: expected 1, got 1.0",
        "a[1]: expected 2.0, got 2",
        "b.c: expected true, got 1",
    ]
    assert json_diff({"a": [1, 2.0], "b": {"c": True}}, {"b": {"c": True}, "a": [1, 2.0]}) == []
    assert json_diff([1, 2, 3], [1, 3]) == [
        "(whole result): expected 3 items, got 2",
        "[1]: expected 2, got 3",
        "[2]: missing (expected 3)",
    ]
    assert json_diff({"odd key": None}, {"odd key": "x"}) == ['["odd key"]: expected null, got "x"']
    assert json_diff({"a": 1}, [1]) == ['(whole result): expected {"a":1}, got [1]']


def test_json_diff_loose_compares_numbers_by_value() -> None:
    loose: tuple[JsonLike, JsonLike] = {"a": [1, 2.0], "b": {"c": True}}, {"b": {"c": 1}, "a": [1.0, 2]}
    assert json_diff(*loose, loose=True) == []
    assert json_diff({"a": 1}, {"a": 1.5}, loose=True) == ["a: expected 1, got 1.5"]


# -- capture_cases -----------------------------------------------------------------------------

DECODER = (
    "var d = decodeToJson(payload);\n"
    "return {deviceName: d.n, telemetry: {t: d.t, site: metadata['Header:x-site'] || null}};"
)


@pytest.fixture
def integration(store: Store) -> Iterator[Integration]:
    hi = Integration(store, "demo", UplinkConverter(DECODER, name="Demo decoder"))
    yield hi
    hi.close()


def _post(hi: Integration, body: bytes, content_type: str = "application/json", site: str = "A") -> None:
    outcome = hi.process(Request(body, content_type, headers=(("X-Site", site),)))
    assert outcome.result.value == "processed"


def capture_from(hi: Integration, folder: Path, n: int = 10) -> Capture:
    """capture_cases with the integration's store, uplink converter and name."""
    return capture_cases(hi.store, hi.uplink, folder, n, integration=hi.name)


def test_capture_cases_round_trip(integration: Integration, tmp_path: Path) -> None:
    for t in (1, 2, 3):
        _post(integration, b'{"n": "T1", "t": %d}' % t)
    _post(integration, b'{"n":"T2","t":9.5}', "application/octet-stream")  # BINARY holding JSON
    capture = capture_from(integration, tmp_path / "Mine", n=3)
    folder = tmp_path / "Mine" / "uplink"
    assert (capture.folder, capture.cases, capture.skipped) == (
        folder,
        ["payload_1.json", "payload_2.json", "payload_3.json"],
        [],
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        "converter.json",
        "metadata.json",
        "payload_1.json",
        "payload_2.json",
        "payload_3.json",
        "result_1.json",
        "result_2.json",
        "result_3.json",
    ]
    assert json.loads((folder / "metadata.json").read_text()) == {
        "Header:x-site": "A",
        "integrationName": "demo",
    }
    assert json.loads((folder / "payload_1.json").read_text()) == {"n": "T1", "t": 2}
    assert json.loads((folder / "payload_3.json").read_text()) == {"n": "T2", "t": 9.5}
    assert json.loads((folder / "result_3.json").read_text()) == {
        "deviceName": "T2",
        "telemetry": {"t": 9.5, "site": "A"},
    }
    assert json.loads((folder / "converter.json").read_text())["configuration"]["decoder"] == DECODER
    report = check_converters(tmp_path)
    assert (report.ok, report.passed, report.total) == (True, 3, 3)


def test_capture_cases_skips_what_the_layout_cannot_replay(integration: Integration, tmp_path: Path) -> None:
    _post(integration, b'{"n": "T1", "t": 1}', site="B")  # other metadata than the newest uplink
    _post(integration, b'{"n": "T1", "t": 2}')
    _post(integration, b'{"n": "T1", "t": 2}')  # the same payload again: kept once
    capture = capture_from(integration, tmp_path / "uplink", n=5)
    assert capture.folder == tmp_path / "uplink"
    assert capture.cases == ["payload_1.json"]
    assert len(capture.skipped) == 1 and capture.skipped[0].endswith(
        "replayed with metadata.json and the payload as json.dumps(document) its output differs "
        "(the decoder reads per-request metadata, the exact body bytes or the clock)"
    )
    assert check_converters(tmp_path).ok


def test_capture_cases_skips_text_that_is_not_json(store: Store, tmp_path: Path) -> None:
    conv = UplinkConverter("return {deviceName: 'T', telemetry: {n: payload.length}};", name="Text decoder")
    hi = Integration(store, "text", conv)
    try:
        _post(hi, b"hello", "text/plain")
        with pytest.raises(ConfigError, match="the text payload is not a JSON document"):
            capture_from(hi, tmp_path, n=2)
    finally:
        hi.close()


def test_capture_cases_needs_recorded_uplinks(integration: Integration, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no recorded uplink of integration 'demo'"):
        capture_from(integration, tmp_path)


def test_kit_capture_cases_uses_the_integrations_store_and_converter(tmp_path: Path) -> None:
    import tbkit

    kit = tbkit.start(db=":memory:", in_thread=True)
    try:
        hi = kit.add_http_integration("demo", uplink=UplinkConverter(DECODER, name="Demo decoder"))
        for t in (1, 2):
            _post(hi, b'{"n": "T1", "t": %d}' % t)
        capture = kit.capture_cases("demo", tmp_path, n=5)
    finally:
        kit.stop()
    assert (capture.folder, capture.cases, capture.skipped) == (
        tmp_path / "uplink",
        ["payload_1.json", "payload_2.json"],
        [],
    )
    assert json.loads((tmp_path / "uplink" / "converter.json").read_text())["name"] == "Demo decoder"
    assert check_converters(tmp_path).ok
