"""URLs as twitter-text finds them (X and Mastodon count URLs this way).

The URL regex of twitter-text backtracks badly on long runs like ``a.a.a.a…``: cost grows
with the square of the dots in one whitespace-free run, per run. A run with more than
``MAX_DOTS_PER_RUN`` dots is therefore not searched for URLs (no real URL has that
many); that keeps any text, 100,000 characters included, fast to count.

The search runs once per text (the last few texts are cached): with or without bare
domains, twitter-text's regex matches the same way and only keeps different matches,
so the URLs without bare domains are those found with them that carry a scheme.

A long text is searched line by line, each line's URLs cached: a URL never holds a line
break, and each line is searched with the line breaks around it (what the regex sees
on either side of a URL), so the URLs of the lines are those of the text (a test holds
the two to that on generated texts). Typing changes one line; the
others' URLs are not searched for again (twitter-text's regex is most of the cost of
counting a long post).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex
from twitter_text import extract_urls_with_indices

from cmplanner.networks.textcache import per_text

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


#: Texts longer than this are searched line by line.
LINES_FROM = 400


@per_text()
def _line_urls(text: str) -> tuple[UrlSpan, ...]:
    found: list[dict[str, Any]] = extract_urls_with_indices(_masked(text), True)
    spans: list[UrlSpan] = []
    for item in found:
        start, end = int(item["indices"][0]), int(item["indices"][1])
        spans.append(UrlSpan(start, end, text[start:end]))
    return tuple(spans)


@per_text()
def _all_urls(text: str) -> tuple[UrlSpan, ...]:
    if len(text) <= LINES_FROM or "\n" not in text:
        return _line_urls(text)
    # The lines before the last together (cached: typing at the end changes only the
    # last line), then the last line with the line feed before it.
    cut = text.rindex("\n") + 1
    head = _lines_urls(text[:cut])
    if cut == len(text) or "." not in text[cut:]:
        return head
    tail = _line_urls("\n" + text[cut:])
    return head + tuple(UrlSpan(cut - 1 + u.start, cut - 1 + u.end, u.url) for u in tail)


@per_text()
def _lines_urls(text: str) -> tuple[UrlSpan, ...]:
    """The URLs of each line of ``text``, each line searched with its line feeds."""
    spans: list[UrlSpan] = []
    start = 0
    lines = text.split("\n")  # only "\n": twitter-text's spaces are not Python's
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if "." in line:  # every URL twitter-text finds has a dot in its domain
            # The line with the line breaks around it: what a URL's ends see is unchanged.
            before, after = ("\n" if i else ""), ("\n" if i < last else "")
            at = start - len(before)
            found = _line_urls(before + line + after)
            spans.extend(UrlSpan(at + u.start, at + u.end, u.url) for u in found)
        start += len(line) + 1
    return tuple(spans)


def _has_scheme(url: str) -> bool:
    return url[:8].lower().startswith(("http://", "https://"))


def find_urls(text: str, *, bare_domains: bool = True) -> list[UrlSpan]:
    """URLs in ``text``, as twitter-text extracts them; ``bare_domains`` also finds
    ``example.com`` without a scheme (X does, Mastodon does not)."""
    if "." not in text:  # every URL twitter-text finds has a dot in its domain
        return []
    spans = _all_urls(text)
    if bare_domains:
        return list(spans)
    return [u for u in spans if _has_scheme(u.url)]
