"""The inbox list's view and its delegate, which paints a cell from the row's ``RowLook``.

Qt's own delegate asks the model for seven roles per cell before it paints (font,
alignment, colour, check state, decoration, text, background): ~1,000 Python ``data()``
calls for a screen of 22 rows × 7 columns. This one makes the same style option from the
row's look, kept by the model, in one Python call per cell, and lets the style draw it
exactly as before (selection, focus, elision, the swatch's selected tint). Tooltips and
accessibility still ask ``data()``, which answers as before.

Most of a paint is Qt laying the texts out, and the style lays a text out whole to elide
it: a message of 280 characters in a column of 100 pixels is shaped twice for the ~15
characters that show. The delegate hands it only the characters that could show: the
first ``width + 3`` characters that take room (any but combining marks and format or
control characters, each at least a pixel wide), so what follows the cut starts past the
column's edge and the elided text, ellipsis included, is the same."""

from __future__ import annotations

from unicodedata import category

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from cmplanner.ui.inbox_model import InboxModel

_Index = QModelIndex | QPersistentModelIndex

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
_TEXT = QPalette.ColorRole.Text
_ITEM = QStyle.ControlElement.CE_ItemViewItem
#: The message column stretches; the others start at these widths.
#: Brand, Network, Kind, From, Tone, Time: narrow, so the message keeps most of the row.
_WIDTHS = ((0, 90), (1, 72), (2, 64), (3, 110), (5, 70), (6, 86))
_MESSAGE = 4
#: Cut messages kept (a few screens' worth; cleared when full).
_CUTS = 4096


class InboxDelegate(QStyledItemDelegate):
    """Paints the inbox model's cells from its row looks (see the module's docstring)."""

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._features: dict[object, tuple[object, object]] = {}
        self._icons: dict[tuple[int, int, int], QIcon] = {}
        self._cuts: dict[tuple[str, int], str] = {}
        self._base: QFont | None = None
        self._bold = QFont()
        self._bold_metrics: QFontMetrics | None = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        look = self._model.look(index.row())
        if look is None:
            super().paint(painter, option, index)
            return
        col = index.column()
        opt = QStyleOptionViewItem(option)
        opt.index = index  # type: ignore[assignment]
        text = look.texts[col]
        if col == _MESSAGE:
            text = self._cut(text, opt.rect.width())
        opt.text = text
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
            self._bolden(opt)
        opt.styleObject = None  # type: ignore[assignment]  # as Qt's delegate: no animations
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(_ITEM, opt, painter, widget)

    def _cut(self, text: str, width: int) -> str:
        """``text`` up to its first ``width + 3`` characters that take room (see above)."""
        keep = width + 3
        if len(text) <= keep:
            return text
        key = (text, width)
        cut = self._cuts.get(key)
        if cut is None:
            if len(self._cuts) >= _CUTS:
                self._cuts.clear()
            end, seen = len(text), 0
            for i, ch in enumerate(text):
                if category(ch)[0] not in "MC":
                    seen += 1
                    if seen > keep:
                        end = i
                        break
            cut = self._cuts[key] = text[:end]
        return cut

    def _bolden(self, opt: QStyleOptionViewItem) -> None:
        """The unread font: the view's font in bold (what a bold FontRole resolves to)."""
        if self._base is None or opt.font != self._base:
            self._base = QFont(opt.font)
            bold = QFont()
            bold.setBold(True)
            self._bold = bold.resolve(opt.font)
            self._bold_metrics = QFontMetrics(self._bold)
        opt.font = self._bold
        opt.fontMetrics = self._bold_metrics  # type: ignore[assignment]

    def _icon(self, colour: QColor, size: QSize) -> QIcon:
        """A swatch as Qt's delegate makes one for a colour decoration, made once."""
        key = (colour.rgba(), size.width(), size.height())
        icon = self._icons.get(key)
        if icon is None:
            pixmap = QPixmap(size)
            pixmap.fill(colour)
            icon = self._icons[key] = QIcon(pixmap)
        return icon


def build_inbox_view(model: InboxModel, parent: QWidget) -> QTableView:
    """The list: whole rows selected one at a time, no editing, the message column wide."""
    view = QTableView(parent)
    view.setModel(model)
    view.setItemDelegate(InboxDelegate(model, view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    head = view.horizontalHeader()
    for column, width in _WIDTHS:
        head.resizeSection(column, width)
    head.setSectionResizeMode(_MESSAGE, QHeaderView.ResizeMode.Stretch)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view
