"""Grapheme clusters, UTF-8 and UTF-16 offsets: the units networks count in.

Grapheme clusters come from the ``regex`` module's ``\\X`` (Unicode extended grapheme
clusters, kept current with Unicode by its maintainers). Every function here accepts
any ``str``, lone surrogates included, and never raises.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import deque
from itertools import accumulate, compress

import regex

from cmplanner.networks.textcache import (
    SHORT_TEXT,
    common_prefix,
    common_suffix,
    on_clear,
    per_text,
)

_GRAPHEME = regex.compile(r"\X")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# A cluster is an emoji when it holds an emoji-presentation or pictographic character,
# a regional indicator (flags), or an emoji variation selector / keycap mark.
_EMOJI = regex.compile(
    r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}\ufe0f\u20e3]"
)


#: Texts shorter than this are not worth a cache entry (usernames, content warnings).
_CACHE_FROM = 64


def graphemes(text: str) -> list[str]:
    """The text's grapheme clusters, in order."""
    return _GRAPHEME.findall(text)  # type: ignore[no-any-return]


def _compute_starts(text: str) -> tuple[int, ...]:
    if text.isascii() and "\r" not in text:
        # No ASCII character extends a cluster; only CR LF joins two.
        return tuple(range(len(text) + 1))
    return tuple(accumulate(map(len, _GRAPHEME.findall(text)), initial=0))


def _is_reset(text: str, p: int) -> bool:
    """Whether ``p`` is a cluster boundary that nothing before it can move: after a line
    feed (UAX #29 GB4), or between two ASCII characters the first of which is no CR
    (GB999; no ASCII character extends, joins or prepends, and every look-behind rule,
    emoji ZWJ sequences, regional indicator pairs and Indic conjuncts, stops at one).
    Segmenting from such a point gives the clusters the whole text has there."""
    before = text[p - 1]
    return before == "\n" or (before < "\x80" and before != "\r" and text[p] < "\x80")


#: Look back (and ahead) at most this far for a reset point before recomputing all.
_RESET_REACH = 256
#: The last long texts segmented, with their bounds: a keystroke's text differs from the
#: previous one in one place, so only the clusters around it are segmented anew.
_RECENT: deque[tuple[str, tuple[int, ...]]] = deque(maxlen=4)
on_clear(_RECENT.clear)


def _incremental_starts(text: str) -> tuple[int, ...]:
    """``_compute_starts(text)``, reusing the bounds of a recent long text that shares
    a prefix or a suffix with it (short texts, thread parts, are segmented whole)."""
    if len(text) <= SHORT_TEXT:
        return _compute_starts(text)
    best: tuple[int, int, str, tuple[int, ...]] | None = None
    for old, old_bounds in tuple(_RECENT):  # a copy: another thread may count too
        c = common_prefix(old, text)
        s = common_suffix(old, text, min(len(old), len(text)) - c)
        if best is None or c + s > best[0] + best[1]:
            best = (c, s, old, old_bounds)
    if best is None or best[0] + best[1] < len(text) // 2:
        bounds = _compute_starts(text)
    else:
        c, s, old, old_bounds = best
        # p: a reset point inside the shared prefix (text[p] shared too), or 0.
        p = min(c, len(text) - 1)
        floor = max(0, p - _RESET_REACH)
        while p > floor and not (p < c and _is_reset(text, p)):
            p -= 1
        if p <= floor:
            p = 0
        # q: a reset point inside the shared suffix (text[q - 1] shared too), or the end.
        delta = len(text) - len(old)
        q = max(len(text) - s + 1, p + 1)
        ceiling = min(len(text), q + _RESET_REACH)
        while q < ceiling and not _is_reset(text, q):
            q += 1
        if q >= ceiling:
            q = len(text)
        head = old_bounds[: bisect_left(old_bounds, p)]
        middle = _compute_starts(text[p:q])
        tail = old_bounds[bisect_left(old_bounds, q - delta) :] if q < len(text) else (len(old),)
        bounds = (*head, *(p + b for b in middle[:-1]), *(b + delta for b in tail))
    _RECENT.append((text, bounds))
    return bounds


@per_text()
def _cached_starts(text: str) -> tuple[int, ...]:
    return _incremental_starts(text)


def cluster_bounds(text: str) -> tuple[int, ...]:
    """Code point offset of each grapheme cluster, followed by ``len(text)``; computed
    once per text for the last few texts (every network counts the same text)."""
    if len(text) < _CACHE_FROM:
        return _compute_starts(text)
    return _cached_starts(text)


def grapheme_starts(text: str) -> list[int]:
    """Code point offset of each grapheme cluster, followed by ``len(text)``."""
    return list(cluster_bounds(text))


def count_graphemes(text: str) -> int:
    return len(cluster_bounds(text)) - 1


def is_emoji(cluster: str) -> bool:
    """True when a grapheme cluster displays as an emoji."""
    return _EMOJI.search(cluster) is not None


def emoji_clusters(text: str) -> list[int]:
    """Indexes (into ``cluster_bounds(text)``) of the clusters that are emoji."""
    bounds = cluster_bounds(text)
    found: list[int] = []
    end = 0
    for m in _EMOJI.finditer(text):
        pos = m.start()
        if pos < end:
            continue
        k = bisect_right(bounds, pos) - 1
        found.append(k)
        end = bounds[k + 1]
    return found


def has_lone_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def without_lone_surrogates(text: str) -> str:
    """Replace unpaired surrogates with U+FFFD, as a UTF-8 or UTF-16 encoder would."""
    if not has_lone_surrogate(text):
        return text
    return _SURROGATE.sub("\ufffd", text)  # type: ignore[no-any-return]


def utf8_len(text: str) -> int:
    """Bytes in UTF-8 (a lone surrogate counts 3, as U+FFFD would)."""
    return len(text.encode("utf-8", "surrogatepass"))


def utf8_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of code point offset ``index``."""
    return utf8_len(text[:index])


#: Maps a UTF-8 byte to 1 where a code point starts, 0 on a continuation byte.
_STARTS_A_CODE_POINT = bytes(0 if 0x80 <= b <= 0xBF else 1 for b in range(256))


def _compute_utf8_prefix(text: str) -> tuple[int, ...]:
    if text.isascii():
        return tuple(range(len(text) + 1))
    # Lone surrogates encode as 3 bytes (as ``utf8_len`` counts them), one of them a lead.
    data = text.encode("utf-8", "surrogatepass")
    leads = data.translate(_STARTS_A_CODE_POINT)
    return (*compress(range(len(data)), leads), len(data))


@per_text()
def _cached_utf8_prefix(text: str) -> tuple[int, ...]:
    return _compute_utf8_prefix(text)


def utf8_prefix(text: str) -> tuple[int, ...]:
    """UTF-8 byte offset of each code point offset ``0 .. len(text)`` (so
    ``utf8_prefix(text)[i] == utf8_offset(text, i)``); computed once per text for the
    last few texts (facets, entities and checks of one text share it)."""
    if len(text) < _CACHE_FROM:
        return _compute_utf8_prefix(text)
    return _cached_utf8_prefix(text)


def utf16_len(text: str) -> int:
    """UTF-16 code units: what JavaScript's ``length`` and Qt positions count."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf16_offset(text: str, index: int) -> int:
    """UTF-16 offset (a Qt text cursor position) of code point offset ``index``."""
    return utf16_len(text[:index])


def code_point_offset(text: str, utf16_index: int) -> int:
    """Inverse of ``utf16_offset``; an index inside a surrogate pair rounds up."""
    units = 0
    for i, ch in enumerate(text):
        if units >= utf16_index:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
