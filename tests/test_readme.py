"""The README's commands run as written: its Python blocks in order in a fresh folder, its serve and curl commands."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
URL = re.compile(r"^\s+\S.*: (http://127\.0\.0\.1:(\d+)/api/v1/integrations/http/\S+)$")


def blocks(lang: str) -> list[str]:
    """The README's fenced blocks of one language, in order."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", README, flags=re.S | re.M)


def test_the_python_blocks_run_in_order_as_one_script_in_a_fresh_folder(tmp_path: Path) -> None:
    script = tmp_path / "readme.py"
    script.write_text("\n\n".join(blocks("python")), "utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("curl ") and "/api/v1/integrations/http/" in lines[0]
    assert "<Response 204>" in lines
    assert '<Response 200 application/json \'{"firmware":"01052020.v1.2"}\'>' in lines
    assert any(re.match(r"^0\s+Sensor T1\s+temperature\s+33\s+LONG$", line) for line in lines), lines
    assert "{'total': 2, 'same': 0, 'changed': 2, 'new_errors': 0, 'fixed_errors': 0}" in lines  # the replay
    assert (tmp_path / "tbkit.db").exists()
    # then the README's replay command, on the store the script left, from a folder holding examples/
    (replay,) = [command(b) for b in blocks("sh") if "tbkit replay" in b]
    assert replay[:4] == [".venv/bin/python", "-m", "tbkit", "replay"]
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    done = subprocess.run([sys.executable, *replay[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "total=2 same=2 changed=0 new_errors=0 fixed_errors=0\n",
        "",
    )


def test_ten_lines_ships_as_the_readme_shows_it_and_runs(tmp_path: Path) -> None:
    assert blocks("python")[0] == (ROOT / "examples" / "ten_lines.py").read_text("utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "ten_lines.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == '<Response 200 application/json \'{"firmware":"01052020.v1.2"}\'>'
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tbkit.db"))[0] == "tbkit.db"


def test_every_tbkit_command_is_written_the_same_way() -> None:
    """``.venv/bin/python -m tbkit`` (any terminal in the repository); plain ``python -m tbkit`` only where the
    README says where that works (JupyterLab's terminal, the conda route)."""
    plain = [line for line in README.splitlines() if re.search(r"(?<!\.venv/bin/)python -m tbkit", line)]
    assert plain == [
        "after `make lab`) starts there with the project's `.venv` activated, so plain `python -m tbkit ...` "
        "works in it"
    ]
    assert "python ten_lines.py" not in README and "path/to/" not in README


def test_the_conda_route_says_how_to_start_jupyterlab() -> None:
    conda = [b for b in blocks("sh") if "conda env create" in b]
    assert conda == [
        "conda env create -f environment.yml\nconda activate tbkit\njupyter lab notebooks/01-quickstart.ipynb\n"
    ]
    assert "name: tbkit" in (ROOT / "environment.yml").read_text("utf-8")


def test_the_library_runner_says_where_the_library_comes_from() -> None:
    (block,) = [b for b in blocks("sh") if "check-converters" in b]
    clone, run = (line.split("  #")[0] for line in block.splitlines())
    assert command(clone)[:5] == ["git", "clone", "--depth", "1", "https://github.com/thingsboard/data-converters"]
    folder = command(clone)[5]
    assert command(run)[:5] == [".venv/bin/python", "-m", "tbkit", "check-converters", f"{folder}/VENDORS"]


def command(block: str) -> list[str]:
    """A shell block's command as argv (backslash continuations joined)."""
    return shlex.split(block.replace("\\\n", " "))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The README's ``serve`` command, run from a folder holding ``examples/``, on a free port: its URL."""
    (serve,) = [command(b) for b in blocks("sh") if "tbkit serve" in b]
    assert serve[:4] == [".venv/bin/python", "-m", "tbkit", "serve"]
    for option in ("--uplink", "--downlink"):
        assert (ROOT / serve[serve.index(option) + 1]).is_file(), f"README names a missing file for {option}"
    serve[0] = sys.executable
    serve[serve.index("--port") + 1] = "0"  # 8080 may be taken on this machine
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    proc = subprocess.Popen(
        serve, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        url = None
        assert proc.stdout is not None
        for line in proc.stdout:
            match = URL.match(line.rstrip("\n"))
            if match:
                url = match.group(1)
                break
        assert url is not None, proc.stderr.read() if proc.stderr else ""
        threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep the pipe drained
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl (apt-get install curl; .ci/run does this)")
def test_the_serve_and_curl_commands_work_as_written(served: str, tmp_path: Path) -> None:
    (curl,) = [command(b) for b in blocks("sh") if b.startswith("curl ")]
    assert curl[-1] == "http://127.0.0.1:8080/api/v1/integrations/http/my-key"
    assert served.endswith("/api/v1/integrations/http/my-key")
    curl[-1] = served
    done = subprocess.run(curl, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].rstrip() == "HTTP/1.1 204 No Content"
    at = curl.index("X-Api-Key: secret")
    without_header = curl[: at - 1] + curl[at + 1 :]
    assert curl[at - 1] == "-H" and without_header.count("-H") == 1
    refused = subprocess.run(without_header, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert refused.stdout.splitlines()[0].rstrip() == "HTTP/1.1 403 Forbidden"
