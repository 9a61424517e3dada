"""Painting a post chip: brand colour, state mark, time, network badges, first words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.models import PostRow
from cmplanner.ui.calendar.approval_mark import draw_approval
from cmplanner.ui.calendar.model import PostRole, WallRole

NETWORK_BADGES: dict[Network, tuple[str, str]] = {
    Network.MASTODON: ("M", "#6364ff"),
    Network.BLUESKY: ("B", "#1185fe"),
    Network.X: ("X", "#111111"),
    Network.LINKEDIN: ("in", "#0a66c2"),
    Network.FACEBOOK: ("f", "#1877f2"),
    Network.INSTAGRAM: ("IG", "#d62976"),
    Network.THREADS: ("@", "#333333"),
}

STATE_COLORS = {
    PostState.PUBLISHED: "#2e9d5b",
    PostState.PARTLY_PUBLISHED: "#d08a1e",
    PostState.FAILED: "#d23c3c",
    PostState.PUBLISHING: "#3a7bd5",
}

COMPACT_HEIGHT = 20

_FONTS: dict[tuple[str, int, bool, bool], tuple[QFont, QFontMetrics]] = {}
_FONT_KEYS: dict[int, str] = {}


def _font_key(font: QFont) -> str:
    """``font.key()`` of one of font_of's fonts, made once (it builds a string per call)."""
    found = _FONT_KEYS.get(id(font))
    if found is None:
        found = _FONT_KEYS[id(font)] = font.key()
    return found


def font_of(
    base: QFont, px: int, *, bold: bool = False, italic: bool = False
) -> tuple[QFont, QFontMetrics]:
    """A font derived from ``base`` and its metrics, made once: a month paints ~200 chips."""
    key = (base.family(), px, bold, italic)
    found = _FONTS.get(key)
    if found is None:
        font = QFont(base)
        font.setPixelSize(px)
        font.setBold(bold)
        font.setItalic(italic)
        found = _FONTS[key] = (font, QFontMetrics(font))
    return found


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """a*(1-t) + b*t, per channel."""
    return QColor(
        round(a.red() * (1 - t) + b.red() * t),
        round(a.green() * (1 - t) + b.green() * t),
        round(a.blue() * (1 - t) + b.blue() * t),
    )


def paint_state_mark(
    p: QPainter, center: QPointF, r: float, state: PostState, brand: QColor
) -> None:
    """A small circle whose look tells the state (also given in text in the tooltip)."""
    side = 2 * r + 3

    def draw(q: QPainter) -> None:
        _draw_state_mark(q, QPointF(side / 2, side / 2), r, state, brand)

    key = ("state", state, brand.rgb(), r)
    _stamp(p, key, center.x() - side / 2, center.y(), QSizeF(side, side), draw)


