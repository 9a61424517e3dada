"""What every network's rules offer, and the values they return.

All text offsets (``start``/``end`` of problems, entities, overflow) are indexes into
the Python ``str`` (code points), end exclusive. ``graphemes.utf16_offset`` converts
one for a Qt text cursor. Facets carry UTF-8 byte offsets, as Bluesky wants them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal, Protocol

from cmplanner.domain.enums import Network
from cmplanner.networks.limits import NetworkLimits

FacetType = Literal["link", "mention", "tag"]


class ProblemLevel(StrEnum):
    ERROR = "error"  # the network would refuse the post
    WARNING = "warning"  # it would go out, but not as the user expects


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a post on one network.

    ``start``/``end`` locate it in the text (both 0 when it concerns no text, e.g. an
    image). ``media_index`` points at the media it concerns, if any.
    """

    level: ProblemLevel
    code: str
    message: str
    start: int = 0
    end: int = 0
    media_index: int | None = None


@dataclass(frozen=True)
class LengthReport:
    """A text measured the network's way.

    ``overflow_start`` is where the text stops fitting (the part from there to the end
    is what the editor highlights), or None when it fits.
    """

    length: int
    limit: int
    unit: str
    overflow_start: int | None = None
    bytes: int | None = None
    byte_limit: int | None = None
    byte_overflow_start: int | None = None

    @property
    def remaining(self) -> int:
        return self.limit - self.length

    @property
    def fits(self) -> bool:
        return self.overflow_start is None and self.byte_overflow_start is None


@dataclass(frozen=True)
class Facet:
    """A Bluesky rich-text facet: UTF-8 byte range, end exclusive."""

    byte_start: int
    byte_end: int
    type: FacetType
    #: The link URI, the mentioned handle (resolved to a DID at publish time), the tag.
    value: str


@dataclass(frozen=True)
class Entity:
    """A link, mention or hashtag as a network highlights it (code point range)."""

    start: int
    end: int
    type: FacetType
    value: str


@dataclass(frozen=True)
class MediaInfo:
    """What the rules need to know about one attached file."""

    path: Path
    mime: str
    bytes: int
    width: int
    height: int
    alt_text: str = ""
    animated: bool = False

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 0.0


@dataclass(frozen=True)
class FitSuggestion:
    """A copy of an image the network would accept: crop first, then resize, re-encode.

    ``crop`` is (left, top, right, bottom) in source pixels, or None; ``size`` the final
    (width, height); ``mime`` the format to write; ``reasons`` say why, for the user.
    """

    crop: tuple[int, int, int, int] | None
    size: tuple[int, int]
    mime: str
    max_bytes: int | None
    reasons: tuple[str, ...]


class NetworkRules(Protocol):
    """The pure rules of one network: limits, counting, checks, splitting, facets."""

    @property
    def network(self) -> Network: ...

    @property
    def limits(self) -> NetworkLimits: ...

    @property
    def supports_threads(self) -> bool: ...

    def count(self, text: str, content_warning: str = "") -> LengthReport:
        """Measure ``text`` the network's way (Mastodon adds the content warning)."""
        ...

    def entities(self, text: str) -> list[Entity]:
        """Links, mentions and hashtags the network would highlight, in text order."""
        ...

    def facets(self, text: str) -> list[Facet]:
        """Bluesky facets (UTF-8 byte ranges); an empty list for other networks."""
        ...

    def check(
        self, text: str, media: Sequence[MediaInfo] = (), content_warning: str = ""
    ) -> list[Problem]:
        """Every problem with posting ``text`` and ``media`` as one post."""
        ...

    def split(self, text: str, *, numbered: bool = True, content_warning: str = "") -> list[str]:
        """Split into thread parts that each fit (``[text]`` when it fits as is)."""
        ...

    def suggest_fit(self, media: MediaInfo) -> FitSuggestion | None:
        """A crop/resize/re-encode the network would accept, or None if none is needed."""
        ...

    def with_instance(
        self, max_characters: int | None = None, url_cost: int | None = None
    ) -> NetworkRules:
        """Rules for one server's own limits (Mastodon); other networks return self."""
        ...
