"""A script that reassigns, deletes, pollutes or freezes a built-in changes what its own code does, never what
tbkit does (issue #25): every path gives the same results, those of the script without it (or, where the change
reaches the script's own output, those of ThingsBoard), and a failure inside tbkit's runtime is a converter error
naming the converter, after which the next call works.

The JS tests run under both of ThingsBoard's JS engines (``js_engine``). Under ``"local"`` (Nashorn, modelled
in V8) the script's own helpers and ThingsBoard's wrapper code run in the script's world, as in Nashorn, so a
changed built-in may change the result; what must hold there is tbkit's part: every path gives what ``run``
gives, on the first call and the next, and tbkit's runtime never fails."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tbkit.converters import UplinkConverter
from tbkit.converters.batch import DecodedBatch
from tbkit.converters.runtime import V8Script
from tbkit.converters.steps import Fault
from tbkit.errors import ConverterRuntimeError
from tests.converters.nashorn.nashorn_oracle import nashorn_line
from tests.converters.paths import (
    METADATA,
    Result,
    body,
    check_path,
    decode_many_path,
    inspect_path,
    integration_paths,
    of_run,
    replay_path,
    run_async_path,
    run_many_path,
    run_path,
    thingsboard,
    trace_of,
    via_test,
)

BODY = """var d = decodeToJson(payload);
return [{deviceName: d.name, deviceLabel: "L" + d.n,
         attributes: {model: d.model, site: metadata.k, extra: {deep: [1, d.n, {x: 2.5}]}},
         telemetry: [{ts: 1700000000000 + d.n, values: {t: d.t, s: "21.50", big: "9007199254740993", none: null}},
                     {u: d.n}]},
        {assetName: "A" + d.n, assetType: "Room", telemetry: {x: 1.5, flag: true}}];"""
DOCS = [{"name": "Sensor \u00e9", "n": 1, "model": "m", "t": 20.5}, {"name": "S2", "n": 2, "model": "m2", "t": -3}]


def captured() -> list[str]:
    """The built-ins tbkit's JS runtime captures (primordials.js), as the paths a script would write them."""
    text = resources.files("tbkit.converters").joinpath("primordials.js").read_text("utf-8")
    found = re.findall(r"^var \w+ = (?:uncurry\()?([A-Za-z][\w.]*)\)?;", text, re.M)
    return sorted(set(found))


# Every built-in the runtime captures, and the ones it used before it captured them (issue #25's table).
BUILTINS = sorted(
    set(captured())
    | {
        "Array.prototype.push",
        "Array.prototype.join",
        "Array.prototype.slice",
        "Array.prototype.map",
        "Uint8Array.prototype.subarray",
        "Function.prototype.apply",
        "RegExp.prototype.test",
        "String.prototype.replace",
        "Object.assign",
    }
)


# Under the local engine a script defines the helpers itself (ThingsBoard's default decoder does): Nashorn has none.
HELPERS = """function decodeToString(payload) { return String.fromCharCode.apply(String, payload); }
function decodeToJson(payload) { return JSON.parse(decodeToString(payload)); }
"""
ENGINES = ["remote", "local"]


def body_for(engine: str) -> str:
    return BODY if engine == "remote" else HELPERS + BODY


def paths(script: str, track: Any, tmp_path: Path, lang: str = "JS", engine: str = "remote") -> dict[str, Any]:
    """Every path's results for ``script`` on DOCS (each path with converters of its own)."""
    folder = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    return {
        "run": run_path(script, lang, DOCS, track, engine),
        "run_async": run_async_path(script, lang, DOCS, track, engine),
        "run_many": run_many_path(script, lang, DOCS, track, engine),
        "test": via_test(script, lang, DOCS, track, engine),
        "decode_many": decode_many_path(script, lang, DOCS, track, engine),
        "inspect": inspect_path(script, lang, DOCS, track, engine),
        "replay": replay_path(script, lang, DOCS, track, engine),
        "check": check_path(script, lang, DOCS, folder, engine),
        **integration_paths(script, lang, DOCS, track, engine),
    }


def no_runtime_failure(runs: list[Result]) -> None:
    assert not any(r.error and "runtime" in r.error for r in runs)


