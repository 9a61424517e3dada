"""Counting each network's way, with the numbers from NETWORKS.md."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmplanner.domain.enums import Network
from cmplanner.networks.graphemes import count_graphemes, utf16_offset
from cmplanner.networks.registry import rules_for

ALL = list(Network)


def test_every_network_has_rules_with_its_limit() -> None:
    limits = {n: rules_for(n).count("").limit for n in Network}
    assert limits == {
        Network.MASTODON: 500,
        Network.BLUESKY: 300,
        Network.X: 280,
        Network.LINKEDIN: 3000,
        Network.FACEBOOK: 63_206,
        Network.INSTAGRAM: 2200,
        Network.THREADS: 500,
    }


class TestMastodon:
    rules = rules_for(Network.MASTODON)

    def test_url_counts_23_whatever_its_length(self) -> None:
        url = "https://example.com/" + "x" * 200
        assert self.rules.count(f"see {url}").length == 4 + 23

    def test_bare_domain_is_not_a_url(self) -> None:
        assert self.rules.count("see example.com").length == 15

    def test_remote_mention_counts_as_local_part(self) -> None:
        assert self.rules.count("hi @Gargron@mastodon.social").length == len("hi @Gargron")

    def test_content_warning_counts_too(self) -> None:
        report = self.rules.count("a" * 490, content_warning="spoilers!!!")
        assert report.length == 501
        assert report.overflow_start == 489

    def test_graphemes_not_code_points(self) -> None:
        assert self.rules.count("👨‍👩‍👧 ਸ੍ਰੀ").length == 1 + 1 + count_graphemes("ਸ੍ਰੀ")

    def test_instance_limit_and_url_cost(self) -> None:
        big = self.rules.with_instance(max_characters=5000, url_cost=30)
        assert big.count("x").limit == 5000
        assert big.count("https://example.com").length == 30
        assert self.rules.count("x").limit == 500  # the default rules are untouched


class TestBluesky:
    rules = rules_for(Network.BLUESKY)

    def test_300_graphemes(self) -> None:
        assert self.rules.count("👍🏽" * 300).fits
        report = self.rules.count("👍🏽" * 301)
        assert (report.length, report.overflow_start) == (301, 600)

    def test_3000_bytes_is_a_second_limit(self) -> None:
        # One family emoji is one grapheme but 18 bytes: 170 of them are 3060 bytes.
        text = "👨‍👩‍👧" * 170
        report = self.rules.count(text)
        assert report.length == 170 and report.bytes == 3060
        assert not report.fits
        assert report.byte_overflow_start == 166 * 5  # the 167th family crosses 3000
        codes = {p.code for p in self.rules.check(text)}
        assert codes == {"too_many_bytes"}


class TestThreads:
    rules = rules_for(Network.THREADS)

    def test_emoji_count_their_utf8_bytes(self) -> None:
        assert self.rules.count("😀").length == 4
        assert self.rules.count("❤️").length == 6
        assert self.rules.count("👨‍👩‍👧").length == 18
        assert self.rules.count("ਸਤਿ").length == count_graphemes("ਸਤਿ")

    def test_limit_500(self) -> None:
        assert self.rules.count("a" * 496 + "😀").fits
        assert not self.rules.count("a" * 497 + "😀").fits


def test_linkedin_and_facebook_count_utf16_units() -> None:
    assert rules_for(Network.LINKEDIN).count("😀a").length == 3
    assert not rules_for(Network.LINKEDIN).count("😀" * 1501).fits
    assert rules_for(Network.FACEBOOK).count("a" * 63_206).fits
    assert not rules_for(Network.FACEBOOK).count("a" * 63_207).fits


def test_instagram_counts_graphemes() -> None:
    assert rules_for(Network.INSTAGRAM).count("😀" * 2200).fits
    assert not rules_for(Network.INSTAGRAM).count("😀" * 2201).fits


def test_utf16_offset_for_the_editor() -> None:
    assert utf16_offset("😀ab", 1) == 2


NASTY = st.text(max_size=300) | st.lists(
    st.sampled_from(["\ud800", "\udfff", "\u200d", "\u202e", "\u200f", "ਸ੍ਰੀ", "👩🏽‍💻", "a.", " "]),
    max_size=80,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(text=NASTY, cw=st.text(max_size=20))
@pytest.mark.parametrize("network", ALL)
def test_counting_never_raises(network: Network, text: str, cw: str) -> None:
    rules = rules_for(network)
    report = rules.count(text, cw)
    assert report.length >= 0
    assert (report.overflow_start is None) == (report.length <= report.limit)
    rules.check(text, content_warning=cw)


@pytest.mark.parametrize("network", ALL)
def test_100000_characters(network: Network) -> None:
    text = ("ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ 👩🏽‍💻 \u202eRTL\u202c a.b.c https://x.org/ #tag @me \ud800 ") * 2000
    text = text[:100_000]
    report = rules_for(network).count(text)
    assert report.length > 0
