"""Threads: 500 characters, where an emoji counts its UTF-8 bytes [T-posts].

Meta's docs say "Emojis are counted as the number of UTF-8 bytes": a grapheme cluster
that is an emoji counts its UTF-8 length (😀 4, ❤️ 6, 👨‍👩‍👧 18), any other
cluster counts 1. NETWORKS.md asks to test this against the live API before trusting
it; until then this reading is the strict one (it never undercounts). At most 5
distinct links per post [T-txt].
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.graphemes import grapheme_starts, is_emoji, utf8_len
from cmplanner.networks.ruleset import RuleSet, Segment


def cluster_weight(cluster: str) -> int:
    return utf8_len(cluster) if is_emoji(cluster) else 1


@dataclass(frozen=True)
class ThreadsRules(RuleSet):
    network: Network = Network.THREADS
    limits: lim.NetworkLimits = lim.THREADS
    supports_threads: bool = True
    unit: str = "characters"

    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        starts = grapheme_starts(text)
        return 0, [Segment(a, cluster_weight(text[a:b])) for a, b in pairwise(starts)]