def agree(found: dict[str, Any]) -> list[Result]:
    """Assert that every path gave what ``run`` gave; return run's results."""
    runs: list[Result] = found["run"]
    assert found["run_async"] == runs and found["run_many"] == runs and found["inspect"] == runs
    assert found["test"] == [("raised", r.error) if r.script_failed() else ("output", r.output) for r in runs]
    first_error = next((r.error for r in runs if r.error is not None), None)
    assert found["decode_many"] == (
        ("raised", first_error) if first_error else ("entities", [r.entities for r in runs])
    )
    assert found["replay"] == [r.error if r.error is not None else r.entities for r in runs]
    assert found["check"] == [r.error if r.script_failed() else r.output for r in runs]
    names = [[e.get("deviceName", e.get("assetName")) for e in r.entities] if r.entities else [] for r in runs]
    assert found["process"] == found["handle"] == [(r.status, n) for r, n in zip(runs, names, strict=True)]
    return runs


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="module")
def baseline(engine: str, tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    made: list[Any] = []

    def keep(conv: Any) -> Any:
        made.append(conv)
        return conv

    try:
        found = paths(body_for(engine), keep, tmp_path_factory.mktemp("baseline"), engine=engine)
    finally:
        for conv in made:
            conv.close()
    runs = agree(found)
    assert [r.error for r in runs] == [None, None] and runs[0].entities[0]["attributes"][
        "extra"
    ] == '{"deep":[1,1,{"x":2.5}]}'
    assert runs[0].entities[0]["deviceName"] == "Sensor \u00e9"
    return runs


def test_the_table_covers_every_captured_built_in() -> None:
    assert {"JSON.stringify", "JSON.parse", "Object.keys", "Uint8Array.fromBase64", "RegExp.prototype.exec"} <= set(
        captured()
    )
    assert len(captured()) >= 35


@pytest.fixture(scope="module")
def baseline_traces() -> list[list[Any]]:
    """What the byte inspector records for BODY on each of DOCS (every byte, by decodeToJson on line 1)."""
    with UplinkConverter(BODY) as conv:
        traces = [trace_of(conv.inspect(body(d), METADATA)) for d in DOCS]
    assert traces[1] == [(1, [1], 1, [(1, "decodeToJson(payload)", 1)])] + [
        (1, [1], k + 1, [(1, "decodeToJson(payload)", 1)]) for k in range(1, len(body(DOCS[1])))
    ]
    return traces


@pytest.mark.parametrize("builtin", BUILTINS)
@pytest.mark.parametrize(
    "change",
    ["{0} = function () {{ throw new Error('hijacked'); }};", "{0} = null;", "delete {0};"],
    ids=["reassigned", "nulled", "deleted"],
)
def test_reassigning_or_deleting_a_built_in_changes_nothing_tbkit_does(
    builtin, change, engine, baseline, baseline_traces, track, tmp_path
):
    script = change.format(builtin) + "\n" + body_for(engine)
    first = None
    for _ in range(2):  # the first call, and the next one (the change is still there)
        runs = [run_path(script, "JS", DOCS, track, engine), run_many_path(script, "JS", DOCS, track, engine)]
        many = decode_many_path(script, "JS", DOCS, track, engine)
        if engine == "remote":
            assert runs == [baseline, baseline]
            assert many == ("entities", [r.entities for r in baseline])
        else:  # the script's own helpers (and ThingsBoard's wrapper code) may use what it changed: as in Nashorn
            assert runs[0] == runs[1] and (first is None or runs[0] == first)
            first_error = next((r.error for r in runs[0] if r.error is not None), None)
            assert many == (("raised", first_error) if first_error else ("entities", [r.entities for r in runs[0]]))
            no_runtime_failure(runs[0])
            first = runs[0]
    if engine == "remote":
        inspector = track(UplinkConverter(script))
        for _ in range(2):  # the byte inspector: the same result and the same reads (one line further down)
            found = [inspector.inspect(body(d), METADATA) for d in DOCS]
            assert [of_run(f.result, "JS") for f in found] == baseline
            assert [trace_of(f, shift=1) for f in found] == baseline_traces


def test_every_path_is_unchanged_by_all_the_changes_at_once(engine, baseline, baseline_traces, track, tmp_path):
    hijack = "".join(
        f"try {{ {b} = function () {{ throw new Error('hijacked'); }}; }} catch (e) {{}}\n" for b in BUILTINS
    )
    runs = agree(paths(hijack + body_for(engine), track, tmp_path, engine=engine))
    if engine == "remote":
        assert runs == baseline
        inspector = track(UplinkConverter(hijack + BODY))
        traces = [trace_of(inspector.inspect(body(d), METADATA), shift=len(BUILTINS)) for d in DOCS]
        assert traces == baseline_traces
    no_runtime_failure(runs)


# Changes that reach the script's own output in ThingsBoard too: its wrapper stringifies the result with the
# JSON.stringify of a fresh context, which honours a toJSON the script put on a prototype, reads own properties
# only, and calls a getter the result holds.
POLLUTION = [
    "Object.prototype.x = 1; Object.prototype.deviceName = 'X'; Object.prototype.telemetry = {p: 1};",
    "Object.prototype.ts = 5; Object.prototype.values = {a: 1}; Object.prototype[0] = 7;",
    "Array.prototype[0] = 99; Array.prototype[1] = 98; Array.prototype.x = 1;",
    "Object.prototype.toJSON = function () { return {deviceName: 'Hijacked', telemetry: {h: 1}}; };",
    "Array.prototype.toJSON = function () { return 'an array'; };",
    "Object.defineProperty(Object.prototype, 's', {get: function () { return 'got'; }, configurable: true});",
    "Object.defineProperty(Object.prototype, 't', {set: function () { throw new Error('set'); }, configurable: true});",
    "Object.defineProperty(Object.prototype, 'model', {set: function () {}, get: function () { return 'g'; },"
    " configurable: true});",
    "Object.defineProperty(Object.prototype, '0', {set: function () { throw new Error('set'); }, configurable: true});",
    "Object.defineProperty(Object.prototype, '__proto__', {value: null, writable: false});",
    "Object.freeze(Object.prototype); Object.freeze(Array.prototype); Object.freeze(JSON);",
    "Object.prototype.t = 1; Object.prototype.s = 2; Array.prototype[0] = 1; Array.prototype[3] = 1;"
    " Object.freeze(Object.prototype); Object.freeze(Array.prototype);",
    "Object.defineProperty(Object.prototype, 'deviceName', {value: 'R', writable: false});"
    " Object.defineProperty(Object.prototype, 'site', {value: 'R', writable: false});",
    "Object.freeze(Function.prototype); Object.freeze(String.prototype); Object.freeze(Uint8Array.prototype);",
    "Object.setPrototypeOf(Array.prototype, {z: 1});",
]


@pytest.mark.parametrize("prologue", POLLUTION)
@pytest.mark.parametrize("engine", ENGINES)
def test_polluted_or_frozen_prototypes_give_thingsboards_result_on_every_path(prologue, engine, track, tmp_path):
    script = prologue + "\n" + body_for(engine)
    runs = agree(paths(script, track, tmp_path, engine=engine))
    again = agree(paths(script, track, tmp_path, engine=engine))  # fresh converters: the same again
    assert again == runs
    no_runtime_failure(runs)
    if engine == "local":
        return  # ThingsBoard's remote executor is the reference below; Nashorn's is not recorded for these
    reference = thingsboard(script, DOCS[0])
    if reference.error == "script error":
        assert runs[0].script_failed()
    else:
        assert (runs[0].output, runs[0].entities, runs[0].error) == (
            reference.output,
            reference.entities,
            reference.error,
        )


def test_issue_25_table(track, tmp_path):  # remote: the engine issue #25 measured
    # JSON.stringify replaced: ThingsBoard's wrapper stringifies with the JSON.stringify of a fresh context
    stringify = agree(paths('JSON.stringify = function () { return "{}"; };\n' + BODY, track, tmp_path))
    push = agree(paths("Array.prototype.push = null;\n" + BODY, track, tmp_path))
    subarray = agree(paths("Uint8Array.prototype.subarray = null;\n" + BODY, track, tmp_path))
    assert stringify == push == subarray and stringify[0].error is None
    assert [r.status for r in stringify] == [204, 204]


# -- a failure inside tbkit's runtime --------------------------------------------------------------------------
def test_a_runtime_failure_is_a_converter_error_and_the_next_call_works(track):
    script: V8Script = track(V8Script("return payload.length;", params=("payload", "metadata"), name="demo"))
    failed = script.eval_text("__tbkit.decodeQueued('no such data', true, false)", 1)
    assert isinstance(failed, Fault) and isinstance(failed.error, ConverterRuntimeError)
    assert str(failed.error).startswith("demo: tbkit's runtime failed on this call and was reloaded: ")
    assert [r.output for r in script.call_many([([1, 2], {})])] == [2]


def test_a_batch_whose_answer_cannot_be_read_gives_an_error_per_item(make_converter):
    conv: UplinkConverter = make_converter("return {deviceName: 'A'};", name="demo")
    good = conv.decode_batch([b"{}", b"{}"], [{}])
    assert [e[0].name for e in good] == ["A", "A"]
    broken = DecodedBatch(conv._script, [(2, '0\n{"not": "a line"}\n[0,[]]')], {}, 2)
    assert [str(broken.error(i)) for i in range(2)] == ["demo: tbkit's runtime wrote an answer it cannot read"] * 2
    assert broken.failed() == [0, 1]


def test_the_runtime_and_its_entry_points_are_out_of_a_scripts_reach(make_converter):
    conv = make_converter(
        "var found = [typeof __tbkit, typeof __tbkit.inbox, typeof __tbkit.decodeQueued];\n"
        "try { __tbkit = null; } catch (e) { found.push('kept'); }\n"
        "try { __tbkit.decodeQueued = null; } catch (e) { found.push('frozen'); }\n"
        "__tbkit_user = null; delete globalThis.__tbkit;\n"
        "return {deviceName: 'A', attributes: {found: found.join(' ')}};"
    )
    first, second = conv.run(b""), conv.run(b"")
    assert first.output == second.output == {"deviceName": "A", "attributes": {"found": "object undefined function"}}


def test_under_the_local_engine_the_runtime_is_out_of_a_scripts_reach_too(track):
    conv = track(
        UplinkConverter(
            "var found = [typeof __tbkit.decodeQueued];\n"
            "__tbkit = null; __nashorn = null; __tbkit_user = null;\n"
            "try { __tbkit.decodeQueued = null; } catch (e) { found.push('frozen'); }\n"
            "return {deviceName: 'A', attributes: {found: found.join(' ')}};",
            js_engine="local",
        )
    )
    runs = [conv.run(b""), conv.run(b""), *conv.run_many([b"", b""]), *conv.decode_many([b""])]
    found = {"deviceName": "A", "attributes": {"found": "function"}}
    assert [(r.output, r.error) for r in runs[:4]] == [(found, None)] * 4
    assert runs[4][0].name == "A"


# Nashorn's answers (the reference runner, ../shared/nashorn-oracle) for a script that changes what ThingsBoard's
# wrapper uses: the wrapper runs in the script's world, so the change reaches it, from the call after it was made.
NASHORN_WRAPPER_CASES = [
    ("JSON.stringify = null;\nreturn {deviceName: 'A'};", [({"deviceName": "A"}, None), (None, 7)]),
    ("Object.prototype.toJSON = function () { return 1; };\nreturn {deviceName: 'A'};", [(1, None), (1, None)]),
]


@pytest.mark.parametrize(("script", "nashorn"), NASHORN_WRAPPER_CASES)
def test_under_the_local_engine_a_change_reaches_thingsboards_wrapper_as_in_nashorn(script, nashorn, track):
    conv = track(UplinkConverter(script, js_engine="local"))
    runs = [conv.run(b""), conv.run(b"")]
    # Nashorn's line: in its own script (the wrapper's line here), as the error message names it
    assert [(r.output, nashorn_line(r.error.message) if r.error else None) for r in runs] == nashorn
    assert all(r.error.message.startswith("ScriptException: TypeError: ") for r in runs if r.error)


# -- TBEL: a program reaches no JS built-in; what it tries is refused or stays its own ------------------------
TBEL_BODY = """var d = decodeToJson(payload);
return [{deviceName: d.name, attributes: {model: d.model, site: metadata.k, extra: {deep: [1, d.n]}},
         telemetry: [{ts: 1700000000000 + d.n, values: {t: d.t, s: "21.50", none: null}}, {u: d.n}]},
        {assetName: "A" + d.n, assetType: "Room", telemetry: {x: 1.5, flag: true}}];"""
# (what it tries, whether TBEL refuses it): a refused attempt is the script's error, the others change nothing
TBEL_TRIES = [
    ("var JSON = null; var Array = null; var Object = 1;", False),
    ("Array = null; String = 1; Math = 'x';", False),
    ("metadata.toJSON = 'x'; metadata.__proto__ = 'y'; metadata.constructor = 'z';", False),
    ("var m = {}; m.__proto__ = 1; m.toJSON = 2; m.hasOwnProperty = 3;", False),
    ("payload.constructor = null;", True),
    ("var s = 'abc'; s.constructor.prototype.x = 1;", True),
    ("var l = [1]; l.push = null;", True),
    ("Array.prototype.push = null;", True),
    ("JSON.stringify = null;", True),
    ("var d0 = new Date(); d0.constructor.prototype.toJSON = 1;", True),
]


@pytest.fixture(scope="module")
def tbel_baseline(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    made: list[Any] = []

    def keep(conv: Any) -> Any:
        made.append(conv)
        return conv

    try:
        found = paths(TBEL_BODY, keep, tmp_path_factory.mktemp("tbel"), lang="TBEL")
    finally:
        for conv in made:
            conv.close()
    runs = agree(found)
    assert [r.error for r in runs] == [None, None]
    return runs


@pytest.mark.parametrize(("attempt", "refused"), TBEL_TRIES)
def test_a_tbel_program_changes_no_built_in_and_every_path_agrees(attempt, refused, tbel_baseline, track, tmp_path):
    tried = agree(paths(attempt + "\n" + TBEL_BODY, track, tmp_path, lang="TBEL"))
    if refused:
        assert [(r.error, r.status) for r in tried] == [("ConverterRuntimeError", 500)] * 2
        conv = track(UplinkConverter(attempt + "\n" + TBEL_BODY, lang="TBEL"))
        assert "TbelError" in str(conv.run(b'{"name": "x", "n": 1}').error)
    else:
        assert tried == tbel_baseline
    after = agree(paths(TBEL_BODY, track, tmp_path, lang="TBEL"))
    assert after == tbel_baseline


@pytest.mark.parametrize(
    "prologue",
    [
        'JSON.stringify = function () { return "{}"; };',
        "Array.prototype.push = null;",
        "Uint8Array.prototype.subarray = null;",
        POLLUTION[3],  # a toJSON on Object.prototype: it reaches the output, in ThingsBoard too
        POLLUTION[11],  # polluted, then frozen prototypes
    ],
)
def test_the_endpoint_answers_and_stores_what_every_other_path_gives(prologue, track):
    import tbkit

    script = prologue + "\n" + BODY
    kit = tbkit.start(db=":memory:", in_thread=True)
    try:
        hi = kit.add_http_integration("HTTP", uplink=script, metadata=METADATA)
        assert hi.url is not None
        statuses = [tbkit.send(hi.url, body(d)).status for d in DOCS]
        frame = kit.telemetry()
        stored = sorted((e, k, plain(v)) for e, k, v in zip(frame["entity"], frame["key"], frame["value"], strict=True))
    finally:
        kit.stop()
    runs = run_path(script, "JS", DOCS, track)
    assert statuses == [r.status for r in runs]
    assert stored == sorted(
        (e.get("deviceName", e.get("assetName")), key, plain(value))
        for r in runs
        for e in r.entities or []
        for record in e["telemetry"]
        for key, value in record["values"].items()
    )


def plain(value: Any) -> Any:
    """A stored value as a DataFrame column of mixed numbers holds it (a float)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
