"""Filters for the calendar and backlog: brand, network, state, tag, and a search box."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.models import Brand, PostFilter


class CheckMenuButton(QToolButton):
    """A tool button with a menu of checkable choices; none checked means "all".

    Signals:
        selection_changed(): a choice was toggled.
    """

    selection_changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._actions: dict[str, QAction] = {}
        self._loader: Callable[[], Iterable[tuple[str, str]]] | None = None
        self._menu.aboutToShow.connect(self._on_menu_about_to_show)
        self._refresh_text()

    def set_loader(self, loader: Callable[[], Iterable[tuple[str, str]]]) -> None:
        """Choices read when the menu opens (not at start-up: e.g. every tag in use)."""
        self._loader = loader

    @Slot()
    def _on_menu_about_to_show(self) -> None:
        if self._loader is not None:
            self.blockSignals(True)
            self.set_choices(self._loader())
            self.blockSignals(False)

    def set_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        """(key, label) pairs; keeps what was checked where the key still exists."""
        checked = self.checked()
        self._menu.clear()
        self._actions = {}
        for key, label in choices:
            action = self._menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(key in checked)
            action.toggled.connect(self._on_action_toggled)
            self._actions[key] = action
        if self._actions:
            self._menu.addSeparator()
            clear = self._menu.addAction(self.tr("Show all"))
            clear.triggered.connect(self.clear)
        self._refresh_text()

    def checked(self) -> set[str]:
        return {k for k, a in self._actions.items() if a.isChecked()}

    def set_checked(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        if wanted - set(self._actions):
            self._on_menu_about_to_show()
        for k, a in self._actions.items():
            a.blockSignals(True)
            a.setChecked(k in wanted)
            a.blockSignals(False)
        self._refresh_text()
        self.selection_changed.emit()

    @Slot()
    def clear(self) -> None:
        self.set_checked(())

    @Slot(bool)
    def _on_action_toggled(self, _checked: bool) -> None:
        self._refresh_text()
        self.selection_changed.emit()

    def _refresh_text(self) -> None:
        n = len(self.checked())
        self.setText(f"{self._title}: " + (self.tr("all") if n == 0 else str(n)) + " ▾")


class FilterBar(QWidget):
    """Signals:
    filter_changed(PostFilter): any filter or the search text changed.
    """

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.brands = CheckMenuButton(self.tr("Brands"), self)
        self.networks = CheckMenuButton(self.tr("Networks"), self)
        self.states = CheckMenuButton(self.tr("States"), self)
        self.tags = CheckMenuButton(self.tr("Tags"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search text and notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.brands, self.networks, self.states, self.tags):
            layout.addWidget(w)
            w.selection_changed.connect(self._emit)
        layout.addStretch(1)
        layout.addWidget(self.search)
        self.networks.set_choices((n.value, n.label) for n in Network)
        self.states.set_choices(
            (s.value, s.value.replace("_", " ").capitalize()) for s in PostState
        )

    def set_brands(self, brands: list[Brand]) -> None:
        self.brands.blockSignals(True)
        self.brands.set_choices((str(b.id), b.name) for b in brands)
        self.brands.blockSignals(False)

    def set_tag_source(self, source: Callable[[], list[str]]) -> None:
        """Tags are listed when the menu opens: reading every tag in use costs a scan."""
        self.tags.set_loader(lambda: ((t, f"#{t}") for t in source()))

    def current(self) -> PostFilter:
        return PostFilter(
            brand_ids=frozenset(int(k) for k in self.brands.checked()),
            networks=frozenset(Network(k) for k in self.networks.checked()),
            states=frozenset(PostState(k) for k in self.states.checked()),
            tags=frozenset(self.tags.checked()),
            search=self.search.text().strip(),
        )

    @Slot()
    def _emit(self) -> None:
        self.filter_changed.emit(self.current())
