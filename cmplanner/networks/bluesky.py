"""Bluesky: 300 grapheme clusters and 3000 UTF-8 bytes [B-post]; facets by byte range."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.base import (
    Entity,
    Facet,
    FacetType,
    LengthReport,
    Problem,
    ProblemLevel,
)
from cmplanner.networks.facets import detect_facets, facet_spans
from cmplanner.networks.graphemes import cluster_bounds, grapheme_starts, utf8_len, utf8_prefix
from cmplanner.networks.linewise import GRAPHEMES, UTF8_BYTES, by_lines
from cmplanner.networks.ruleset import RuleSet, Segment, first_over_uniform
from cmplanner.networks.splitting import Additive
from cmplanner.networks.textcache import LINES_FROM, per_text


def _byte_overflow(text: str, starts: Sequence[int], byte_limit: int) -> int | None:
    """Start of the first cluster whose end lies past ``byte_limit`` bytes, or None."""
    if utf8_len(text) <= byte_limit:
        return None
    at = utf8_prefix(text)
    lo, hi = 0, len(starts) - 2  # clusters 0 .. len(starts) - 2; the last one crosses
    while lo < hi:
        mid = (lo + hi) // 2
        if at[starts[mid + 1]] > byte_limit:
            hi = mid
        else:
            lo = mid + 1
    return starts[lo]


@per_text()
def _facet_entities(text: str) -> tuple[Entity, ...]:
    """The facets of ``text`` as code point ranges, in text order; once per text. A long
    text's lines before the last are answered together and kept (as ``facet_spans``
    finds them): typing at the end changes the last line only."""
    if len(text) <= LINES_FROM or "\n" not in text:
        return _in_order(facet_spans(text), 0)
    cut = text.rindex("\n") + 1
    head = _head_entities(text[:cut])
    if cut == len(text):
        return head
    return head + _in_order(facet_spans("\n" + text[cut:]), cut - 1)


@per_text()
def _head_entities(head: str) -> tuple[Entity, ...]:
    return _in_order(facet_spans(head), 0)


def _in_order(found: Sequence[tuple[FacetType, int, int, str]], shift: int) -> tuple[Entity, ...]:
    entities = [
        Entity(start + shift, end + shift, kind, value) for kind, start, end, value in found
    ]
    return tuple(sorted(entities, key=lambda e: e.start))


@dataclass(frozen=True)
class BlueskyRules(RuleSet):
    network: Network = Network.BLUESKY
    limits: lim.NetworkLimits = lim.BLUESKY
    supports_threads: bool = True
    unit: str = "characters"

    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        return 0, [Segment(s, 1) for s in grapheme_starts(text)[:-1]]

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        if by_lines(text):
            found = GRAPHEMES.measure(text, 0, self.limits.text.max_length)
            if found is not None:
                return found
        bounds = cluster_bounds(text)
        units = len(bounds) - 1
        return units, first_over_uniform(bounds, units, 0, self.limits.text.max_length)

    def additive(self, text: str, content_warning: str = "") -> Additive | None:
        bounds = cluster_bounds(text)
        graphemes = (bounds, range(len(bounds)), self.limits.text.max_length)
        byte_limit = self.limits.text.max_bytes
        if byte_limit is None:
            return Additive((graphemes,))
        return Additive((graphemes, (range(len(text) + 1), utf8_prefix(text), byte_limit)))

    def report(self, text: str, content_warning: str = "") -> LengthReport:
        report = super().report(text)
        byte_limit = self.limits.text.max_bytes
        size = utf8_len(text)
        overflow = None
        if byte_limit is not None and size > byte_limit:
            found = UTF8_BYTES.measure(text, 0, byte_limit) if by_lines(text) else None
            if found is not None:
                overflow = found[1]
            else:
                overflow = _byte_overflow(text, cluster_bounds(text), byte_limit)
        return LengthReport(
            length=report.length,
            limit=report.limit,
            unit=report.unit,
            overflow_start=report.overflow_start,
            bytes=size,
            byte_limit=byte_limit,
            byte_overflow_start=overflow,
        )

    def _length_problems(self, text: str, content_warning: str) -> list[Problem]:
        problems = super()._length_problems(text, content_warning)
        report = self.count(text)
        if report.byte_overflow_start is not None and report.byte_limit is not None:
            problems.append(
                Problem(
                    ProblemLevel.ERROR,
                    "too_many_bytes",
                    f"This post takes more than the {report.byte_limit:,} bytes Bluesky "
                    "allows. Scripts such as Gurmukhi and emoji take 3–4 bytes per "
                    "character: cut some text or split it into a thread.",
                    report.byte_overflow_start,
                    len(text),
                )
            )
        return problems

    def facets(self, text: str) -> list[Facet]:
        return detect_facets(text)

    def entities(self, text: str) -> list[Entity]:
        """Facets as code point ranges, for previews and splitting."""
        return list(_facet_entities(text))
