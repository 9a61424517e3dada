"""The approval pack as a PDF: the pack's printable HTML laid out by Qt's rich-text
engine (``QTextDocument``) and printed with ``QPdfWriter``.

Why Qt rather than matplotlib (which the client report uses): a pack is the posts' own
text, and the client must read exactly what will be published. Qt shapes text with
HarfBuzz and falls back across fonts per character, so Gurmukhi, Arabic (right to left)
and emoji print as the composer shows them; matplotlib draws one font without complex
shaping (Gurmukhi comes out in the wrong glyph order, emoji as boxes). Qt also wraps
and paginates the text itself, keeps it selectable, and embeds only the fonts' used
glyphs. The cost: a ``QGuiApplication`` must exist; on the command line one is made on
the ``offscreen`` platform, so no display is needed.

The printable HTML is the same pack's (``services/approvals_html.print_html``), written
with the subset of HTML Qt understands (tables, inline colours, images by name) and no
script: a printed pack has tick boxes and a line for comments instead of fields.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from cmplanner.domain.errors import InvalidInput
from cmplanner.services.approvals import ApprovalPack
from cmplanner.services.approvals_html import period_text, print_html

_APP: QGuiApplication | None = None


def _ensure_app() -> None:
    """Qt lays text out only inside an application: make an offscreen one if none runs."""
    global _APP
    if QGuiApplication.instance() is None:
        _APP = QGuiApplication(["cmplanner", "-platform", "offscreen"])


def write_pack_pdf(pack: ApprovalPack, path: Path) -> int:
    """Print the pack to ``path`` (A4); returns the number of pages."""
    _ensure_app()
    path = Path(path).expanduser()
    try:
        with path.open("wb"):
            pass  # QPdfWriter says nothing when it cannot write: find out first
    except OSError as exc:
        raise InvalidInput(
            f"The PDF cannot be written to {path} ({exc.strerror or exc}).",
            "Pick a folder you can write to, for example your Documents folder.",
        ) from None
    markup, images = print_html(pack)
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    for key, data in images.items():
        image = QImage.fromData(data)
        if not image.isNull():
            doc.addResource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(f"cmp-img:{key}"), image
            )
    doc.setHtml(markup)
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{pack.brand.name} — posts for approval, {period_text(pack.first, pack.last)}")
    writer.setCreator("cmplanner")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(14, 14, 14, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc.print_(writer)
    del writer  # closes the file
    return count_pages(path.read_bytes())


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF Qt wrote (each page object is ``/Type /Page``)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
