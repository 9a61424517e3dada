"""One post as a network shows it: avatar, name and handle, coloured text, images, thread.

The widget only draws a ``Preview`` that ``networks.preview.render_preview`` computed:
spans, fold, tiles, content warning and thread parts all come from there. Text goes
through Qt's rich-text layout (QLabel), so Gurmukhi shaping, Arabic right-to-left and
emoji render as the platform renders them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import Network
from cmplanner.networks.preview import PartPreview, Preview, Tile
from cmplanner.ui.counter_badge import circle_pixmap, network_icon
from cmplanner.ui.preview_parts import AVATAR, PartRow, Runs

#: The media box never grows taller than this (a phone-sized preview).
MAX_MEDIA_HEIGHT = 340

#: Link / mention / hashtag colour as each network shows it: (light theme, dark theme).
ACCENT: dict[Network, tuple[str, str]] = {
    Network.MASTODON: ("#563acc", "#8c8dff"),
    Network.BLUESKY: ("#1083fe", "#208bfe"),
    Network.X: ("#1d9bf0", "#1d9bf0"),
    Network.LINKEDIN: ("#0a66c2", "#71b7fb"),
    Network.FACEBOOK: ("#0064d1", "#4599ff"),
    Network.INSTAGRAM: ("#00376b", "#e0f1ff"),
    Network.THREADS: ("#0095f6", "#1a9cf8"),
}

#: Span kinds each network highlights (Instagram captions do not make links clickable).
HIGHLIGHTED: dict[Network, frozenset[str]] = {
    n: frozenset({"link", "mention", "tag"}) for n in Network
} | {Network.INSTAGRAM: frozenset({"mention", "tag"})}

#: Networks that put the images above the text.
MEDIA_FIRST = frozenset({Network.INSTAGRAM})
#: Networks with a username rather than "@handle" under the display name.
AT_HANDLES = frozenset(
    {Network.MASTODON, Network.BLUESKY, Network.X, Network.INSTAGRAM, Network.THREADS}
)


def shown_handle(network: Network, handle: str) -> str:
    """The handle as the network prints it under the display name."""
    if network in AT_HANDLES and handle and not handle.startswith("@"):
        return "@" + handle
    return handle


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@lru_cache(maxsize=256)
def part_html(part: PartPreview, network: Network, *, dark: bool, lead: str = "") -> str:
    """One thread part as rich text: highlighted spans, the fold label, newlines kept
    (once per part: typing changes one part of a thread)."""
    accent = ACCENT[network][1 if dark else 0]
    wanted = HIGHLIGHTED[network]
    out = [lead]
    for span in part.spans:
        text = html.escape(span.text)
        if span.kind in wanted:
            out.append(f'<span style="color:{accent}">{text}</span>')
        else:
            out.append(text)
    if part.folded:
        out.append(f'<span style="color:gray"> {html.escape(part.fold_label)}</span>')
    return '<div style="white-space:pre-wrap">' + "".join(out) + "</div>"


@lru_cache(maxsize=256)
def part_runs(part: PartPreview, network: Network, *, dark: bool, lead: str | None = None) -> Runs:
    """The text ``part_html`` marks up, run by run as it shows it (``lead``: a username
    shown bold before the text, as Instagram starts a caption), for measuring without
    the markup."""
    accent = ACCENT[network][1 if dark else 0]
    wanted = HIGHLIGHTED[network]
    runs: list[tuple[str, str]] = []
    if lead is not None:
        runs += [(lead, "bold"), (" ", "")]
    runs += [(span.text, accent if span.kind in wanted else "") for span in part.spans]
    if part.folded:
        runs.append((" " + part.fold_label, "gray"))
    return tuple(runs)


class TilesView(QWidget):
    """One to four images in the network's layout, with "ALT" and "+N" badges."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: tuple[Tile, ...] = ()
        self.carousel = False
        self._images: list[QImage] = []
        sp = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)

    def set_tiles(self, tiles: Sequence[Tile], images: Sequence[QImage], carousel: bool) -> None:
        if (
            tuple(tiles) == self.tiles
            and carousel == self.carousel
            and len(images) == len(self._images)
        ):
            return
        self.tiles, self.carousel, self._images = tuple(tiles), carousel, list(images)
        self.setVisible(bool(self.tiles))
        self.updateGeometry()
        self.update()

    def tile_count(self) -> int:
        return len(self.tiles)

    def _ratio(self) -> float:
        """Height over width of the media box."""
        if len(self.tiles) == 1 and self._images:
            img = (
                self._images[self.tiles[0].index]
                if self.tiles[0].index < len(self._images)
                else None
            )
            if img is not None and not img.isNull() and img.width():
                return min(1.25, max(0.52, img.height() / img.width()))
            return 0.75
        return 9 / 16

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return min(MAX_MEDIA_HEIGHT, round(width * self._ratio())) if self.tiles else 0

    def sizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(320))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        ratio = self._ratio()
        w = min(float(self.width()), self.height() / ratio)
        h = w * ratio
        left = (self.width() - w) / 2
        badge_font = QFont(self.font())
        badge_font.setBold(True)
        badge_font.setPixelSize(11)
        for tile in self.tiles:
            r = QRectF(left + tile.x * w, tile.y * h, tile.w * w, tile.h * h)
            clip = QPainterPath()
            clip.addRoundedRect(r, 8, 8)
            p.save()
            p.setClipPath(clip)
            img = self._images[tile.index] if tile.index < len(self._images) else QImage()
            if img.isNull():
                p.fillRect(r, self.palette().color(QPalette.ColorRole.Mid))
            else:  # fill the box, cropping the overflow (as the networks do)
                scale = max(r.width() / img.width(), r.height() / img.height())
                sw, sh = r.width() / scale, r.height() / scale
                src = QRectF((img.width() - sw) / 2, (img.height() - sh) / 2, sw, sh)
                p.drawImage(r, img, src)
            if tile.more and not self.carousel:
                p.fillRect(r, QColor(0, 0, 0, 120))
                font = QFont(self.font())
                font.setPixelSize(max(12, int(r.height() / 4)))
                font.setBold(True)
                p.setFont(font)
                p.setPen(QColor("white"))
                p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"+{tile.more}")
            p.restore()
            p.setFont(badge_font)
            if tile.alt:
                self._badge(p, r.left() + 6, r.bottom() - 24, "ALT")
            if self.carousel and tile.more:
                self._badge(p, r.right() - 44, r.top() + 6, f"1/{tile.more + 1}")
                self._dots(p, r, tile.more + 1)
        p.end()

    @staticmethod
    def _badge(p: QPainter, x: float, y: float, text: str) -> None:
        width = p.fontMetrics().horizontalAdvance(text) + 10
        box = QRectF(x, y, width, 18)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 170))
        p.drawRoundedRect(box, 4, 4)
        p.setPen(QColor("white"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _dots(p: QPainter, r: QRectF, n: int) -> None:
        gap = 8
        x = r.center().x() - (n - 1) * gap / 2
        for i in range(n):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(255, 255, 255, 230 if i == 0 else 120))
            p.drawEllipse(QRectF(x + i * gap - 2.5, r.bottom() - 12, 5, 5))


def laid_out_size_hint(widget: QWidget) -> QSize | None:
    """Once ``widget`` is laid out, its width and its height for that width; None before.

    Qt's own hint for a widget whose layout has a height for its width asks it for its
    height at the width its contents would like, which for a preview is one text layout
    per changed part on every keystroke, to answer a question no layout here needs."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_Resized) and widget.width() > 0:
        return QSize(widget.width(), widget.heightForWidth(widget.width()))
    return None


class PreviewBody(QWidget):
    """The parts and the images (hidden together behind a content warning)."""

    def sizeHint(self) -> QSize:
        return laid_out_size_hint(self) or super().sizeHint()


class PreviewWidget(QFrame):
    """A post card drawn the way one network shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: Preview | None = None
        self.setObjectName("previewCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self._images: list[QImage] = []
        self._avatar_color = "#888888"
        self._initial = "?"

        self.avatar = QLabel()
        self.avatar.setFixedSize(AVATAR, AVATAR)
        self.name_label = QLabel()
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.handle_label = QLabel()
        self.handle_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.network_label = QLabel()
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.handle_label)
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(names, 1)
        head.addWidget(self.network_label, 0, Qt.AlignmentFlag.AlignTop)

        self.cw_bar = QFrame()
        self.cw_bar.setObjectName("cwBar")
        self.cw_label = QLabel()
        self.cw_label.setWordWrap(True)
        self.cw_toggle = QToolButton()
        self.cw_toggle.setCheckable(True)
        self.cw_toggle.setText(self.tr("Show more"))
        self.cw_toggle.toggled.connect(self._on_cw_toggle_toggled)
        cw_row = QHBoxLayout(self.cw_bar)
        cw_row.setContentsMargins(8, 4, 4, 4)
        cw_row.addWidget(self.cw_label, 1)
        cw_row.addWidget(self.cw_toggle)

        self.body = PreviewBody()
        self._parts_box = QVBoxLayout()
        self._parts_box.setSpacing(10)
        self._parts_box.setContentsMargins(0, 0, 0, 0)
        self.rows: list[PartRow] = []
        self.tiles = TilesView()
        self.tiles.setVisible(False)
        self._body_layout = QVBoxLayout(self.body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.setSpacing(8)
        self._body_layout.addLayout(self._parts_box)
        self._body_layout.addWidget(self.tiles)
        self.thread_hint = QLabel()
        self.thread_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.cw_bar)
        layout.addWidget(self.body)
        layout.addWidget(self.thread_hint)
        layout.addStretch(1)
        self.cw_bar.setVisible(False)
        self.thread_hint.setVisible(False)

    def sizeHint(self) -> QSize:
        return laid_out_size_hint(self) or super().sizeHint()

    # ---- content ---------------------------------------------------------------------

    def set_identity(self, color: str, initial: str) -> None:
        """The avatar: the brand's colour and initial."""
        self._avatar_color, self._initial = color, initial
        ratio = self.devicePixelRatioF()
        self.avatar.setPixmap(circle_pixmap(AVATAR, color, initial, ratio=ratio))

    def show_preview(self, preview: Preview, images: Sequence[QImage] = ()) -> None:
        network = preview.network
        first = self.preview is None or self.preview.network != network
        self.preview, self._images = preview, list(images)
        if first:
            self.network_label.setPixmap(network_icon(network, 18).pixmap(18, 18))
            self.network_label.setToolTip(network.label)
            media_at = 0 if network in MEDIA_FIRST else 1
            self._body_layout.removeWidget(self.tiles)
            self._body_layout.insertWidget(media_at, self.tiles)
        self.name_label.setText(preview.display_name)
        self.handle_label.setText(shown_handle(network, preview.handle))
        self._show_cw(preview.content_warning)
        self._show_parts(preview)
        self.tiles.set_tiles(preview.tiles, self._images, preview.carousel)
        n = len(preview.parts)
        self.thread_hint.setVisible(n > 1)
        self.thread_hint.setText(self.tr("Posted as a thread of {n}").format(n=n))

    def _show_cw(self, warning: str) -> None:
        self.cw_bar.setVisible(bool(warning))
        if warning:
            self.cw_label.setText("CW: " + warning)
            self.cw_bar.setStyleSheet(
                "#cwBar { border: 1px solid palette(mid); border-radius: 4px; }"
            )
        self.body.setVisible(not warning or self.cw_toggle.isChecked())

    def _show_parts(self, preview: Preview) -> None:
        dark = is_dark(self.palette())
        parts = preview.parts
        while len(self.rows) < len(parts):
            row = PartRow()
            self.rows.append(row)
            self._parts_box.addWidget(row)
        lead = name = ""
        if preview.network == Network.INSTAGRAM:  # the caption starts with the username
            name = preview.handle.lstrip("@")
            lead = f"<b>{html.escape(name)}</b> "
        thread = len(parts) > 1
        for i, row in enumerate(self.rows):
            if i >= len(parts):
                row.setVisible(False)
                continue
            part = parts[i]
            source = (part, preview.network, dark, lead if i == 0 else "")
            if row.source is None or row.source[0] is not part or row.source[1:] != source[1:]:
                # A part unchanged since the last keystroke is the same object (the parts
                # are made once per text): its markup is the one shown.
                markup = part_html(part, preview.network, dark=dark, lead=source[3])
                plain = "".join(span.text for span in part.spans)
                first = name if lead and i == 0 else None
                runs = part_runs(part, preview.network, dark=dark, lead=first)
                row.show_html(
                    markup,
                    gutter=thread,
                    connects=thread and i < len(parts) - 1,
                    plain=plain,
                    runs=runs,
                )
                row.source = source
            else:
                row.show_html(row.html, gutter=thread, connects=thread and i < len(parts) - 1)
            row.setVisible(True)

    def visible_text(self) -> str:
        """The plain text of the shown parts (for tests and accessibility)."""
        return "\n".join(r.label.text() for r in self.rows if not r.isHidden())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.preview is not None:
            for row in self.rows:
                row.show_html("", gutter=False, connects=False)  # forget: colours change
            self.show_preview(self.preview, self._images)

    @Slot(bool)
    def _on_cw_toggle_toggled(self, checked: bool) -> None:
        self.cw_toggle.setText(self.tr("Show less") if checked else self.tr("Show more"))
        self.body.setVisible(checked)
