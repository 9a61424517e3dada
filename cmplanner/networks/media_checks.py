"""Reading images with Pillow, and checking them against a network's media limits."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from cmplanner.networks.base import MediaInfo, Problem, ProblemLevel
from cmplanner.networks.limits import MediaLimits

PIL_MIME = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "HEIF": "image/heic",
    "AVIF": "image/avif",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
}

_ORIENTATION = 0x0112  # EXIF tag


def read_media(path: Path, alt_text: str = "", index: int = 0) -> MediaInfo | Problem:
    """Read an image fully (so a truncated file is caught); a file that cannot be read
    gives a Problem, never an exception."""
    try:
        size = path.stat().st_size
        with warnings.catch_warnings():
            # Pillow warns on huge images (decompression bombs); treat that as unreadable.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt = (im.format or "").upper()
                width, height = im.size
                frames = int(getattr(im, "n_frames", 1))
                if im.getexif().get(_ORIENTATION) in (5, 6, 7, 8):
                    width, height = height, width  # shown rotated a quarter turn
                im.load()
    except Exception as exc:  # any decoder failure is the same thing to the user
        reason = "it does not exist" if isinstance(exc, FileNotFoundError) else str(exc)
        return Problem(
            ProblemLevel.ERROR,
            "media_unreadable",
            f"{path.name} cannot be read as an image ({reason}). Attach a JPEG or PNG file.",
            media_index=index,
        )
    mime = PIL_MIME.get(fmt, f"image/{fmt.lower() or 'unknown'}")
    return MediaInfo(path, mime, size, width, height, alt_text, animated=frames > 1)


def _fmt_bytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n < 1024 * 1024 * 1024 else f"{n / 1e9:.1f} GB"


def check_media(media: Sequence[MediaInfo], limits: MediaLimits, network: str) -> list[Problem]:
    problems: list[Problem] = []
    if limits.max_images is not None and len(media) > limits.max_images:
        problems.append(
            Problem(
                ProblemLevel.ERROR,
                "too_many_images",
                f"{len(media)} images; {network} takes at most {limits.max_images} per post. "
                f"Remove {len(media) - limits.max_images}.",
            )
        )
    for i, m in enumerate(media):
        problems.extend(_check_one(i, m, limits, network))
    if media and limits.needs_public_url:
        problems.append(
            Problem(
                ProblemLevel.WARNING,
                "media_needs_public_url",
                f"{network} fetches images from a public web address; cmplanner must host "
                "them somewhere public before publishing.",
            )
        )
    return problems


def _check_one(i: int, m: MediaInfo, limits: MediaLimits, network: str) -> list[Problem]:
    out: list[Problem] = []

    def add(level: ProblemLevel, code: str, message: str) -> None:
        out.append(Problem(level, code, f"{m.path.name}: {message}", media_index=i))

    if m.mime not in limits.image_types:
        kinds = ", ".join(sorted(t.split("/")[1].upper() for t in limits.image_types))
        add(ProblemLevel.ERROR, "media_type", f"{network} does not take this type; use {kinds}.")
    cap = limits.max_gif_bytes if m.mime == "image/gif" and limits.max_gif_bytes else None
    cap = cap or limits.max_image_bytes
    if cap is not None and m.bytes > cap:
        add(
            ProblemLevel.ERROR,
            "media_too_large",
            f"{_fmt_bytes(m.bytes)}; {network} takes up to {_fmt_bytes(cap)}. Make a smaller copy.",
        )
    if limits.max_pixels is not None and (
        m.pixels >= limits.max_pixels if limits.pixels_exclusive else m.pixels > limits.max_pixels
    ):
        add(
            ProblemLevel.ERROR,
            "media_too_many_pixels",
            f"{m.width}×{m.height} is {m.pixels:,} pixels; {network} takes fewer than "
            f"{limits.max_pixels:,}. Make a smaller copy.",
        )
    if m.height and limits.min_aspect is not None and m.aspect < limits.min_aspect - 1e-3:
        add(
            ProblemLevel.ERROR,
            "media_aspect_ratio",
            f"too tall ({m.width}×{m.height}); {network} takes from 4:5 to 1.91:1. Crop a copy.",
        )
    if m.height and limits.max_aspect is not None and m.aspect > limits.max_aspect + 1e-3:
        add(
            ProblemLevel.ERROR,
            "media_aspect_ratio",
            f"too wide ({m.width}×{m.height}); {network} takes from 4:5 to 1.91:1. Crop a copy.",
        )
    if (limits.min_width is not None and m.width < limits.min_width) or (
        limits.max_width is not None and m.width > limits.max_width
    ):
        add(
            ProblemLevel.WARNING,
            "media_rescaled",
            f"{m.width} pixels wide; {network} rescales images to "
            f"{limits.min_width}–{limits.max_width} pixels wide.",
        )
    if limits.alt_text_supported and not m.alt_text.strip():
        add(
            ProblemLevel.WARNING,
            "alt_text_missing",
            "no alt text. Describe the image for people who cannot see it.",
        )
    if limits.alt_text_limit is not None and len(m.alt_text) > limits.alt_text_limit:
        add(
            ProblemLevel.ERROR,
            "alt_text_too_long",
            f"alt text is {len(m.alt_text)} characters; {network} allows {limits.alt_text_limit}.",
        )
    return out
