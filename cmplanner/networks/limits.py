"""Every number the network rules use, in one place.

Sources are the keys of ``shared/NETWORKS.md``. A number marked ``UNVERIFIED`` was not
confirmed from the network's own documentation (it comes from a third party or is a
guess on the safe side): change it here and only here when a primary source turns up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cmplanner.domain.enums import Network

_JPEG = "image/jpeg"
_PNG = "image/png"
_GIF = "image/gif"
_WEBP = "image/webp"

MIB = 1024 * 1024


@dataclass(frozen=True)
class TextLimits:
    """Limits on the text of one post (one part of a thread)."""

    max_length: int
    #: Second cap in UTF-8 bytes (Bluesky), or None.
    max_bytes: int | None = None
    max_hashtags: int | None = None
    max_mentions: int | None = None
    max_links: int | None = None
    #: What one URL costs towards ``max_length`` (None: counted as written).
    url_cost: int | None = None


@dataclass(frozen=True)
class MediaLimits:
    """Limits on the images of one post."""

    max_images: int | None
    image_types: frozenset[str]
    max_image_bytes: int | None = None
    max_gif_bytes: int | None = None
    #: Maximum width x height; ``pixels_exclusive`` when the limit itself is refused.
    max_pixels: int | None = None
    pixels_exclusive: bool = False
    #: Accepted width/height ratio; outside it the network refuses the image.
    min_aspect: float | None = None
    max_aspect: float | None = None
    #: Outside this width range the network rescales the image (a warning).
    min_width: int | None = None
    max_width: int | None = None
    alt_text_supported: bool = False
    alt_text_limit: int | None = None
    #: The network fetches media from a public URL instead of taking an upload.
    needs_public_url: bool = False


@dataclass(frozen=True)
class NetworkLimits:
    text: TextLimits
    media: MediaLimits
    #: Names of the numbers above that are UNVERIFIED, for the UI to show.
    unverified: frozenset[str] = field(default_factory=frozenset)


#: Mastodon defaults; the real values come from the instance [M-inst].
MASTODON_DEFAULT_MAX_CHARACTERS = 500
MASTODON_DEFAULT_URL_COST = 23

MASTODON = NetworkLimits(
    text=TextLimits(max_length=MASTODON_DEFAULT_MAX_CHARACTERS, url_cost=MASTODON_DEFAULT_URL_COST),
    media=MediaLimits(
        max_images=4,  # max_media_attachments default [M-inst]
        image_types=frozenset({_JPEG, _PNG, _GIF, _WEBP, "image/heic", "image/avif"}),
        max_image_bytes=16 * MIB,  # image_size_limit 16777216 [M-inst]
        max_pixels=33_177_600,  # image_matrix_limit [M-inst]
        alt_text_supported=True,
        alt_text_limit=1500,  # description_limit, 4.4+ [M-inst]
    ),
)

BLUESKY = NetworkLimits(
    text=TextLimits(max_length=300, max_bytes=3000),  # [B-post]
    media=MediaLimits(
        max_images=4,  # app.bsky.embed.images [B-img]
        image_types=frozenset({_JPEG, _PNG, _GIF, _WEBP}),
        max_image_bytes=2_000_000,  # lexicon maxSize [B-img]
        alt_text_supported=True,
        alt_text_limit=2000,  # official app's MAX_ALT_TEXT; the lexicon has none [B-app]
    ),
)

X = NetworkLimits(
    text=TextLimits(max_length=280, url_cost=23),  # config v3 [X-tt]
    media=MediaLimits(
        max_images=4,  # media_ids maxItems 4 [X-oapi]
        image_types=frozenset({_JPEG, _PNG, _GIF, _WEBP}),
        # "5 MB" / "15 MB" [X-media]; read as decimal megabytes, the safer reading.
        max_image_bytes=5_000_000,
        max_gif_bytes=15_000_000,
        alt_text_supported=True,
        alt_text_limit=1000,  # UNVERIFIED: 3rd-party [X-alt]; the old v1.1 doc said 420
    ),
    unverified=frozenset({"alt_text_limit"}),
)

LINKEDIN = NetworkLimits(
    # UNVERIFIED: 3000 is 3rd-party only [L-3p]; counted in UTF-16 units to be safe.
    text=TextLimits(max_length=3000),
    media=MediaLimits(
        max_images=20,  # multiImage 2-20 [L-multi]
        image_types=frozenset({_JPEG, _PNG, _GIF}),  # 3rd-party [L-cdata], UNVERIFIED
        max_pixels=36_152_320,  # "< 36,152,320 px", 3rd-party [L-cdata], UNVERIFIED
        pixels_exclusive=True,
        alt_text_supported=True,
        alt_text_limit=4086,  # UNVERIFIED: only in 3rd-party code
    ),
    unverified=frozenset({"max_length", "image_types", "max_pixels", "alt_text_limit"}),
)

FACEBOOK = NetworkLimits(
    # UNVERIFIED: 63,206 is 3rd-party only; counted in UTF-16 units to be safe.
    text=TextLimits(max_length=63_206),
    media=MediaLimits(
        # UNVERIFIED: the number of photos per post and their size are not documented
        # where we looked [F-posts]; nothing is checked for them.
        max_images=None,
        image_types=frozenset({_JPEG, _PNG, _GIF, _WEBP}),
    ),
    unverified=frozenset({"max_length", "max_images", "image_types"}),
)

INSTAGRAM = NetworkLimits(
    # Partly verified: IG User Media reference, seen via 3rd-party [I-3p].
    text=TextLimits(max_length=2200, max_hashtags=30, max_mentions=20),
    media=MediaLimits(
        max_images=10,  # carousel, UNVERIFIED (3rd-party [I-3p])
        image_types=frozenset({_JPEG}),  # 3rd-party [I-3p]
        max_image_bytes=8 * MIB,  # UNVERIFIED: "8 MB" 3rd-party [I-3p]
        min_aspect=4 / 5,  # 4:5 .. 1.91:1 [I-3p][I-ads]
        max_aspect=1.91,
        min_width=320,  # UNVERIFIED: 3rd-party [I-3p]; outside it Instagram rescales
        max_width=1440,
        alt_text_supported=True,  # alt_text field [I-cp]; limit UNVERIFIED, not checked
        needs_public_url=True,  # [I-cp]
    ),
    unverified=frozenset({"max_images", "max_image_bytes", "min_width", "max_width"}),
)

THREADS = NetworkLimits(
    text=TextLimits(max_length=500, max_links=5),  # [T-posts][T-txt]
    media=MediaLimits(
        max_images=20,  # carousel, UNVERIFIED (3rd-party [T-3p])
        image_types=frozenset({_JPEG, _PNG}),
        max_image_bytes=8 * MIB,  # UNVERIFIED: 3rd-party [T-3p]
        alt_text_supported=True,
        alt_text_limit=1000,  # UNVERIFIED: a 3rd-party tool
        needs_public_url=True,  # [T-posts]
    ),
    unverified=frozenset({"max_images", "max_image_bytes", "alt_text_limit"}),
)

DEFAULT_LIMITS: dict[Network, NetworkLimits] = {
    Network.MASTODON: MASTODON,
    Network.BLUESKY: BLUESKY,
    Network.X: X,
    Network.LINKEDIN: LINKEDIN,
    Network.FACEBOOK: FACEBOOK,
    Network.INSTAGRAM: INSTAGRAM,
    Network.THREADS: THREADS,
}
