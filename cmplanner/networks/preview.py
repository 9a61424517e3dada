"""What a post looks like on a network, as data: the preview widgets only draw this.

``render_preview`` cuts the text into spans (plain, link, mention, tag) the way the
network highlights them, folds long text where the network shows "…more", shortens
links the way the network displays them, lays out one to four images, and stacks
thread parts. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from cmplanner.domain.enums import Network
from cmplanner.networks.base import Entity, LengthReport, MediaInfo, NetworkRules
from cmplanner.networks.graphemes import grapheme_starts
from cmplanner.networks.textcache import per_text

SpanKind = Literal["text", "link", "mention", "tag"]

#: Characters shown before the network folds a post behind "…more" (None: never folds).
#: UNVERIFIED: read off the networks' web clients, not documented; change them here.
FOLD_AT: dict[Network, int | None] = {
    Network.MASTODON: None,
    Network.BLUESKY: None,
    Network.X: None,
    Network.LINKEDIN: 210,
    Network.FACEBOOK: 477,
    Network.INSTAGRAM: 125,
    Network.THREADS: None,
}

FOLD_LABEL: dict[Network, str] = {
    Network.LINKEDIN: "…see more",
    Network.FACEBOOK: "… See more",
    Network.INSTAGRAM: "… more",
}

#: How long a displayed link may be before the network shortens it with "…".
LINK_DISPLAY = 30

#: Networks that show several images as a swipeable carousel rather than a grid.
CAROUSEL = frozenset({Network.INSTAGRAM, Network.THREADS})

#: Networks whose three-image grid is one wide image above two (others: one tall left).
THREE_STACKED = frozenset({Network.LINKEDIN, Network.FACEBOOK})


@dataclass(frozen=True)
class Span:
    text: str
    kind: SpanKind = "text"
    target: str = ""


@dataclass(frozen=True)
class Tile:
    """Where image ``index`` sits in the preview's media box, in 0..1 units."""

    index: int
    x: float
    y: float
    w: float
    h: float
    alt: bool = False
    more: int = 0  # "+N" drawn over the last tile when more images than tiles


@dataclass(frozen=True)
class PartPreview:
    spans: tuple[Span, ...]
    folded: bool = False
    fold_label: str = ""


@dataclass(frozen=True)
class Preview:
    network: Network
    display_name: str
    handle: str
    parts: tuple[PartPreview, ...]
    tiles: tuple[Tile, ...] = ()
    carousel: bool = False
    content_warning: str = ""
    report: LengthReport | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _display_link(url: str) -> str:
    bare = url.split("://", 1)[-1]
    bare = bare[4:] if bare.startswith("www.") else bare
    return bare if len(bare) <= LINK_DISPLAY else bare[: LINK_DISPLAY - 1] + "…"


def spans_for(text: str, entities: Sequence[Entity], shorten_links: bool = True) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for e in sorted(entities, key=lambda e: e.start):
        if e.start < pos:
            continue
        if e.start > pos:
            out.append(Span(text[pos : e.start]))
        shown = text[e.start : e.end]
        if e.type == "link" and shorten_links:
            shown = _display_link(shown)
        out.append(Span(shown, e.type, e.value))
        pos = e.end
    if pos < len(text):
        out.append(Span(text[pos:]))
    return out


def _fold(text: str, network: Network) -> tuple[str, bool]:
    at = FOLD_AT.get(network)
    if at is None or len(text) <= at:
        return text, False
    starts = grapheme_starts(text)
    cut = max((s for s in starts if s <= at), default=at)  # never inside a cluster
    space = text.rfind(" ", 0, cut)
    if space > at * 0.6:
        cut = space
    return text[:cut].rstrip(), True


@per_text()
def _part(text: str, rules: NetworkRules, folded_view: bool) -> PartPreview:
    """One part's spans, once per part text (typing changes one part of a thread)."""
    network = rules.network
    shown, folded = _fold(text, network) if folded_view else (text, False)
    entities = [e for e in rules.entities(shown) if e.end <= len(shown)]
    return PartPreview(
        spans=tuple(spans_for(shown, entities)),
        folded=folded,
        fold_label=FOLD_LABEL.get(network, "…more") if folded else "",
    )


def tiles_for(network: Network, media: Sequence[MediaInfo], max_images: int | None) -> list[Tile]:
    """One to four images laid out as the network lays them out."""
    n = len(media)
    if n == 0:
        return []
    alts = [bool(m.alt_text.strip()) for m in media]
    if network in CAROUSEL or n == 1:
        return [Tile(0, 0, 0, 1, 1, alts[0], more=n - 1 if n > 1 else 0)]
    shown = min(n, 4, max_images or 4)
    more = n - shown
    g = 0.01  # gutter
    boxes: list[tuple[float, float, float, float]]
    if shown == 2:
        boxes = [(0, 0, 0.5 - g, 1), (0.5 + g, 0, 0.5 - g, 1)]
    elif shown == 3 and network in THREE_STACKED:
        boxes = [
            (0, 0, 1, 0.6 - g),
            (0, 0.6 + g, 0.5 - g, 0.4 - g),
            (0.5 + g, 0.6 + g, 0.5 - g, 0.4 - g),
        ]
    elif shown == 3:
        boxes = [
            (0, 0, 0.5 - g, 1),
            (0.5 + g, 0, 0.5 - g, 0.5 - g),
            (0.5 + g, 0.5 + g, 0.5 - g, 0.5 - g),
        ]
    else:
        boxes = [
            (0, 0, 0.5 - g, 0.5 - g),
            (0.5 + g, 0, 0.5 - g, 0.5 - g),
            (0, 0.5 + g, 0.5 - g, 0.5 - g),
            (0.5 + g, 0.5 + g, 0.5 - g, 0.5 - g),
        ]
    tiles = [Tile(i, *box, alts[i]) for i, box in enumerate(boxes)]
    if more:
        last = tiles[-1]
        tiles[-1] = Tile(last.index, last.x, last.y, last.w, last.h, last.alt, more=more)
    return tiles


def render_preview(
    rules: NetworkRules,
    text: str,
    *,
    display_name: str,
    handle: str,
    media: Sequence[MediaInfo] = (),
    content_warning: str = "",
    as_thread: bool = True,
    numbered: bool = True,
    folded: bool = True,
) -> Preview:
    """The preview of ``text`` (and media) on the network of ``rules``."""
    report = rules.count(text, content_warning)
    if as_thread and rules.supports_threads and not report.fits:
        texts = rules.split(text, numbered=numbered, content_warning=content_warning)
    else:
        texts = [text]
    parts = tuple(_part(t, rules, folded) for t in texts)
    network = rules.network
    return Preview(
        network=network,
        display_name=display_name,
        handle=handle,
        parts=parts,
        tiles=tuple(tiles_for(network, media, rules.limits.media.max_images)),
        carousel=network in CAROUSEL and len(media) > 1,
        content_warning=content_warning if network == Network.MASTODON else "",
        report=report,
    )
