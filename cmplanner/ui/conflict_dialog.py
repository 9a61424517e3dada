"""The conflict dialog: someone else saved the same post (or brand) first.

It shows both versions side by side — theirs (saved now) and yours (what you tried) —
with the fields that differ marked, and lets the user choose what happens; nothing is
overwritten without that choice. The caller acts on ``choice_made``; the dialog only
shows and asks. Open it with ``open()`` (never ``exec()``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import ConflictError
from cmplanner.domain.models import Brand, Post
from cmplanner.services.brands import split_tags
from cmplanner.ui.brand_form import BrandFields

_DIFF_BG = "#fff3c4"
_DIFF_BORDER = "#e2c56f"
_SAME_BG = "palette(base)"


class Choice(Enum):
    """What the user chose; CANCEL: back to where they were, nothing saved."""

    KEEP_THEIRS = "keep_theirs"
    OVERWRITE = "overwrite"
    COPY = "copy"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Field:
    """One compared field: its label and each side's value ("" shows as a dash)."""

    label: str
    theirs: str
    yours: str
    long: bool = False  # a text box rather than one line

    @property
    def differs(self) -> bool:
        return self.theirs != self.yours


@dataclass(frozen=True)
class PostSide:
    """One version of a post, as the dialog shows it."""

    text: str
    when: str
    state: str
    targets: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)


def when_text(local_at: datetime | None, timezone: str) -> str:
    """'Sat 05 Dec 2026 09:00 (Europe/Madrid)', or 'No date (backlog)'."""
    if local_at is None:
        return _tr("No date (backlog)")
    return f"{local_at:%a %d %b %Y %H:%M} ({timezone})"


def state_text(state: PostState) -> str:
    return state.value.replace("_", " ").capitalize()


def post_side(post: Post) -> PostSide:
    """A saved post as one side of the comparison."""
    targets = ", ".join(f"{a.network.label} {a.handle}" for a in post.targets)
    return PostSide(
        text=post.text,
        when=when_text(post.local_at, post.timezone),
        state=state_text(post.state),
        targets=targets,
    )


def post_fields(theirs: PostSide | None, yours: PostSide) -> list[Field]:
    """Text, time, state and accounts of both versions (theirs None: it was deleted)."""
    gone = _tr("(deleted)")
    t = theirs or PostSide(gone, gone, gone, gone)
    return [
        Field(_tr("Text"), t.text, yours.text, long=True),
        Field(_tr("When"), t.when, yours.when),
        Field(_tr("State"), t.state, yours.state),
        Field(_tr("Accounts"), t.targets, yours.targets),
    ]


def brand_fields(theirs: Brand, yours: BrandFields) -> list[Field]:
    """A brand's fields: saved now beside the form's."""
    return [
        Field(_tr("Name"), theirs.name, " ".join(yours.name.split())),
        Field(_tr("Time zone"), theirs.timezone, yours.timezone),
        Field(_tr("Colour"), theirs.color, yours.color.lower()),
        Field(_tr("Brief"), theirs.brief, yours.brief, long=True),
        Field(_tr("Hashtags"), theirs.default_hashtags, yours.default_hashtags),
        Field(_tr("Campaigns/tags"), ", ".join(theirs.tags), ", ".join(split_tags(yours.tags))),
        Field(
            _tr("Missed slots"),
            f"{theirs.missed_slot_policy.value} ({theirs.missed_slot_minutes} min)",
            f"{yours.missed_slot_policy.value} ({yours.missed_slot_minutes} min)",
        ),
    ]


