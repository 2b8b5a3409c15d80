"""tbkit inside a live Jupyter kernel (nbclient): the endpoint serves on the kernel's loop,
answers posts from outside, the DataFrames see the data, and no access log reaches cell output."""

from __future__ import annotations

import ast
import json

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

pytestmark = pytest.mark.kernel


def _text(cell) -> str:
    """Everything a cell showed: streams, results, errors."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            parts.append(json.dumps(output.get("data", {})))
        elif output["output_type"] == "error":
            parts.append(f"{output['ename']}: {output['evalue']}\n" + "\n".join(output.get("traceback", [])))
    return "".join(parts)


def _stdout(cell) -> str:
    return "".join(o["text"] for o in cell.get("outputs", []) if o["output_type"] == "stream" and o["name"] == "stdout")


def test_endpoint_in_a_live_kernel(tmp_path, http_send, seed_decoder, seed_body):
    db = str(tmp_path / "kernel.db")
    sources = [
        f"import tbkit\nkit = tbkit.start(db={db!r})\nhi = kit.add_http_integration('HTTP', uplink={seed_decoder!r})\n"
        "print(hi.url)",
        "print(kit.telemetry()[['entity', 'key', 'value']].to_dict('records'))",
        # requests made from inside the kernel while a cell awaits: any access log would land in this cell
        "from tornado.httpclient import AsyncHTTPClient\n"
        "_c = AsyncHTTPClient()\n"
        "_h = {'Content-Type': 'application/json'}\n"
        "_r = [await _c.fetch(hi.url, method='POST', body=b'{bad', headers=_h, raise_error=False),\n"
        "      await _c.fetch(kit.base_url + '/api/v1/integrations/http/nope', method='POST', body=b'{}', headers=_h,\n"
        "                     raise_error=False),\n"
        "      await _c.fetch(hi.url, method='POST', body=" + repr(seed_body.replace(b"33", b"34")) + ", headers=_h,\n"
        "                     raise_error=False)]\n"
        "print([r.code for r in _r])",
        "print(kit.telemetry()[['entity', 'key', 'value']].to_dict('records'))\n"
        "print(kit.devices()[['name', 'type', 'integration']].to_dict('records'))",
        "kit.stop()\nprint('stopped')",
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    client = nbclient.NotebookClient(
        nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )

    with client.setup_kernel():
        try:
            client.execute_cell(nb.cells[0], 0)
            url = _stdout(nb.cells[0]).strip()
            assert url.startswith("http://127.0.0.1:")
            assert "/api/v1/integrations/http/" in url

            resp = http_send(url, seed_body)  # from the test process, while the kernel is idle
            assert (resp.status, resp.body) == (204, b"")

            client.execute_cell(nb.cells[1], 1)
            client.execute_cell(nb.cells[2], 2)
            client.execute_cell(nb.cells[3], 3)
        finally:
            client.execute_cell(nb.cells[4], 4)  # always stop the kit inside the kernel

    first_rows = ast.literal_eval(_stdout(nb.cells[1]).strip())
    assert first_rows == [{"entity": "Sensor T1", "key": "temperature", "value": 33}]
    assert _stdout(nb.cells[2]).strip() == "[400, 404, 204]"
    rows, devices = (ast.literal_eval(line) for line in _stdout(nb.cells[3]).strip().splitlines())
    assert rows == [
        {"entity": "Sensor T1", "key": "temperature", "value": 33},
        {"entity": "Sensor T1", "key": "temperature", "value": 34},
    ]
    assert devices == [{"name": "Sensor T1", "type": "Temperature Sensor", "integration": "HTTP"}]
    assert _stdout(nb.cells[4]).strip() == "stopped"

    for index, cell in enumerate(nb.cells):
        text = _text(cell)
        assert "tornado.access" not in text, (index, text)
        assert "Traceback" not in text, (index, text)
    # nothing but the prints: no log line, no warning in any cell
    assert [o["name"] for cell in nb.cells for o in cell.outputs if o["output_type"] == "stream"] == ["stdout"] * 5
