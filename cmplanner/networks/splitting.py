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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from cmplanner.networks.graphemes import grapheme_starts

Fits = Callable[[str], bool]

PARAGRAPH, SENTENCE, WORD = 0, 1, 2

_SPACE = regex.compile(r"\s+")
# A sentence ends with . ! ? … (or their CJK forms), perhaps closed by quotes/brackets.
_SENTENCE_END = regex.compile(r"[.!?…。！？‼⁇⁈⁉][\"'”’»)\]]*$")


@dataclass(frozen=True)
class _Break:
    start: int  # where the part before it ends
    end: int  # where the next part starts
    level: int


def _breaks(text: str, bounds: set[int]) -> list[_Break]:
    found: list[_Break] = []
    for m in _SPACE.finditer(text):
        start, end = m.start(), m.end()
        # A space may carry a combining mark (one grapheme): keep clusters whole.
        while start < end and start not in bounds:
            start += 1
        while end > start and end not in bounds:
            end -= 1
        if start >= end and start not in bounds:
            continue
        run = m.group()
        if run.count("\n") >= 2:
            level = PARAGRAPH
        elif _SENTENCE_END.search(text, max(0, m.start() - 8), m.start()):
            level = SENTENCE
        else:
            level = WORD
        found.append(_Break(start, end, level))
    return found


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


def split_spans(
    text: str, fits: Fits, protected: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """(start, end) of each part in ``text``; between two parts there is only whitespace."""
    stripped = text.strip()
    if not stripped:
        return []
    first = text.index(stripped[0])
    last = first + len(stripped)
    bounds_list = grapheme_starts(text)
    bounds = set(bounds_list)
    breaks = [b for b in _breaks(text, bounds) if first < b.start and b.end < last]
    inside: set[int] = set()
    for s, e in protected:
        inside.update(range(s + 1, e))
    safe_cuts = [q for q in bounds_list if q not in inside]

    spans: list[tuple[int, int]] = []
    pos = first
    while pos < last:
        if fits(text[pos:last]):
            spans.append((pos, last))
            break

        def fits_until(q: int, pos: int = pos) -> bool:
            return fits(text[pos:q])

        chosen: tuple[int, int] | None = None
        lo = bisect.bisect_right([b.start for b in breaks], pos)
        ahead = breaks[lo:]
        for level in (PARAGRAPH, SENTENCE, WORD):
            usable = [b for b in ahead if b.level <= level]
            cut = _last_fitting([b.start for b in usable], fits_until)
            if cut is not None:
                brk = next(b for b in usable if b.start == cut)
                chosen = (cut, brk.end)
                break
        if chosen is None:
            chosen = _hard_cut(pos, last, safe_cuts, bounds_list, fits_until)
        spans.append((pos, chosen[0]))
        pos = chosen[1]
    return spans


def _hard_cut(
    pos: int, last: int, safe: list[int], every: list[int], fits_until: Callable[[int], bool]
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


def split_text(
    text: str, fits: Fits, protected: Sequence[tuple[int, int]] = (), *, numbered: bool = True
) -> list[str]:
    """Thread parts; with ``numbered`` each ends with ``" i/n"``, counted in the fit.

    A text that fits is returned whole and unnumbered.
    """
    if fits(text) or not text.strip():
        return [text]
    guess = 1
    spans: list[tuple[int, int]] = []
    for _ in range(6):
        suffix = numbering(guess, guess) if numbered else ""

        def fits_numbered(part: str, suffix: str = suffix) -> bool:
            return fits(part + suffix)

        spans = split_spans(text, fits_numbered, protected)
        if not numbered or len(str(len(spans))) <= len(str(guess)):
            break
        guess = len(spans)
    total = len(spans)
    if not numbered:
        return [text[s:e] for s, e in spans]
    return [text[s:e] + numbering(i, total) for i, (s, e) in enumerate(spans, 1)]
