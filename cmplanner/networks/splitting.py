"""Splitting a long text into thread parts that each fit.

Greedy, part by part: end the part at the last paragraph break that fits; failing that
at the last sentence end that fits; failing that at the last space that fits. The
whitespace at a break is dropped. Only a run of text with no space that fits (a very
long word) is cut inside a word, at a grapheme cluster boundary, and never inside a
protected span (URL, mention, hashtag) unless that span alone is too long. Leading and
trailing whitespace of the whole text are dropped.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from cmplanner.networks.graphemes import cluster_bounds
from cmplanner.networks.textcache import common_prefix, on_clear

Fits = Callable[[str], bool]
#: ``(start, end) -> bool``: whether ``text[start:end]`` (with the numbering) fits, read off
#: per-text prefix sums of the network's weights: exact for nearly every cut, and never
#: trusted alone (see ``_last_fitting_checked``).
Estimate = Callable[[int, int], bool]
#: ``origin -> Estimate`` for ``text[origin:]`` (or None): the guess made only for the
#: text a split cuts anew (typing changes the last part: ~300 characters, not 3,000).
EstimateAt = Callable[[int], Estimate | None]


@dataclass(frozen=True)
class Additive:
    """A network's count read as sums of weights: for each limit, ``(positions, cumulative,
    budget)``, where the part ``text[a:b]`` weighs ``cumulative[bisect_left(positions, b)]
    - cumulative[bisect_left(positions, a)]`` and fits that limit when it weighs at most
    ``budget``. ``positions`` ascend and ``cumulative`` never decreases."""

    limits: tuple[tuple[Sequence[int], Sequence[int], int], ...]

    def weights(self, a: int, b: int) -> tuple[int, ...]:
        return tuple(
            cum[bisect.bisect_left(pos, b)] - cum[bisect.bisect_left(pos, a)]
            for pos, cum, _budget in self.limits
        )

    def estimate(self, suffix_weights: Sequence[int]) -> Estimate:
        limits = [
            (pos, cum, budget - extra)
            for (pos, cum, budget), extra in zip(self.limits, suffix_weights, strict=True)
        ]
        bl = bisect.bisect_left

        def fits(a: int, b: int) -> bool:
            return all(cum[bl(pos, b)] - cum[bl(pos, a)] <= room for pos, cum, room in limits)

        return fits


PARAGRAPH, SENTENCE, WORD = 0, 1, 2

_SPACE = regex.compile(r"\s+")
# A sentence ends with . ! ? … (or their CJK forms), perhaps closed by quotes/brackets.
_SENTENCE_END = regex.compile(r"[.!?…。！？‼⁇⁈⁉][\"'”’»)\]]*$")
#: The characters a sentence end can finish with (a cheap test before ``_SENTENCE_END``).
_SENTENCE_LAST = frozenset(".!?…。！？‼⁇⁈⁉\"'”’»)]")


def _breaks(text: str, bounds: Sequence[int], origin: int) -> list[tuple[int, int, int]]:
    """(start: where the part before it ends, end: where the next part starts, level)
    of each whitespace run from ``origin`` on (``bounds``: the text's cluster bounds)."""

    tail = frozenset(bounds[bisect.bisect_left(bounds, origin) :])
    is_bound = tail.__contains__  # every position asked about lies at or after origin

    found: list[tuple[int, int, int]] = []
    for m in _SPACE.finditer(text, origin):
        start, end = m.span()
        at = start
        # A space may carry a combining mark (one grapheme): keep clusters whole.
        while start < end and not is_bound(start):
            start += 1
        while end > start and not is_bound(end):
            end -= 1
        if start >= end and not is_bound(start):
            continue
        if m.group().count("\n") >= 2:
            level = PARAGRAPH
        elif (
            at > 0
            and text[at - 1] in _SENTENCE_LAST
            and _SENTENCE_END.search(text, max(0, at - 8), at)
        ):
            level = SENTENCE
        else:
            level = WORD
        found.append((start, end, level))
    return found


@dataclass(frozen=True)
class _Layout:
    """What splitting needs of a text from ``origin`` (a part's start) on, whatever the
    fit: its stripped extent, its cluster bounds and, for each level, the starts and ends
    of the breaks after ``origin`` inside the extent at that level or a stronger one."""

    first: int
    last: int
    bounds: Sequence[int]
    levels: tuple[tuple[list[int], list[int]], ...]


def _extent(text: str) -> tuple[int, int] | None:
    """(first, last): where the text without its leading and trailing whitespace lies."""
    stripped = text.strip()
    if not stripped:
        return None
    first = len(text) - len(text.lstrip())
    return first, first + len(stripped)


@lru_cache(maxsize=8)
def _layout(text: str, first: int, last: int, origin: int) -> _Layout:
    """(Once per text and origin: the numbering's two passes mostly start at one part.)"""
    bounds = cluster_bounds(text)
    breaks = [b for b in _breaks(text, bounds, origin) if origin < b[0] and b[1] < last]
    levels = tuple(
        ([b[0] for b in breaks if b[2] <= level], [b[1] for b in breaks if b[2] <= level])
        for level in (PARAGRAPH, SENTENCE, WORD)
    )
    return _Layout(first, last, bounds, levels)


def _last_fitting(positions: Sequence[int], fits_until: Callable[[int], bool]) -> int | None:
    """The largest position that fits, by binary search (fitting is monotone in length
    for every counting rule, up to URL edge cases, which the final check catches)."""
    lo, hi = 0, len(positions) - 1
    best: int | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits_until(positions[mid]):
            best = positions[mid]
            lo = mid + 1
        else:
            hi = mid - 1
    return best


@dataclass(frozen=True)
class _Part:
    """One part as ``split_spans`` cut it: ``text[start:end]``, the next part starting at
    ``next``; the cut was settled reading ``text[:horizon]`` only (``horizon`` past the
    end of the text when it read more, or when the part is the last)."""

    start: int
    end: int
    next: int
    horizon: int


#: The last split per memo key (a network's rules, content warning and numbering width):
#: the text and its parts. Typing changes one part; the parts before it, cut from text
#: the keystroke left alone, are not cut again.
_MEMO: OrderedDict[Hashable, tuple[str, tuple[_Part, ...]]] = OrderedDict()
_MEMO_ENTRIES = 32
on_clear(_MEMO.clear)
on_clear(_layout.cache_clear)


def split_spans(
    text: str,
    fits: Fits,
    protected: Sequence[tuple[int, int]] = (),
    estimate: Estimate | None = None,
    *,
    memo_key: Hashable | None = None,
    estimate_at: EstimateAt | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of each part in ``text``; between two parts there is only whitespace.

    With ``estimate`` (the same ``fits`` read off prefix sums) each part's cut is guessed
    cheaply and confirmed with two calls of ``fits``: the last break the guess lets in
    fits and the next one does not. Fitting being monotone (as the binary search assumes
    too), that settles every break of the part, and the parts are the same; when the
    guess is not confirmed the part is cut the plain way.

    A part so confirmed depends on the text up to just past that next break only. With
    ``memo_key`` (which must name ``fits``: the same key, the same ``fits``) the parts of
    the last text split under that key that were confirmed within the prefix this text
    shares with it are taken as they are, and the splitting goes on from the next.
    ``estimate_at`` (in place of ``estimate``) makes the guess for the text cut anew
    only, from where that starts."""
    extent = _extent(text)
    if extent is None:
        return []
    first, last = extent
    kept: list[_Part] = []
    if memo_key is not None and memo_key in _MEMO:
        old_text, old_parts = _MEMO[memo_key]
        shared = common_prefix(old_text, text)
        for part in old_parts:
            if part.horizon > shared:
                break
            kept.append(part)
    parts = kept + _split_from(text, fits, protected, estimate, first, last, kept, estimate_at)
    if memo_key is not None:
        _MEMO[memo_key] = (text, tuple(parts))
        _MEMO.move_to_end(memo_key)
        while len(_MEMO) > _MEMO_ENTRIES:
            _MEMO.popitem(last=False)
    return [(p.start, p.end) for p in parts]


#: A rest this short is first asked whether it fits whole (a thread part is at most a
#: few hundred characters; a longer rest would be counted for nothing).
_SHORT_REST = 1000


def _split_from(
    text: str,
    fits: Fits,
    protected: Sequence[tuple[int, int]],
    estimate: Estimate | None,
    first: int,
    last: int,
    kept: Sequence[_Part],
    estimate_at: EstimateAt | None = None,
) -> list[_Part]:
    """The parts of ``text`` after those ``kept``."""
    pos = kept[-1].next if kept else first
    if pos >= last:
        return []
    unsettled = len(text) + 1  # a horizon no text's shared prefix reaches
    if last - pos <= _SHORT_REST and fits(text[pos:last]):
        # Typing at the end: the rest is the last part, which still fits (as the plain
        # way asks first; the guess would end the same way, with more work).
        return [_Part(pos, last, last, unsettled)]
    if estimate is None and estimate_at is not None:
        estimate = estimate_at(pos)
    layout = _layout(text, first, last, pos)
    bounds_list = layout.bounds
    every_start = layout.levels[WORD][0]  # every break, whatever its level
    every_end = layout.levels[WORD][1]
    safe_cuts: list[int] | None = None

    def hard_cut(pos: int, fits_until: Callable[[int], bool]) -> tuple[int, int]:
        nonlocal safe_cuts
        if safe_cuts is None:
            inside: set[int] = set()
            for s, e in protected:
                inside.update(range(s + 1, e))
            safe_cuts = [q for q in bounds_list if q not in inside]
        return _hard_cut(pos, last, safe_cuts, bounds_list, fits_until)

    parts: list[_Part] = []
    while pos < last:

        def fits_until(q: int, pos: int = pos) -> bool:
            return fits(text[pos:q])

        chosen: tuple[int, int] | None = None
        settled = False  # the cut was found from the guess
        horizon = unsettled
        if estimate is not None:
            lo = bisect.bisect_right(every_start, pos)
            # The last break that fits by the guess: index k into every_start, lo - 1 if none.
            a, b = lo, len(every_start) - 1
            k = lo - 1
            while a <= b:
                mid = (a + b) // 2
                if estimate(pos, every_start[mid]):
                    k = mid
                    a = mid + 1
                else:
                    b = mid - 1
            if k == len(every_start) - 1:  # the rest is the next candidate
                if fits(text[pos:last]):
                    parts.append(_Part(pos, last, last, unsettled))
                    break
                settled = k < lo or fits_until(every_start[k])
            else:
                settled = (k < lo or fits_until(every_start[k])) and not fits_until(
                    every_start[k + 1]
                )
                if settled and k >= lo:
                    # Read: the text up to the break that does not fit, its whitespace
                    # and the cluster after it (its bounds move the break's ends).
                    horizon = max(every_end[k + 1], _run_end(text, every_start[k + 1])) + 2
            if settled:
                longest = every_start[k] if k >= lo else pos
                for level_starts, level_ends in layout.levels:
                    j = bisect.bisect_right(level_starts, longest) - 1
                    if j >= 0 and level_starts[j] > pos:
                        chosen = (level_starts[j], level_ends[j])
                        break
        if not settled:
            if fits(text[pos:last]):
                parts.append(_Part(pos, last, last, unsettled))
                break
            for level_starts, level_ends in layout.levels:
                lo = bisect.bisect_right(level_starts, pos)
                cut = _last_fitting(level_starts[lo:], fits_until)
                if cut is not None:
                    chosen = (cut, level_ends[bisect.bisect_left(level_starts, cut, lo)])
                    break
        if chosen is None:
            chosen = hard_cut(pos, fits_until)
            horizon = unsettled
        parts.append(_Part(pos, chosen[0], chosen[1], horizon))
        pos = chosen[1]
    return parts


def _run_end(text: str, at: int) -> int:
    """Where the whitespace run holding ``at`` ends."""
    m = _SPACE.match(text, at)
    return m.end() if m is not None else at


def _hard_cut(
    pos: int,
    last: int,
    safe: Sequence[int],
    every: Sequence[int],
    fits_until: Callable[[int], bool],
) -> tuple[int, int]:
    for candidates in (safe, every):
        window = [q for q in candidates[bisect.bisect_right(candidates, pos) :] if q < last]
        cut = _last_fitting(window, fits_until)
        if cut is not None:
            return cut, cut
    # Not even one grapheme fits (e.g. a content warning longer than the limit):
    # take one anyway so splitting ends; the checks report the part.
    nxt = every[bisect.bisect_right(every, pos)]
    return nxt, nxt


def numbering(index: int, total: int) -> str:
    """The suffix of part ``index`` (1-based) of ``total``: ``" 1/3"``."""
    return f" {index}/{total}"


class _Tails:
    """The guesses of one text's split: prefix sums of the text from where a part is cut
    anew, made once per text for the numbering's passes (positions in the whole text,
    shifted; a guess only, which ``split_spans`` confirms with ``fits``)."""

    def __init__(self, text: str, additive: Callable[[str], Additive | None]) -> None:
        self._text = text
        self._additive = additive
        self._tail: tuple[int, Additive | None] | None = None

    def estimate_at(self, suffix: str) -> EstimateAt:
        """``origin -> Estimate`` for parts followed by ``suffix``."""

        def estimate_at(origin: int) -> Estimate | None:
            if self._tail is None or self._tail[0] > origin:
                self._tail = (origin, self._additive(self._text[origin:]))
            start, tail = self._tail
            if tail is None:
                return None
            ends = self._additive(suffix) if suffix else None
            extra = ends.weights(0, len(suffix)) if ends is not None else (0,) * len(tail.limits)
            if len(extra) != len(tail.limits):
                return None
            guess = tail.estimate(extra)

            def shifted(a: int, b: int) -> bool:
                return guess(a - start, b - start)

            return shifted

        return estimate_at


def split_text(
    text: str,
    fits: Fits,
    protected: Sequence[tuple[int, int]] = (),
    *,
    numbered: bool = True,
    additive: Callable[[str], Additive | None] | None = None,
    memo_key: Hashable | None = None,
) -> list[str]:
    """Thread parts; with ``numbered`` each ends with ``" i/n"``, counted in the fit.

    A text that fits is returned whole and unnumbered. ``additive`` (text -> its
    ``Additive`` reading, or None) lets the cuts be guessed cheaply (``split_spans``),
    from the prefix sums of the text cut anew only (typing at the end: the last part);
    ``memo_key`` (naming ``fits``) lets the parts of the last text split under it be
    reused (``split_spans``).
    """
    if fits(text) or not text.strip():
        return [text]
    guess = 1
    spans: list[tuple[int, int]] = []
    tails = _Tails(text, additive) if additive is not None else None
    for _ in range(6):
        suffix = numbering(guess, guess) if numbered else ""

        def fits_numbered(part: str, suffix: str = suffix) -> bool:
            return fits(part + suffix)

        estimate_at = tails.estimate_at(suffix) if tails is not None else None
        key = None if memo_key is None else (memo_key, suffix)
        spans = split_spans(text, fits_numbered, protected, memo_key=key, estimate_at=estimate_at)
        if not numbered or len(str(len(spans))) <= len(str(guess)):
            break
        guess = len(spans)
    total = len(spans)
    if not numbered:
        return [text[s:e] for s, e in spans]
    return [text[s:e] + numbering(i, total) for i, (s, e) in enumerate(spans, 1)]
