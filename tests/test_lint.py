"""The package and its tests pass ruff (rules and format) and mypy --strict (pyproject.toml), as `make lint` checks."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


LINTED = ["tbkit", "tests", "bench", "docs"]


def test_ruff_finds_nothing_in_the_package_or_its_tests() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", *LINTED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip().splitlines()[-1:] == ["All checks passed!"], done.stdout


def test_ruff_format_leaves_every_file_as_it_is() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *LINTED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip().endswith("files already formatted")) == (0, True), done.stdout


def test_mypy_checks_the_package_and_the_tests_with_the_stricter_codes() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert (config["strict"], config["files"]) == (True, ["tbkit", "tests"])
    assert {"ignore-without-code", "redundant-expr", "truthy-bool"} <= set(config["enable_error_code"])
    assert "$(BIN)/mypy\n" in (ROOT / "Makefile").read_text("utf-8")  # make lint runs it with that config


def test_mypy_strict_finds_nothing_in_the_package_or_its_tests() -> None:
    # [tool.mypy] in pyproject.toml: strict, files = ["tbkit", "tests"], tests checked without full annotations
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
