"""The media library: attached files copied into the home folder, content-addressed."""

from __future__ import annotations

import hashlib
import mimetypes
import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmplanner.domain.enums import MediaKind
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.models import MediaRef
from cmplanner.storage.lazy_tables import tables

IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
VIDEO_TYPES = {"video/mp4", "video/quicktime", "video/webm"}
MAX_BYTES = 1024 * 1024 * 1024


def media_ref(row: tables.MediaRow, root: Path, alt_text: str = "") -> MediaRef:
    return MediaRef(
        id=row.id,
        sha256=row.sha256,
        path=str(root / row.rel_path),
        mime=row.mime,
        kind=MediaKind(row.kind),
        bytes=row.bytes,
        width=row.width,
        height=row.height,
        alt_text=alt_text,
        original_name=row.original_name,
    )


def probe(path: Path) -> tuple[str, MediaKind, int | None, int | None]:
    """Read a file's type and pixel size, or explain why it cannot be attached."""
    if not path.exists():
        raise NotFound(
            f"The file {path} does not exist (it may have been moved or deleted).",
            "Pick the file again from where it is now.",
        )
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file.", "Pick an image or video file.")
    guessed = mimetypes.guess_type(path.name)[0] or ""
    if guessed in VIDEO_TYPES:
        return guessed, MediaKind.VIDEO, None, None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im.verify()
        with Image.open(path) as im:
            fmt = (im.format or "").upper()
            width, height = im.size
            frames = getattr(im, "n_frames", 1)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(
            f"{path.name} cannot be attached: it is not a readable image or video ({exc}).",
            "Attach a JPEG, PNG, GIF or WebP image, or an MP4 video.",
        ) from None
    mime = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
    if fmt not in mime:
        raise InvalidInput(
            f"{path.name} is a {fmt or 'unknown'} image, which social networks do not accept.",
            "Convert it to JPEG or PNG first.",
        )
    kind = MediaKind.GIF if fmt == "GIF" and frames > 1 else MediaKind.IMAGE
    return mime[fmt], kind, width, height


class MediaLibrary:
    def __init__(self, root: Path) -> None:
        self.root = root

    def import_file(self, s: Session, source: Path) -> tables.MediaRow:
        """Copy a file into the library (once per content) and record it."""
        source = Path(source).expanduser()
        mime, kind, width, height = probe(source)
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(f"{source.name} is larger than 1 GiB.", "Attach a smaller file.")
        digest = _sha256(source)
        existing = s.scalar(select(tables.MediaRow).where(tables.MediaRow.sha256 == digest))
        if existing is not None and (self.root / existing.rel_path).exists():
            return existing
        ext = mimetypes.guess_extension(mime) or source.suffix or ""
        rel = f"{digest[:2]}/{digest}{ext}"
        dest = self.root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".part")
        shutil.copyfile(source, tmp)
        tmp.replace(dest)
        if existing is not None:
            existing.rel_path = rel
            return existing
        row = tables.MediaRow(
            sha256=digest,
            rel_path=rel,
            mime=mime,
            kind=kind.value,
            bytes=size,
            width=width,
            height=height,
            original_name=source.name,
            created_utc=datetime.now(UTC).replace(tzinfo=None),
        )
        s.add(row)
        s.flush()
        return row


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
