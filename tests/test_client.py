"""``tbkit.send`` (blocking, for scripts) and ``tbkit.post`` (awaitable, for notebooks) reach the endpoint."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

import tbkit
from tests.seeds import SEED_BODY, SEED_DECODER


@pytest.fixture
def kit() -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=":memory:", in_thread=True)
    yield running
    running.stop()


def test_send_blocks_until_the_answer(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED_DECODER, downlink="return {contentType: 'TEXT', data: 'hi'};")
    assert hi.url is not None
    assert (tbkit.send(hi.url, SEED_BODY).status, tbkit.send(hi.url, b"{bad").status) == (204, 400)
    kit.save_attributes("Sensor T1", {"firmware": "v2"})
    answer = tbkit.send(hi.url, SEED_BODY)
    assert (answer.status, answer.body, answer.headers["Content-Type"]) == (200, b"hi", "text/plain")


def test_send_on_a_running_event_loop_says_to_await_post_instead(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED_DECODER)
    assert hi.url is not None
    url = hi.url

    async def cell() -> None:
        tbkit.send(url, SEED_BODY)

    with pytest.raises(tbkit.TbkitError) as raised:
        asyncio.run(cell())
    assert str(raised.value) == (
        "tbkit.send() blocks, and this thread runs an event loop (a notebook cell?) that may "
        "be the one serving the request: use `await tbkit.post(...)` here"
    )


def test_post_awaits_the_answer(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED_DECODER)
    assert hi.url is not None
    assert asyncio.run(tbkit.post(hi.url, SEED_BODY)).status == 204


def test_send_to_nothing_is_a_connection_error() -> None:
    with pytest.raises(ConnectionError):
        tbkit.send("http://127.0.0.1:9/api/v1/integrations/http/x", b"{}", timeout=5)
