"""environment.yml (the conda route) lists the same packages as pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
CONDA_NAME = re.compile(r"^([A-Za-z0-9_.\-]+)\s*((?:[<>=!~]=?|==)\s*[^\s]+)?$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {_norm(Requirement(s).name): str(Requirement(s).specifier) for s in specs}


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert set(env) <= {"name", "channels", "dependencies", "variables", "prefix"}
    assert isinstance(env["name"], str)
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            assert set(dep) == {"pip"}
            for line in dep["pip"]:
                if line.startswith(("-e", "-r")):
                    continue
                req = Requirement(line)
                out[_norm(req.name)] = str(req.specifier)
            continue
        match = CONDA_NAME.match(dep.replace(" ", ""))
        assert match, f"not a conda match spec: {dep!r}"
        name = _norm(match.group(1))
        if name not in ("python", "pip"):
            out[name] = str(Requirement(dep.replace(" ", "")).specifier)
    return out


def test_environment_yml_parses_and_lists_the_same_packages_as_pyproject() -> None:
    assert _environment() == _pyproject()


def test_environment_yml_installs_tbkit_itself() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
