"""A colour swatch: a small painted pixmap, and a button that opens QColorDialog."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QColorDialog, QToolButton, QWidget


def swatch_pixmap(
    color: str, width: int = 14, height: int | None = None, outline: QColor | None = None
) -> QPixmap:
    """A rounded rectangle filled with ``color``, outlined so pale colours still show."""
    height = width if height is None else height
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(color)
    painter.setBrush(fill)
    painter.setPen(QPen(outline or fill.darker(140), 1))
    radius = max(2.0, min(width, height) / 4)
    painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1.0, height - 1.0), radius, radius)
    painter.end()
    return pixmap


def swatch_icon(color: str, size: int = 14) -> QIcon:
    """A swatch icon; on a selected row it gets a white ring so it stands off the highlight."""
    icon = QIcon(swatch_pixmap(color, size))
    icon.addPixmap(swatch_pixmap(color, size, outline=QColor("white")), QIcon.Mode.Selected)
    return icon


class ColorSwatchButton(QToolButton):
    """A button showing a colour; clicking it lets the user pick another.

    Signals:
        color_changed(str): the colour changed, as ``#rrggbb``.
    """

    color_changed = Signal(str)

    def __init__(self, color: str = "#4a7bd0", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = QColor(color).name()
        self.setIconSize(QSize(36, 18))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.setToolTip(self.tr("Choose the brand colour"))
        self.setAccessibleName(self.tr("Brand colour"))
        self._repaint_icon()
        self.clicked.connect(self._on_self_clicked)

    def color(self) -> str:
        """The colour as ``#rrggbb`` (lower case)."""
        return self._color

    def set_color(self, color: str) -> bool:
        """Show ``color`` (any name QColor accepts). Returns False if it is not a colour."""
        parsed = QColor(color)
        if not parsed.isValid():
            return False
        name = parsed.name()
        if name != self._color:
            self._color = name
            self._repaint_icon()
            self.color_changed.emit(name)
        return True

    def _repaint_icon(self) -> None:
        size = self.iconSize()
        self.setIcon(QIcon(swatch_pixmap(self._color, size.width(), size.height())))

    @Slot()
    def _on_self_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, self.tr("Brand colour"))
        if chosen.isValid():
            self.set_color(chosen.name())
