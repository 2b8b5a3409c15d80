"""``python -m tbkit lint``: compiler-style lines, exit 1 on errors, 2 on unreadable input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tbkit.cli import main


def test_lint_prints_file_line_col_and_exits_1_on_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbel = tmp_path / "decoder.tbel"
    tbel.write_text("var v = toFixed(1.5);\nreturn {v: v};\n")
    js = tmp_path / "encoder.js"
    js.write_text("var a = 1;\n")
    assert main(["lint", str(tbel), str(js)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines] == [[f"{tbel}:1:9", "error"], [f"{js}:1:1", "warning"]]


def test_lint_reads_thingsboard_converter_json_and_exits_0_on_warnings_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = {
        "name": "c",
        "type": "DOWNLINK",
        "configuration": {
            "scriptLang": "TBEL",
            "encoder": "return 1;",
            "tbelEncoder": "function atob() {}\nreturn {};",
        },
    }
    path = tmp_path / "converter.json"
    path.write_text(json.dumps(doc))
    assert main(["lint", str(path)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{path}[tbelEncoder]:1:1: warning: function 'atob' never runs")


def test_lint_a_clean_script_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.js"
    path.write_text("return {deviceName: 'a', telemetry: {}};")
    assert main(["lint", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_lint_an_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path / "missing.js")]) == 2
    assert "missing.js" in capsys.readouterr().err
