"""Every notebook runs top to bottom in a real kernel, with the results that matter asserted."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.kernel

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

# The workshop's reference answers live in the tests, not in the package (tests/test_workshop.py uses them too).
ANSWERS = Path(__file__).resolve().parents[1] / "fixtures" / "workshop"
REFERENCE = {step: (ANSWERS / f"step{step}.js").read_text("utf-8") for step in range(1, 7)}
# Typical mistakes, one per step, and what the check must say about them (in JSON words).
WRONG = {
    1: (
        'return {deviceName: "GH-" + ((payload[2] << 8) | payload[3]), deviceType: "Greenhouse Sensor"};',
        "FAIL step 1: deviceName and deviceType for frame a701002a010866280bc40105: expected "
        '{"deviceName": "GH-0042", "deviceType": "Greenhouse Sensor"}, got '
        '{"deviceName": "GH-42", "deviceType": "Greenhouse Sensor"}',
    ),
    2: (
        REFERENCE[2].replace("(raw > 32767 ? raw - 65536 : raw)", "raw"),
        "FAIL step 2: telemetry.temperature for frame a701000701ff835d0b3602be: expected -1.25, got 654.11",
    ),
    3: (
        REFERENCE[3].replace(") / 1000", ")"),
        "FAIL step 3: telemetry.humidity and telemetry.battery for frame a701002a010866280bc40105: expected "
        '{"humidity": 40, "battery": 3.012}, got {"humidity": 40, "battery": 3012}',
    ),
    4: (
        REFERENCE[4].replace("(payload[10] & 1) === 1", "payload[10] & 1"),
        "FAIL step 4: attributes door and heater for frame a701002a010866280bc40105: expected "
        '{"door": true, "heater": false}, got {"door": 1, "heater": false}; door is a number, not a boolean',
    ),
    5: (REFERENCE[4], "FAIL step 5: a frame with a wrong checksum was accepted: throw an Error for it"),
    6: (
        REFERENCE[5],
        "FAIL step 6: a frame with a wrong magic byte was accepted (a801002a010866280bc4010a): throw an Error for it",
    ),
}


def run_notebook(
    name: str, tmp_path: Path, answers: dict[int, str] | None = None, probe: str | None = None, repeat: int = 1
) -> nbformat.NotebookNode:
    """Execute a copy of a notebook in tmp_path, in a new kernel; optionally replace answer cells and add a
    probe cell. ``repeat=2`` runs all its cells twice in that kernel (Run All, then Run All again)."""
    shutil.copy(NOTEBOOKS / name, tmp_path / name)
    nb = nbformat.read(tmp_path / name, as_version=4)
    for cell in nb.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            if answers and tag.startswith("answer-"):
                step = int(tag.split("-")[1])
                cell.source = f"step{step} = {json.dumps(answers[step])}"
    cells = list(nb.cells)
    for _ in range(repeat - 1):
        nb.cells.extend(
            nbformat.v4.new_code_cell(c.source) if c.cell_type == "code" else nbformat.v4.new_markdown_cell(c.source)
            for c in cells
        )
    if probe is not None:
        nb.cells.append(nbformat.v4.new_code_cell(probe))
    nb.cells.append(nbformat.v4.new_code_cell("kit.stop()"))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    return nb


def stderr_of(nb: nbformat.NotebookNode) -> list[str]:
    """What the notebook's own cells wrote to stderr (warnings show pink under a cell, like a failure)."""
    return [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stderr"]


def probe_output(nb: nbformat.NotebookNode) -> Any:
    # one print can arrive as several stream messages (the kernel flushes on a timer, between writes)
    return json.loads("".join(o.text for o in nb.cells[-2].outputs if o.output_type == "stream" and o.name == "stdout"))


def tagged_text(nb: nbformat.NotebookNode, tag: str) -> str:
    cell = next(c for c in nb.cells if tag in c.get("metadata", {}).get("tags", []))
    return "".join(o["data"]["text/plain"] for o in cell.outputs if o.output_type == "execute_result")


QUICKSTART_PROBE = """
import asyncio, json, shutil

async def curl_status(command):  # in a subprocess: the kernel's loop keeps serving meanwhile
    proc = await asyncio.create_subprocess_shell(
        command + " -s -o /dev/null -w '%{http_code}'", stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    return (await proc.communicate())[0].decode()

facts = {
    "statuses": statuses, "security": security, "downlink": downlink, "kept": kept,
    "devices": kit.devices()[["name", "type"]].to_dict("records"),
    "attributes": kit.attributes("Sensor T1")[["scope", "key", "value"]].to_dict("records"),
    # every uplink's decoded output, oldest first (telemetry rows of one millisecond would rightly merge)
    "first_temperatures": [json.loads(out)["telemetry"]["temperature"] for out in
                           kit.events(event_type="DEBUG_CONVERTER").sort_values("id").query("type == 'Uplink'")["out"]
                           ][:5],
    "stats": kit.stats().to_dict("records"), "events": kit.events()["type"].value_counts().to_dict(),
    "downlinks": kit.downlinks()[["device", "status"]].to_dict("records"),
    "exported": sorted(exported), "uplink_converter": exported["uplinkConverter"]["configuration"]["scriptLang"],
    "replay": replay.summary(),
    "replay_html": [p for p in replay._repr_html_().split("\\n") if "<b>uplink " not in p],  # times differ per run
    "replayed": [[r["before"][0]["telemetry"][0]["values"]["temperature"], r["after"][0]["telemetry"][0]["values"][
        "temperature"]] for r in replay.frame.to_dict("records") if r["before"]][:5],  # then the simulator's
    "fahrenheit": sorted({abs(r["after"][0]["telemetry"][0]["values"]["temperature"]
                              - (r["before"][0]["telemetry"][0]["values"]["temperature"] * 9 / 5 + 32)) < 1e-9
                          for r in replay.frame.to_dict("records")}),
}
# then the curls (they post, so after the counts): the section 2 one lacks the security header, the one printed
# after the restart carries it
facts["curled"] = {"section 2": await curl_status(curls["application/json"]),
                   "after restart": await curl_status(hi.curl())} if shutil.which("curl") else None
print(json.dumps(facts))
"""


def test_quickstart_runs_and_shows_the_whole_walkthrough(tmp_path: Path) -> None:
    nb = run_notebook("01-quickstart.ipynb", tmp_path, probe=QUICKSTART_PROBE)
    assert stderr_of(nb) == []
    got = probe_output(nb)
    assert got["statuses"] == {
        "application/json": 204,
        "text/plain": 204,
        "multipart/form-data": 204,
        "application/x-www-form-urlencoded": 204,
    }
    assert got["security"] == {"without header": 403, "with header": 204}
    assert got["downlink"] == {
        "first": [200, '{"firmware":"01052020.v1.1"}'],
        "second": [200, '{"firmware":"01052020.v1.2"}'],
        "third": [204, ""],
    }
    assert got["devices"] == [{"name": "Sensor T1", "type": "Temperature Sensor"}]
    assert got["attributes"] == [
        {"scope": "CLIENT_SCOPE", "key": "model", "value": "test"},
        {"scope": "SHARED_SCOPE", "key": "firmware", "value": "01052020.v1.2"},
    ]
    assert got["first_temperatures"] == [33, 34, 35, "36", 37]  # urlencoded values reach the decoder as text
    assert got["stats"] == [{"integration": "HTTP integration", "messagesProcessed": 18, "errorsOccurred": 1}]
    # the replay section: every recorded uplink (the 403 never reached the decoder) through the Fahrenheit decoder
    assert got["replay"] == {"total": 18, "same": 0, "changed": 18, "new_errors": 0, "fixed_errors": 0}
    assert got["replayed"] == [[33, 91.4], [34, 93.2], [35, 95], [36, 96.8], [37, 98.6]]
    assert got["fahrenheit"] == [True]  # every uplink's temperature, the simulator's too, became °F
    assert got["replay_html"][0] == "<div class='tbkit-replay'><b>Replay of 18 uplinks</b>"
    assert got["replay_html"][-1] == "<p>… and 13 more; see <code>.frame</code>.</p></div>"
    assert got["kept"] == {"devices": ["Sensor T1"], "uplinks": 18, "same URL": True}
    if got["curled"] is not None:  # curl is installed (.ci/run installs it)
        assert got["curled"] == {"section 2": "403", "after restart": "204"}
    assert got["downlinks"] == [{"device": "Sensor T1", "status": "DELIVERED"}] * 2
    assert (got["exported"], got["uplink_converter"]) == (["downlinkConverter", "integration", "uplinkConverter"], "JS")
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [
        "downlinkConverter.json",
        "integration.json",
        "uplinkConverter.json",
    ]


WORKSHOP_PROBE = """
import json
frame = kit.telemetry(wide=True)
statuses = {str(k): v for k, v in fleet.summary()["statuses"].items()}
print(json.dumps({"devices": sorted(kit.devices()["name"]), "rows": len(frame),
                  "columns": sorted(frame.columns), "summary": statuses,
                  "attributes": len(kit.attributes()), "stats": kit.stats().to_dict("records")}))
"""


def test_workshop_checks_pass_on_reference_answers(tmp_path: Path) -> None:
    nb = run_notebook("02-workshop.ipynb", tmp_path, answers=REFERENCE, probe=WORKSHOP_PROBE)
    verdicts = [tagged_text(nb, f"check-{step}") for step in range(1, 7)]
    assert verdicts == [
        "PASS step 1: deviceName and deviceType right for all 4 sample frames",
        "PASS step 2: telemetry.temperature right for all 4 sample frames",
        "PASS step 3: telemetry.humidity and telemetry.battery right for all 4 sample frames",
        "PASS step 4: attributes door and heater right for all 4 sample frames",
        "PASS step 5: bad checksums are refused (Error: bad checksum)",
        "PASS step 6: frames that are not GH/1 version 1 measurements are refused; every byte is read",
    ]
    assert tagged_text(nb, "inspect-4") == (
        "your decoder never reads byte 0 (magic 0xA7), byte 1 (protocol version), byte 4 (message type), "
        "byte 11 (checksum)"
    )
    grid = next(c for c in nb.cells if "inspect-4" in c.metadata.get("tags", [])).outputs[0]["data"]["text/html"]
    assert 'aria-label="byte 0, 0xA7, not read"' in grid and 'aria-label="byte 2, 0x00, read by line 1"' in grid
    got = probe_output(nb)
    assert stderr_of(nb) == []  # Run All ends without a warning under the teacher's cell
    assert got["devices"] == ["GH-0001", "GH-0002", "GH-0003", "GH-0004", "GH-0005"]
    _teachers_command_runs(nb, tmp_path)
    assert got["columns"] == ["battery", "entity", "humidity", "temperature"]
    assert got["summary"] == {"204": 60}


def _teachers_command_runs(nb: nbformat.NotebookNode, tmp_path: Path) -> None:
    """The teacher's cell names a decoder file it wrote, and its command serves that decoder as printed."""
    import shlex
    import subprocess
    import sys

    (cell,) = [c for c in nb.cells if "greenhouse-decoder.js" in c.source and c.cell_type == "code"]
    (printed,) = [o.text for o in cell.outputs if o.get("name") == "stdout"]
    shown = "".join(o["data"]["text/plain"] for o in cell.outputs if o.output_type == "execute_result")
    assert shown == "'no jupyter-server-proxy here: run the command above on a machine of your own'"
    argv = shlex.split(printed)
    assert argv[:5] == [sys.executable, "-m", "tbkit", "serve", "--host"]
    decoder = Path(argv[argv.index("--uplink") + 1])
    assert decoder == tmp_path / "greenhouse-decoder.js" and decoder.read_text("utf-8") == REFERENCE[6]
    argv[argv.index("--port") + 1], argv[argv.index("--host") + 1] = "0", "127.0.0.1"
    argv[argv.index("--header") + 1] = "X-Workshop=s3cret"
    served = subprocess.Popen(
        [*argv, "--db", str(tmp_path / "room.db")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert served.stdout is not None
        assert served.stdout.readline().startswith("tbkit serving http://127.0.0.1:")  # it serves the file
        assert re.fullmatch(
            r"  HTTP integration: http://127\.0\.0\.1:\d+/api/v1/integrations/http/\S+\n", served.stdout.readline()
        )
    finally:
        served.terminate()
        served.wait(30)


def test_workshop_checks_say_what_is_wrong(tmp_path: Path) -> None:
    nb = run_notebook("02-workshop.ipynb", tmp_path, answers={k: v[0] for k, v in WRONG.items()})
    assert [tagged_text(nb, f"check-{step}") for step in range(1, 7)] == [WRONG[s][1] for s in range(1, 7)]


def test_workshop_as_shipped_fails_every_check_with_a_hint(tmp_path: Path) -> None:
    nb = run_notebook("02-workshop.ipynb", tmp_path)
    verdicts = [tagged_text(nb, f"check-{step}") for step in range(1, 7)]
    assert all(v.startswith(f"FAIL step {i}") for i, v in enumerate(verdicts, 1))


EXPLORING_PROBE = """
import json
print(json.dumps({"anomalies": anomalies.groupby("entity").size().to_dict(), "saved": saved,
                  "csv_rows": len(pd.read_csv("telemetry.csv")), "stats_rows": len(stats),
                  "counts": stats["count"].to_dict(), "plotted": {t.name: len(t.x) for t in fig.data}}))
"""


def test_exploring_flags_the_faulty_sensor_and_saves(tmp_path: Path) -> None:
    nb = run_notebook("03-exploring-telemetry.ipynb", tmp_path, probe=EXPLORING_PROBE)
    assert stderr_of(nb) == []
    got = probe_output(nb)
    assert got["anomalies"] == {"Sensor 4": 3}
    assert got["csv_rows"] == 360 and got["stats_rows"] == 6
    assert got["counts"] == {f"Sensor {n}": 60 for n in range(1, 7)}
    assert got["saved"] == ["telemetry.csv", "telemetry.parquet"]


PROBES = {
    "01-quickstart.ipynb": QUICKSTART_PROBE,
    "02-workshop.ipynb": WORKSHOP_PROBE,
    "03-exploring-telemetry.ipynb": EXPLORING_PROBE,
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_every_notebook_reruns_to_the_same_data(name: str, tmp_path: Path) -> None:
    """Run, restart the kernel and run again in the same folder, then Run All twice in one kernel."""
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(PROBES)
    first = probe_output(run_notebook(name, tmp_path, probe=PROBES[name]))
    after_restart = probe_output(run_notebook(name, tmp_path, probe=PROBES[name]))
    run_all_twice = probe_output(run_notebook(name, tmp_path, probe=PROBES[name], repeat=2))
    assert after_restart == first
    assert run_all_twice == first
