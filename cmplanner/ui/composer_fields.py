"""The composer's fields: message banner, text editor, tags with completion, date picker."""

from __future__ import annotations

import html
from datetime import datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QMimeData, Qt, QTime, QTimeZone, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from cmplanner.domain.errors import KnownError
from cmplanner.domain.timezones import NonexistentLocalTime, to_utc, zone
from cmplanner.services.brands import split_tags
from cmplanner.ui.composer_media import local_files

_UTC = QTimeZone(QTimeZone.Initialization.UTC)


class MessageBanner(QFrame):
    """An in-window message (what happened + what to do), hidden until needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.message = ""
        self.hint = ""
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.RichText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self._on_close_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 4, 6)
        row.addWidget(self._label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setVisible(False)

    def show_message(self, message: str, hint: str = "", *, error: bool = True) -> None:
        self.message, self.hint = message, hint
        body = "<b>{}</b>".format(html.escape(message).replace("\n", "<br>"))
        if hint:
            body += "<br>" + html.escape(hint)
        self._label.setText(body)
        bg, border = ("#fdecea", "#e8a19b") if error else ("#fff6dc", "#e2c56f")
        self.setStyleSheet(
            f"#messageBanner {{ background: {bg}; border: 1px solid {border};"
            " border-radius: 4px; } #messageBanner QLabel { color: #3b1f1c; }"
        )
        self.setVisible(True)

    def show_error(self, exc: KnownError) -> None:
        self.show_message(exc.message, exc.hint)

    def clear(self) -> None:
        self.message = self.hint = ""
        self.setVisible(False)

    @Slot()
    def _on_close_clicked(self) -> None:
        self.clear()


class PostTextEdit(QPlainTextEdit):
    """The post's text. Files dropped or pasted here are attached, not inserted as paths.

    Signals:
        files_dropped(list): local paths (str) dropped or pasted onto the editor.
    """

    files_dropped = Signal(list)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(local_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.files_dropped.emit([str(f) for f in files])
        else:
            super().insertFromMimeData(source)


class TagsEdit(QLineEdit):
    """Comma-separated tags, completing the tag under the cursor from known ones."""

    def __init__(self, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completer_ = QCompleter(known, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setWidget(self)
        self.completer_.activated[str].connect(self._on_completer_activated)  # type: ignore[index]
        self.textEdited.connect(self._on_self_text_edited)

    def tags(self) -> tuple[str, ...]:
        return split_tags(self.text())

    def set_tags(self, tags: tuple[str, ...] | list[str]) -> None:
        self.setText(", ".join(tags))

    def _popup(self) -> QAbstractItemView:
        popup = self.completer_.popup()
        assert popup is not None  # QCompleter always makes one
        return popup

    def _segment_start(self) -> int:
        head = self.text()[: self.cursorPosition()]
        return head.rfind(",") + 1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        keys = (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape)
        if popup.isVisible() and event.key() in keys:
            event.ignore()  # the completer's popup takes these
            return
        super().keyPressEvent(event)

    @Slot(str)
    def _on_self_text_edited(self, _text: str) -> None:
        start = self._segment_start()
        prefix = self.text()[start : self.cursorPosition()].strip().lstrip("#")
        if not prefix:
            self._popup().hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount() > 0:
            self.completer_.complete()
        else:
            self._popup().hide()

    @Slot(str)
    def _on_completer_activated(self, tag: str) -> None:
        start = self._segment_start()
        text, cursor = self.text(), self.cursorPosition()
        tail = text[cursor:]
        lead = " " if start > 0 else ""
        new_head = f"{text[:start]}{lead}{tag}, "
        self.setText(new_head + tail.lstrip(", "))
        self.setCursorPosition(len(new_head))
        self.textEdited.emit(self.text())


def utc_offset_label(tz: str, wall: datetime) -> str:
    """ "Europe/Madrid (UTC+01:00)": the zone and its offset at that wall time."""
    offset = zone(tz).utcoffset(wall) or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{tz} (UTC{sign}{hours:02d}:{mins:02d})"


class SchedulePicker(QWidget):
    """A wall time in the brand's zone, or "No date (backlog)".

    The date-time edit holds a floating wall time (kept in UTC inside Qt so the laptop's
    own DST rules never shift it); the brand's zone gives it meaning.

    Signals:
        changed(): the date, the time or the backlog choice changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = "UTC"
        self.backlog_check = QCheckBox(self.tr("No date (backlog)"))
        self.edit = QDateTimeEdit()
        self.edit.setTimeZone(_UTC)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.zone_label = QLabel()
        self.zone_label.setEnabled(False)
        self.zone_label.setWordWrap(True)  # the DST warning must not widen the dialog
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.edit)
        row.addWidget(self.zone_label, 1)
        row.addWidget(self.backlog_check)
        self.edit.dateTimeChanged.connect(self._on_edit_date_time_changed)
        self.backlog_check.toggled.connect(self._on_backlog_check_toggled)

    @property
    def timezone(self) -> str:
        return self._tz

    def set_timezone(self, tz: str) -> None:
        self._tz = tz
        self._refresh_label()

    def picked(self) -> datetime:
        """The wall time in the picker, whether or not backlog is ticked."""
        qdt = self.edit.dateTime()
        d, t = qdt.date(), qdt.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def wall(self) -> datetime | None:
        """The chosen wall time in the brand's zone, or None for the backlog."""
        return None if self.backlog_check.isChecked() else self.picked()

    def set_wall(self, wall: datetime | None, fallback: datetime) -> None:
        """Show ``wall``; None ticks "backlog" and parks ``fallback`` in the picker."""
        shown = wall or fallback
        d, t = shown.date(), shown.time()
        self.edit.setDateTime(
            QDateTime(QDate(d.year, d.month, d.day), QTime(t.hour, t.minute), _UTC)
        )
        self.backlog_check.setChecked(wall is None)
        self._sync()

    def _sync(self) -> None:
        self.edit.setEnabled(not self.backlog_check.isChecked())
        self._refresh_label()

    def _refresh_label(self) -> None:
        wall = self.picked()
        text = utc_offset_label(self._tz, wall)
        try:
            to_utc(wall, self._tz)
        except NonexistentLocalTime:
            text += " — " + self.tr("this time does not exist (clocks jump forward)")
        self.zone_label.setText(text)

    @Slot(QDateTime)
    def _on_edit_date_time_changed(self, _value: QDateTime) -> None:
        self._refresh_label()
        self.changed.emit()

    @Slot(bool)
    def _on_backlog_check_toggled(self, _checked: bool) -> None:
        self._sync()
        self.changed.emit()


def next_hour(now_wall: datetime) -> datetime:
    """The next whole hour after a wall time: a sensible default slot."""
    return datetime.combine(now_wall.date(), time(now_wall.hour)) + timedelta(hours=1)
