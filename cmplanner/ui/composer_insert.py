"""The composer's "Insert" menu: the brand's hashtag groups and post templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit

from cmplanner.domain.models import Brand
from cmplanner.networks.graphemes import utf16_len, utf16_offset
from cmplanner.services.library import (
    HashtagGroup,
    LibraryService,
    Template,
    render_template,
    template_values,
)
from cmplanner.ui.composer_fields import PostTextEdit
from cmplanner.ui.trend_suggestions import TrendSuggestions


def insert_at_cursor(editor: QPlainTextEdit, text: str, select: str = "") -> None:
    """Insert ``text`` at the cursor (replacing a selection); select ``select`` in it if given.

    A separating space is added before the text when it would touch a word.
    """
    cursor = editor.textCursor()
    start = cursor.selectionStart()
    before = editor.document().characterAt(start - 1) if start > 0 else " "
    if before and not before.isspace() and not text[:1].isspace():
        text = " " + text
    cursor.insertText(text)
    if select and select in text:
        at = start + utf16_offset(text, text.index(select))
        cursor.setPosition(at)
        cursor.setPosition(at + utf16_len(select), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()


class InsertMenu(QObject):
    """Fills ``menu`` when it opens and inserts into the editor that had the focus.

    ``brand`` gives the post's brand, ``when`` its wall time (for ``{date}``);
    ``fallback`` is the editor to use when no post editor has the focus.
    """

    def __init__(
        self,
        menu: QMenu,
        library: LibraryService,
        brand: Callable[[], Brand | None],
        when: Callable[[], datetime | None],
        fallback: QPlainTextEdit,
        parent: QObject | None = None,
        manage: Callable[[], None] | None = None,
        trends: TrendSuggestions | None = None,
    ) -> None:
        super().__init__(parent)
        self._manage = manage
        self.trends = trends
        self.menu = menu
        self._library, self._brand, self._when = library, brand, when
        self._fallback = fallback
        self.target: QPlainTextEdit = fallback
        self.missing: list[str] = []
        menu.aboutToShow.connect(self._on_menu_about_to_show)

    def fill(self) -> None:
        """Rebuild the menu from the brand's library; remember where to insert."""
        focused = QApplication.focusWidget()
        self.target = (
            focused
            if isinstance(focused, PostTextEdit) and focused.window() is self._fallback.window()
            else self._fallback
        )
        self.menu.clear()
        brand = self._brand()
        groups: Sequence[HashtagGroup] = ()
        templates: Sequence[Template] = ()
        if brand is not None:
            groups = self._library.hashtag_groups(brand.id)
            templates = self._library.templates(brand.id)
        self.menu.addSection(self.tr("Hashtag groups"))
        for g in groups:
            action = self.menu.addAction(f"{g.name}  ({g.as_text()})")
            action.setData(("group", g.as_text()))
            action.triggered.connect(self._on_action_triggered)
        if not groups:
            self._placeholder(self.tr("No hashtag groups for this brand yet"))
        if self.trends is not None and brand is not None:
            for action in self.trends.fill(self.menu, brand.id):
                action.triggered.connect(self._on_action_triggered)
        self.menu.addSection(self.tr("Templates"))
        for t in templates:
            action = self.menu.addAction(t.name)
            action.setToolTip(t.body)
            action.setData(("template", t.body))
            action.triggered.connect(self._on_action_triggered)
        if not templates:
            self._placeholder(self.tr("No templates for this brand yet"))
        if self._manage is not None:
            self.menu.addSeparator()
            manage = self.menu.addAction(self.tr("Manage hashtag groups and templates…"))
            manage.triggered.connect(self._manage)

    def action(self, name: str) -> QAction:
        """The menu entry whose text starts with ``name``."""
        for action in self.menu.actions():
            if action.text().startswith(name) and action.data():
                return action
        raise KeyError(name)

    def _placeholder(self, text: str) -> None:
        action = self.menu.addAction(text)
        action.setEnabled(False)

    def insert(self, kind: str, body: str) -> None:
        if kind == "group":
            self.missing = []
            insert_at_cursor(self.target, body)
            return
        brand, wall = self._brand(), self._when()
        values = (
            template_values(brand.name, brand.default_hashtags, wall.date() if wall else None)
            if brand is not None
            else {}
        )
        text, self.missing = render_template(body, values)
        first = "{" + self.missing[0] + "}" if self.missing else ""
        insert_at_cursor(self.target, text, first)

    @Slot()
    def _on_menu_about_to_show(self) -> None:
        self.fill()

    @Slot()
    def _on_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            data = action.data()
            if isinstance(data, tuple) and len(data) == 2:
                self.insert(str(data[0]), str(data[1]))
