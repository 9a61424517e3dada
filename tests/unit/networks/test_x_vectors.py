"""X counting against twitter-text's own conformance vectors (config v3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from cmplanner.domain.enums import Network
from cmplanner.networks.graphemes import utf16_offset
from cmplanner.networks.registry import rules_for
from cmplanner.networks.x import weighted_length

VECTORS = Path(__file__).resolve().parents[3] / ".." / "shared" / "vectors" / "twitter-text"
GROUPS = ("WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest")


def _vectors() -> list[Any]:
    path = VECTORS / "validate.yml"
    if not path.exists():
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(reason=f"twitter-text vectors folder absent: {VECTORS}"),
            )
        ]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        pytest.param(case, id=f"{group}:{case['description']}")
        for group in GROUPS
        for case in data["tests"][group]
    ]


@pytest.mark.parametrize("case", _vectors())
def test_conformance_vector(case: dict[str, Any]) -> None:
    text, expected = case["text"], case["expected"]
    rules = rules_for(Network.X)
    report = rules.count(text)
    errors = [p for p in rules.check(text) if p.level == "error" and p.code != "too_long"]
    assert report.length == expected["weightedLength"]
    assert (report.fits and report.length > 0 and not errors) == expected["valid"]
    assert report.length * 1000 // 280 == expected["permillage"]
    if not expected["valid"] and not errors and report.overflow_start is not None:
        # validRangeEnd is the UTF-16 index of the last character that still fits.
        assert utf16_offset(text, report.overflow_start) - 1 == expected["validRangeEnd"]


def test_vectors_are_all_there() -> None:
    if not (VECTORS / "validate.yml").exists():
        pytest.skip(f"twitter-text vectors folder absent: {VECTORS}")
    data = yaml.safe_load((VECTORS / "validate.yml").read_text(encoding="utf-8"))
    assert sum(len(data["tests"][g]) for g in GROUPS) == 24


def test_known_weights() -> None:
    assert weighted_length("Hi http://test.co") == 26
    assert weighted_length("日本語") == 6  # CJK weighs 2
    assert weighted_length("👨‍👩‍👧‍👦") == 2  # a ZWJ family is one emoji
    assert weighted_length("e\u0301") == 1  # NFC first: é
    assert weighted_length("a\r\nb") == 3  # CRLF is one newline
    assert weighted_length("see example.com") == 27  # bare domains are URLs too


def test_overflow_points_at_first_character_over_280() -> None:
    text = "a" * 279 + "日b"
    report = rules_for(Network.X).count(text)
    assert report.length == 282
    assert report.overflow_start == 279  # the CJK character crosses 280


_BMP_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120) | st.lists(
    st.sampled_from(["a", " ", "日", "😀", "👩‍💻", "é", "e\u0301", "http://x.co", ".", "\u202a"]),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_BMP_TEXT)
def test_same_weighted_length_as_twitter_text_parser(text: str) -> None:
    assert weighted_length(text) == parse_tweet(text).weightedLength
