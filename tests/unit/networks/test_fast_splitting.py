"""The fast thread split (cuts guessed from per-text prefix sums, each confirmed with the
network's own count) gives exactly the parts of the plain split, which binary-searches
the count on every candidate."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmplanner.domain.enums import Network
from cmplanner.networks.base import NetworkRules
from cmplanner.networks.registry import rules_for
from cmplanner.networks.splitting import split_text

THREADED = [Network.X, Network.BLUESKY, Network.MASTODON, Network.THREADS]

_PIECES = [
    "Fresh rye every Thursday at 7",
    "🍞",
    "👩‍👩‍👧",
    "🇪🇸",
    "❤️",
    "https://panaderiasol.com/menu/winter",
    "example.com",
    "(see https://sol.es/a_(b))",
    "#panaderiasol",
    "#2024",
    "@sol.bsky.social",
    "@user@mastodon.social",
    "ਤਾਜ਼ੀ ਰੋਟੀ",
    "خبز طازج",
    "日本語のテキスト",
    "Done.",
    "Really?!",
    "“Quoted.”",
    "e\u0301",
    "a" * 40,
    "x" * 300,
    "\u0600",
]
_SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", " \u0301"]


def _text(rng: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        out.append(rng.choice(_PIECES))
        out.append(rng.choice(_SEPARATORS))
    return "".join(out)


def _both(rules: NetworkRules, text: str, *, numbered: bool, cw: str = "") -> None:
    protected = [(e.start, e.end) for e in rules.entities(text)]

    def fits(part: str) -> bool:
        return rules.fits(part, cw)

    fast = split_text(
        text, fits, protected, numbered=numbered, additive=lambda t: rules.additive(t, cw)
    )
    plain = split_text(text, fits, protected, numbered=numbered)
    assert fast == plain


@pytest.mark.parametrize("network", THREADED, ids=lambda n: n.value)
@pytest.mark.parametrize("seed", range(6))
def test_fast_split_matches_plain_split(network: Network, seed: int) -> None:
    rng = random.Random(seed)
    rules = rules_for(network)
    for words in (30, 120):
        text = _text(rng, words)
        _both(rules, text, numbered=True)
        _both(rules, text, numbered=False)
    if network == Network.MASTODON:
        _both(rules, _text(rng, 80), numbered=True, cw="Kitchen mishap " * 3)


@pytest.mark.parametrize("network", THREADED, ids=lambda n: n.value)
def test_fast_split_matches_on_the_benchmark_text(network: Network) -> None:
    chunk = (
        "Fresh rye every Thursday at 7 🍞 Come early, bring a friend and tell us what you "
        "think! Menu at https://panaderiasol.com/menu/winter #panaderiasol @sol.bsky.social "
        "ਤਾਜ਼ੀ ਰੋਟੀ · خبز طازج\n\n"
    )
    for size in (400, 3000):
        _both(rules_for(network), (chunk * (size // len(chunk) + 1))[:size], numbered=True)


@settings(max_examples=25, deadline=None)
@given(
    network=st.sampled_from(THREADED),
    pieces=st.lists(st.sampled_from(_PIECES + _SEPARATORS), min_size=1, max_size=120),
)
def test_fast_split_matches_plain_split_generated(network: Network, pieces: list[str]) -> None:
    _both(rules_for(network), "".join(pieces), numbered=True)
