"""The fast counting paths (``measure``, cached per text) against the plain ones."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import extract_emojis_with_indices, extract_urls_with_indices, parse_tweet
from twitter_text.regexp.emoji import emoji_list

from cmplanner.domain.enums import Network
from cmplanner.networks import urls
from cmplanner.networks.bluesky import _byte_overflow
from cmplanner.networks.graphemes import grapheme_starts, utf8_len
from cmplanner.networks.registry import rules_for
from cmplanner.networks.urls import _masked, find_urls
from cmplanner.networks.x import emoji_spans, weighted_length

PIECES = [
    "a",
    " ",
    "\n",
    "\r\n",
    "\r",
    "日",
    "é",
    "e\u0301",
    "😀",
    "😀\u0301",
    "👩‍💻",
    "👨‍👩‍👧",
    "🧑‍🎄",
    "🇦🇦",
    "🇺🇸",
    "❤️",
    "1️⃣",
    "#\u20e3",
    "a\ufe0f",
    "©",
    "\u200d",
    "\u202e",
    "ਸ੍ਰੀ",
    "خبز",
    "\ud800",
    ".",
    "a.",
    "http://x.co",
    "https://example.com/p?q=1",
    "HTTPS://EXAMPLE.COM",
    "example.com",
    "t.co/abc",
    "https://t.co/abcdef",
    "@user",
    "@Gargron@mastodon.social",
    "@sol.bsky.social",
    "#tag",
    "7",
    "\ufeff",
]
TEXT = st.text(max_size=200) | st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=TEXT, cw=st.text(max_size=8))
@pytest.mark.parametrize("network", list(Network))
def test_measure_is_segments(network: Network, text: str, cw: str) -> None:
    rules = rules_for(network)
    assert rules.measure(text, cw) == rules.measure_by_segments(text, cw)  # type: ignore[attr-defined]


@settings(max_examples=100, deadline=None)
@given(text=TEXT, limit=st.integers(0, 400))
@pytest.mark.parametrize("network", list(Network))
def test_small_limits(network: Network, text: str, limit: int) -> None:
    # Overflow in the middle of the text, for every network (default limits are large).
    rules = rules_for(network)
    text_limits = type(rules.limits.text)(max_length=limit, url_cost=rules.limits.text.url_cost)
    small = type(rules)(limits=type(rules.limits)(**{**vars(rules.limits), "text": text_limits}))  # type: ignore[call-arg]
    assert small.measure(text) == small.measure_by_segments(text)


def _byte_overflow_linear(text: str, limit: int) -> int | None:
    total = 0
    for a, b in pairwise(grapheme_starts(text)):
        total += utf8_len(text[a:b])
        if total > limit:
            return a
    return None


@settings(max_examples=200, deadline=None)
@given(text=TEXT, limit=st.integers(0, 300))
def test_bluesky_byte_overflow(text: str, limit: int) -> None:
    assert _byte_overflow(text, grapheme_starts(text), limit) == _byte_overflow_linear(text, limit)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_emoji_spans_are_twitter_texts(text: str) -> None:
    expected = [tuple(e["indices"]) for e in extract_emojis_with_indices(text)]
    assert emoji_spans(text) == expected


def test_every_listed_emoji_is_found_as_the_library_finds_it() -> None:
    text = " ".join(e.emoji for e in emoji_list) + "".join(e.emoji for e in emoji_list)
    expected = [tuple(e["indices"]) for e in extract_emojis_with_indices(text)]
    assert emoji_spans(text) == expected


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_urls_without_bare_domains_are_twitter_texts(text: str) -> None:
    for bare in (True, False):
        found = extract_urls_with_indices(_masked(text), bare)
        assert [(u.start, u.end) for u in find_urls(text, bare_domains=bare)] == [
            tuple(u["indices"]) for u in found
        ]


@settings(max_examples=300, deadline=None)
@given(
    TEXT
    | st.lists(st.sampled_from([*PIECES, "\n", "\n\n", "\x1c", "\u2028"]), max_size=400).map(
        "".join
    )
)
def test_urls_line_by_line_are_the_whole_texts(text: str) -> None:
    # A long text is searched line by line (each line cached): the same URLs as one search.
    line_by_line = urls.LINES_FROM
    try:
        urls.LINES_FROM = 0
        urls._all_urls.cache_clear()
        for bare in (True, False):
            found = extract_urls_with_indices(_masked(text), bare)
            assert [(u.start, u.end) for u in find_urls(text, bare_domains=bare)] == [
                tuple(u["indices"]) for u in found
            ]
    finally:
        urls.LINES_FROM = line_by_line
        urls._all_urls.cache_clear()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES[:-1]), max_size=120).map("".join))
def test_weighted_length_is_twitter_texts_on_pieces(text: str) -> None:
    text = text.replace("\ud800", "")
    assert weighted_length(text) == parse_tweet(text).weightedLength


def test_bench_text() -> None:
    chunk = (
        "Fresh rye every Thursday at 7 🍞 Come early, bring a friend and tell us what you "
        "think! Menu at https://panaderiasol.com/menu/winter #panaderiasol @sol.bsky.social "
        "ਤਾਜ਼ੀ ਰੋਟੀ · خبز طازج\n\n"
    )
    text = (chunk * 20)[:3000]
    assert weighted_length(text) == parse_tweet(text).weightedLength
    for network in Network:
        rules = rules_for(network)
        assert rules.measure(text) == rules.measure_by_segments(text)  # type: ignore[attr-defined]
