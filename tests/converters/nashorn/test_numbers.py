"""js_engine="local": Nashorn's number semantics where they are not ECMAScript's.

Expected values are the Nashorn reference runner's answers for the same scripts (../shared/nashorn-oracle).
"""

from __future__ import annotations

from tbkit import UplinkConverter

# expression -> what Nashorn gives for String(expression); d is {"a": 1, "big": 1e42, "s": "1e42"}
LONG_CAST = {
    "Math.pow(1e21, 2) >>> 3": "536870911",
    "Math.pow(1e21, 2) >>> 1": "2147483647",
    "Math.pow(1e21, 2) >>> 0": "0",
    "Math.pow(1e21, 2) | 0": "0",
    "0 | Math.sqrt(1e84)": "-1",
    "Math.sqrt(1e84) << 0": "-1",
    "Math.sqrt(1e84) ^ 1": "-2",
    "Math.sqrt(1e84) & 255": "255",
    "~Math.sqrt(1e84)": "0",
    "1 << Math.sqrt(1e84)": "-2147483648",
    "Math.pow(2, 63) >> 1": "-1",
    "Math.pow(-1e21, 3) >> 1": "0",
    "Math.abs(1/0) >> 1": "0",
    "parseFloat(d.s) >>> 3": "536870911",
    "d.big.valueOf() >> 1": "-1",
    "(function(){ function f(){ return 1e42; } return f() >> 1; })()": "-1",
    "d.big >>> 3": "0",
    "d.big & 255": "0",
    "Math.sqrt(1e84) - 0 >> 1": "0",
    "Math.pow(2, 64) + 4096 >> 1": "2048",
    "d.a | Math.sqrt(1e84)": "1",
    "Math.sqrt(1e84) | d.a": "1",
    "(function(){ var x = Math.pow(1e21, 2); return x >> 1; })()": "0",
}


def test_a_calls_result_under_a_bitwise_operator_goes_through_javas_long_cast() -> None:
    """`Math.pow(1e21, 2) >>> 3` is 536870911 in Nashorn: (long) 1e42 is Long.MAX_VALUE."""
    keys = list(LONG_CAST)
    script = (
        "var d = JSON.parse(String.fromCharCode.apply(String, payload));\n"
        + "return {"
        + ", ".join(f"k{i}: String({expr})" for i, expr in enumerate(keys))
        + "};"
    )
    with UplinkConverter(script, js_engine="local") as conv:
        out = conv.run(b'{"a":1,"big":1e42,"s":"1e42"}').output
    assert {keys[int(k[1:])]: v for k, v in out.items()} == LONG_CAST
