"""Per-text caches for the counting rules: the whole post, and each of its thread parts.

The composer counts, checks and previews the same texts on every keystroke: the whole
post (every network), and for a network with threads each part of its split, twice
while the cut is confirmed and once more for the preview. Typing changes one part; the
others come back with the same text. A function decorated with ``per_text`` keeps its
answer for the last few long texts (whole posts: a 100,000-character paste stays a few
entries) and for many more short ones (parts: a few hundred characters each), so an
unchanged part is never counted twice and a long text never pushes them out.

Cached answers are shared: callers only read them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Any, Generic, ParamSpec, Protocol, TypeVar

#: Texts up to this many code points go to the short cache (one network's thread part,
#: URLs included, fits in it).
SHORT_TEXT = 1000
#: Entries kept per function: short texts (several networks' parts, their confirmation
#: counts and numbered forms), long texts (the post, its variants and a few edits back).
SHORT_ENTRIES = 192
LONG_ENTRIES = 8

P = ParamSpec("P")
R = TypeVar("R")

R_co = TypeVar("R_co", covariant=True)

_CACHES: list[PerText[..., Any]] = []
#: Other per-text memories (the last texts an incremental computation started from).
_CLEARERS: list[Callable[[], None]] = []


class _LruCallable(Protocol[R_co]):
    """What ``functools.lru_cache`` makes of a function, as this module uses it."""

    def __call__(self, *args: Any, **kwargs: Any) -> R_co: ...
    def cache_clear(self) -> None: ...
    def cache_info(self) -> Any: ...  # functools' _CacheInfo


class PerText(Generic[P, R]):
    """``fn`` with an LRU cache of its answers for short texts and another for long ones."""

    def __init__(self, fn: Callable[P, R], short: int, long: int) -> None:
        self._short: _LruCallable[R] = lru_cache(maxsize=short)(fn)
        self._long: _LruCallable[R] = lru_cache(maxsize=long)(fn)
        update_wrapper(self, fn)
        _CACHES.append(self)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        text = args[0]
        if isinstance(text, str) and len(text) <= SHORT_TEXT:
            return self._short(*args, **kwargs)
        return self._long(*args, **kwargs)

    def cache_clear(self) -> None:
        self._short.cache_clear()
        self._long.cache_clear()

    def hits(self) -> int:
        """Answers served from the caches since the last clear."""
        return int(self._short.cache_info().hits + self._long.cache_info().hits)

    def misses(self) -> int:
        """Answers computed since the last clear."""
        return int(self._short.cache_info().misses + self._long.cache_info().misses)


def per_text(
    short: int = SHORT_ENTRIES, long: int = LONG_ENTRIES
) -> Callable[[Callable[P, R]], PerText[P, R]]:
    """Cache ``fn(text, ...)`` (hashable arguments) per text, short and long texts apart."""

    def wrap(fn: Callable[P, R]) -> PerText[P, R]:
        return PerText(fn, short, long)

    return wrap


#: Texts longer than this are searched line by line (``line_chunks``).
LINES_FROM = 400


def line_chunks(text: str) -> list[tuple[int, str]]:
    """Each line of ``text`` with the line feeds around it, and where that chunk starts
    in ``text``. A search whose matches never hold a line feed and look at most one
    character beyond them finds in the chunks, shifted, what it finds in the whole text;
    typing changes one line, and the others' answers come from a cache."""
    chunks: list[tuple[int, str]] = []
    start = 0
    lines = text.split("\n")
    last = len(lines) - 1
    for i, line in enumerate(lines):
        before, after = ("\n" if i else ""), ("\n" if i < last else "")
        chunks.append((start - len(before), before + line + after))
        start += len(line) + 1
    return chunks


def on_clear(clear: Callable[[], None]) -> None:
    """Have ``clear_text_caches`` call ``clear`` too (a module's own per-text memory)."""
    _CLEARERS.append(clear)


def clear_text_caches() -> None:
    """Forget every cached answer (benchmarks time the counting itself with this)."""
    for cache in _CACHES:
        cache.cache_clear()
    for clear in _CLEARERS:
        clear()


def common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of ``a`` and ``b`` (slices compared in C:
    a keystroke's two texts differ in one place)."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    lo, hi = 0, n  # a[:lo] == b[:lo], a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    """The length (at most ``limit``) of the longest common suffix of ``a`` and ``b``."""
    n = min(len(a), len(b), limit)
    if n <= 0:
        return 0
    if a[len(a) - n :] == b[len(b) - n :]:
        return n
    lo, hi = 0, n  # the last lo agree, the last hi do not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid
    return lo
