"""URLs as twitter-text finds them (X and Mastodon count URLs this way).

The URL regex of twitter-text backtracks badly on long runs like ``a.a.a.a…``: cost grows
with the square of the dots in one whitespace-free run, per run. A run with more than
``MAX_DOTS_PER_RUN`` dots is therefore not searched for URLs (no real URL has that
many); that keeps any text, 100,000 characters included, fast to count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex
from twitter_text import extract_urls_with_indices

MAX_DOTS_PER_RUN = 20

_RUN = regex.compile(r"\S+")


@dataclass(frozen=True)
class UrlSpan:
    start: int
    end: int
    url: str


def _masked(text: str) -> str:
    """``text`` with every over-dotted run blanked out (same length, same offsets)."""
    if text.count(".") <= MAX_DOTS_PER_RUN:
        return text
    pieces: list[str] = []
    last = 0
    for m in _RUN.finditer(text):
        if m.group().count(".") > MAX_DOTS_PER_RUN:
            pieces.append(text[last : m.start()])
            pieces.append(" " * (m.end() - m.start()))
            last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


def find_urls(text: str, *, bare_domains: bool = True) -> list[UrlSpan]:
    """URLs in ``text``, as twitter-text extracts them; ``bare_domains`` also finds
    ``example.com`` without a scheme (X does, Mastodon does not)."""
    found: list[dict[str, Any]] = extract_urls_with_indices(_masked(text), bare_domains)
    spans: list[UrlSpan] = []
    for item in found:
        start, end = int(item["indices"][0]), int(item["indices"][1])
        spans.append(UrlSpan(start, end, text[start:end]))
    return spans
