"""Counting a long text line by line: each line's count kept, so a keystroke recounts
only the line it changed.

A count whose units never straddle a line feed and whose weights depend only on the
line they sit in is the sum of its lines' counts, and its overflow lies in the first
line whose running total passes the limit. That holds for the counts measured this way:
grapheme clusters (UAX #29 breaks on both sides of a line feed; CR LF, the one cluster
holding one, is left to the whole-text path), and URLs, mentions, hashtags and emoji,
which never hold a line feed and look at most one character beyond themselves (each
line is read with the line feeds around it, as ``line_chunks`` gives it, so what those
patterns see is what they see in the whole text).

Each network counts one line chunk (``LineCount``), kept per chunk by ``LineCounts``,
whose ``measure`` adds them up. Tests hold every network's line-by-line answer to its
whole-text answer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from threading import Lock
from typing import Any

from cmplanner.networks.graphemes import cluster_bounds, utf8_prefix
from cmplanner.networks.textcache import LINES_FROM, line_chunks, on_clear, per_text


@dataclass(frozen=True)
class LineCount:
    """One line counted (its line feed included, the line feed before it left out):
    ``starts[k]`` is where its k-th unit starts, in code points from the line's start;
    ``running`` the running totals of the units' weights from 0 (one more entry)."""

    starts: Sequence[int]
    running: Sequence[int]

    @property
    def total(self) -> int:
        return self.running[-1]


#: A network's count of one line: (the chunk as ``line_chunks`` gives it, how many line
#: feeds of context it starts with: 0 or 1) -> its ``LineCount``, or None when the line
#: cannot be counted alone (the whole text is counted then).
CountLine = Callable[[str, int], LineCount | None]

_MISSING = object()


class LineCounts:
    """A network's count of lines (``count_line``), kept per line chunk.

    A plain dict, not ``per_text``: every line of the text is looked up on every
    keystroke (a few networks times tens of lines), and a keystroke changes one line.
    Holds at most ``entries`` lines and ``_CHARS`` characters of them; the oldest go
    first."""

    def __init__(self, count_line: CountLine, entries: int = 1024) -> None:
        self._count_line = count_line
        self._entries = entries
        self._kept: dict[tuple[str, int], LineCount | None] = {}
        self._heads: dict[str, _Head | None] = {}
        self._lock = Lock()
        self._chars = 0  # the characters of the lines kept
        on_clear(self._clear)

    def _clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._heads.clear()
            self._chars = 0

    def __call__(self, chunk: str, lead: int) -> LineCount | None:
        found = self._kept.get((chunk, lead), _MISSING)
        if found is _MISSING:
            found = self._count(chunk, lead)
        return found  # type: ignore[return-value]

    def _count(self, chunk: str, lead: int) -> LineCount | None:
        counted = self._count_line(chunk, lead)
        with self._lock:  # the publisher's thread counts too
            kept = self._kept
            # Bounded by lines and by characters (a line's count holds a number for each
            # of its units: typing on in a very long line keeps a long one per keystroke).
            while kept and (len(kept) >= self._entries or self._chars > _CHARS):
                oldest = next(iter(kept))
                del kept[oldest]
                self._chars -= len(oldest[0])
            if (chunk, lead) not in kept:
                self._chars += len(chunk)
            kept[(chunk, lead)] = counted
        return counted

    def _keep(self, store: dict[Any, Any], key: object, value: object, entries: int) -> None:
        with self._lock:
            if len(store) >= entries:
                store.pop(next(iter(store)), None)
            store[key] = value

    def measure(self, text: str, base: int, limit: int) -> tuple[int, int | None] | None:
        """(length, overflow start or None) of ``text`` (with a line feed) whose length
        is ``base`` plus its lines' totals; None when a line cannot be counted alone.
        The lines before the last are added up once per text of them (``_head``):
        typing at the end looks up the last line only."""
        cut = text.rindex("\n") + 1
        head = self._head(text[:cut])
        if head is None:
            return None
        last = self("\n" + text[cut:], 1)
        if last is None:
            return None
        total = base + head.total + last.running[-1]
        if base > limit:
            return total, 0
        room = limit - base
        if total <= limit:
            return total, None
        if head.total > room:  # in the line where the running total passes the room
            j = bisect_right(head.ends, room)
            counted, room = head.counts[j], room - (head.ends[j] - head.counts[j].running[-1])
            start = head.starts[j]
        else:
            counted, room, start = last, room - head.total, cut
        k = bisect_right(counted.running, room, 1) - 1
        return total, start + counted.starts[k]

    def _head(self, head: str) -> _Head | None:
        """The lines of ``head`` (which ends with a line feed) counted and added up, kept
        for the last few heads."""
        found = self._heads.get(head, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        starts: list[int] = []
        counts: list[LineCount] = []
        ends: list[int] = []
        total = 0
        for i, (at, chunk) in enumerate(line_chunks(head)[:-1]):  # [-1]: "" after the end
            lead = 1 if i else 0
            counted = self(chunk, lead)
            if counted is None:
                result = None
                break
            total += counted.running[-1]
            starts.append(at + lead)
            counts.append(counted)
            ends.append(total)
        else:
            result = _Head(starts, counts, ends, total)
        self._keep(self._heads, head, result, _HEADS)
        return result


@dataclass(frozen=True)
class _Head:
    """The lines before a text's last: where each starts, its count, the running total
    at its end; the total."""

    starts: list[int]
    counts: list[LineCount]
    ends: list[int]
    total: int


#: Heads kept per ``LineCounts`` (the post, its variants, a few edits back).
_HEADS = 8
#: Characters of lines kept per ``LineCounts`` at most (a few MB of counts).
_CHARS = 100_000


def by_lines(text: str) -> bool:
    """Whether ``text`` is long enough to be counted line by line, and can be."""
    return len(text) > LINES_FROM and "\n" in text and "\r" not in text


@per_text()
def lines(text: str) -> tuple[tuple[int, str, int], ...]:
    """(where the line starts, its chunk, the chunk's leading context: 0 or 1) of each
    line of ``text``; once per text (every network counts the same lines)."""
    return tuple(
        (at + (1 if i else 0), chunk, 1 if i else 0)
        for i, (at, chunk) in enumerate(line_chunks(text))
    )


def line_units(bounds: Sequence[int], lead: int) -> tuple[int, ...]:
    """The unit starts of a chunk's own line from the chunk's bounds (``bounds[-1]`` its
    end): the context line feed, one unit of its own, left out; relative to the line."""
    return tuple(b - lead for b in bounds[lead:-1])


def _grapheme_line(chunk: str, lead: int) -> LineCount:
    starts = line_units(cluster_bounds(chunk), lead)
    return LineCount(starts, range(len(starts) + 1))


def _utf8_line(chunk: str, lead: int) -> LineCount:
    bounds = cluster_bounds(chunk)
    at = utf8_prefix(chunk)
    skip = at[bounds[lead]]
    return LineCount(line_units(bounds, lead), tuple(at[b] - skip for b in bounds[lead:]))


#: Lines counted in grapheme clusters, each weighing 1.
GRAPHEMES = LineCounts(_grapheme_line)
#: Lines' grapheme clusters, each weighing its UTF-8 bytes.
UTF8_BYTES = LineCounts(_utf8_line)
