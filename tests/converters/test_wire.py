"""The batch wire format: V8's constants (batch_wire.js) and Python's (tbkit.converters.wire) are the same."""

from __future__ import annotations

import json
from importlib import resources

from py_mini_racer import MiniRacer

from tbkit.converters import UplinkConverter, wire
from tbkit.converters.batch import OK_PREFIX


def js_wire() -> dict[str, object]:
    """``WIRE`` as batch_wire.js defines it, evaluated alone in a context of its own."""
    text = resources.files("tbkit.converters").joinpath("batch_wire.js").read_text("utf-8")
    racer = MiniRacer()
    try:
        return dict(json.loads(str(racer.eval(text + "\nJSON.stringify(WIRE)"))))
    finally:
        racer.close()


def test_v8_and_python_name_the_same_constants() -> None:
    assert js_wire() == wire.as_dict()
    assert wire.as_dict() == {
        "OK": 0,
        "OUTPUT_ERROR": 1,
        "SCRIPT_ERROR": 2,
        "PYTHON": 3,
        "LIMIT": 4,
        "HEAD_END": "\n",
        "LINE_END": "\n",
        "RAW_SEPARATOR": "\x1d",
        "NUMBER_BYTES": 4,
        "ROW": ["entity_type", "name", "type", "label", "customer_name", "group_name", "attributes", "telemetry"],
        "NESTED": 1,
    }


def test_each_line_kind_reaches_python_as_the_constants_say(make_converter) -> None:
    conv: UplinkConverter = make_converter(
        "var d = decodeToJson(payload);\n"
        "if (d.k === 'throw') throw new Error('no');\n"
        "if (d.k === 'bad') return {telemetry: {}};\n"
        "if (d.k === 'python') return {deviceName: 'P', telemetry: {t: '\u0661\u0662'}};\n"
        "return {deviceName: 'A', customerName: 'C', attributes: {x: {y: 1}}, telemetry: {t: 1}};"
    )
    bodies = [json.dumps({"k": k}).encode() for k in ("ok", "bad", "throw", "python")]
    decoded = conv.decode_batch(bodies, [{}], raw=True)
    lines = decoded.lines()
    assert [json.loads(line)[0] for line in lines] == [
        wire.Line.OK,
        wire.Line.OUTPUT_ERROR,
        wire.Line.SCRIPT_ERROR,
        wire.Line.PYTHON,
    ]
    assert lines[0].startswith(OK_PREFIX)
    row = json.loads(lines[0])[1][0]
    named = dict(zip(wire.ROW, row, strict=False))
    assert (named["entity_type"], named["name"], named["customer_name"], named["attributes"]) == (
        "DEVICE",
        "A",
        "C",
        {"x": {"y": 1}},
    )
    assert row[len(wire.ROW) :] == [wire.NESTED]  # a nested value: Python keeps it as JsonText
    assert decoded[3][0].telemetry[0].values == {"t": 12}  # Arabic-Indic digits: cast in Python
