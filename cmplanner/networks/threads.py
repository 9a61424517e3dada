"""Threads: 500 characters, where an emoji counts its UTF-8 bytes [T-posts].

Meta's docs say "Emojis are counted as the number of UTF-8 bytes": a grapheme cluster
that is an emoji counts its UTF-8 length (😀 4, ❤️ 6, 👨‍👩‍👧 18), any other
cluster counts 1. NETWORKS.md asks to test this against the live API before trusting
it; until then this reading is the strict one (it never undercounts). At most 5
distinct links per post [T-txt].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.graphemes import (
    cluster_bounds,
    emoji_clusters,
    grapheme_starts,
    is_emoji,
    utf8_len,
)
from cmplanner.networks.linewise import LineCount, LineCounts, by_lines, line_units
from cmplanner.networks.ruleset import RuleSet, Segment, first_over_running, first_over_uniform
from cmplanner.networks.splitting import Additive
from cmplanner.networks.textcache import per_text


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
        limit = self.limits.text.max_length
        if by_lines(text):
            found = _LINES.measure(text, 0, limit)
            if found is not None:
                return found
        bounds = cluster_bounds(text)
        units = len(bounds) - 1
        weights = _emoji_weights(text, bounds)
        if weights is None:
            return units, first_over_uniform(bounds, units, 0, limit)
        running = _running(text, bounds, weights)
        total = running[-1]
        return total, (first_over_running(bounds, running, 0, limit) if total > limit else None)

    def additive(self, text: str, content_warning: str = "") -> Additive | None:
        bounds = cluster_bounds(text)
        weights = _emoji_weights(text, bounds)
        cumulative: Sequence[int] = (
            range(len(bounds)) if weights is None else _running(text, bounds, weights)
        )
        return Additive(((bounds, cumulative, self.limits.text.max_length),))


def _running(text: str, bounds: Sequence[int], weights: list[int]) -> tuple[int, ...]:
    """Running totals of ``weights`` (``_emoji_weights``), from 0; once per long text."""
    if len(text) < 64:
        return tuple(accumulate(weights, initial=0))
    return _cached_running(text)


@per_text()
def _cached_running(text: str) -> tuple[int, ...]:
    return tuple(accumulate(_emoji_weights(text, cluster_bounds(text)) or [], initial=0))


def _emoji_weights(text: str, bounds: Sequence[int]) -> list[int] | None:
    """Each cluster's weight; None when none is an emoji (every cluster weighs 1)."""
    if len(text) < 64:
        return _compute_emoji_weights(text, bounds)
    return _cached_emoji_weights(text)


@per_text()
def _cached_emoji_weights(text: str) -> list[int] | None:
    return _compute_emoji_weights(text, cluster_bounds(text))


def _compute_emoji_weights(text: str, bounds: Sequence[int]) -> list[int] | None:
    emoji = emoji_clusters(text)
    if not emoji:
        return None
    weights = [1] * (len(bounds) - 1)
    for k in emoji:
        weights[k] = utf8_len(text[bounds[k] : bounds[k + 1]])
    return weights


def _line(chunk: str, lead: int) -> LineCount:
    """One line's clusters and their running weights (``linewise``)."""
    bounds = cluster_bounds(chunk)
    weights = _compute_emoji_weights(chunk, bounds)
    starts = line_units(bounds, lead)
    if weights is None:
        return LineCount(starts, range(len(starts) + 1))
    return LineCount(starts, tuple(accumulate(weights[lead:], initial=0)))


_LINES = LineCounts(_line)
