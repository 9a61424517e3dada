"""Fast checks of the Bluesky client's pure parts: record keys, URL safety, error mapping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests

from cmplanner.networks.bluesky_client import (
    TID_RE,
    BlueskyClient,
    BlueskySession,
    TidClock,
    encode_tid,
    new_tid,
    parse_at_uri,
    tid_timestamp_us,
)
from cmplanner.networks.errors import (
    AuthExpired,
    InsecureURL,
    RateLimited,
    Rejected,
    Transient,
)
from cmplanner.networks.http import check_url, error_for_status, rate_limit_wait


def test_new_tid_has_the_spec_format() -> None:
    tid = new_tid()
    assert len(tid) == 13
    assert TID_RE.match(tid)
    # It carries the current time in microseconds.
    now_us = datetime.now(UTC).timestamp() * 1_000_000
    assert abs(tid_timestamp_us(tid) - now_us) < 5_000_000


def test_new_tids_are_strictly_increasing_and_sort_as_strings() -> None:
    tids = [new_tid() for _ in range(2000)]
    assert tids == sorted(tids)
    assert len(set(tids)) == len(tids)


def test_tid_clock_never_goes_back_even_when_time_does() -> None:
    clock = TidClock(clock_id=7)
    a = clock.next(now_us=2_000_000)
    b = clock.next(now_us=1_000_000)  # the system clock stepped back
    c = clock.next(now_us=2_000_000)
    assert a < b < c
    assert tid_timestamp_us(a) == 2_000_000


def test_encode_tid_matches_a_known_value() -> None:
    # Bluesky's own example TID (atproto.com/specs/tid) decodes and re-encodes to itself.
    tid = "3jzfcijpj2z2a"
    value = 0
    for ch in tid:
        value = (value << 5) | "234567abcdefghijklmnopqrstuvwxyz".index(ch)
    assert encode_tid(value >> 10, value & 0x3FF) == tid
    assert encode_tid(0, 0) == "2222222222222"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "http://bsky.social/",
        "http://10.0.0.1:2583",
        "http://127.0.0.1.example.com",
        "ftp://127.0.0.1",
        "not a url",
    ],
)
def test_plain_http_is_refused_off_loopback(url: str) -> None:
    with pytest.raises(InsecureURL):
        check_url(url)
    with pytest.raises(InsecureURL):
        BlueskyClient(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:2583",
        "http://localhost:2583/",
        "http://[::1]:2583",
        "http://127.5.6.7",
        "https://bsky.social",
        "https://pds.example.com/",
    ],
)
def test_loopback_http_and_any_https_are_accepted(url: str) -> None:
    assert check_url(url) == url.rstrip("/")
    assert BlueskyClient(url).pds_url == url.rstrip("/")


def test_session_repr_hides_tokens() -> None:
    session = BlueskySession("did:plc:x", "x.test", "ACCESS-SECRET", "REFRESH-SECRET")
    assert "SECRET" not in repr(session)


def test_parse_at_uri() -> None:
    assert parse_at_uri("at://did:plc:abc/app.bsky.feed.post/3jzfcijpj2z2a") == (
        "did:plc:abc",
        "app.bsky.feed.post",
        "3jzfcijpj2z2a",
    )
    with pytest.raises(ValueError):
        parse_at_uri("https://bsky.app/profile/x")


def test_create_post_wants_a_tid_key() -> None:
    client = BlueskyClient("http://127.0.0.1:9", BlueskySession("did:plc:x", "x.test", "a", "r"))
    with pytest.raises(ValueError):
        client.create_post("hi", rkey="not-a-tid")


def _response(status: int, headers: dict[str, str] | None = None) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r.headers.update(headers or {})
    return r


NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_status_mapping() -> None:
    assert isinstance(error_for_status(_response(401), "m"), AuthExpired)
    assert isinstance(error_for_status(_response(400), "m"), Rejected)
    assert isinstance(error_for_status(_response(422), "m"), Rejected)
    assert isinstance(error_for_status(_response(500), "m"), Transient)
    assert isinstance(error_for_status(_response(503), "m"), Transient)
    limited = error_for_status(_response(429, {"Retry-After": "30"}), "slow down", now=lambda: NOW)
    assert isinstance(limited, RateLimited)
    assert limited.retry_after_s == 30
    assert limited.reset_at == NOW + timedelta(seconds=30)


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"Retry-After": "12"}, 12.0),
        ({"RateLimit-Reset": str(int((NOW + timedelta(minutes=5)).timestamp()))}, 300.0),
        ({"X-RateLimit-Reset": "2026-11-26T10:01:00.000Z"}, 60.0),
        ({"Retry-After": "Thu, 26 Nov 2026 10:00:45 GMT"}, 45.0),
        ({}, None),
    ],
)
def test_rate_limit_wait(headers: dict[str, str], wait: float | None) -> None:
    assert rate_limit_wait(headers, NOW)[0] == wait
