"""Painting a post chip: brand colour, state mark, time, network badges, first words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QPointF,
    QRect,
    QRectF,
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
)

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.models import PostRow
from cmplanner.ui.calendar.approval_mark import draw_approval
from cmplanner.ui.calendar.pictures import PIXMAPS, font_key, ratio_of, stamp

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
_font_key = font_key


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
    """Show a small look (badges, a warning, an approval) centred on cy from x, kept as
    a picture (``pictures.stamp``); returns the x after it."""
    if ratio is None:
        ratio = ratio_of(p)
    w, h = size.width(), size.height()
    stamp(p, (*key, ratio), x, cy - h / 2, w, h, p.font(), draw, ratio)
    return x + w


#: A chip's time width by (time, italic, ChipStyle key): measuring "09:30" is a text layout.
_TIME_WIDTHS: dict[tuple[object, ...], int] = {}
#: Characters no narrower than this many pixels on average: see ``elided``.
_MIN_CHAR_PX = 2


def elided(fm: QFontMetrics, text: str, room: int) -> str:
    """``fm.elidedText(text, ElideRight, room)``, without shaping what cannot show.

    Qt lays out the whole text to elide it (a chip's first words are ~80 characters, of
    which ~25 show). The text is cut first to ``room / _MIN_CHAR_PX`` characters, which
    are wider than ``room`` for any real text, so Qt elides at the same place; when the cut
    text does fit (zero-width marks, say), the whole text is elided instead.
    """
    cut = room // _MIN_CHAR_PX
    if len(text) <= cut:
        return fm.elidedText(text, _ELIDE_RIGHT, room)
    short = fm.elidedText(text[:cut], _ELIDE_RIGHT, room)
    if short == text[:cut]:  # it all fitted: the ellipsis must come from the whole text
        return fm.elidedText(text, _ELIDE_RIGHT, room)
    return short


def _badge_font(base: QFont, h: float) -> tuple[QFont, QFontMetrics, str, str]:
    """The badges' font for height h: (font, metrics, family, font key)."""
    font, fm = font_of(base, max(7, int(h * 0.62)), bold=True)
    return font, fm, font.family(), _font_key(font)


def _badge_widths(
    networks: tuple[Network, ...], h: float, font_info: tuple[QFont, QFontMetrics, str, str]
) -> list[float]:
    """Each badge's width (kept per networks, height and font)."""
    _font, fm, _family, font_key = font_info
    wkey = (networks, h, font_key)
    widths = _BADGE_WIDTHS.get(wkey)
    if widths is None:
        widths = [max(h, fm.horizontalAdvance(NETWORK_BADGES[n][0]) + 4) for n in networks]
        _BADGE_WIDTHS[wkey] = widths
    return widths


def paint_badges(
    p: QPainter,
    x: float,
    cy: float,
    networks: tuple[Network, ...],
    h: float,
    ratio: float | None = None,
    font_info: tuple[QFont, QFontMetrics, str, str] | None = None,
) -> float:
    """Draw network badges from x; returns the x after them. ``font_info`` is
    ``_badge_font(p.font(), h)`` when the caller keeps it (``ChipStyle.badge_font``)."""
    if not networks:
        return x
    font, fm, family, font_key = font_info or _badge_font(p.font(), h)
    widths = _badge_widths(networks, h, (font, fm, family, font_key))
    bkey = ("badges", networks, h, family, ratio if ratio is not None else ratio_of(p))
    pix = PIXMAPS.get(bkey)
    if pix is not None:  # the common case, without the drawing's closure
        p.drawPixmap(QPointF(x, cy - h / 2), pix)
        return x + sum(widths) + 2 * len(widths)
    size = QSizeF(sum(widths) + 2 * len(widths), h)

    def draw(q: QPainter) -> None:
        _draw_badges(q, 0, h / 2, networks, h, font, widths)

    return _stamp(p, ("badges", networks, h, family), x, cy, size, draw, ratio)


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


