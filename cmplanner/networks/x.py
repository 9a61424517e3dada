"""X: twitter-text v3 weighted length (config v3 [X-tt]).

Weights follow ``twitter-text`` 3: text is NFC-normalised and line endings become
``\\n``; each URL (with or without scheme) weighs 23; each emoji, ZWJ sequences
included, weighs 2; a code point in the ``ranges`` below weighs 1, any other 2.
URL and emoji detection come from the PyPI ``twitter-text-parser`` (a Python port of
twitter-text that passes the v3 conformance vectors); the loop is ours so that every
weight maps back to a place in the user's own (un-normalised) text.

``weighted_segments`` is the plain reading of that; ``x_weights`` gives the same
weights fast (the composer counts on every keystroke): heavy code points found by one
regex, emoji matched only where one can start (the library's emoji regex is one
alternation of ~2,000 sequences, tried at every position), the result cached per text.
Its emoji are exactly the library's: the same sequences, longest first, then the same
single code point class. (Grapheme clusters would not do: twitter-text counts
``😀`` + a combining accent as 2 + 1, an invalid flag pair as 2 + 2, and a ZWJ sequence
newer than its emoji data piece by piece.)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Any

from twitter_text import extract_emojis_with_indices
from twitter_text.regexp import emoji as tt_emoji

from cmplanner.domain.enums import Network
from cmplanner.networks import limits as lim
from cmplanner.networks.base import MediaInfo, Problem, ProblemLevel
from cmplanner.networks.graphemes import graphemes, without_lone_surrogates
from cmplanner.networks.linewise import LineCount, LineCounts, by_lines, lines
from cmplanner.networks.ruleset import RuleSet, Segment, first_over
from cmplanner.networks.splitting import Additive
from cmplanner.networks.textcache import per_text
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


# Code points outside ``RANGES`` (weight DEFAULT_WEIGHT).
_HEAVY = re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b, _w in RANGES) + "]")
assert all(w == SCALE for _a, _b, w in RANGES) and DEFAULT_WEIGHT == 2 * SCALE


def _library_emoji() -> tuple[frozenset[str], tuple[int, ...], re.Pattern[str]]:
    """twitter-text's emoji regex taken apart: (its multi code point sequences, their
    lengths longest first, its single code point class)."""
    pattern: str = tt_emoji.emoji.pattern
    cut = pattern.rindex("|[")
    alternatives = pattern[:cut].split("|")
    if not all(re.fullmatch(r"(?:\\U[0-9A-Fa-f]{8})+", a) for a in alternatives):
        raise ImportError("twitter-text's emoji regex is not the expected alternation")
    multi = frozenset("".join(chr(int(h, 16)) for h in a.split("\\U")[1:]) for a in alternatives)
    return (
        multi,
        tuple(sorted({len(s) for s in multi}, reverse=True)),
        re.compile(pattern[cut + 1 :]),
    )


_MULTI, _MULTI_LENGTHS, _SINGLE = _library_emoji()
_MULTI_FIRST = frozenset(s[0] for s in _MULTI)


def _is_emoji_start(ch: str) -> bool:
    """The first code point of a sequence, or a single emoji code point."""
    return ch in _MULTI_FIRST or _SINGLE.fullmatch(ch) is not None


def _emoji_start_class() -> re.Pattern[str]:
    """A cheap character class holding every character an emoji can start with (and
    more: ``emoji_spans`` checks each hit). The exact class, thousands of ranges, is
    slower to scan with than the alternation itself."""
    low = "".join(re.escape(chr(cp)) for cp in range(0x100) if _is_emoji_start(chr(cp)))
    first_high = next(cp for cp in range(0x100, 0x110000) if _is_emoji_start(chr(cp)))
    return re.compile(f"[{low}\\U{first_high:08x}-\\U0010ffff]")


_EMOJI_START = _emoji_start_class()


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each emoji, exactly as twitter-text's
    ``extract_emojis_with_indices`` finds them."""
    spans: list[tuple[int, int]] = []
    end = 0
    for m in _EMOJI_START.finditer(text):
        pos = m.start()
        if pos < end:
            continue
        size = 0
        if text[pos] in _MULTI_FIRST:
            rest = len(text) - pos
            for n in _MULTI_LENGTHS:
                if n <= rest and text[pos : pos + n] in _MULTI:
                    size = n
                    break
        if not size and _SINGLE.match(text, pos):
            size = 1
        if size:
            end = pos + size
            spans.append((pos, end))
    return spans


def char_weight(ch: str) -> int:
    cp = ord(ch)
    for start, end, weight in RANGES:
        if start <= cp <= end:
            return weight
    return DEFAULT_WEIGHT


