"""The inbox list as a table model over ``InboxEntry`` values (no rows, no sessions).

The list is read in pages (``set_source``): the first page when the filter changes, the
next one when the view scrolls to the end (``canFetchMore``/``fetchMore``), so 10,000
items cost a page's read to show and a page's read each time the end comes in sight."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.domain.inbox import InboxEntry, Tone
from cmplanner.services.tone import urgency_label

_Index = QModelIndex | QPersistentModelIndex

#: Items read per page (a screen holds ~30; a page read takes a few milliseconds).
PAGE = 200
#: Reads the page after an entry (None: the first page), at most so many entries.
PageSource = Callable[[InboxEntry | None, int], Sequence[InboxEntry]]

#: Data role giving the row's ``InboxEntry``.
EntryRole = Qt.ItemDataRole.UserRole + 1

_ROLES = frozenset(
    {
        EntryRole,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
    }
)
_TONE_COLOURS = {Tone.NEGATIVE: "#c0392b", Tone.POSITIVE: "#2e8b57", Tone.NEUTRAL: "#7f8c8d"}


class RowLook(NamedTuple):
    """What a row shows, made once per row (the delegate paints a cell from it)."""

    #: The seven cell texts.
    texts: tuple[str, ...]
    #: Unread: every cell in bold.
    bold: bool
    #: The tone column's text colour.
    tone: QBrush
    #: The brand column's swatch.
    colour: QColor
    #: ``tone`` and ``colour`` as ARGB numbers (what a painted cell is kept by).
    tone_rgba: int
    colour_rgba: int


class InboxModel(QAbstractTableModel):
    """Columns: brand, network, kind, author, message, tone, time."""

    COLUMNS = ("Brand", "Network", "Kind", "From", "Message", "Tone", "Time")

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._entries: list[InboxEntry] = []
        self._source: PageSource | None = None
        self._more = False
        #: Each row's look, made when first painted (10,000 rows scroll by).
        self._looks: dict[int, RowLook] = {}
        self._kinds: dict[str, str] = {}
        self._tones: dict[tuple[Tone, str], str] = {}
        self._tone_brushes = {t: QBrush(QColor(c)) for t, c in _TONE_COLOURS.items()}
        self._colours: dict[str, QColor] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_entries(self, entries: Sequence[InboxEntry]) -> None:
        """Show exactly ``entries`` (no further pages)."""
        self.beginResetModel()
        self._entries = list(entries)
        self._source = None
        self._more = False
        self._looks.clear()
        self.endResetModel()

    def set_source(self, source: PageSource) -> None:
        """Show the list ``source`` reads, its first page now and the rest as scrolled to."""
        first = list(source(None, PAGE + 1))
        self.beginResetModel()
        self._source = source
        self._more = len(first) > PAGE
        self._entries = first[:PAGE]
        self._looks.clear()
        self.endResetModel()

    def ensure(self, row: int) -> None:
        """Read on until ``row`` exists or the list ends (keyboard steps past the end)."""
        while row >= len(self._entries) and self._more:
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._source is None:
            return
        got = list(self._source(self._entries[-1] if self._entries else None, PAGE + 1))
        self._more = len(got) > PAGE
        got = got[:PAGE]
        if not got:
            return
        start = len(self._entries)
        self.beginInsertRows(QModelIndex(), start, start + len(got) - 1)
        self._entries.extend(got)
        self.endInsertRows()

    def entry(self, row: int) -> InboxEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, item_id: int) -> int:
        return next((i for i, e in enumerate(self._entries) if e.id == item_id), -1)

    def replace(self, entry: InboxEntry) -> None:
        row = self.row_of(entry.id)
        if row >= 0:
            self._entries[row] = entry
            self._looks.pop(row, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ROLES or not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None  # the roles a paint asks for and this model leaves to the style
        e = self._entries[index.row()]
        col = index.column()
        if role == EntryRole:
            return e
        if role == Qt.ItemDataRole.DisplayRole:
            look = self.look(index.row())
            return look.texts[col] if look is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and col in (4, 5):
            return "\n".join(e.reasons) or None
        if role == Qt.ItemDataRole.FontRole and not e.read:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            return self._tone_brushes[e.tone]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self._colour(e.brand_color)
        return None

    def look(self, row: int) -> RowLook | None:
        """Row ``row``'s texts, font, tone colour and swatch (None past the end)."""
        look = self._looks.get(row)
        if look is None:
            e = self.entry(row)
            if e is None:
                return None
            tone = self._tone_brushes[e.tone]
            colour = self._colour(e.brand_color)
            look = self._looks[row] = RowLook(
                self._texts(e),
                not e.read,
                tone,
                colour,
                tone.color().rgba(),
                colour.rgba(),
            )
        return look

    def column_samples(self, col: int) -> list[str]:
        """Every text the network, kind, tone or time column can show (the view sizes those
        columns to fit the widest in bold, as an unread row shows it); [] for the others."""
        if col == 1:
            return [n.label for n in Network]
        if col == 2:
            return [self.tr(k.value.replace("_", " ")) for k in InboxKind]
        if col == 5:
            levels = ("high", "medium", "low")
            return [self.tr(t.value) + f" · {self.tr(level)}" for t in Tone for level in levels]
        if col == 6:  # the widest day, month and time digits of a year
            return [_when(datetime(2026, month, 28, 20, 58, tzinfo=UTC)) for month in range(1, 13)]
        return []

    def _colour(self, name: str) -> QColor:
        colour = self._colours.get(name)
        if colour is None:
            colour = self._colours[name] = QColor(name)
        return colour

    def _texts(self, e: InboxEntry) -> tuple[str, ...]:
        """The row's seven cell texts."""
        kind = self._kinds.get(e.kind.value)
        if kind is None:
            kind = self._kinds[e.kind.value] = self.tr(e.kind.value.replace("_", " "))
        level = urgency_label(e.urgency)
        tone = self._tones.get((e.tone, level))
        if tone is None:
            tone = self._tones[(e.tone, level)] = self.tr(e.tone.value) + (
                f" · {self.tr(level)}" if level else ""
            )
        flag = "⚑ " if e.flagged else ""
        done = "✓ " if e.done or e.replied else ""
        return (
            e.brand_name,
            e.network.label,
            kind,
            e.author_name or f"@{e.author_handle}",
            done + flag + " ".join(e.text.split())[:140],
            tone,
            _when(e.created_utc),
        )


def _when(moment: datetime) -> str:
    """``moment`` in the local zone as ``strftime("%d %b %H:%M")`` gives it (built from the
    month's name, which is all strftime adds: 10,000 rows are formatted as they scroll)."""
    local = moment.astimezone()
    return f"{local.day:02d} {_month(local.month)} {local.hour:02d}:{local.minute:02d}"


@cache
def _month(month: int) -> str:
    """The locale's abbreviated name of ``month`` (1-12), as ``%b`` writes it."""
    return datetime(2026, month, 1).strftime("%b")
