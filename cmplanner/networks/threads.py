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
from cmplanner.networks.graphemes import (
    cluster_bounds,
    emoji_clusters,
    grapheme_starts,
    is_emoji,
    utf8_len,
)
from cmplanner.networks.ruleset import RuleSet, Segment, first_over, first_over_uniform


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

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        bounds = cluster_bounds(text)
        units = len(bounds) - 1
        limit = self.limits.text.max_length
        emoji = emoji_clusters(text)
        if not emoji:
            return units, first_over_uniform(bounds, units, 0, limit)
        weights = [1] * units
        for k in emoji:
            weights[k] = utf8_len(text[bounds[k] : bounds[k + 1]])
        total = units + sum(weights[k] - 1 for k in emoji)
        return total, (first_over(bounds, weights, 0, limit) if total > limit else None)