class ChipStyle:
    """What every chip of one paint shares (colours, fonts, metrics, pixel ratio), worked
    out once per palette, font and pixel ratio instead of once per chip."""

    __slots__ = (
        "badge_fonts",
        "base",
        "base_font",
        "base_rgba",
        "dim",
        "fonts",
        "highlight",
        "highlight_rgba",
        "key",
        "ratio",
        "text",
        "text_rgba",
        "time_fonts",
    )

    def __init__(
        self, font: QFont, palette: QPalette, ratio: float, key: tuple[int, str, float]
    ) -> None:
        #: (palette cache key, font key, pixel ratio): what a chip's look depends on.
        self.key = key
        self.ratio = ratio
        self.base_font = font
        self.base = palette.color(_BASE)
        self.base_rgba = self.base.rgba()
        self.text = palette.color(_TEXT)
        self.text_rgba = self.text.rgba()
        self.highlight = palette.color(_HIGHLIGHT)
        self.highlight_rgba = self.highlight.rgba()
        self.dim = mix(self.text, self.base, 0.35)
        #: italic -> (font, metrics) of the first words; (bold time font, its cache key).
        self.fonts = {i: font_of(font, 11, italic=i) for i in (False, True)}
        self.time_fonts: dict[bool, tuple[QFont, str]] = {}
        #: badge height -> the badges' font, metrics, family and key (see ``badge_font``).
        self.badge_fonts: dict[float, tuple[QFont, QFontMetrics, str, str]] = {}
        for italic in (False, True):
            bold, _fm = font_of(font, 11, bold=True, italic=italic)
            self.time_fonts[italic] = (bold, _font_key(bold))

    def badge_font(self, h: float) -> tuple[QFont, QFontMetrics, str, str]:
        found = self.badge_fonts.get(h)
        if found is None:
            found = self.badge_fonts[h] = _badge_font(self.base_font, h)
        return found


_STYLES: dict[tuple[int, str, float], ChipStyle] = {}


def chip_style(p: QPainter, palette: QPalette) -> ChipStyle:
    """The ChipStyle of this painter (its font and device) and palette."""
    return chip_style_for(p.font(), palette, ratio_of(p))


def chip_style_for(font: QFont, palette: QPalette, ratio: float) -> ChipStyle:
    """The ChipStyle of chips painted in ``font`` with ``palette`` at pixel ``ratio``."""
    key = (palette.cacheKey(), font.key(), ratio)
    style = _STYLES.get(key)
    if style is None:
        if len(_STYLES) > 64:
            _STYLES.clear()
        style = _STYLES[key] = ChipStyle(font, palette, ratio, key)
    return style


