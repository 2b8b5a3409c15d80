"""js_engine="local": Nashorn's number semantics where they are not ECMAScript's.

Expected values are the Nashorn reference runner's answers for the same scripts (../shared/nashorn-oracle).
"""

from __future__ import annotations

from tbkit import DecodeRun, UplinkConverter

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
    assert out == {f"k{i}": LONG_CAST[expr] for i, expr in enumerate(keys)}


PAYLOAD = bytes([1, 2, 3, 4, 5, 6])


def run_local(script: str, payload: bytes = PAYLOAD) -> DecodeRun:
    with UplinkConverter(script, js_engine="local") as conv:
        return conv.run(payload)


def test_a_dataview_reads_at_the_buffers_own_index_up_to_its_limit() -> None:
    """Nashorn's view is the buffer's ByteBuffer positioned at byteOffset: get/set ignore the offset."""
    run = run_local(
        "var b = new Uint8Array(payload).buffer;\nvar v = new DataView(b, 2);\nvar w = new DataView(b, 1, 3);\n"
        "return {a: v.getUint8(0), b: v.getUint16(4), c: v.byteOffset, d: v.byteLength, e: w.getUint8(2),"
        " f: w.byteLength,\n  g: Object.keys(v).length, h: v.buffer === b};"
    )
    assert run.output == {"a": 1, "b": 1286, "c": 2, "d": 4, "e": 3, "f": 3, "g": 0, "h": True}


def test_a_dataview_read_out_of_bounds_is_javas_index_exception() -> None:
    caught = run_local(
        "var v = new DataView(new Uint8Array(payload).buffer);\nvar r;\n"
        "try { v.getUint32(4); } catch (e) { r = [String(e), typeof e, e instanceof Error, e.message === null]; }\n"
        "return {r: r};"
    )
    assert caught.output == {"r": ["java.lang.IndexOutOfBoundsException", "object", False, True]}
    uncaught = run_local(
        "var v = new DataView(new Uint8Array(payload).buffer);\nvar x = 1;\nreturn {t: v.getUint16(5, true)};"
    )
    assert uncaught.error is not None
    assert uncaught.error.message == "ScriptException: java.lang.IndexOutOfBoundsException"
    assert uncaught.error.line == 3  # Nashorn's message names no line; tbkit still tells the user where
    refused = run_local(
        "var r;\ntry { new DataView(new ArrayBuffer(4), 5); } catch (e) { r = String(e); }\nreturn {r: r};"
    )
    assert refused.output == {"r": "RangeError: Wrong offset or length in DataView constructor"}
