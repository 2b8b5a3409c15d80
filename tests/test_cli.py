"""``python -m tbkit``: input errors are one line naming the file (and line:column), exit status 2, no traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tbkit
from tbkit.cli import main

GOOD = "return {deviceName: 'A', telemetry: {t: 1}};"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.js").write_text(GOOD)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err


def test_version_is_the_package_version() -> None:
    done = subprocess.run([sys.executable, "-m", "tbkit", "--version"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"tbkit {tbkit.__version__}\n", "")


def test_a_missing_converter_file_is_named(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "serve", "--uplink", "missing.js", "--db", ":memory:") == (
        2,
        "tbkit: --uplink missing.js: no such file\n",
    )


def test_a_missing_downlink_file_is_named(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "serve", "--uplink", "ok.js", "--downlink", "enc.js", "--db", ":memory:") == (
        2,
        "tbkit: --downlink enc.js: no such file\n",
    )


def test_a_decoder_that_does_not_compile_names_file_line_and_column(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "bad.js").write_text("var x = 1;\nreturn {deviceName: x,,};\n")
    assert run(capsys, "serve", "--uplink", "bad.js", "--db", ":memory:") == (
        2,
        "tbkit: --uplink bad.js:2:23: SyntaxError: Unexpected token ','\n",
    )


def test_a_tbel_decoder_that_does_not_compile_names_file_line_and_column(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "bad.tbel").write_text("var a = 1;\nvar x = 1 +;\n")
    status, err = run(capsys, "serve", "--uplink", "bad.tbel", "--db", ":memory:")
    assert (status, err.startswith("tbkit: --uplink bad.tbel:2:"), err.count("\n")) == (2, True, 1)


def test_a_converter_json_whose_script_does_not_compile(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "conv.json").write_text(
        '{"name": "C", "type": "UPLINK", "configuration": {"scriptLang": "JS", "decoder": "return {;"}}'
    )
    assert run(capsys, "serve", "--uplink", "conv.json", "--db", ":memory:") == (
        2,
        "tbkit: --uplink conv.json (its script):1:9: SyntaxError: Unexpected token ';'\n",
    )


def test_config_with_bad_json_names_line_and_column(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "integration.json").write_text('{\n  "name": "x",,\n}')
    assert run(capsys, "serve", "--config", "integration.json", "--db", ":memory:") == (
        2,
        "tbkit: --config integration.json:2:15: invalid JSON: Expecting property name enclosed in double quotes\n",
    )


def test_config_with_an_unknown_integration_type(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "mqtt.json").write_text('{"integration": {"name": "M", "type": "MQTT"}}')
    assert run(capsys, "serve", "--config", "mqtt.json", "--uplink", "ok.js", "--db", ":memory:") == (
        2,
        "tbkit: --config mqtt.json: integration 'M' has type 'MQTT'; tbkit serves HTTP only\n",
    )


def test_config_without_an_uplink_converter(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "bare.json").write_text('{"name": "B", "type": "HTTP"}')
    assert run(capsys, "serve", "--config", "bare.json", "--db", ":memory:") == (
        2,
        "tbkit: --config bare.json: no uplinkConverter in it; pass --uplink\n",
    )


def test_a_header_without_equals_sign(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--uplink", "ok.js", "--header", "X-Api-Key"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "python -m tbkit serve: error: argument --header: expected NAME=VALUE, "
        "got 'X-Api-Key' (see python -m tbkit serve --help)\n"
    )


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_a_port_already_in_use(folder: Path, capsys: pytest.CaptureFixture[str], taken_port: int) -> None:
    assert run(capsys, "serve", "--uplink", "ok.js", "--db", ":memory:", "--port", str(taken_port)) == (
        2,
        f"tbkit: cannot serve on 127.0.0.1:{taken_port}: the port is already in use "
        "(pass another --port, or --port 0 for a free one)\n",
    )


def test_nothing_to_serve(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "serve", "--db", "empty.db", "--port", "0") == (
        2,
        "tbkit: nothing to serve: pass --uplink decoder.js or --config integration.json "
        "(the store empty.db has no saved integration)\n",
    )


def test_input_errors_come_before_the_store_is_touched(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "serve", "--uplink", "missing.js", "--db", "untouched.db")[0] == 2
    assert not (folder / "untouched.db").exists()


@pytest.mark.parametrize(
    ("port", "message"),
    [
        ("99999", "a port is 0 to 65535 (0 picks a free one), got 99999"),
        ("65536", "a port is 0 to 65535 (0 picks a free one), got 65536"),
        ("-5", "a port is 0 to 65535 (0 picks a free one), got -5"),
        ("80a", "expected a port number, got '80a'"),
    ],
)
def test_an_impossible_port_is_a_range_error(
    folder: Path, capsys: pytest.CaptureFixture[str], port: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--uplink", "ok.js", "--db", "never.db", "--port", port])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        f"python -m tbkit serve: error: argument --port: {message} (see python -m tbkit serve --help)\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["ok.js"]


def test_start_refuses_an_impossible_port() -> None:
    with pytest.raises(ValueError, match=r"^port must be 0 to 65535 \(0 picks a free one\), got 70000$"):
        tbkit.start(db=":memory:", port=70000)


def test_a_payload_given_as_the_converter_is_named_as_one(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "uplink.json").write_text('{"deviceName": "T1", "deviceType": "T", "temperature": 33, "model": "m"}')
    assert run(capsys, "serve", "--uplink", "uplink.json", "--db", "tbkit.db", "--port", "0") == (
        2,
        "tbkit: --uplink uplink.json: not a converter (its keys are deviceName, deviceType, temperature, model: "
        "a payload to post to the endpoint?); pass a script (.js, .tbel) or ThingsBoard converter JSON, which has "
        'a "configuration" object holding the script\n',
    )
    assert sorted(p.name for p in folder.iterdir()) == ["ok.js", "uplink.json"]


def test_an_integration_export_given_as_the_converter_points_to_config(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "export.json").write_text('{"integration": {}, "uplinkConverter": {}}')
    assert run(capsys, "serve", "--uplink", "export.json", "--db", ":memory:") == (
        2,
        "tbkit: --uplink export.json: an integration export, not a converter: pass it as --config export.json\n",
    )


def test_a_refused_serve_leaves_no_store_or_lock_file(
    folder: Path, capsys: pytest.CaptureFixture[str], taken_port: int
) -> None:
    assert run(capsys, "serve", "--db", "tbkit.db", "--port", "0")[0] == 2  # nothing to serve
    assert run(capsys, "serve", "--uplink", "ok.js", "--db", "tbkit.db", "--port", str(taken_port))[0] == 2
    assert sorted(p.name for p in folder.iterdir()) == ["ok.js"]


def test_a_refused_serve_keeps_a_store_that_was_there(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbkit.start(db="kept.db").stop()
    before = sorted(p.name for p in folder.iterdir())
    assert run(capsys, "serve", "--db", "kept.db", "--port", "0")[0] == 2
    assert sorted(p.name for p in folder.iterdir()) == before
    assert "kept.db" in before
