"""Item models for posts: the calendar's visible range and the backlog.

``mimeData()`` carries only ids under ``application/x-cmplanner-post-ids``; views turn a
drop into a ``*_requested`` signal and the services do the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from cmplanner.domain.models import PostRow
from cmplanner.domain.timezones import to_wall

MIME_POST_IDS = "application/x-cmplanner-post-ids"

_ORDER = itemgetter(0, 1)

PostRole = Qt.ItemDataRole.UserRole + 1
PostIdRole = Qt.ItemDataRole.UserRole + 2
WallRole = Qt.ItemDataRole.UserRole + 3
DayRole = Qt.ItemDataRole.UserRole + 4

Index = QModelIndex | QPersistentModelIndex


def encode_ids(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_POST_IDS, QByteArray(json.dumps(ids).encode()))
    mime.setText(" ".join(f"post:{i}" for i in ids))
    return mime


def decode_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(MIME_POST_IDS):
        return []
    try:
        raw = json.loads(bytes(mime.data(MIME_POST_IDS).data()).decode())
    except ValueError:
        return []
    return [int(i) for i in raw if isinstance(i, int)]


class PostListModel(QAbstractListModel):
    """A flat list of PostRows with the wall time they are shown at.

    Signals:
        unschedule_requested(list): ids dropped onto this model's view (backlog only).
    """

    unschedule_requested = Signal(list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PostRow] = []
        self._walls: list[datetime | None] = []
        self._counts: dict[date, int] | None = None
        self.view_tz: str | None = None
        #: A line for a chip's tooltip from the publisher (offline, handed off...), by id.
        self.tooltip_note: Callable[[int], str] | None = None

    # ---- loading ----------------------------------------------------------------------

    def set_rows(
        self,
        rows: list[PostRow],
        view_tz: str | None,
        keep: Callable[[date], bool] | None = None,
        counts: dict[date, int] | None = None,
    ) -> None:
        """Show ``rows`` at their wall time in ``view_tz`` (None: each brand's own zone),
        in time order; with ``keep``, only those whose shown day it accepts.

        ``counts`` says how many posts each day has when ``rows`` hold only the first few
        of each day (a month grid's chips); without it every post is in ``rows``.
        """
        wall_of = self.wall_of
        keyed = []
        for r in rows:
            wall = wall_of(r, view_tz)
            if keep is not None and (wall is None or not keep(wall.date())):
                continue
            keyed.append((wall or datetime.max, r.id, wall, r))
        keyed.sort(key=_ORDER)
        self.beginResetModel()
        self.view_tz = view_tz
        self._rows = [k[3] for k in keyed]
        self._walls = [k[2] for k in keyed]
        self._counts = counts
        self.endResetModel()

    @staticmethod
    def wall_of(row: PostRow, view_tz: str | None) -> datetime | None:
        if row.local_at is None:
            return None
        if view_tz is None or view_tz == row.timezone:
            return row.local_at
        if row.scheduled_utc is None:
            return None
        return to_wall(row.scheduled_utc, view_tz)

    # ---- access -----------------------------------------------------------------------

    def post_at(self, row: int) -> PostRow:
        return self._rows[row]

    def wall_at(self, row: int) -> datetime | None:
        return self._walls[row]

    def row_of(self, post_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == post_id:
                return i
        return -1

    def rows(self) -> list[PostRow]:
        return list(self._rows)

    def is_partial(self) -> bool:
        """True when the rows are only each day's first few (see ``set_rows``)."""
        return self._counts is not None

    def total(self) -> int:
        """How many posts the range holds, loaded or not."""
        return sum(self._counts.values()) if self._counts is not None else len(self._rows)

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]

    # ---- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        wall = self._walls[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = f"{wall:%H:%M} " if wall else ""
            return f"{when}{row.head}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, wall)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.brand_name}, {row.state.value}, {self._when_text(wall)}: {row.head}"
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(row.brand_color)
        if role == PostRole:
            return row
        if role == PostIdRole:
            return row.id
        if role == WallRole:
            return wall
        if role == DayRole:
            return wall.date() if wall else None
        return None

    def _when_text(self, wall: datetime | None) -> str:
        return wall.strftime("%a %d %b %H:%M") if wall else self.tr("not scheduled")

    def _tooltip(self, row: PostRow, wall: datetime | None) -> str:
        zone = self.view_tz or row.timezone
        nets = ", ".join(n.label for n in row.networks) or self.tr("no accounts yet")
        tags = " ".join(f"#{t}" for t in row.tags)
        if row.check_level == "error":
            tags += (
                "<br><b>"
                + self.tr("A network would refuse this post: open it to see why.")
                + "</b>"
            )
        elif row.check_level == "warning":
            tags += "<br>" + self.tr(
                "Some networks will show this post differently: open it to see."
            )
        note = self.tooltip_note(row.id) if self.tooltip_note is not None else ""
        return (
            f"<b>{row.brand_name}</b> — {row.state.value}<br>"
            f"{self._when_text(wall)} ({zone})<br>{nets}<br>{tags}<br><i>{row.head}</i>"
            + (f"<br>{note}" if note else "")
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [MIME_POST_IDS]

    def mimeData(self, indexes: Any) -> QMimeData:
        ids: list[int] = []
        for idx in indexes:
            if idx.isValid():
                pid = self._rows[idx.row()].id
                if pid not in ids:
                    ids.append(pid)
        return encode_ids(ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction


class CalendarModel(PostListModel):
    """The posts in the calendar's visible range (month, week or agenda)."""

    def rows_by_day(self) -> dict[date, list[int]]:
        out: dict[date, list[int]] = {}
        for i, wall in enumerate(self._walls):
            if wall is not None:
                out.setdefault(wall.date(), []).append(i)
        return out

    def days_of(self, ids: Collection[int]) -> dict[int, date]:
        """The shown day of each of these posts that is a row here."""
        wanted = set(ids)
        return {
            r.id: wall.date()
            for r, wall in zip(self._rows, self._walls, strict=True)
            if r.id in wanted and wall is not None
        }

    def day_counts(self) -> dict[date, int]:
        """Every day's count of posts (see ``set_rows``)."""
        if self._counts is not None:
            return dict(self._counts)
        return {day: len(rows) for day, rows in self.rows_by_day().items()}

    def day_count(self, day: date, loaded: int) -> int:
        """How many posts ``day`` has (``loaded`` of them are rows of this model)."""
        if self._counts is None:
            return loaded
        return max(loaded, self._counts.get(day, 0))


class BacklogModel(PostListModel):
    """Unscheduled ideas and drafts. Dropping chips here unschedules them."""

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_POST_IDS)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = [i for i in decode_ids(data) if i not in self.ids()]
        if ids:
            self.unschedule_requested.emit(ids)
        return False  # the rows come back through a refresh, not an insert