def _normalise_cluster(cluster: str) -> str:
    return unicodedata.normalize("NFC", cluster).replace("\r\n", "\n").replace("\r", "\n")


def normalise(text: str) -> tuple[str, Sequence[int]]:
    """twitter-text's normalised text, and for each of its code points the offset in
    ``text`` of the grapheme cluster it came from."""
    clean = without_lone_surrogates(text)
    if "\r" not in clean and unicodedata.is_normalized("NFC", clean):
        return clean, range(len(clean))
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


@per_text()
def x_weights(text: str, url_cost: int = 23) -> tuple[Sequence[int], list[int], int]:
    """``weighted_segments`` in whole units, fast: (offset in ``text`` of each
    normalised code point, its weight, 0 where a URL or emoji already counted it;
    the total). A long text is weighed line by line, each line's weights kept
    (``linewise``): typing reweighs one line."""
    if by_lines(text):
        counted = [_x_line(chunk, lead, url_cost) for _at, chunk, lead in lines(text)]
        if all(c is not None for c in counted):
            weights = list(chain.from_iterable(c[0] for c in counted if c is not None))
            return range(len(text)), weights, sum(c[1].total for c in counted if c is not None)
    return _weigh(text, url_cost)


@per_text()
def _x_line(chunk: str, lead: int, url_cost: int) -> tuple[tuple[int, ...], LineCount] | None:
    """One line's weights and running totals (``linewise``); None when normalising moves
    its characters (the whole text is weighed then)."""
    origin, weights, _total = _weigh(chunk, url_cost)
    if not isinstance(origin, range):
        return None
    own = tuple(weights[lead:])
    return own, LineCount(range(len(own)), tuple(accumulate(own, initial=0)))


#: Per URL cost, the lines' counts (``linewise``).
_LINE_COUNTS: dict[int, LineCounts] = {}


def _line_counts(url_cost: int) -> LineCounts:
    counts = _LINE_COUNTS.get(url_cost)
    if counts is None:

        def count_line(chunk: str, lead: int) -> LineCount | None:
            found = _x_line(chunk, lead, url_cost)
            return None if found is None else found[1]

        counts = _LINE_COUNTS[url_cost] = LineCounts(count_line)
    return counts


def _weigh(text: str, url_cost: int) -> tuple[Sequence[int], list[int], int]:
    """``x_weights`` of the whole text at once."""
    norm, origin = normalise(text)
    weights = [1] * len(norm)
    if not norm.isascii():
        for m in _HEAVY.finditer(norm):
            weights[m.start()] = 2
    events = {u.start: (u.end, url_cost) for u in find_urls(norm, bare_domains=True)}
    for start, end in emoji_spans(norm):
        events.setdefault(start, (end, 2))  # a URL starting there wins
    pos = 0
    for start in sorted(events):
        if start < pos:  # inside a URL or emoji already counted
            continue
        end, weight = events[start]
        weights[start] = weight
        weights[start + 1 : end] = [0] * (end - start - 1)
        pos = end
    return origin, weights, sum(weights)


@per_text()
def _x_cumulative(text: str, url_cost: int = 23) -> tuple[int, ...]:
    """Running totals of ``x_weights``' weights, from 0 (one more entry than weights)."""
    return tuple(accumulate(x_weights(text, url_cost)[1], initial=0))


def weighted_length(text: str, url_cost: int = 23) -> int:
    """X's ``weightedLength`` of ``text``."""
    return x_weights(text, url_cost)[2]


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

    def measure(self, text: str, content_warning: str = "") -> tuple[int, int | None]:
        url_cost = self.limits.text.url_cost or 23
        limit = self.limits.text.max_length
        if by_lines(text) and limit >= 0:
            found = _line_counts(url_cost).measure(text, 0, limit)
            if found is not None:
                return found
        origin, weights, total = x_weights(text, url_cost)
        if total <= limit:
            return total, None
        if limit < 0:
            return total, first_over(origin, weights, 0, limit)
        # first_over's answer, on running totals computed once per text.
        k = bisect_right(_x_cumulative(text, url_cost), limit) - 1
        return total, (origin[k] if k < len(weights) else None)

    def additive(self, text: str, content_warning: str = "") -> Additive | None:
        url_cost = self.limits.text.url_cost or 23
        origin, _weights, _total = x_weights(text, url_cost)
        return Additive(((origin, _x_cumulative(text, url_cost), self.limits.text.max_length),))

    def extra_problems(
        self, text: str, media: Sequence[MediaInfo], content_warning: str
    ) -> list[Problem]:
        problems: list[Problem] = []
        if not any(ch in text for ch in INVALID_CHARACTERS):
            return problems
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
