"""Mastodon: grapheme clusters of content warning + text, URLs and mentions rewritten.

Mastodon's StatusLengthValidator [M-val] counts ``spoiler_text + countable_text(text)``
in grapheme clusters, where ``countable_text`` replaces every URL that has a scheme with
``characters_reserved_per_url`` characters and every ``@user@domain`` with ``@user``.
The limit and the URL cost come from the instance [M-inst]; defaults 500 and 23.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from cmplanner.domain.enums import Network
from cmplanner.networks import entities as ent
from cmplanner.networks import limits as lim
from cmplanner.networks.base import Entity, NetworkRules
from cmplanner.networks.graphemes import cluster_bounds, count_graphemes, grapheme_starts
from cmplanner.networks.linewise import LineCount, LineCounts, by_lines, line_units
from cmplanner.networks.ruleset import (
    RuleSet,
    Segment,
    first_over_running,
    first_over_uniform,
)
from cmplanner.networks.splitting import Additive
from cmplanner.networks.textcache import per_text


@per_text()
def _entities_in(text: str) -> tuple[Entity, ...]:
    return tuple(
        ent.merge(
            ent.links(text, bare_domains=False), ent.mastodon_mentions(text), ent.hashtags(text)
        )
    )


@per_text()
def _entities(text: str) -> tuple[Entity, ...]:
    return ent.by_lines(text, _entities_in)


@per_text()
def _counted_in(text: str) -> tuple[Entity, ...]:
    return tuple(ent.merge(ent.links(text, bare_domains=False), ent.mastodon_mentions(text)))


@per_text()
def _cluster_weights(text: str, url_cost: int) -> tuple[Sequence[int], list[int] | None]:
    """``MastodonRules._cluster_weights``, once per text and URL cost (callers only read
    the weights)."""
    bounds = cluster_bounds(text)
    return bounds, _weigh_clusters(bounds, ent.by_lines(text, _counted_in), url_cost)


def _weigh_clusters(
    bounds: Sequence[int], special: Sequence[Entity], url_cost: int
) -> list[int] | None:
    """Each cluster's weight given the counted entities; None when every one weighs 1."""
    units = len(bounds) - 1
    if not special:
        return None
    # As ``segments()``: an entity that starts a cluster replaces the clusters up to
    # its end by one weight; one that starts inside a cluster changes nothing.
    weights = [1] * units
    skip_to = 0
    for e in special:  # in text order, none overlapping
        if e.start < skip_to:
            continue
        k = bisect_left(bounds, e.start, 0, units)
        if k >= units or bounds[k] != e.start:
            continue
        if e.type == "link":
            weights[k] = url_cost
        else:
            weights[k] = 1 + count_graphemes(e.value.split("@", 1)[0])
        j = bisect_left(bounds, e.end, k + 1, units)
        weights[k + 1 : j] = [0] * (j - k - 1)
        skip_to = e.end
    return weights


def _line(chunk: str, lead: int, url_cost: int) -> LineCount:
    """One line's clusters and their running weights (``linewise``): the entities of a
    line chunk are those the whole text has there (``ent.by_lines`` finds them so)."""
    bounds = cluster_bounds(chunk)
    weights = _weigh_clusters(bounds, _counted_in(chunk), url_cost)
    starts = line_units(bounds, lead)
    if weights is None:
        return LineCount(starts, range(len(starts) + 1))
    return LineCount(starts, tuple(accumulate(weights[lead:], initial=0)))


#: Per URL cost, the lines' counts (``linewise``).
_LINE_COUNTS: dict[int, LineCounts] = {}


def _line_counts(url_cost: int) -> LineCounts:
    counts = _LINE_COUNTS.get(url_cost)
    if counts is None:
        counts = _LINE_COUNTS[url_cost] = LineCounts(
            lambda chunk, lead: _line(chunk, lead, url_cost)
        )
    return counts


@per_text()
def _running(text: str, url_cost: int) -> tuple[int, ...]:
    """Running totals of the cluster weights, from 0."""
    weights = _cluster_weights(text, url_cost)[1]
    return tuple(accumulate(weights or [1] * (len(cluster_bounds(text)) - 1), initial=0))


@dataclass(frozen=True)
class MastodonRules(RuleSet):
    network: Network = Network.MASTODON
    limits: lim.NetworkLimits = lim.MASTODON
    supports_threads: bool = True
    unit: str = "characters"

    def entities(self, text: str) -> list[Entity]:
        return list(_entities(text))

    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        url_cost = self.limits.text.url_cost or lim.MASTODON_DEFAULT_URL_COST
        special = {
            e.start: e
            for e in ent.merge(ent.links(text, bare_domains=False), ent.mastodon_mentions(text))
        }
        segs: list[Segment] = []
        skip_to = 0
        for start in grapheme_starts(text)[:-1]:
            if start < skip_to:
                continue
            e = special.get(start)
            if e is None:
                segs.append(Segment(start, 1))
            elif e.type == "link":
                segs.append(Segment(start, url_cost))
                skip_to = e.end
            else:
                username = e.value.split("@", 1)[0]
                segs.append(Segment(start, 1 + count_graphemes(username)))
                skip_to = e.end
        return count_graphemes(content_warning), segs

    def _cluster_weights(self, text: str) -> tuple[Sequence[int], list[int] | None]:
        """(cluster bounds, each cluster's weight; None when every cluster weighs 1)."""
        return _cluster_weights(text, self.limits.text.url_cost or lim.MASTODON_DEFAULT_URL_COST)

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        limit = self.limits.text.max_length
        base = count_graphemes(content_warning)
        if by_lines(text):
            url_cost = self.limits.text.url_cost or lim.MASTODON_DEFAULT_URL_COST
            found = _line_counts(url_cost).measure(text, base, limit)
            if found is not None:
                return found
        bounds, weights = self._cluster_weights(text)
        units = len(bounds) - 1
        if weights is None:
            return base + units, first_over_uniform(bounds, units, base, limit)
        total = base + sum(weights)
        if total <= limit:
            return total, None
        running = _running(text, self.limits.text.url_cost or lim.MASTODON_DEFAULT_URL_COST)
        return total, first_over_running(bounds, running, base, limit)

    def additive(self, text: str, content_warning: str = "") -> Additive | None:
        bounds, weights = self._cluster_weights(text)
        cumulative: Sequence[int] = (
            range(len(bounds))
            if weights is None
            else _running(text, self.limits.text.url_cost or lim.MASTODON_DEFAULT_URL_COST)
        )
        budget = self.limits.text.max_length - count_graphemes(content_warning)
        return Additive(((bounds, cumulative, budget),))

    def with_instance(
        self, max_characters: int | None = None, url_cost: int | None = None
    ) -> NetworkRules:
        text = replace(
            self.limits.text,
            max_length=max_characters or self.limits.text.max_length,
            url_cost=url_cost if url_cost is not None else self.limits.text.url_cost,
        )
        return replace(self, limits=replace(self.limits, text=text))
