"""Per-network counters ("287/300", amber near the limit, red over) and network badges."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

from cmplanner.domain.enums import Network
from cmplanner.networks.base import LengthReport
from cmplanner.ui.flow_layout import FlowLayout

#: "Near the limit" starts this close to it (a fraction of the limit).
NEAR_FRACTION = 0.10

#: Each network's brand colour, for badges and avatars.
NETWORK_COLORS: dict[Network, str] = {
    Network.MASTODON: "#6364ff",
    Network.BLUESKY: "#1185fe",
    Network.X: "#0f1419",
    Network.LINKEDIN: "#0a66c2",
    Network.FACEBOOK: "#0866ff",
    Network.INSTAGRAM: "#d62976",
    Network.THREADS: "#101010",
}

NETWORK_LETTERS: dict[Network, str] = {
    Network.MASTODON: "M",
    Network.BLUESKY: "B",
    Network.X: "X",
    Network.LINKEDIN: "in",
    Network.FACEBOOK: "f",
    Network.INSTAGRAM: "IG",
    Network.THREADS: "@",
}

AMBER = "#c77700"
RED = "#d32f2f"


class CounterLevel(StrEnum):
    NORMAL = "normal"
    NEAR = "near"
    OVER = "over"


def counter_level(report: LengthReport) -> CounterLevel:
    """Red when the text does not fit, amber within NEAR_FRACTION of the limit."""
    if not report.fits:
        return CounterLevel.OVER
    near = report.limit * (1 - NEAR_FRACTION)
    if report.length >= near or (
        report.bytes is not None
        and report.byte_limit
        and report.bytes >= report.byte_limit * (1 - NEAR_FRACTION)
    ):
        return CounterLevel.NEAR
    return CounterLevel.NORMAL


def counter_text(report: LengthReport) -> str:
    """ "287/300": the length the network's way over its limit."""
    return f"{report.length:,}/{report.limit:,}"


def level_color(level: CounterLevel) -> str | None:
    return {CounterLevel.NEAR: AMBER, CounterLevel.OVER: RED}.get(level)


def circle_pixmap(size: int, color: str, letters: str, *, ratio: float = 1.0) -> QPixmap:
    """A filled circle with a few white letters: a network badge or a brand avatar."""
    pix = QPixmap(round(size * ratio), round(size * ratio))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color))
    p.drawEllipse(QRectF(0, 0, size, size))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(size * (0.5 if len(letters) < 2 else 0.38))))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letters)
    p.end()
    return pix


def network_icon(network: Network, size: int = 16) -> QIcon:
    return QIcon(circle_pixmap(size, NETWORK_COLORS[network], NETWORK_LETTERS[network]))


class FittedLabel(QLabel):
    """A plain-text label whose size is fixed to its text's.

    A label whose text changes asks its layout, and every layout up to the window, to
    lay out again, and the window repaints what moved: the composer's counters change on
    every keystroke. A widget of fixed size does not ask; this one only changes its size
    (and asks) when its text's size changes, which a count's tabular digits seldom do.

    Signals:
        resized(): the label took a new size (a tab bar holding it must lay out again).
    """

    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._color: str | None = None
        #: (text shape or width, colour) when the size was last fitted.
        self._fitted: tuple[str | int, str | None] | None = None
        #: Whether the font's ten digits are all of one width (None: not yet known).
        self._tabular: bool | None = None

    def color(self) -> str | None:
        """The colour the text is shown in (bold), None for the palette's own."""
        return self._color

    def show_text(self, text: str, color: str | None = None) -> None:
        """Show ``text``, bold in ``color`` when given; resize only when its size changes.

        The colour and weight are the label's palette and font, not a style sheet: a
        widget with a style sheet paints through the style sheet machinery, and these
        labels repaint on every keystroke."""
        if color != self._color:
            self._color = color
            # Only the roles and attributes set here are the label's own; the rest (and
            # all of it without a colour) follow the parent's palette and font.
            palette, font = QPalette(), QFont()
            palette.setResolveMask(0)
            font.setResolveMask(0)
            if color:
                palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
                font.setBold(True)
            self.setPalette(palette)
            self.setFont(font)
        if text != self.text():
            self.setText(text)
        self.fit()

    def fit(self) -> None:
        # A new count is most often as wide as the last: in a font whose digits are all
        # of one width (tabular digits, as desktop fonts have), a text with the same
        # characters but for its digits is as wide, and needs no measuring; otherwise
        # its width, one measure, says so without asking for a size hint (a layout).
        text = self.text()
        if self._tabular is None:
            metrics = self.fontMetrics()
            self._tabular = len({metrics.horizontalAdvance(d) for d in "0123456789"}) == 1
        if self._tabular:
            shape: str | int = text.translate(_DIGITS_ALIKE)
        else:
            shape = self.fontMetrics().horizontalAdvance(text)
        fitted = (shape, self._color)
        if fitted == self._fitted:
            return
        self._fitted = fitted
        hint = self.sizeHint()
        if self.minimumSize() != hint or self.maximumSize() != hint:
            self.setFixedSize(hint)
            self.resized.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fitted = None  # the same text may take another size now
            self._tabular = None
        super().changeEvent(event)


#: Every digit to "0": texts alike but for their digits become one text.
_DIGITS_ALIKE = str.maketrans("123456789", "000000000")


class CounterBadge(FittedLabel):
    """ "Bluesky 287/300" for one target account, coloured by how close it is to the limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = CounterLevel.NORMAL
        self._shown: tuple[str, CounterLevel] | None = None
        self._tooltip = ""

    def show_report(self, label: str, report: LengthReport, tooltip: str = "") -> None:
        level = counter_level(report)
        text = f"{label} {counter_text(report)}"
        if self._shown == (text, level):
            return  # nothing changed
        self._shown = (text, level)
        self.level = level
        self.show_text(text, level_color(level))
        # Shown when asked for, by the row (a new tooltip is an event for each badge on
        # every keystroke, and a Python ``event`` on each badge a call for each of its
        # events, its paints included).
        self._tooltip = tooltip

    def tooltip(self) -> str:
        """The tooltip the badge shows when hovered (the last report's)."""
        return self._tooltip


class CounterRow(QWidget):
    """One counter per target account, in a row under the base editor; the row wraps
    onto more lines when the composer is narrower than all of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badges: dict[int, CounterBadge] = {}
        self._row = FlowLayout(self, spacing=14)
        self.fallback = QLabel()
        self.fallback.setEnabled(False)
        self._row.addWidget(self.fallback)

    def set_accounts(self, accounts: list[tuple[int, Network, str]]) -> None:
        """(account id, network, handle) of each target, in order."""
        ids = [a[0] for a in accounts]
        for aid in [a for a in self.badges if a not in ids]:
            gone = self.badges.pop(aid)
            self._row.removeWidget(gone)
            gone.deleteLater()
        for pos, (aid, network, handle) in enumerate(accounts):
            badge = self.badges.get(aid)
            if badge is None:
                badge = CounterBadge()
                badge.setAccessibleName(f"{network.label} {handle}")
                self.badges[aid] = badge
            self._row.insert_widget(pos + 1, badge)
        self.fallback.setVisible(not accounts)

    def event(self, event: QEvent) -> bool:
        # A badge has no tooltip of its own set: Qt hands the help event to its parent,
        # this row, which shows the badge's current one.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            badge = self.childAt(event.pos())
            if isinstance(badge, CounterBadge) and badge.tooltip():
                QToolTip.showText(event.globalPos(), badge.tooltip(), badge)
                return True
        return super().event(event)

    def show_fallback(self, text: str) -> None:
        self.fallback.setText(text)
