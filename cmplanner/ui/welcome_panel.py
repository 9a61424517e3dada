"""The panel above the calendar while the workspace has no brand."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class WelcomePanel(QFrame):
    """Shown while the workspace has no brand: load the sample, or create a brand.

    Its rounded background is painted here, not by a style sheet: the first style sheet
    in the app builds Qt's style sheet machinery, on the way to the first paint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        text = QLabel(
            self.tr(
                "<b>Welcome to cmplanner.</b> This workspace is empty. Load a sample with three "
                "client brands and a month of posts to look around, or create your first brand."
            ),
            self,
        )
        text.setWordWrap(True)
        self.sample_button = QPushButton(self.tr("Load sample workspace"), self)
        self.brand_button = QPushButton(self.tr("Create a brand…"), self)
        self.sample_button.setDefault(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 10, 12, 10)
        row.addWidget(text, 1)
        row.addWidget(self.sample_button)
        row.addWidget(self.brand_button)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(QRectF(self.rect()), 6, 6)
        painter.end()