class ConflictDialog(QDialog):
    """Both versions side by side, and a choice.

    ``choices`` are the buttons offered, in order, with their labels (the first is the
    default); CANCEL is always there ("Back to editing", or Esc).

    Signals:
        choice_made(Choice): the user chose; the dialog closes.
    """

    choice_made = Signal(object)

    def __init__(
        self,
        error: ConflictError,
        fields: Sequence[Field],
        choices: Sequence[tuple[Choice, str]],
        *,
        title: str = "",
        cancel_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Changed by someone else"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(760)
        self.error = error
        self.fields = list(fields)
        self.choice: Choice | None = None
        self.buttons: dict[Choice, QPushButton] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(self._header(error))
        layout.addWidget(self._grid(error), 1)
        layout.addLayout(self._button_row(choices, cancel_label))

    # ---- building ------------------------------------------------------------------------

    def _header(self, error: ConflictError) -> QHBoxLayout:
        icon = QLabel(self)
        style = self.style()
        icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = QLabel(error.message, self)
        self.message_label.setWordWrap(True)
        font = QFont(self.message_label.font())
        font.setBold(True)
        self.message_label.setFont(font)
        self.hint_label = QLabel(error.hint, self)
        self.hint_label.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.message_label)
        words.addWidget(self.hint_label)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        return row

    def _grid(self, error: ConflictError) -> QFrame:
        frame = QFrame(self)
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        if error.current_version is not None:
            theirs = self.tr("Theirs — saved now (version {n})").format(n=error.current_version)
        else:
            theirs = self.tr("Theirs — saved now")
        if error.seen_version is not None:
            yours = self.tr("Yours — not saved (edited from version {n})").format(
                n=error.seen_version
            )
        else:
            yours = self.tr("Yours — not saved")
        for col, text in ((1, theirs), (2, yours)):
            head = QLabel(text, frame)
            font = QFont(head.font())
            font.setBold(True)
            head.setFont(font)
            grid.addWidget(head, 0, col)
        self.cells: dict[str, tuple[QWidget, QWidget]] = {}
        for row, fld in enumerate(self.fields, start=1):
            label = QLabel(fld.label + ":", frame)
            if fld.differs:
                label.setText(self.tr("{label} (differs):").format(label=fld.label))
                font = QFont(label.font())
                font.setBold(True)
                label.setFont(font)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 0)
            pair = (self._cell(fld.theirs, fld, frame), self._cell(fld.yours, fld, frame))
            grid.addWidget(pair[0], row, 1)
            grid.addWidget(pair[1], row, 2)
            self.cells[fld.label] = pair
            if fld.long:
                grid.setRowStretch(row, 1)
        return frame

    def _cell(self, value: str, fld: Field, parent: QWidget) -> QWidget:
        shown = value or "—"
        bg = _DIFF_BG if fld.differs else _SAME_BG
        border = _DIFF_BORDER if fld.differs else "palette(mid)"
        if fld.long:
            box = QPlainTextEdit(shown, parent)
            box.setReadOnly(True)
            box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            box.setMinimumHeight(80)
            box.setMaximumHeight(160)
            box.setStyleSheet(
                f"QPlainTextEdit {{ background: {bg}; border: 1px solid {border};"
                " border-radius: 3px; }"
            )
            return box
        label = QLabel(shown, parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        label.setStyleSheet(
            f"QLabel {{ background: {bg}; border: 1px solid {border}; border-radius: 3px;"
            " padding: 3px 5px; }"
        )
        return label

    def _button_row(self, choices: Sequence[tuple[Choice, str]], cancel_label: str) -> QHBoxLayout:
        row = QHBoxLayout()
        cancel = QPushButton(cancel_label or self.tr("Back to editing"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self._on_cancel_clicked)
        self.buttons[Choice.CANCEL] = cancel
        row.addWidget(cancel)
        row.addStretch(1)
        for i, (choice, text) in enumerate(choices):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.setDefault(i == 0)
            button.setProperty("choice", choice.value)
            button.clicked.connect(self._on_choice_button_clicked)
            self.buttons[choice] = button
            row.addWidget(button)
        return row

    # ---- answering ---------------------------------------------------------------------

    def choose(self, choice: Choice) -> None:
        """Answer as clicking that button does (CANCEL too)."""
        if self.choice is not None:
            return
        self.choice = choice
        if choice == Choice.CANCEL:
            super().reject()
        else:
            self.accept()
        self.choice_made.emit(choice)  # closed first: the answer may open another dialog

    def reject(self) -> None:  # Esc, the window's close button
        if self.choice is None:
            self.choose(Choice.CANCEL)
        else:
            super().reject()

    @Slot()
    def _on_choice_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.choose(Choice(button.property("choice")))

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.choose(Choice.CANCEL)