def _draw_state_mark(
    p: QPainter, center: QPointF, r: float, state: PostState, brand: QColor
) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(STATE_COLORS.get(state, brand.darker(130).name()))
    pen = QPen(color, 1.4)
    if state == PostState.IDEA:
        pen.setStyle(Qt.PenStyle.DotLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
    elif state == PostState.DRAFT or state == PostState.READY:
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
    p.drawEllipse(center, r, r)
    white = QPen(QColor("white"), 1.3)
    if state == PostState.READY:
        p.setBrush(color)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(center, r * 0.45, r * 0.45)
    elif state in (PostState.PUBLISHED, PostState.PARTLY_PUBLISHED):
        path = QPainterPath(QPointF(center.x() - r * 0.5, center.y()))
        path.lineTo(center.x() - r * 0.1, center.y() + r * 0.45)
        path.lineTo(center.x() + r * 0.55, center.y() - r * 0.45)
        p.setPen(white)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    elif state == PostState.FAILED:
        p.setPen(white)
        p.drawLine(QPointF(center.x(), center.y() - r * 0.5), QPointF(center.x(), center.y() + 0.1))
        p.drawPoint(QPointF(center.x(), center.y() + r * 0.5))
    p.restore()


_PIXMAPS: dict[tuple[object, ...], QPixmap] = {}
_PIXMAPS_MAX = 4000
_BADGE_WIDTHS: dict[tuple[object, ...], list[float]] = {}


def _stamp(
    p: QPainter,
    key: tuple[object, ...],
    x: float,
    cy: float,
    size: QSizeF,
    draw: Callable[[QPainter], None],
    ratio: float | None = None,
) -> float:
    """Draw a small picture (frame, badges, state mark, time) from a cache: a month paints
    a hundred chips or more, from a few dozen distinct pictures."""
    if ratio is None:
        ratio = _ratio(p)
    full = (*key, ratio)
    pix = _PIXMAPS.get(full)
    if pix is None:
        if len(_PIXMAPS) >= _PIXMAPS_MAX:  # sizes change with the window: start afresh
            _PIXMAPS.clear()
        pix = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        pix.setDevicePixelRatio(ratio)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setFont(p.font())
        draw(painter)
        painter.end()
        _PIXMAPS[full] = pix
    p.drawPixmap(QPointF(x, cy - size.height() / 2), pix)
    return x + size.width()


def _ratio(p: QPainter) -> float:
    device = p.device()
    return device.devicePixelRatioF() if device is not None else 1.0


def paint_badges(
    p: QPainter,
    x: float,
    cy: float,
    networks: tuple[Network, ...],
    h: float,
    ratio: float | None = None,
) -> float:
    """Draw network badges from x; returns the x after them."""
    if not networks:
        return x
    font, fm = font_of(p.font(), max(7, int(h * 0.62)), bold=True)
    wkey = (networks, h, _font_key(font))
    widths = _BADGE_WIDTHS.get(wkey)
    if widths is None:
        widths = [max(h, fm.horizontalAdvance(NETWORK_BADGES[n][0]) + 4) for n in networks]
        _BADGE_WIDTHS[wkey] = widths
    size = QSizeF(sum(widths) + 2 * len(widths), h)

    def draw(q: QPainter) -> None:
        _draw_badges(q, 0, h / 2, networks, h, font, widths)

    return _stamp(p, ("badges", networks, h, font.family()), x, cy, size, draw, ratio)


def _draw_badges(
    p: QPainter,
    x: float,
    cy: float,
    networks: tuple[Network, ...],
    h: float,
    font: QFont,
    widths: list[float],
) -> float:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setFont(font)
    for net, w in zip(networks, widths, strict=True):
        label, color = NETWORK_BADGES[net]
        rect = QRectF(x, cy - h / 2, w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        p.drawRoundedRect(rect, h / 2.5, h / 2.5)
        p.setPen(QColor("white"))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        x += w + 2
    p.restore()
    return x


def paint_warning(
    p: QPainter, x: float, cy: float, h: float, error: bool, ratio: float | None = None
) -> float:
    """A small triangle with "!": red when a network would refuse the post, amber for a warning."""

    def draw(q: QPainter) -> None:
        _draw_warning(q, 0, h / 2, h, error)

    return _stamp(p, ("warning", error, h), x, cy, QSizeF(h, h), draw, ratio)


def _draw_warning(p: QPainter, x: float, cy: float, h: float, error: bool) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath(QPointF(x + h / 2, cy - h / 2))
    path.lineTo(x + h, cy + h / 2)
    path.lineTo(x, cy + h / 2)
    path.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(STATE_COLORS[PostState.FAILED] if error else "#d08a1e"))
    p.drawPath(path)
    p.setPen(QPen(QColor("white"), 1.3))
    p.drawLine(QPointF(x + h / 2, cy - h / 6), QPointF(x + h / 2, cy + h / 6))
    p.drawPoint(QPointF(x + h / 2, cy + h / 3))
    p.restore()


def _paint_frame(
    p: QPainter,
    rect: QRect,
    row: PostRow,
    palette: QPalette,
    selected: bool,
    cut: bool,
    ratio: float,
) -> None:
    """The chip's rounded body, brand bar, border and state mark, from a picture cache.

    Only brand colour, state, size, selection, cut mark and palette change them, so a
    month of chips draws them from a handful of pictures.
    """
    state = row.state
    base = palette.color(_BASE)
    highlight = palette.color(_HIGHLIGHT) if selected else None
    w, h = rect.width(), rect.height()
    key = (
        "frame",
        row.brand_color,
        state,
        w,
        h,
        selected,
        cut,
        base.rgba(),
        highlight.rgba() if highlight is not None else 0,
    )

    def draw(q: QPainter) -> None:
        _draw_frame(q, QRect(0, 0, w, h), row, base, highlight, cut)
        line_h = min(COMPACT_HEIGHT - 4, h - 6)
        center = QPointF(13, 3 + line_h / 2)
        _draw_state_mark(q, center, 4.2, state, QColor(row.brand_color))

    _stamp(p, key, rect.left(), rect.top() + h / 2, QSizeF(w, h), draw, ratio)


def _draw_frame(
    p: QPainter,
    rect: QRect,
    row: PostRow,
    base: QColor,
    highlight: QColor | None,
    cut: bool,
) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    brand = QColor(row.brand_color)
    r = QRectF(rect).adjusted(1, 1, -1, -1)
    fill = mix(brand, base, 0.55 if row.state.is_locked else 0.78)
    if row.state == PostState.IDEA:
        fill = base
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRoundedRect(r, 4, 4)
    # brand bar
    p.setBrush(brand)
    p.drawRoundedRect(QRectF(r.left(), r.top(), 4, r.height()), 2, 2)
    border = QPen(brand, 1)
    if row.state == PostState.IDEA:
        border.setStyle(Qt.PenStyle.DashLine)
    if row.state == PostState.FAILED:
        border = QPen(QColor(STATE_COLORS[PostState.FAILED]), 1.5)
    if cut:
        border.setStyle(Qt.PenStyle.DashLine)
    if highlight is not None:
        border = QPen(highlight, 2.2)
    p.setPen(border)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(r, 4, 4)
    p.restore()


def _paint_time(
    p: QPainter,
    x: float,
    cy: float,
    text: str,
    font: QFont,
    color: QColor,
    width: float,
    line_h: float,
    ratio: float,
) -> None:
    """The chip's time (a few dozen distinct values in a month) from a picture cache."""
    key = ("time", text, _font_key(font), color.rgba(), width, line_h)

    def draw(q: QPainter) -> None:
        q.setFont(font)
        q.setPen(color)
        q.drawText(QRectF(0, 0, width, line_h), _VCENTER, text)

    _stamp(p, key, x, cy, QSizeF(width, line_h), draw, ratio)


def _baseline(fm: QFontMetrics, cy: float) -> float:
    """The baseline that centres one line of ``fm`` text on ``cy`` (as AlignVCenter does)."""
    return cy - fm.height() / 2 + fm.ascent()


_BASE = QPalette.ColorRole.Base
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHT = QPalette.ColorRole.Highlight
_VCENTER = Qt.AlignmentFlag.AlignVCenter
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_INTERSECT = Qt.ClipOperation.IntersectClip
_ITALIC_STATES = frozenset({PostState.IDEA, PostState.DRAFT})
_LOCKED = frozenset(s for s in PostState if s.is_locked)


def paint_chip(
    p: QPainter,
    rect: QRect,
    row: PostRow,
    wall: datetime | None,
    palette: QPalette,
    *,
    selected: bool = False,
    cut: bool = False,
) -> None:
    """Paint one chip into rect. Compact (one line) under ~30 px, two lines above.

    A month paints a hundred chips or more on every switch: the frame with its state
    mark, the time, badges and warning come from small picture caches; only the text
    is drawn each time.
    """
    ratio = _ratio(p)
    p.save()
    p.setClipRect(rect, _INTERSECT)  # badges never spill out of a chip
    _paint_frame(p, rect, row, palette, selected, cut, ratio)
    state = row.state
    text_color = palette.color(_TEXT)
    left, top, width, height = rect.left(), rect.top(), rect.width(), rect.height()
    right = left + width - 4.0  # r.right() - 3, r being rect less 1 px all round
    line_h = min(COMPACT_HEIGHT - 4, height - 6)
    cy = top + 3 + line_h / 2
    x = left + 21.0
    base_font = p.font()
    italic = state in _ITALIC_STATES
    font, fm = font_of(base_font, 11, italic=italic)
    if wall is not None:
        tt = f"{wall.hour:02d}:{wall.minute:02d}"  # strftime would import `time` per call
        tw = fm.horizontalAdvance(tt) + 6
        time_font, _ = font_of(base_font, 11, bold=True, italic=italic)
        _paint_time(p, x, cy, tt, time_font, text_color, tw, line_h, ratio)
        x += tw
    badge_h = min(12.0, line_h)
    networks = row.networks
    if networks:
        x = paint_badges(p, x, cy, networks, badge_h, ratio)
    if row.check_level and state not in _LOCKED:
        x = paint_warning(p, x + 1, cy, badge_h, row.check_level == "error", ratio) + 2
    if row.approval and state not in _LOCKED:  # the client's approval (approval_mark.py)
        mark, size = row.approval, QSizeF(badge_h, badge_h)
        x = 2 + _stamp(p, ("approval", mark, badge_h), x + 1, cy, size, lambda q: draw_approval(
            q, 0, badge_h / 2, badge_h, mark), ratio)  # fmt: skip
    x += 2
    p.setPen(text_color)
    if height < 30:  # compact: one line
        mid = top + height / 2
        if width - 2 > 420:  # wide rows (agenda): name the brand too
            name, name_fm = font_of(base_font, 11, bold=True, italic=italic)
            p.setFont(name)
            label = row.brand_name + "  "
            p.drawText(QPointF(x, _baseline(name_fm, mid)), label)
            x += name_fm.horizontalAdvance(label)
        p.setFont(font)
        room = int(right - x)
        if room > 0:
            p.drawText(QPointF(x, _baseline(fm, mid)), fm.elidedText(row.head, _ELIDE_RIGHT, room))
    else:
        base = palette.color(_BASE)
        name_rect = QRectF(x, cy - line_h / 2, right - x, line_h)
        small, small_fm = font_of(base_font, 10, italic=italic)
        p.setFont(small)
        p.setPen(mix(text_color, base, 0.35))
        p.drawText(
            name_rect,
            _VCENTER,
            small_fm.elidedText(row.brand_name, _ELIDE_RIGHT, int(name_rect.width())),
        )
        p.setFont(font)
        p.setPen(text_color)
        bottom = top + height - 1.0
        body = QRectF(left + 9, cy + line_h / 2 + 1, width - 13, bottom - cy - line_h / 2 - 2)
        flags = Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        lines = max(1, int(body.height() // fm.lineSpacing()))
        text = row.head if lines > 1 else fm.elidedText(row.head, _ELIDE_RIGHT, int(body.width()))
        p.drawText(body, int(flags), text)
    p.restore()


class ChipDelegate(QStyledItemDelegate):
    """Paints posts as chips; the views ask it for every visible chip."""

    #: Chips painted once are kept as pictures: a repaint after a drop or a hover, or a
    #: return to a month seen before, only copies them. Bounded; oldest dropped first.
    CACHE_SIZE = 1500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cut_ids: set[int] = set()
        self._cache: dict[tuple[object, ...], QPixmap] = {}
        self._seen: set[tuple[object, ...]] = set()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row: PostRow | None = index.data(PostRole)
        if row is None:
            super().paint(painter, option, index)
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        self.paint_post(painter, option.rect, row, index.data(WallRole), option.palette, selected)

    def paint_post(
        self,
        painter: QPainter,
        rect: QRect,
        row: PostRow,
        wall: datetime | None,
        pal: QPalette,
        selected: bool,
        context: tuple[int, str, float] | None = None,
    ) -> None:
        """Paint one post's chip (the views call this directly for every visible chip).

        ``context`` is ``paint_context(painter, pal)``, worked out once per paint event.
        """
        cut = row.id in self.cut_ids
        pal_key, font_key, ratio = context or self.paint_context(painter, pal)
        key = (
            row.id,
            row.state,
            row.head,
            wall,
            row.networks,
            row.check_level,
            row.approval,
            row.brand_color,
            row.brand_name,
            rect.width(),
            rect.height(),
            selected,
            cut,
            pal_key,  # changes with any colour of the palette
            font_key,
            ratio,
        )
        pix = self._cache.get(key)
        if pix is None and key not in self._seen:
            # First sight (a month just opened): paint straight away, which is cheaper
            # than making a picture; a chip painted again is kept as a picture.
            if len(self._seen) > 4 * self.CACHE_SIZE:
                self._seen.clear()
            self._seen.add(key)
            paint_chip(painter, rect, row, wall, pal, selected=selected, cut=cut)
            return
        if pix is None:
            pix = QPixmap(max(1, round(rect.width() * ratio)), max(1, round(rect.height() * ratio)))
            pix.setDevicePixelRatio(ratio)
            pix.fill(Qt.GlobalColor.transparent)
            p = QPainter(pix)
            p.setFont(painter.font())
            paint_chip(
                p,
                QRect(0, 0, rect.width(), rect.height()),
                row,
                wall,
                pal,
                selected=selected,
                cut=cut,
            )
            p.end()
            if len(self._cache) >= self.CACHE_SIZE:
                for old in list(self._cache)[: self.CACHE_SIZE // 4]:
                    del self._cache[old]
            self._cache[key] = pix
        painter.drawPixmap(rect.topLeft(), pix)

    @staticmethod
    def paint_context(painter: QPainter, pal: QPalette) -> tuple[int, str, float]:
        """What every chip of one paint event shares: palette, font and pixel ratio."""
        return pal.cacheKey(), painter.font().key(), _ratio(painter)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(160, COMPACT_HEIGHT + 2)
