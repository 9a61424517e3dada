"""A long text counted line by line (each line's count kept) counts as the whole text.

The composer counts a long post on every keystroke; each network adds up its lines'
counts (``linewise``) so that typing recounts one line. Whatever the text and the edit,
length and overflow must be those of the plain, whole-text reading (``segments``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmplanner.domain.enums import Network
from cmplanner.networks import facets, linewise, x
from cmplanner.networks.base import Entity
from cmplanner.networks.graphemes import utf16_len
from cmplanner.networks.linkedin import utf16_measure
from cmplanner.networks.registry import rules_for
from cmplanner.networks.ruleset import RuleSet
from cmplanner.networks.textcache import clear_text_caches

from .test_fast_counting import PIECES, _byte_overflow_linear

#: Pieces for long texts of many lines (no CR: a text holding one is counted whole).
_LINE_PIECES = [p for p in PIECES if "\r" not in p] + ["\n", "\n\n", "\n\n", "https://t.co/x\n"]


def _lengthen(text: str) -> str:
    """A text long enough, and with lines, to be counted line by line."""
    if len(text) <= linewise.LINES_FROM or "\n" not in text:
        text += "\nfresh rye 🍞 " * 30
    return text


_LONG = st.lists(st.sampled_from(_LINE_PIECES), min_size=150, max_size=400).map("".join)
_LONG = _LONG.map(_lengthen)
_EDIT = st.tuples(
    st.floats(min_value=0, max_value=1),  # where
    st.integers(min_value=0, max_value=3),  # how many characters it removes
    st.lists(st.sampled_from(_LINE_PIECES), max_size=3),  # what it inserts
)


def _with_limit(rules: RuleSet, limit: int) -> RuleSet:
    """The network's rules with another length limit (so the overflow falls mid-text),
    and a byte limit three times that where the network has one."""
    max_bytes = None if rules.limits.text.max_bytes is None else 3 * limit
    text = type(rules.limits.text)(
        max_length=limit, max_bytes=max_bytes, url_cost=rules.limits.text.url_cost
    )
    return type(rules)(limits=type(rules.limits)(**{**vars(rules.limits), "text": text}))  # type: ignore[call-arg]


def _assert_whole(rules: RuleSet, text: str, cw: str = "") -> None:
    assert rules.measure(text, cw) == rules.measure_by_segments(text, cw)
    report = rules.count(text, cw)
    assert (report.length, report.overflow_start) == rules.measure_by_segments(text, cw)
    if report.byte_limit is not None:
        assert report.byte_overflow_start == _byte_overflow_linear(text, report.byte_limit)


@settings(max_examples=20, deadline=None)
@given(text=_LONG, limit=st.integers(0, 900), cw=st.sampled_from(["", "spoiler", "ਤਾ"]))
@pytest.mark.parametrize("network", list(Network), ids=lambda n: n.value)
def test_long_texts_count_line_by_line_as_whole(
    network: Network, text: str, limit: int, cw: str
) -> None:
    clear_text_caches()
    assert linewise.by_lines(text)
    _assert_whole(rules_for(network), text, cw)  # type: ignore[arg-type]
    _assert_whole(_with_limit(rules_for(network), limit), text, cw)  # type: ignore[arg-type]


@settings(max_examples=12, deadline=None)
@given(text=_LONG, edits=st.lists(_EDIT, min_size=1, max_size=6), limit=st.integers(0, 600))
@pytest.mark.parametrize("network", list(Network), ids=lambda n: n.value)
def test_counts_after_edits_are_those_of_the_whole_text(
    network: Network, text: str, edits: list[tuple[float, int, list[str]]], limit: int
) -> None:
    # Lines an earlier text had come from the cache; the answer must not depend on it.
    rules = _with_limit(rules_for(network), limit)  # type: ignore[arg-type]
    _assert_whole(rules, text)
    for where, removed, inserted in edits:
        at = round(where * len(text))
        text = text[:at] + "".join(inserted) + text[at + removed :]
        _assert_whole(rules, text)


@settings(max_examples=30, deadline=None)
@given(text=_LONG)
def test_x_weights_by_lines_are_the_whole_texts(text: str) -> None:
    origin, weights, total = x.x_weights(text)
    whole = x._weigh(text, 23)
    assert (list(origin), weights, total) == (list(whole[0]), whole[1], whole[2])


def test_typing_on_the_benchmark_text_counts_as_the_whole_text() -> None:
    chunk = (
        "Fresh rye every Thursday at 7 🍞 Come early, bring a friend and tell us what you "
        "think! Menu at https://panaderiasol.com/menu/winter #panaderiasol @sol.bsky.social "
        "ਤਾਜ਼ੀ ਰੋਟੀ · خبز طازج\n\n"
    )
    text = (chunk * 20)[:3000]
    every = [rules_for(n) for n in Network]
    for i, ch in enumerate("and sol.es 🍞 #a"):
        text = text + ch if i % 3 else text[:1500] + ch + text[1500:]
        for rules in every:
            _assert_whole(rules, text)  # type: ignore[arg-type]


def _utf16_measure_plain(text: str, limit: int) -> tuple[int, int | None]:
    units = 0
    for i, ch in enumerate(text):
        units += utf16_len(ch)
        if units > limit:
            return utf16_len(text), i
    return units, None


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=120).map("".join), limit=st.integers(0, 300))
def test_utf16_overflow(text: str, limit: int) -> None:
    assert utf16_measure(text, limit) == _utf16_measure_plain(text, limit)


@settings(max_examples=30, deadline=None)
@given(text=_LONG, typed=st.lists(st.sampled_from(_LINE_PIECES), max_size=6))
def test_bluesky_entities_by_lines_are_the_whole_texts(text: str, typed: list[str]) -> None:
    rules = rules_for(Network.BLUESKY)
    for piece in ["", *typed]:
        text += piece  # typing on: the lines before the last come from the cache
        whole = sorted(
            (Entity(start, end, kind, value) for kind, start, end, value in facets._find(text)),
            key=lambda e: e.start,
        )
        assert rules.entities(text) == whole


def test_two_threads_counting_at_once_get_whole_text_answers() -> None:
    # The publisher's thread counts while the composer does; a small store evicts all
    # the time, so the two threads keep evicting each other's lines.
    from concurrent.futures import ThreadPoolExecutor

    counts = linewise.LineCounts(linewise._grapheme_line, entries=4)
    texts = [("Fresh rye 🍞 ਤਾਜ਼ੀ\n" * 40) + "x" * i for i in range(60)]

    def measure_all(offset: int) -> list[tuple[int, int | None] | None]:
        return [counts.measure(t, 0, 300 + offset) for t in texts]

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(measure_all, [0, 1, 0, 1]))
    rules = rules_for(Network.INSTAGRAM)
    for offset, found in zip([0, 1, 0, 1], results, strict=True):
        limited = _with_limit(rules, 300 + offset)  # type: ignore[arg-type]
        assert found == [limited.measure_by_segments(t) for t in texts]


def test_typing_on_in_a_very_long_line_keeps_a_bounded_store() -> None:
    counts = linewise.LineCounts(linewise._grapheme_line)
    text = "Fresh rye\n" + "ਤਾਜ਼ੀ ਰੋਟੀ 🍞 " * 900
    for ch in "and fresh bread " * 4:
        text += ch
        assert counts.measure(text, 0, 300) == _with_limit(
            rules_for(Network.INSTAGRAM),  # type: ignore[arg-type]
            300,
        ).measure_by_segments(text)
    kept = counts._kept
    assert sum(len(chunk) for chunk, _lead in kept) <= linewise._CHARS + len(text)
