"""Showing a KnownError to the user: what happened, and what to do about it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cmplanner.domain.errors import KnownError


def error_box(parent: QWidget | None, exc: KnownError) -> QMessageBox:
    """A warning box for ``exc``: its message as the text, its hint below it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("errors", "cmplanner"))
    box.setText(exc.message)
    if exc.hint:
        box.setInformativeText(exc.hint)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_error(parent: QWidget | None, exc: KnownError) -> None:
    """Show ``exc`` in a modal box (message + hint) and wait for the user to close it."""
    error_box(parent, exc).exec()
