"""X: twitter-text v3 weighted length (config v3 [X-tt]).

Weights follow ``twitter-text`` 3: text is NFC-normalised and line endings become
``\\n``; each URL (with or without scheme) weighs 23; each emoji, ZWJ sequences
included, weighs 2; a code point in the ``ranges`` below weighs 1, any other 2.
URL and emoji detection come from the PyPI ``twitter-text-parser`` (a Python port of
twitter-text that passes the v3 conformance vectors); the loop is ours so that every
weight maps back to a place in the user's own (un-normalised) text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from twitter_text import extract_emojis_with_indices

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.base import MediaInfo, Problem, ProblemLevel
from cmplanner.networks.graphemes import graphemes, without_lone_surrogates
from cmplanner.networks.ruleset import RuleSet, Segment
from cmplanner.networks.urls import find_urls

#: twitter-text config v3: weights are scaled by 100.
SCALE = 100
DEFAULT_WEIGHT = 200
RANGES: tuple[tuple[int, int, int], ...] = (
    (0, 4351, 100),
    (8192, 8205, 100),
    (8208, 8223, 100),
    (8242, 8247, 100),
)
#: Characters that make a post invalid whatever its length.
INVALID_CHARACTERS = frozenset("\ufffe\ufeff\uffff")


def char_weight(ch: str) -> int:
    cp = ord(ch)
    for start, end, weight in RANGES:
        if start <= cp <= end:
            return weight
    return DEFAULT_WEIGHT


def _normalise_cluster(cluster: str) -> str:
    return unicodedata.normalize("NFC", cluster).replace("\r\n", "\n").replace("\r", "\n")


def normalise(text: str) -> tuple[str, list[int]]:
    """twitter-text's normalised text, and for each of its code points the offset in
    ``text`` of the grapheme cluster it came from."""
    clean = without_lone_surrogates(text)
    if "\r" not in clean and unicodedata.is_normalized("NFC", clean):
        return clean, list(range(len(clean)))
    pieces: list[str] = []
    origin: list[int] = []
    pos = 0
    for cluster in graphemes(clean):
        norm = _normalise_cluster(cluster)
        pieces.append(norm)
        origin.extend([pos] * len(norm))
        pos += len(cluster)
    return "".join(pieces), origin


def weighted_segments(text: str, url_cost: int = 23) -> list[Segment]:
    """The text cut into weighted pieces (scaled by ``SCALE``), offsets into ``text``."""
    norm, origin = normalise(text)
    urls = {u.start: u.end for u in find_urls(norm, bare_domains=True)}
    found: list[dict[str, Any]] = extract_emojis_with_indices(norm)
    emojis = {int(e["indices"][0]): int(e["indices"][1]) for e in found}
    segments: list[Segment] = []
    i = 0
    while i < len(norm):
        if i in urls:
            end, weight = urls[i], url_cost * SCALE
        elif i in emojis:
            end, weight = emojis[i], DEFAULT_WEIGHT
        else:
            end, weight = i + 1, char_weight(norm[i])
        segments.append(Segment(origin[i], weight))
        i = end
    return segments


def weighted_length(text: str, url_cost: int = 23) -> int:
    """X's ``weightedLength`` of ``text``."""
    return sum(s.weight for s in weighted_segments(text, url_cost)) // SCALE


@dataclass(frozen=True)
class XRules(RuleSet):
    network: Network = Network.X
    limits: lim.NetworkLimits = lim.X
    supports_threads: bool = True
    unit: str = "weighted characters"

    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        url_cost = self.limits.text.url_cost or 23
        segs = weighted_segments(text, url_cost)
        # Weights are scaled by 100; integer division of the running sum keeps the
        # overflow exact, so report whole units per segment (half units cannot occur
        # with config v3, whose weights are all multiples of 100).
        return 0, [Segment(s.start, s.weight // SCALE) for s in segs]

    def extra_problems(
        self, text: str, media: Sequence[MediaInfo], content_warning: str
    ) -> list[Problem]:
        problems: list[Problem] = []
        for i, ch in enumerate(text):
            if ch in INVALID_CHARACTERS:
                problems.append(
                    Problem(
                        ProblemLevel.ERROR,
                        "invalid_character",
                        f"X refuses posts containing the invisible character U+{ord(ch):04X}. "
                        "Delete it.",
                        i,
                        i + 1,
                    )
                )
        return problems
