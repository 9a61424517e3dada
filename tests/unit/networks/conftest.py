"""Fixtures for the network clients' tests: a fake network on 127.0.0.1 (pytest-httpserver,
answering with the documented shapes), a session with short timeouts, a handler that
answers too late, and a server that drops every connection."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.networks.http import make_session


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> Iterator[HTTPServer]:
    """The fake network (127.0.0.1); fails the test if a request matched no expectation."""
    yield httpserver_ipv4
    httpserver_ipv4.check_assertions()


@pytest.fixture
def fast_http() -> requests.Session:
    """A client session that gives up on a silent server after 0.3 s."""
    return make_session(timeout=(1.0, 0.3))


class SlowAnswer:
    """A handler that answers only when released (after the client has given up)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.called = threading.Event()

    def __call__(self, request: Request) -> Response:
        self.called.set()
        self.release.wait(10)
        return Response("{}", status=200, content_type="application/json")


@pytest.fixture
def slow_answer() -> Iterator[SlowAnswer]:
    answer = SlowAnswer()
    yield answer
    answer.release.set()


@pytest.fixture
def dropping_url() -> Iterator[str]:
    """A loopback server that reads each request and closes the socket without a word."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1.0)
                with contextlib.suppress(OSError):
                    conn.recv(65536)
                # Linger 0: the close is a reset, as when a proxy drops the line.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    listener.close()


@pytest.fixture
def image(tmp_path: Path) -> Path:
    """A small PNG file to upload."""
    path = tmp_path / "cat.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return path
