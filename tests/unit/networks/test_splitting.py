"""Thread splitting: every part fits, nothing is cut inside a word, link, tag or emoji."""

from __future__ import annotations

import itertools

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cmplanner.domain.enums import Network
from cmplanner.networks.graphemes import grapheme_starts, graphemes
from cmplanner.networks.registry import rules_for
from cmplanner.networks.splitting import split_spans

THREADED = [Network.X, Network.BLUESKY, Network.MASTODON, Network.THREADS]
_NUMBER = regex.compile(r" \d+/\d+$")


def _ws(text: str) -> str:
    return " ".join(text.split())


def test_text_that_fits_is_returned_whole() -> None:
    assert rules_for(Network.X).split("short") == ["short"]


def test_paragraphs_first_then_sentences() -> None:
    para1 = "First paragraph. " * 5
    para2 = "Second one is long. " * 20
    parts = rules_for(Network.X).split(para1.strip() + "\n\n" + para2.strip())
    assert parts[0] == para1.strip() + f" 1/{len(parts)}"
    assert all(p.rstrip(" 0123456789/").endswith(".") for p in parts)


def test_numbering_is_counted() -> None:
    text = "word " * 100  # 500 characters
    parts = rules_for(Network.X).split(text)
    assert [p[-4:] for p in parts] == [" 1/2", " 2/2"]
    assert rules_for(Network.X).count(parts[0]).length <= 280
    assert len(parts[0]) > 270  # filled up, not split early


def test_ten_or_more_parts_are_numbered_with_room_for_two_digits() -> None:
    parts = rules_for(Network.X).split("abcd " * 700)
    assert len(parts) >= 10
    assert parts[-1].endswith(f" {len(parts)}/{len(parts)}")
    assert all(rules_for(Network.X).count(p).fits for p in parts)


def test_unnumbered() -> None:
    parts = rules_for(Network.BLUESKY).split("word " * 100, numbered=False)
    assert len(parts) == 2 and not _NUMBER.search(parts[0])


def test_never_inside_a_url_on_hard_cuts() -> None:
    url = "https://example.com/" + "p" * 40
    text = "日" * 130 + url + "日" * 50  # no spaces at all; 130 CJK weigh 260, the URL 23
    parts = rules_for(Network.X).split(text, numbered=False)
    assert "".join(parts) == text
    assert parts[0] == "日" * 130
    assert parts[1].startswith(url)


def test_mastodon_parts_count_the_content_warning() -> None:
    rules = rules_for(Network.MASTODON)
    parts = rules.split("word " * 200, content_warning="cw " * 30)
    assert len(parts) > 2
    assert all(rules.count(p, "cw " * 30).fits for p in parts)


def test_networks_without_threads_do_not_split() -> None:
    assert rules_for(Network.LINKEDIN).split("a " * 2000) == ["a " * 2000]


PIECES = st.sampled_from(
    [
        "word",
        "longerword",
        " ",
        " ",
        "\n",
        "\n\n",
        ". ",
        "! ",
        "ਸ੍ਰੀ",
        "ਪੰਜਾਬ",
        "👨‍👩‍👧",
        "👍🏽",
        "日本語",
        "https://example.com/path",
        "@alice.bsky.social",
        "#hashtag",
        "e\u0301",
    ]
)
TEXTS = st.lists(PIECES, min_size=1, max_size=400).map("".join)


@settings(max_examples=25, deadline=None)
@given(text=TEXTS, numbered=st.booleans())
@pytest.mark.parametrize("network", THREADED)
def test_split_properties(network: Network, text: str, numbered: bool) -> None:
    rules = rules_for(network)
    parts = rules.split(text, numbered=numbered)
    if len(parts) == 1:
        assert parts == [text]
        return
    assert all(rules.count(p).fits for p in parts)
    bodies = [_NUMBER.sub("", p) if numbered else p for p in parts]
    assert _ws(" ".join(bodies)) == _ws(text)
    clusters = set(graphemes(text))
    for body in bodies:
        # Every part starts and ends on whole grapheme clusters of the text.
        assert set(graphemes(body.strip())) <= clusters | {" ", "\n"}


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=700))
def test_spans_cover_the_text_with_only_whitespace_between(text: str) -> None:
    rules = rules_for(Network.BLUESKY)
    spans = split_spans(text, rules.fits)
    assume(spans)
    gaps = [text[: spans[0][0]], text[spans[-1][1] :]]
    gaps += [text[a[1] : b[0]] for a, b in itertools.pairwise(spans)]
    assert all(not g.strip() for g in gaps)
    rebuilt = "".join(text[s:e] + gap for (s, e), gap in zip(spans, [*gaps[2:], ""], strict=True))
    assert rebuilt == text.strip()
    bounds = set(grapheme_starts(text))
    assert all(s in bounds and e in bounds for s, e in spans)
    assert all(rules.fits(text[s:e]) for s, e in spans if len(graphemes(text[s:e])) > 1)
