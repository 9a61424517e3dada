"""Bluesky rich-text facets, detected the way ``@atproto/api``'s RichText does.

A port of ``detectFacets`` (packages/api/src/rich-text/detection.ts and util.ts):

- mentions: ``@`` at the start, after whitespace or ``(``, then ``[a-zA-Z0-9.-]+`` up
  to an ASCII word boundary; kept only when it ends in a real TLD (so it needs a dot)
  or in ``.test``. The handle is resolved to a DID at publish time, not here.
- links: ``http(s)://`` then non-spaces, or a bare domain ``[a-z][a-z0-9]*(.[a-z0-9]+)+``
  (no hyphen) whose last label is a real TLD; one trailing ``.,;:!?`` is dropped, then
  one ``)`` when the link holds no ``(``.
- tags: ``#`` or ``＃`` at the start or after whitespace, up to whitespace or a
  zero-width character, with at least one character that is neither an ASCII digit nor
  punctuation; trailing punctuation dropped; at most 64 UTF-16 units (the reference
  counts ``tag.length``; the lexicon's cap is 64 graphemes, which that never exceeds).

JavaScript's ``\\s`` and ASCII-only ``\\b``/``\\d`` are spelled out, as Python's differ.
Offsets are UTF-8 bytes, end exclusive; a lone surrogate counts 3 bytes (U+FFFD).
"""

from __future__ import annotations

import regex

from cmplanner.networks.base import Facet, FacetType
from cmplanner.networks.graphemes import utf8_prefix
from cmplanner.networks.textcache import LINES_FROM, line_chunks, per_text
from cmplanner.networks.tlds import TLDS

# JavaScript's \s (WhiteSpace + LineTerminator).
_WS = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_ZW = "\\u00ad\\u2060\\u200a\\u200b\\u200c\\u200d\\u20e2"
_WORD = "A-Za-z0-9_"
_ASCII_BOUNDARY = f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))"

MENTION_RE = regex.compile(f"(?:^|[{_WS}(])@([a-zA-Z0-9.-]+){_ASCII_BOUNDARY}", regex.V0)
URL_RE = regex.compile(
    f"(?:^|[{_WS}(])((?:https?://[^{_WS}]+)|(?P<domain>[a-z][a-z0-9]*(?:\\.[a-z0-9]+)+)[^{_WS}]*)",
    regex.IGNORECASE | regex.MULTILINE | regex.V0,
)
TAG_RE = regex.compile(
    f"(?:^|[{_WS}])[#＃]((?!\\ufe0f)[^{_WS}{_ZW}]*[^0-9{_WS}\\p{{P}}{_ZW}]+[^{_WS}{_ZW}]*)?",
    regex.V0,
)
TRAILING_PUNCTUATION_RE = regex.compile(r"\p{P}+$")
MAX_TAG_UTF16 = 64


def is_valid_domain(name: str) -> bool:
    """True when the name ends in ``.`` + a TLD (case-sensitive, as the reference is)."""
    _head, dot, tld = name.rpartition(".")
    return bool(dot) and tld in TLDS


def _utf16_len(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def detect_facets(text: str) -> list[Facet]:
    """Facets in reference order: mentions, then links, then tags."""
    return list(_detect_facets(text))


#: A facet found in a piece of text: (type, code point start, end, value).
_Found = tuple[FacetType, int, int, str]


@per_text()
def _detect_facets(text: str) -> tuple[Facet, ...]:
    """``detect_facets``, once per text for the last few texts."""
    at = utf8_prefix(text)  # code point offset -> UTF-8 byte offset
    return tuple(
        Facet(at[start], at[end], kind, value) for kind, start, end, value in facet_spans(text)
    )


@per_text()
def facet_spans(text: str) -> tuple[_Found, ...]:
    """The facets of ``detect_facets`` as code point ranges: (type, start, end, value);
    once per text for the last few texts (the composer's checks, preview and splitting
    all ask for the same text's facets). A long text is searched line by line (no facet
    holds a line feed, and each pattern looks one character before a facet at most),
    each line's facets cached: typing changes one line."""
    if len(text) <= LINES_FROM or "\n" not in text:
        return _find(text)
    # The lines before the last together (cached: typing at the end changes only the
    # last line), then the last line.
    cut = text.rindex("\n") + 1
    head = _find_by_kind(text[:cut])
    tail = _by_kind([(cut - 1, "\n" + text[cut:])]) if cut < len(text) else ((), (), ())
    return tuple(f for kind in range(3) for f in (*head[kind], *tail[kind]))


_KINDS: tuple[FacetType, ...] = ("mention", "link", "tag")
_ByKind = tuple[tuple[_Found, ...], tuple[_Found, ...], tuple[_Found, ...]]


@per_text()
def _find_by_kind(head: str) -> _ByKind:
    """The facets of the lines of ``head``, mentions, links and tags apart, in text order."""
    return _by_kind(line_chunks(head))


def _by_kind(chunks: list[tuple[int, str]]) -> _ByKind:
    found: tuple[list[_Found], list[_Found], list[_Found]] = ([], [], [])
    for shift, chunk in chunks:
        for kind, start, end, value in _find(chunk):
            found[_KINDS.index(kind)].append((kind, start + shift, end + shift, value))
    return tuple(found[0]), tuple(found[1]), tuple(found[2])


@per_text()
def _find(text: str) -> tuple[_Found, ...]:
    """Mentions, then links, then tags, as code point ranges."""
    found: list[_Found] = []
    for m in MENTION_RE.finditer(text):
        handle = m.group(1)
        if not is_valid_domain(handle) and not handle.endswith(".test"):
            continue
        found.append(("mention", m.start(1) - 1, m.end(1), handle))
    for m in URL_RE.finditer(text):
        uri = m.group(1)
        start, end = m.start(1), m.end(1)
        if not uri.startswith("http"):
            domain = m.group("domain")
            if not domain or not is_valid_domain(domain):
                continue
            uri = f"https://{uri}"
        if uri[-1] in ".,;:!?":
            uri, end = uri[:-1], end - 1
        if uri.endswith(")") and "(" not in uri:
            uri, end = uri[:-1], end - 1
        found.append(("link", start, end, uri))
    for m in TAG_RE.finditer(text):
        tag = m.group(1)
        if not tag:
            continue
        tag = TRAILING_PUNCTUATION_RE.sub("", tag)
        if not tag or _utf16_len(tag) > MAX_TAG_UTF16:
            continue
        start = m.start(1) - 1
        found.append(("tag", start, start + 1 + len(tag), tag))
    return tuple(found)
