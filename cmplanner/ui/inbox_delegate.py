"""The inbox list's view and its delegate, which paints a cell from the row's ``RowLook``.

Qt's own delegate asks the model for seven roles per cell before it paints (font,
alignment, colour, check state, decoration, text, background): ~1,000 Python ``data()``
calls for a screen of 22 rows × 7 columns. This one paints a cell from the row's look,
kept by the model, in one Python call per cell. Tooltips and accessibility still ask
``data()``, which answers as before.

A cell's pixels are Qt's: a cell painted before is drawn from a pixmap of its first
painting (``inbox_cells.PixmapCache``); a plain cell's text (not selected, focused or
hovered, no swatch) is drawn by ``inbox_cells.CellText`` as the style draws it, shaped
twice where the style shapes it five times; the rest (the selected row, the focused cell,
the brand's swatch) the style draws itself, from the same style option Qt's delegate
would make."""

from __future__ import annotations

from math import ceil

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cmplanner.ui.inbox_cells import CellText, PixmapCache, text_font
from cmplanner.ui.inbox_model import InboxModel, RowLook

_Index = QModelIndex | QPersistentModelIndex

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_TEXT = QPalette.ColorRole.Text
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_S = QStyle.StateFlag
#: States whose cells the style draws (selection, focus and hover frames, editing).
_STYLED = (
    _S.State_Selected.value | _S.State_HasFocus.value | _S.State_MouseOver.value
) | _S.State_Editing.value
_ENABLED = _S.State_Enabled.value
_ACTIVE = _S.State_Active.value
_DEFAULT_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_MESSAGE = 4
#: Columns that repeat a few texts over thousands of rows: kept as pixmaps at once.
_REPEATED = frozenset({0, 1, 2, 5})
#: Their painted cells kept (about 10 KB each; there are a few dozen in a day's use).
_PIXMAPS = 512
#: Messages painted twice (scrolled back to), kept: about 25 KB each, a few screens.
_MESSAGES = 128


