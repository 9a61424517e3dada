"""Qt objects made from Python, so that handing them back to Python costs nothing.

When Qt hands Python a widget it made itself (a scroll area's viewport, say), PySide6
must find the widget's most derived class, and the first time it does so for a plain
``QWidget`` it builds the Python class of every widget class Qt has (some seventy, with
their enums: ~60 ms here, on the way to the window's first paint). A widget made in
Python is already known, so asking for it back is a lookup.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def own_viewport(area: QAbstractScrollArea) -> QWidget:
    """Give ``area`` a viewport made here, set up as Qt sets up its own."""
    viewport = QWidget(area)
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    area.setViewport(viewport)
    return viewport
