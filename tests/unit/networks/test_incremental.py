"""What a keystroke recomputes: only around the edit, with the answers of a full run.

The composer's texts change one place at a time. The grapheme bounds of a long text
reuse those of the previous text outside the edit, and a thread split reuses the parts
cut before it; both must give exactly what computing the new text from scratch gives,
for any edit (typing at the end, in the middle, deleting, pasting)."""

from __future__ import annotations

from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmplanner.domain.enums import Network
from cmplanner.networks import entities, facets, graphemes, mastodon, urls
from cmplanner.networks.base import Facet
from cmplanner.networks.registry import rules_for
from cmplanner.networks.splitting import split_text
from cmplanner.networks.textcache import clear_text_caches, common_prefix, common_suffix

from .test_fast_splitting import _PIECES, _SEPARATORS, THREADED

#: Characters whose clusters depend on their neighbours: combining marks, ZWJ, emoji
#: modifiers and ZWJ sequences, regional indicators, keycaps, Indic virama, a prepended
#: mark, CR LF, lone surrogates.
_TRICKY = [
    "a",
    "b",
    " ",
    ".",
    "#",
    "1",
    "\n",
    "\r",
    "\r\n",
    "\u0301",
    "\u200d",
    "\ufe0f",
    "\u20e3",
    "👍",
    "🏽",
    "👨",
    "🇪",
    "🇸",
    "ਤ",
    "ਾ",
    "੍",
    "ਜ",
    "क",
    "्",
    "ष",
    "\u0600",
    "ب",
    "\ud800",
]

_EDIT = st.tuples(
    st.floats(min_value=0, max_value=1),  # where
    st.integers(min_value=0, max_value=4),  # how many characters it removes
    st.lists(st.sampled_from(_TRICKY), max_size=4),  # what it inserts
)


def _long(pieces: list[str], size: int = 1200) -> str:
    """The pieces repeated to a long text (only long texts are segmented incrementally)."""
    unit = "".join(pieces) or "a"
    return (unit * (size // len(unit) + 1))[:size]


def _whole_bounds(text: str) -> tuple[int, ...]:
    """Every cluster's start and the end, segmenting the whole text with ``\\X``."""
    return tuple(accumulate(map(len, graphemes.graphemes(text)), initial=0))


def _edit(text: str, edit: tuple[float, int, list[str]]) -> str:
    where, removed, inserted = edit
    at = round(where * len(text))
    return text[:at] + "".join(inserted) + text[at + removed :]


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_TRICKY), min_size=1, max_size=40),
    edits=st.lists(_EDIT, min_size=1, max_size=6),
)
def test_grapheme_bounds_after_edits_are_those_of_the_whole_text(
    pieces: list[str], edits: list[tuple[float, int, list[str]]]
) -> None:
    clear_text_caches()
    text = _long(pieces)
    graphemes.cluster_bounds(text)
    for edit in edits:
        text = _edit(text, edit)
        assert graphemes.cluster_bounds(text) == _whole_bounds(text)


def test_typing_at_the_end_of_a_long_text_segments_only_the_end() -> None:
    clear_text_caches()
    text = _long(["Fresh rye 🍞 ਤਾਜ਼ੀ ਰੋਟੀ · خبز طازج\n"], 3000)
    graphemes.cluster_bounds(text)
    for ch in "and fresh bread":
        text += ch
        assert graphemes.cluster_bounds(text) == _whole_bounds(text)


@pytest.mark.parametrize(
    ("a", "b", "prefix", "suffix"),
    [
        ("", "", 0, 0),
        ("abc", "abc", 3, 0),
        ("abc", "abd", 2, 0),
        ("abcdef", "abXdef", 2, 3),
        ("abc", "abcd", 3, 0),
        ("xbc", "ybc", 0, 2),
    ],
)
def test_common_prefix_and_suffix(a: str, b: str, prefix: int, suffix: int) -> None:
    assert common_prefix(a, b) == prefix
    assert common_suffix(a, b, min(len(a), len(b)) - prefix) == suffix


def _fresh_split(network: Network, text: str, cw: str = "") -> list[str]:
    """The split computed from nothing (no memory of an earlier text)."""
    rules = rules_for(network)
    protected = [(e.start, e.end) for e in rules.entities(text)]
    return split_text(
        text,
        lambda part: rules.fits(part, cw),
        protected,
        additive=lambda part: rules.additive(part, cw),
    )


@settings(max_examples=40, deadline=None)
@given(
    network=st.sampled_from(THREADED),
    pieces=st.lists(st.sampled_from(_PIECES + _SEPARATORS), min_size=20, max_size=150),
    edits=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=1),
            st.integers(min_value=0, max_value=30),
            st.lists(st.sampled_from(_PIECES + _SEPARATORS), max_size=3),
            st.booleans(),  # at the end (typing on)
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_split_after_edits_is_the_split_of_the_whole_text(
    network: Network,
    pieces: list[str],
    edits: list[tuple[float, int, list[str], bool]],
) -> None:
    rules = rules_for(network)
    text = "".join(pieces)
    assert rules.split(text) == _fresh_split(network, text)
    for where, removed, inserted, at_end in edits:
        at = len(text) if at_end else round(where * len(text))
        text = text[:at] + "".join(inserted) + text[at + removed :]
        assert rules.split(text) == _fresh_split(network, text)
        assert rules.split(text, numbered=False) == split_text(
            text,
            rules.fits,
            [(e.start, e.end) for e in rules.entities(text)],
            numbered=False,
        )


@pytest.mark.parametrize("network", THREADED, ids=lambda n: n.value)
def test_typing_on_the_benchmark_text_splits_as_the_whole_text(network: Network) -> None:
    chunk = (
        "Fresh rye every Thursday at 7 🍞 Come early, bring a friend and tell us what you "
        "think! Menu at https://panaderiasol.com/menu/winter #panaderiasol @sol.bsky.social "
        "ਤਾਜ਼ੀ ਰੋਟੀ · خبز طازج\n\n"
    )
    rules = rules_for(network)
    text = (chunk * 20)[:3000]
    rules.split(text)
    for i, ch in enumerate("and fresh bread for everyone. " * 3):
        text += ch
        if i % 7 == 0:  # and now and then in the middle (every later part moves)
            text = text[:1500] + ch + text[1500:]
        assert rules.split(text) == _fresh_split(network, text)


_LINE_PIECES = [*_PIECES, "\n", "\n\n", "\r\n", "@sol.test", "#tag!", "www.sol.es.", "(", ")"]


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(_LINE_PIECES + _SEPARATORS), min_size=40, max_size=200))
def test_entities_and_facets_found_line_by_line_are_those_of_the_whole_text(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    at = graphemes.utf8_prefix(text)
    whole_facets = tuple(
        Facet(at[start], at[end], kind, value) for kind, start, end, value in facets._find(text)
    )
    assert tuple(facets.detect_facets(text)) == whole_facets
    assert tuple(entities.standard_entities(text)) == entities._standard_in(text)
    assert mastodon._entities(text) == mastodon._entities_in(text)
    assert entities.by_lines(text, mastodon._counted_in) == mastodon._counted_in(text)
    assert urls._all_urls(text) == urls._line_urls(text)
    # Typing on at the end: the lines before the last come from the cache, the same.
    for ch in " more text, www.sol.es #tag":
        text += ch
        assert entities.standard_entities(text) == list(entities._standard_in(text))
        assert urls._all_urls(text) == urls._line_urls(text)