class InboxDelegate(QStyledItemDelegate):
    """Paints the inbox model's cells from its row looks (see the module's docstring)."""

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._features: dict[object, tuple[object, object]] = {}
        self._icons: dict[tuple[int, int, int], QIcon] = {}
        self._base = QFont()
        self._bold = QFont()
        self._bold_metrics: QFontMetrics | None = None
        self._env: tuple[object, ...] = ()
        self._pens: dict[int, QColor] = {}
        self._plain_text = False
        self._style: QStyle | None = None
        self._text = CellText()
        self._fonts = (text_font(self._base, 0), text_font(self._bold, 1))
        self._pixmaps = PixmapCache(_PIXMAPS)
        self._messages = PixmapCache(_MESSAGES)
        #: Whether the palette, font and the rest were compared in this paint of the list.
        self._checked = False
        if isinstance(parent, QAbstractItemView):
            parent.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._checked = False  # compared once per paint, not once per cell
        return False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        look = self._model.look(index.row())
        if look is None:
            super().paint(painter, option, index)
            return
        rect: tuple[int, int, int, int] = option.rect.getRect()  # type: ignore[assignment]
        self.paint_cell(
            painter, option, look, index.row(), index.column(), rect, option.state.value
        )

    def paint_cell(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        look: RowLook,
        row: int,
        col: int,
        rect: tuple[int, int, int, int],
        state: int,
    ) -> None:
        """Cell (``row``, ``col``), whose row shows ``look``, in ``rect`` (x, y, width,
        height) and ``state`` (the ``QStyle.State`` the view gives the cell); ``option`` is
        the view's (its rect and state need not be the cell's): ``InboxView`` paints every
        cell of a paint with one option and no model indexes."""
        if not self._checked:
            self._check(painter, option)
            self._checked = True
        extra = look.tone_rgba if col == 5 else look.colour_rgba if col == 0 else 0
        key = (col, look.texts[col], look.bold, state, rect[2], rect[3], extra)
        cache = self._pixmaps if col in _REPEATED else self._messages if col == _MESSAGE else None
        pixmap = None if cache is None else cache.get(key)
        if pixmap is None:
            if cache is None or (cache is self._messages and not cache.seen(key)):
                self._draw(painter, option, look, row, col, rect, state)  # authors, dates:
                return  # laid out by CellText
            pixmap = self._render(option, look, row, col, rect[2], rect[3], state)
            cache.put(key, pixmap)
        painter.drawPixmap(rect[0], rect[1], pixmap)

    def _check(self, painter: QPainter, option: QStyleOptionViewItem) -> None:
        """Forget what was painted when the palette, font, pixel ratio or style changed."""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        env = (
            option.palette.cacheKey(),
            painter.device().devicePixelRatioF(),
            id(style),
            option.direction,
            option.displayAlignment,
            option.textElideMode,
        )
        if env == self._env and option.font == self._base:
            return
        self._env = env
        self._style = style
        self._pixmaps.clear()
        self._messages.clear()
        self._pens.clear()
        self._base = QFont(option.font)
        self._bold = QFont(option.font)  # what a bold FontRole resolves to
        self._bold.setBold(True)
        self._bold_metrics = QFontMetrics(self._bold)
        self._fonts = (text_font(self._base, 0), text_font(self._bold, 1))
        self._text.clear()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, widget) + 1
        self._text.configure(margin, option.direction)
        self._plain_text = (
            option.displayAlignment == _DEFAULT_ALIGN
            and option.textElideMode == Qt.TextElideMode.ElideRight
        )

    def _draw(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        look: RowLook,
        row: int,
        col: int,
        rect: tuple[int, int, int, int],
        state: int,
    ) -> None:
        if col == 0 or state & _STYLED or not self._plain_text:
            self._draw_by_style(painter, option, look, row, col, rect, state)
            return
        if col == 5:
            pen = look.tone.color()
        else:
            got = self._pens.get(state)
            if got is not None:
                pen = got
            else:
                group = (
                    QPalette.ColorGroup.Disabled
                    if not state & _ENABLED
                    else QPalette.ColorGroup.Active
                    if state & _ACTIVE
                    else QPalette.ColorGroup.Inactive
                )
                pen = self._pens[state] = option.palette.color(group, _TEXT)
        self._text.draw(painter, rect, look.texts[col], self._fonts[look.bold], pen)

    def _draw_by_style(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        look: RowLook,
        row: int,
        col: int,
        rect: tuple[int, int, int, int],
        state: int,
    ) -> None:
        """The cell as the style draws it from the option Qt's delegate would make."""
        opt = cell_option(option, rect, state)
        opt.index = self._model.index(row, col)
        opt.text = look.texts[col]
        features = self._features.get(opt.features)
        if features is None:
            features = self._features[opt.features] = (
                opt.features | _HAS_DISPLAY,
                opt.features | _HAS_DISPLAY | _HAS_DECORATION,
            )
        if col == 0:
            opt.features = features[1]  # type: ignore[assignment]
            opt.icon = self._icon(look.colour, opt.decorationSize)
        else:
            opt.features = features[0]  # type: ignore[assignment]
            if col == 5:
                opt.palette.setBrush(_TEXT, look.tone)
        if look.bold:
            opt.font = self._bold
            opt.fontMetrics = self._bold_metrics  # type: ignore[assignment]
        opt.styleObject = None  # type: ignore[assignment]  # as Qt's delegate: no animations
        assert self._style is not None
        self._style.drawControl(_ITEM, opt, painter, option.widget)

    def _render(
        self,
        option: QStyleOptionViewItem,
        look: RowLook,
        row: int,
        col: int,
        w: int,
        h: int,
        state: int,
    ) -> QPixmap:
        """The cell painted on a pixmap filled with the list's background."""
        ratio = self._env[1]
        assert isinstance(ratio, float)
        pixmap = QPixmap(ceil(w * ratio), ceil(h * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(option.palette.color(QPalette.ColorRole.Base))
        painter = QPainter(pixmap)
        try:
            self._draw(painter, option, look, row, col, (0, 0, w, h), state)
        finally:
            painter.end()
        return pixmap

    def _icon(self, colour: QColor, size: QSize) -> QIcon:
        """A swatch as Qt's delegate makes one for a colour decoration, made once."""
        key = (colour.rgba(), size.width(), size.height())
        icon = self._icons.get(key)
        if icon is None:
            pixmap = QPixmap(size)
            pixmap.fill(colour)
            icon = self._icons[key] = QIcon(pixmap)
        return icon


def cell_option(
    option: QStyleOptionViewItem, rect: tuple[int, int, int, int], state: int
) -> QStyleOptionViewItem:
    """A copy of the view's ``option`` for one cell, as ``QTableView`` gives it to a
    delegate: the cell's rect and state, its palette's colour group the enabled one."""
    opt = QStyleOptionViewItem(option)
    opt.rect = QRect(*rect)
    opt.state = QStyle.StateFlag(state)
    if state & _ENABLED:
        opt.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
    return opt
