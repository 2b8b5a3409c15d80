"""``tbkit.http.server.listen``: the sockets the endpoint serves on."""

from __future__ import annotations

import errno
import gc
import socket
import sys
import warnings

import pytest

from tbkit.http.server import listen


def test_a_free_port_is_bound_listening_and_non_blocking_on_loopback() -> None:
    sockets = listen("127.0.0.1", 0)
    try:
        assert [s.family for s in sockets] == [socket.AF_INET]
        host, port = sockets[0].getsockname()
        assert host == "127.0.0.1" and port > 0
        assert sockets[0].getblocking() is False
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # the listen backlog accepts the connection before anyone calls accept()
    finally:
        for s in sockets:
            s.close()


def test_localhost_on_port_zero_shares_one_port_across_its_addresses() -> None:
    sockets = listen("localhost", 0)
    try:
        assert len(sockets) >= 1
        assert len({s.getsockname()[1] for s in sockets}) == 1
    finally:
        for s in sockets:
            s.close()


def test_a_taken_port_raises_address_in_use_and_leaves_no_open_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = listen("127.0.0.1", 0)
    port = taken[0].getsockname()[1]
    unraisable: list[sys.UnraisableHookArgs] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ResourceWarning)
            with pytest.raises(OSError) as raised:
                listen("127.0.0.1", port)
            code = raised.value.errno
            del raised  # its traceback holds the frames, and a leaked socket with them
            gc.collect()  # a socket left unclosed warns here, and the warning reaches the hook
        assert code == errno.EADDRINUSE
        assert [str(u.exc_value) for u in unraisable] == []
    finally:
        for s in taken:
            s.close()
