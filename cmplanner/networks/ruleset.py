"""``RuleSet``: the checks every network shares, built on one counting hook.

A network module subclasses ``RuleSet`` and implements ``segments()``: the text cut
into weighted pieces, the network's way. Length, overflow range, fitting, splitting
and the shared checks all follow from it.

``measure()`` is the fast path of the same answer: the composer counts every network
on every keystroke, so a network may override it with arithmetic on facts shared
between networks (cached grapheme bounds, URLs); it must agree with ``segments()``
(a parity test holds them to that).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import overload

from cmplanner.domain.enums import Network
from cmplanner.networks import entities as ent
from cmplanner.networks.base import (
    Entity,
    Facet,
    FitSuggestion,
    LengthReport,
    MediaInfo,
    NetworkRules,
    Problem,
    ProblemLevel,
)
from cmplanner.networks.graphemes import has_lone_surrogate
from cmplanner.networks.limits import MediaLimits, NetworkLimits
from cmplanner.networks.media_checks import check_media
from cmplanner.networks.media_fit import suggest_fit
from cmplanner.networks.splitting import Additive, split_text
from cmplanner.networks.textcache import per_text


@dataclass(frozen=True)
class Segment:
    """A piece of text starting at ``start`` (code points) that weighs ``weight``."""

    start: int
    weight: int


def first_over(starts: Sequence[int], weights: Sequence[int], base: int, limit: int) -> int | None:
    """Where the running total ``base + weights[0] + ...`` first exceeds ``limit``: the
    start of that unit (0 when ``base`` alone does), or None."""
    if base > limit:
        return 0
    running = list(accumulate(weights))
    k = bisect_right(running, limit - base)
    return starts[k] if k < len(running) else None


def first_over_running(
    starts: Sequence[int], running: Sequence[int], base: int, limit: int
) -> int | None:
    """``first_over`` given the running totals ``running`` (``accumulate(weights,
    initial=0)``, one more entry than there are weights), computed once per text."""
    if base > limit:
        return 0
    k = bisect_right(running, limit - base, 1) - 1
    return starts[k] if k < len(running) - 1 else None


def first_over_uniform(starts: Sequence[int], units: int, base: int, limit: int) -> int | None:
    """``first_over`` when each of the ``units`` units weighs 1."""
    if base > limit:
        return 0
    k = limit - base
    return starts[k] if k < units else None


@lru_cache(maxsize=64)
def _media_problems(media: tuple[MediaInfo, ...], limits: MediaLimits, name: str) -> list[Problem]:
    """``check_media``, once per attachments and network: the composer checks the post on
    every keystroke, and the attachments seldom change (callers only read the list)."""
    return check_media(media, limits, name)


class _Spans(Sequence[tuple[int, int]]):
    """The spans a split must not cut inside (links, mentions, tags), found when first
    read: only a part with no break that fits is cut inside a word, and typing at the
    end mostly cuts nothing."""

    def __init__(self, find: Callable[[], list[tuple[int, int]]]) -> None:
        self._find = find
        self._spans: list[tuple[int, int]] | None = None

    def _all(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = self._find()
        return self._spans

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())


@per_text()
def _count(text: str, rules: RuleSet, content_warning: str) -> LengthReport:
    return rules.report(text, content_warning)


@dataclass(frozen=True)
class RuleSet:
    network: Network
    limits: NetworkLimits
    supports_threads: bool = False
    unit: str = "characters"

    # -- the hook -------------------------------------------------------------
    def segments(self, text: str, content_warning: str = "") -> tuple[int, list[Segment]]:
        """(weight outside the text, e.g. the content warning; the text's segments)."""
        raise NotImplementedError

    def extra_problems(
        self, text: str, media: Sequence[MediaInfo], content_warning: str
    ) -> list[Problem]:
        return []

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        """(length, overflow start or None), as ``segments()`` says; override for speed."""
        return self.measure_by_segments(text, content_warning)

    def additive(self, text: str, content_warning: str = "") -> Additive | None:
        """The count as prefix sums over ``text`` (for guessing thread cuts cheaply), or
        None; a guess only: splitting confirms each cut with ``fits``."""
        return None

    # -- counting -------------------------------------------------------------
    def measure_by_segments(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        base, segs = self.segments(text, content_warning)
        limit = self.limits.text.max_length
        total = base
        overflow: int | None = 0 if base > limit else None
        for seg in segs:
            total += seg.weight
            if overflow is None and total > limit:
                overflow = seg.start
        return total, overflow

    def count(self, text: str, content_warning: str = "") -> LengthReport:
        """The text's ``report``, once per text for the last few texts (a keystroke's
        text is counted for the counters, the checks and the ready gate)."""
        return _count(text, self, content_warning)

    def report(self, text: str, content_warning: str = "") -> LengthReport:
        """The count itself (override this, not ``count``)."""
        length, overflow = self.measure(text, content_warning)
        limit = self.limits.text.max_length
        return LengthReport(length=length, limit=limit, unit=self.unit, overflow_start=overflow)

    def fits(self, text: str, content_warning: str = "") -> bool:
        return self.count(text, content_warning).fits

    # -- entities ---------------------------------------------------------------
    def entities(self, text: str) -> list[Entity]:
        return ent.standard_entities(text)

    def facets(self, text: str) -> list[Facet]:
        return []

    def hashtag_entities(self, text: str) -> list[Entity]:
        return [e for e in self.entities(text) if e.type == "tag"]

    def mention_entities(self, text: str) -> list[Entity]:
        return [e for e in self.entities(text) if e.type == "mention"]

    def link_entities(self, text: str) -> list[Entity]:
        return [e for e in self.entities(text) if e.type == "link"]

    # -- checks -----------------------------------------------------------------
    def check(
        self, text: str, media: Sequence[MediaInfo] = (), content_warning: str = ""
    ) -> list[Problem]:
        problems: list[Problem] = []
        name = self.network.label
        if not text.strip() and not media:
            problems.append(
                Problem(ProblemLevel.ERROR, "empty", f"Write something: {name} posts need text.")
            )
        if has_lone_surrogate(text + content_warning):
            problems.append(
                Problem(
                    ProblemLevel.ERROR,
                    "broken_character",
                    "The text holds a broken character (half of an emoji?). Delete it.",
                )
            )
        problems.extend(self._length_problems(text, content_warning))
        problems.extend(self._entity_problems(text))
        problems.extend(_media_problems(tuple(media), self.limits.media, name))
        problems.extend(self.extra_problems(text, media, content_warning))
        return problems

    def _length_problems(self, text: str, content_warning: str) -> list[Problem]:
        report = self.count(text, content_warning)
        if report.overflow_start is None:
            return []
        # The message names the limit, not the count: the count is the counter's, and a
        # message that changed on every keystroke would redraw the problems list with it.
        what = "With its content warning, this post" if content_warning else "This post"
        cure = "cut the text past the limit" + (
            " or split it into a thread" if self.supports_threads else ""
        )
        return [
            Problem(
                ProblemLevel.ERROR,
                "too_long",
                f"{what} is longer than {self.network.label} allows "
                f"({report.limit:,} {report.unit}): {cure}.",
                report.overflow_start,
                len(text),
            )
        ]

    def _entity_problems(self, text: str) -> list[Problem]:
        t = self.limits.text
        # The entities are looked for only where the network has a limit on them (the
        # composer checks every network on every keystroke).
        checks: list[tuple[int | None, Callable[[str], list[Entity]], str, str]] = [
            (t.max_hashtags, self.hashtag_entities, "too_many_hashtags", "hashtags"),
            (t.max_mentions, self.mention_entities, "too_many_mentions", "mentions"),
            (t.max_links, self._unique_links, "too_many_links", "links"),
        ]
        problems: list[Problem] = []
        for limit, find, code, noun in checks:
            if limit is None:
                continue
            found = find(text)
            if len(found) <= limit:
                continue
            problems.append(
                Problem(
                    ProblemLevel.ERROR,
                    code,
                    f"{len(found)} {noun}; {self.network.label} allows at most {limit}. "
                    f"Remove {len(found) - limit}.",
                    found[limit].start,
                    found[-1].end,
                )
            )
        return problems

    def _unique_links(self, text: str) -> list[Entity]:
        seen: set[str] = set()
        unique: list[Entity] = []
        for e in self.link_entities(text):
            if e.value not in seen:
                seen.add(e.value)
                unique.append(e)
        return unique

    # -- threads and media ------------------------------------------------------
    def split(self, text: str, *, numbered: bool = True, content_warning: str = "") -> list[str]:
        if not self.supports_threads:
            return [text]
        return split_text(
            text,
            lambda part: self.fits(part, content_warning),
            _Spans(lambda: [(e.start, e.end) for e in self.entities(text)]),
            numbered=numbered,
            additive=lambda part: self.additive(part, content_warning),
            memo_key=(self, content_warning),
        )

    def suggest_fit(self, media: MediaInfo) -> FitSuggestion | None:
        return suggest_fit(media, self.limits.media)

    def with_instance(
        self, max_characters: int | None = None, url_cost: int | None = None
    ) -> NetworkRules:
        return self