def paint_chip(
    p: QPainter,
    rect: QRect,
    row: PostRow,
    wall: datetime | None,
    palette: QPalette,
    *,
    selected: bool = False,
    cut: bool = False,
    style: ChipStyle | None = None,
) -> None:
    """Paint one chip into rect. Compact (one line) under ~30 px, two lines above.

    A month paints a hundred chips or more on every switch: the frame with its state
    mark, the time, badges and warning come from small picture caches; only the text
    is drawn each time. ``style`` is ``chip_style(p, palette)`` when the caller paints
    many chips and keeps the painter's state itself (saved before, restored after);
    without it the painter's state is saved and restored here.
    """
    own = style is None
    if style is None:
        style = chip_style(p, palette)
        p.save()
        p.setClipRect(rect, _INTERSECT)  # badges never spill out of a chip
    ratio = style.ratio
    state = row.state
    left, top, width, height = rect.left(), rect.top(), rect.width(), rect.height()
    # The frame: the rounded body, brand bar, border and state mark (a few dozen pictures).
    fkey = (
        "frame",
        row.brand_color,
        state,
        width,
        height,
        selected,
        cut,
        style.base_rgba,
        style.highlight_rgba if selected else 0,
        ratio,
    )
    pix = PIXMAPS.get(fkey)
    if pix is not None:
        p.drawPixmap(left, top, pix)
    else:
        _frame(p, fkey, row, style, selected, cut, left, top)
    right = left + width - 4.0  # r.right() - 3, r being rect less 1 px all round
    line_h = min(COMPACT_HEIGHT - 4, height - 6)
    cy = top + 3 + line_h / 2
    x = left + 21.0
    italic = state in _ITALIC_STATES
    font, fm = style.fonts[italic]
    if wall is not None:
        tt = f"{wall.hour:02d}:{wall.minute:02d}"  # strftime would import `time` per call
        wkey = (tt, italic, style.key)
        tw = _TIME_WIDTHS.get(wkey)
        if tw is None:
            if len(_TIME_WIDTHS) > 4096:
                _TIME_WIDTHS.clear()
            tw = _TIME_WIDTHS[wkey] = fm.horizontalAdvance(tt) + 6
        time_font, time_key = style.time_fonts[italic]
        tkey = ("time", tt, time_key, style.text_rgba, tw, line_h, ratio)
        pix = PIXMAPS.get(tkey)
        if pix is not None:
            p.drawPixmap(QPointF(x, cy - line_h / 2), pix)
        else:
            _time(p, tkey, tt, time_font, style.text, tw, line_h, x, cy - line_h / 2)
        x += tw
    badge_h = min(12.0, line_h)
    networks = row.networks
    badge_font = style.badge_font(badge_h)
    locked = state in _LOCKED
    warning = bool(row.check_level) and not locked
    approval = bool(row.approval) and not locked
    clipped = False
    if not own:  # badges that would run past the chip are cut to it (and the rest with them)
        widths = _badge_widths(networks, badge_h, badge_font) if networks else []
        end = x + sum(widths) + 2 * len(widths) + (warning + approval) * (badge_h + 3)
        if end > right:
            clipped = True
            p.save()
            p.setClipRect(rect, _INTERSECT)
    if networks:
        x = paint_badges(p, x, cy, networks, badge_h, ratio, badge_font)
    if warning:
        x = paint_warning(p, x + 1, cy, badge_h, row.check_level == "error", ratio) + 2
    if approval:  # the client's approval (approval_mark.py)
        mark, size = row.approval, QSizeF(badge_h, badge_h)
        x = 2 + _stamp(p, ("approval", mark, badge_h), x + 1, cy, size, lambda q: draw_approval(
            q, 0, badge_h / 2, badge_h, mark), ratio)  # fmt: skip
    x += 2
    p.setPen(style.text)
    if height < 30:  # compact: one line
        mid = top + height / 2
        if width - 2 > 420:  # wide rows (agenda): name the brand too
            name, name_fm = font_of(style.base_font, 11, bold=True, italic=italic)
            p.setFont(name)
            label = row.brand_name + "  "
            p.drawText(QPointF(x, _baseline(name_fm, mid)), label)
            x += name_fm.horizontalAdvance(label)
        p.setFont(font)
        room = int(right - x)
        if room > 0:
            p.drawText(QPointF(x, _baseline(fm, mid)), elided(fm, row.head, room))
    else:
        name_rect = QRectF(x, cy - line_h / 2, right - x, line_h)
        small, small_fm = font_of(style.base_font, 10, italic=italic)
        p.setFont(small)
        p.setPen(style.dim)
        p.drawText(
            name_rect,
            _VCENTER,
            small_fm.elidedText(row.brand_name, _ELIDE_RIGHT, int(name_rect.width())),
        )
        p.setFont(font)
        p.setPen(style.text)
        bottom = top + height - 1.0
        body = QRectF(left + 9, cy + line_h / 2 + 1, width - 13, bottom - cy - line_h / 2 - 2)
        flags = Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        lines = max(1, int(body.height() // fm.lineSpacing()))
        text = row.head if lines > 1 else fm.elidedText(row.head, _ELIDE_RIGHT, int(body.width()))
        p.drawText(body, int(flags), text)
    if own or clipped:
        p.restore()


def _frame(
    p: QPainter,
    key: tuple[object, ...],
    row: PostRow,
    style: ChipStyle,
    selected: bool,
    cut: bool,
    left: int,
    top: int,
) -> None:
    w, h = int(key[3]), int(key[4])  # type: ignore[call-overload]
    highlight = style.highlight if selected else None

    def draw(q: QPainter) -> None:
        _draw_frame(q, QRect(0, 0, w, h), row, style.base, highlight, cut)
        line_h = min(COMPACT_HEIGHT - 4, h - 6)
        center = QPointF(13, 3 + line_h / 2)
        _draw_state_mark(q, center, 4.2, row.state, QColor(row.brand_color))

    stamp(p, key, left, top, w, h, style.base_font, draw, style.ratio)


def _time(
    p: QPainter,
    key: tuple[object, ...],
    text: str,
    font: QFont,
    color: QColor,
    width: float,
    line_h: float,
    x: float,
    y: float,
) -> None:
    def draw(q: QPainter) -> None:
        q.setFont(font)
        q.setPen(color)
        q.drawText(QRectF(0, 0, width, line_h), _VCENTER, text)

    stamp(p, key, x, y, width, line_h, font, draw, float(key[-1]))  # type: ignore[arg-type]
