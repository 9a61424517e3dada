"""Hashtags, mentions and links as most networks highlight and count them.

Bluesky has its own detection (``facets.py``); Mastodon's mention form
(``@user@domain``) is here because its counting depends on it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

import regex

from cmplanner.networks.base import Entity
from cmplanner.networks.textcache import LINES_FROM, line_chunks, per_text
from cmplanner.networks.urls import find_urls

# A hashtag: '#' not preceded by a word character or '&' (HTML entities), then word
# characters with at least one that is not a digit.
_HASHTAG = regex.compile(r"(?<![\w&#＃])[#＃](\w*[^\W\d]\w*)")
# A mention on X, Instagram, Threads, LinkedIn, Facebook: '@name' with dots/underscores.
_MENTION = regex.compile(r"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
# Mastodon's Account::MENTION_RE: @user or @user@domain, user [a-z0-9_] with inner . or -.
MASTODON_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\w.-]+\w+)?", regex.IGNORECASE
)


def hashtags(text: str) -> list[Entity]:
    return [Entity(m.start(), m.end(), "tag", m.group(1)) for m in _HASHTAG.finditer(text)]


def mentions(text: str) -> list[Entity]:
    return [Entity(m.start(), m.end(), "mention", m.group(1)) for m in _MENTION.finditer(text)]


def mastodon_mentions(text: str) -> list[Entity]:
    """Mastodon mentions; ``value`` is the whole handle (``user@domain`` or ``user``)."""
    return [
        Entity(m.start(), m.end(), "mention", m.group(0)[1:])
        for m in MASTODON_MENTION.finditer(text)
    ]


def links(text: str, *, bare_domains: bool = True) -> list[Entity]:
    return [
        Entity(u.start, u.end, "link", u.url) for u in find_urls(text, bare_domains=bare_domains)
    ]


def merge(*groups: list[Entity]) -> list[Entity]:
    """All entities in text order, dropping any that overlaps one kept earlier
    (earlier groups win: pass links first so ``#`` inside a URL is no hashtag)."""
    if any(e.end <= e.start for group in groups for e in group):
        return _merge_pairwise(groups)
    # Kept entities are non-empty and never overlap: sorted by start they are sorted by
    # end too, so only the neighbours of a newcomer's start can overlap it.
    starts: list[int] = []
    kept: list[Entity] = []
    for group in groups:
        for e in group:
            i = bisect_right(starts, e.start)
            if i and kept[i - 1].end > e.start:
                continue
            if i < len(kept) and kept[i].start < e.end:
                continue
            starts.insert(i, e.start)
            kept.insert(i, e)
    return kept


def _merge_pairwise(groups: tuple[list[Entity], ...]) -> list[Entity]:
    kept: list[Entity] = []
    for group in groups:
        for e in group:
            if all(e.end <= k.start or e.start >= k.end for k in kept):
                kept.append(e)
    return sorted(kept, key=lambda e: e.start)


def by_lines(text: str, find: Callable[[str], tuple[Entity, ...]]) -> tuple[Entity, ...]:
    """``find(text)`` for a search whose entities never hold a line feed and look one
    character around them at most, run line by line on a long text (each line's answer
    cached by ``find``): typing changes one line. Entities of different lines never
    overlap, so merging line by line merges the whole. The lines before the last are
    answered together, cached: typing at the end changes only the last line."""
    if len(text) <= LINES_FROM or "\n" not in text:
        return find(text)
    cut = text.rindex("\n") + 1
    head = _head_entities(text[:cut], find)
    if cut == len(text):
        return head
    return head + _shifted("\n" + text[cut:], cut - 1, find)


@per_text()
def _head_entities(head: str, find: Callable[[str], tuple[Entity, ...]]) -> tuple[Entity, ...]:
    """The entities of the lines of ``head`` (which ends with a line feed)."""
    found: list[Entity] = []
    for at, chunk in line_chunks(head):
        found.extend(_shifted(chunk, at, find))
    return tuple(found)


@per_text()
def _shifted(chunk: str, at: int, find: Callable[[str], tuple[Entity, ...]]) -> tuple[Entity, ...]:
    """``find(chunk)`` moved ``at`` code points on (typing at the end moves no line)."""
    if not at:
        return find(chunk)
    return tuple(Entity(e.start + at, e.end + at, e.type, e.value) for e in find(chunk))


@per_text()
def _standard_in(text: str) -> tuple[Entity, ...]:
    return tuple(merge(links(text), mentions(text), hashtags(text)))


@per_text()
def _standard_entities(text: str) -> tuple[Entity, ...]:
    return by_lines(text, _standard_in)


def standard_entities(text: str) -> list[Entity]:
    """Links, then mentions, then hashtags, merged; once per text for the last few."""
    return list(_standard_entities(text))
