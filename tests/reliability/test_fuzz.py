"""Property-based fuzzing of the pipeline, the live endpoint and the output normaliser.

The example count is bounded here (``TBKIT_FUZZ_EXAMPLES``, default 60); ``make fuzz``
runs the same properties with many more.
"""

from __future__ import annotations

import http.client
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tbkit
from tbkit.errors import ConverterOutputError
from tbkit.normalise import normalise

EXAMPLES = int(os.environ.get("TBKIT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DOCUMENTED = {200, 204, 400, 403, 404, 405, 413, 415, 500}
DECODER = (
    "var d;\n"
    "try { d = decodeToJson(payload); } catch (e) { return null; }\n"
    "if (d && typeof d.deviceName === 'string' && d.deviceName) {\n"
    "  return {deviceName: d.deviceName, telemetry: d.t, attributes: d.a};\n"
    "}\n"
    "return null;"
)
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "text/plain; charset=latin-1",
        "text/plain; charset=bogus",
        "application/octet-stream",
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-16",
        "multipart/form-data",
        "multipart/form-data; boundary=xyz",
        "application/xml",
        "text/csv",
        "",
        ";;;",
        "application/vnd.api+json",
    ]
)
JSON_LEAVES = (
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
DEVICE_DOCS = st.fixed_dictionaries(
    {"deviceName": st.text(min_size=1, max_size=12)}, optional={"t": JSON_VALUES, "a": JSON_VALUES}
)
BODIES = (
    st.binary(max_size=300)
    | DEVICE_DOCS.map(lambda d: json.dumps(d).encode())
    | st.sampled_from(
        [
            b"",
            b"{",
            b'{"deviceName":"x","t":{"v":1}}',
            b"--xyz\r\nContent-Disposition: form-data; name=a; filename=b\r\n\r\n{}\r\n--xyz--\r\n",
            b"deviceName=a&t=1",
            "\u00e9".encode("latin-1"),
            b"\xff\xfe{\x00}\x00",
        ]
    )
)


def counts(store: tbkit.Store) -> tuple[int, int, int]:
    row = store.read(
        "SELECT (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM telemetry), (SELECT COUNT(*) FROM attributes)"
    )[0]
    return int(row[0]), int(row[1]), int(row[2])


@pytest.fixture(scope="module")
def pipeline() -> Iterator[tbkit.Integration]:
    store = tbkit.Store(":memory:")
    hi = tbkit.Integration(store, "Fuzz", tbkit.UplinkConverter(DECODER), max_body=200)
    yield hi
    hi.close()
    store.close()


@FUZZ
@given(body=BODIES, content_type=CONTENT_TYPES, method=st.sampled_from(["POST", "PUT", "GET"]))
def test_pipeline_answers_a_documented_outcome_and_stores_all_or_nothing(
    pipeline: tbkit.Integration, body: bytes, content_type: str | None, method: str
) -> None:
    before = counts(pipeline.store)
    query = (("deviceName", "q"),) if method == "GET" and body[:1] == b"d" else ()
    outcome = pipeline.process(tbkit.Request(body, content_type, (), None, query, method))
    from tbkit.http.status import status_for

    assert status_for(outcome) in DOCUMENTED
    after = counts(pipeline.store)
    if outcome.result in (tbkit.OutcomeKind.PROCESSED, tbkit.OutcomeKind.DOWNLINK):
        assert outcome.entities and after[0] >= before[0]
        names = {r[0] for r in pipeline.store.read("SELECT name FROM entities")}
        assert set(outcome.entities) <= names  # everything acknowledged is there
    else:
        assert after == before  # nothing of a refused, empty or ping request is stored


@FUZZ
@given(
    output=JSON_VALUES
    | st.lists(
        DEVICE_DOCS.map(lambda d: {"deviceName": d["deviceName"], "telemetry": d.get("t"), "attributes": d.get("a")}),
        max_size=3,
    )
)
def test_normaliser_gives_a_clear_error_or_a_correct_store_write(output: Any) -> None:
    try:
        entities = normalise(output)
    except ConverterOutputError as exc:
        assert str(exc) and exc.status in (400, 500)
        return
    with tbkit.Store(":memory:") as store:
        from tbkit.store.ops import ensure_entity, put_attributes, put_telemetry

        def job(conn: Any, changes: Any) -> int:
            written = 0
            for data in entities:
                entity, _ = ensure_entity(conn, data, "Fuzz", True, 1)
                put_attributes(conn, entity.id, "CLIENT_SCOPE", data.attributes, 1)
                written += len(put_telemetry(conn, entity.id, data.telemetry, 1, {}))
            return written

        store.call(job)
        names = {e.name for e in entities}
        assert {r[0] for r in store.read("SELECT name FROM entities")} == names


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[tbkit.Kit, tbkit.Integration]]:
    db = Path(tmp_path_factory.mktemp("fuzz")) / "live.db"
    kit = tbkit.start(db=str(db), in_thread=True)
    hi = kit.add_http_integration("Live", uplink=DECODER, routing_key="live", security_headers=None, max_body=4096)
    yield kit, hi
    kit.stop()


HEADER_NAMES = st.sampled_from(["X-Test", "Content-Length", "Transfer-Encoding", "Expect", "Host", "X-\u00e9"])
PATHS = st.sampled_from(
    [
        "/api/v1/integrations/http/live",
        "/api/v1/integrations/http/live/sfx",
        "/api/v1/integrations/http/other",
        "/api/v1/integrations/http/",
        "/",
        "/api/v1/integrations/http/live?deviceName=x&t=1",
        "/api/converter/testUpLink",
        "/api/v1/integrations/http/live/a/b",
        "/%00",
        "/api/v1/integrations/http/%2e%2e",
    ]
)


@FUZZ
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]),
    path=PATHS,
    content_type=CONTENT_TYPES,
    body=BODIES,
    extra=st.lists(
        st.tuples(HEADER_NAMES, st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)),
        max_size=2,
    ),
)
def test_live_endpoint_never_crashes_and_answers_documented_statuses(
    live: tuple[tbkit.Kit, tbkit.Integration],
    method: str,
    path: str,
    content_type: str | None,
    body: bytes,
    extra: list[tuple[str, str]],
) -> None:
    kit, hi = live
    assert hi.url is not None
    parts = urlsplit(hi.url)
    assert parts.hostname is not None
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Content-Type": content_type} if content_type is not None else {}
    for name, value in extra:
        if name not in ("Content-Length", "Transfer-Encoding", "Host", "X-\u00e9"):
            headers[name] = value
    try:
        conn.request(method, path, body=body if method not in ("GET", "HEAD") else None, headers=headers)
        status = conn.getresponse().status
    finally:
        conn.close()
    assert status in DOCUMENTED
    # and the server still answers a normal uplink
    check = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        check.request(
            "POST",
            parts.path,
            body=b'{"deviceName": "alive", "t": {"ok": 1}}',
            headers={"Content-Type": "application/json"},
        )
        assert check.getresponse().status == 204
    finally:
        check.close()
