"""Grapheme clusters, UTF-8 and UTF-16 offsets: the units networks count in.

Grapheme clusters come from the ``regex`` module's ``\\X`` (Unicode extended grapheme
clusters, kept current with Unicode by its maintainers). Every function here accepts
any ``str``, lone surrogates included, and never raises.
"""

from __future__ import annotations

import regex

_GRAPHEME = regex.compile(r"\X")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# A cluster is an emoji when it holds an emoji-presentation or pictographic character,
# a regional indicator (flags), or an emoji variation selector / keycap mark.
_EMOJI = regex.compile(
    r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}\ufe0f\u20e3]"
)


def graphemes(text: str) -> list[str]:
    """The text's grapheme clusters, in order."""
    return _GRAPHEME.findall(text)  # type: ignore[no-any-return]


def grapheme_starts(text: str) -> list[int]:
    """Code point offset of each grapheme cluster, followed by ``len(text)``."""
    starts = [m.start() for m in _GRAPHEME.finditer(text)]
    starts.append(len(text))
    return starts


def count_graphemes(text: str) -> int:
    return sum(1 for _ in _GRAPHEME.finditer(text))


def is_emoji(cluster: str) -> bool:
    """True when a grapheme cluster displays as an emoji."""
    return _EMOJI.search(cluster) is not None


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


def utf16_len(text: str) -> int:
    """UTF-16 code units: what JavaScript's ``length`` and Qt positions count."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


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
