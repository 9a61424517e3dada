"""Fitting an image to a network: suggest a crop/resize/re-encode, and make the copy.

The original file is never touched: ``make_fitted_copy`` writes a new file.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageOps

from cmplanner.networks.base import FitSuggestion, MediaInfo
from cmplanner.networks.limits import MediaLimits

_PIL_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


def _center_crop(width: int, height: int, ratio: float) -> tuple[int, int, int, int]:
    """The largest centred box of ``ratio`` (width/height) inside width×height."""
    if width / height > ratio:
        new_w = max(1, math.floor(height * ratio))
        left = (width - new_w) // 2
        return left, 0, left + new_w, height
    new_h = max(1, math.floor(width / ratio))
    new_h = min(new_h, height)
    top = (height - new_h) // 2
    return 0, top, width, top + new_h


def suggest_fit(media: MediaInfo, limits: MediaLimits) -> FitSuggestion | None:
    """What to do to the image so the network takes it as is; None if nothing."""
    if media.width <= 0 or media.height <= 0:
        return None
    reasons: list[str] = []
    crop: tuple[int, int, int, int] | None = None
    width, height = media.width, media.height
    aspect = width / height
    if limits.min_aspect is not None and aspect < limits.min_aspect - 1e-3:
        crop = _center_crop(width, height, limits.min_aspect)
        reasons.append("crop to the tallest shape accepted")
    elif limits.max_aspect is not None and aspect > limits.max_aspect + 1e-3:
        crop = _center_crop(width, height, limits.max_aspect)
        reasons.append("crop to the widest shape accepted")
    if crop is not None:
        width, height = crop[2] - crop[0], crop[3] - crop[1]

    scale = 1.0
    if limits.max_pixels is not None:
        cap = limits.max_pixels - (1 if limits.pixels_exclusive else 0)
        if width * height > cap:
            scale = min(scale, math.sqrt(cap / (width * height)))
            reasons.append("shrink below the pixel limit")
    if limits.max_width is not None and width * scale > limits.max_width:
        scale = min(scale, limits.max_width / width)
        reasons.append(f"shrink to {limits.max_width} pixels wide")
    new_w, new_h = max(1, math.floor(width * scale)), max(1, math.floor(height * scale))
    # Rounding must not push the shape back out of the accepted range.
    if limits.max_aspect is not None and new_w / new_h > limits.max_aspect:
        new_h = math.ceil(new_w / limits.max_aspect)
    if limits.min_aspect is not None and new_w / new_h < limits.min_aspect:
        new_w = math.ceil(new_h * limits.min_aspect)
    size = (new_w, new_h)

    mime = media.mime
    if mime not in limits.image_types or mime not in _PIL_FORMAT:
        mime = "image/jpeg" if "image/jpeg" in limits.image_types else sorted(limits.image_types)[0]
        reasons.append(f"convert to {mime.split('/')[1].upper()}")
    cap_bytes = limits.max_gif_bytes if mime == "image/gif" and limits.max_gif_bytes else None
    cap_bytes = cap_bytes or limits.max_image_bytes
    if cap_bytes is not None and media.bytes > cap_bytes:
        reasons.append("re-encode under the size limit")
    if not reasons:
        return None
    return FitSuggestion(crop, size, mime, cap_bytes, tuple(reasons))


def _encode(img: Image.Image, fmt: str, quality: int) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(buf, fmt, quality=quality, optimize=True)
    elif fmt == "WEBP":
        img.save(buf, fmt, quality=quality)
    else:
        img.save(buf, fmt, optimize=True)
    return buf.getvalue()


def make_fitted_copy(source: Path, fit: FitSuggestion, dest: Path | None = None) -> Path:
    """Write the fitted copy (next to ``source`` unless ``dest`` is given) and return its
    path. Lowers JPEG/WebP quality, then the size, until the byte limit is met."""
    fmt = _PIL_FORMAT.get(fit.mime, "JPEG")
    if dest is None:
        dest = source.with_name(f"{source.stem}.fitted{_SUFFIX.get(fit.mime, '.jpg')}")
    if dest.resolve() == source.resolve():
        raise ValueError("The fitted copy must not overwrite the original.")
    with Image.open(source) as opened:
        img: Image.Image = ImageOps.exif_transpose(opened)
        if fit.crop is not None:
            img = img.crop(fit.crop)
        if img.size != fit.size:
            img = img.resize(fit.size, Image.Resampling.LANCZOS)
        if fmt == "JPEG" and img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        data = _encode(img, fmt, 90)
        quality = 90
        while fit.max_bytes is not None and len(data) > fit.max_bytes:
            if fmt in ("JPEG", "WEBP") and quality > 50:
                quality -= 10
            else:
                w, h = img.size
                if w <= 16 or h <= 16:
                    break
                img = img.resize((max(1, int(w * 0.85)), max(1, int(h * 0.85))))
            data = _encode(img, fmt, quality)
    dest.write_bytes(data)
    return dest
