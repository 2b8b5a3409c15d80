"""``make bench`` writes a whole ``bench/results.md`` or nothing: what it needs is installed or named with the
exact command, and the file it commits holds every section, its commands relative to the repository.

No test runs the benchmark (it is slow and CPU-heavy, and no test asserts a time); these check its
preflight and the committed result.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
RESULTS = BENCH / "results.md"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("run")


def test_a_missing_tool_is_named_with_the_command_that_installs_it(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run.shutil, "which", lambda name: None)
    monkeypatch.setattr(run.os, "geteuid", lambda: 1000)  # not root: nothing is installed
    assert run.ensure_wrk() == "wrk is missing: install it with `sudo apt-get install -y wrk`"
    assert run.ensure_node() == "node is missing: install it with `sudo apt-get install -y nodejs npm`"


def test_a_whole_run_without_its_tools_measures_nothing_and_keeps_results_md(
    run: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = RESULTS.read_text("utf-8")
    monkeypatch.setattr(run, "ensure_wrk", lambda: "wrk is missing: install it with `sudo apt-get install -y wrk`")
    monkeypatch.setattr(run, "ensure_node", lambda: "")
    monkeypatch.setattr(run, "ensure_nodered", lambda: "")
    monkeypatch.setattr(run, "http_section", lambda *a: pytest.fail("measured without wrk"))
    monkeypatch.setattr(sys, "argv", ["bench/run.py"])
    assert run.main() == 2
    assert capsys.readouterr().err == (
        "make bench needs wrk: wrk is missing: install it with `sudo apt-get install -y wrk`\n"
        "make bench: nothing measured, bench/results.md unchanged\n"
    )
    assert RESULTS.read_text("utf-8") == before


def test_commands_are_written_relative_to_the_repository(run: Any) -> None:
    repo = BENCH.parent
    assert run.relative(f"taskset -c 1 {sys.executable} {repo}/bench/converters.py 0.7").endswith(
        " bench/converters.py 0.7"
    )
    if Path(sys.executable).is_relative_to(repo):  # the project's .venv
        assert run.relative(f"{sys.executable} -m tbkit serve --db {repo}/bench/out/x.db") == (
            f"{Path(sys.executable).relative_to(repo)} -m tbkit serve --db bench/out/x.db"
        )
    assert run.relative(f"{run.hp.PEERS_DIR}/nodered/node_modules/.bin/node-red -s x") == (
        "$PEERS_DIR/nodered/node_modules/.bin/node-red -s x"
    )


def test_the_committed_results_are_a_whole_run_with_relative_commands() -> None:
    text = RESULTS.read_text("utf-8")
    for section in (
        "## 1. Endpoint throughput",
        "## 2. Converter speed",
        "## 3. Store",
        "## 4. Notebook responsiveness",
        "## Exact commands",
    ):
        assert section in text, section
    assert "make bench      # = .venv/bin/python bench/run.py\n" in text  # the default run, no partial option
    commands = text.split("## Exact commands", 1)[1].split("## 5.", 1)[0]
    assert not re.search(r"(?<![\w.])/(work|tmp|root|home)/", commands), commands
    assert "wrk: not found" not in text and "Skipped" not in text
