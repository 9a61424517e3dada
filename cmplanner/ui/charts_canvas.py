"""The charts themselves: matplotlib figures in ``FigureCanvasQTAgg``.

The one module of the charts tab that imports matplotlib; the tab imports it when it is
first shown, never at start-up (matplotlib costs ~0.6 s to import).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

from matplotlib.backend_bases import MouseEvent
from matplotlib.backends import backend_qtagg
from matplotlib.figure import Figure
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.timezones import to_wall
from cmplanner.services.chart_draw import (
    Hover,
    Palette,
    draw_followers,
    draw_heatmap,
    draw_rates,
    draw_stacked,
    style_figure,
)
from cmplanner.services.metrics import ChartData, PostPerformance
from cmplanner.services.metrics_series import (
    best_times,
    engagement_over_time,
    engagement_rates,
    posts_per_week,
    top_posts,
)

_Index = QModelIndex | QPersistentModelIndex
#: matplotlib's Qt canvas has no type hints.
FigureCanvasQTAgg: Any = backend_qtagg.FigureCanvasQTAgg


class ChartPanel(QFrame):
    """One chart: a title, the canvas (hover shows exact values) and an export menu."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{key}")
        self.key = key
        self.figure = Figure(figsize=(5, 2.6), dpi=100, layout="constrained")
        self.axes = self.figure.add_subplot()
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumHeight(220)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.hover: Hover = lambda _x, _y: None
        self.last_hover: str | None = None
        self.title = QLabel(f"<b>{title}</b>", self)
        export = QToolButton(self)
        export.setText(self.tr("Export ▾"))
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export)
        png = QAction(self.tr("Save as PNG…"), menu)
        png.triggered.connect(self._on_png_triggered)
        svg = QAction(self.tr("Save as SVG…"), menu)
        svg.triggered.connect(self._on_svg_triggered)
        menu.addAction(png)
        menu.addAction(svg)
        export.setMenu(menu)
        self.export_button = export
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(export)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        col.addLayout(head)
        col.addWidget(self.canvas, 1)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self._dialog: QFileDialog | None = None

    def draw(self, painter: Callable[[], Hover], palette: Palette) -> None:
        self.figure.clear()
        self.axes = self.figure.add_subplot()
        self.hover = painter()
        style_figure(self.figure, palette)
        self.canvas.draw_idle()

    def _on_motion(self, event: MouseEvent) -> None:
        if event.inaxes is None or event.xdata is None or event.ydata is None:
            self.last_hover = None
            QToolTip.hideText()
            return
        text = self.hover(float(event.xdata), float(event.ydata))
        self.last_hover = text
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()

    def export(self, path: Path) -> None:
        """Save the chart as the file's kind (.png or .svg), with its own background."""
        self.figure.savefig(path, facecolor=self.figure.get_facecolor(), dpi=150)

    @Slot()
    def _on_png_triggered(self) -> None:
        self._ask_path("png")

    @Slot()
    def _on_svg_triggered(self) -> None:
        self._ask_path("svg")

    def _ask_path(self, kind: str) -> None:
        dialog = QFileDialog(self, self.tr("Export chart"), f"{self.key}.{kind}")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(f"{kind.upper()} (*.{kind})")
        dialog.setDefaultSuffix(kind)
        dialog.fileSelected.connect(self._on_dialog_file_selected)
        self._dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_dialog_file_selected(self, path: str) -> None:
        self.export(Path(path))


class TopPostsModel(QAbstractTableModel):
    """The posts with the most engagement (read-only)."""

    COLUMNS = ("Published", "Network", "Post", "Engagement", "Likes", "Reposts", "Replies")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.posts: list[PostPerformance] = []

    def set_posts(self, posts: list[PostPerformance]) -> None:
        self.beginResetModel()
        self.posts = posts
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.posts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.posts):
            return None
        p = self.posts[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            c = p.counts
            values: tuple[object, ...] = (
                f"{to_wall(p.published_utc, p.timezone):%Y-%m-%d %H:%M}",
                p.network.label,
                p.head,
                f"{p.engagement:,}",
                "" if c.likes is None else f"{c.likes:,}",
                "" if c.reposts is None else f"{c.reposts:,}",
                "" if c.replies is None else f"{c.replies:,}",
            )
            return values[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if p.post_id is None:
                return self.tr("Imported from an analytics export (not planned in cmplanner).")
            return self.tr("Click to open the post.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChartsBody(QWidget):
    """Every chart of the tab, drawn from one ``ChartData``.

    Signals:
        open_requested(int): the user clicked a planned post in the top-posts table.
    """

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panels = {
            "engagement": ChartPanel("engagement", self.tr("Engagement over time"), self),
            "rates": ChartPanel("rates", self.tr("Engagement rate"), self),
            "followers": ChartPanel("followers", self.tr("Follower growth"), self),
            "cadence": ChartPanel("cadence", self.tr("Posts per week vs goal"), self),
            "heatmap": ChartPanel("heatmap", self.tr("Best time to post"), self),
        }
        self.top_model = TopPostsModel(self)
        self.top_view = QTableView(self)
        self.top_view.setObjectName("top_posts")
        self.top_view.setModel(self.top_model)
        self.top_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.top_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.top_view.verticalHeader().hide()
        self.top_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.top_view.clicked.connect(self._on_top_view_clicked)
        self.top_view.activated.connect(self._on_top_view_clicked)
        top = QFrame(self)
        top_col = QVBoxLayout(top)
        top_col.setContentsMargins(6, 6, 6, 6)
        top_col.addWidget(QLabel(self.tr("<b>Top posts</b> (click to open)"), top))
        top_col.addWidget(self.top_view, 1)
        grid = QVBoxLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        p = self.panels
        for left, right in (
            (p["engagement"], p["rates"]),
            (p["followers"], p["cadence"]),
            (p["heatmap"], top),
        ):
            row = QHBoxLayout()
            row.addWidget(left, 1)
            row.addWidget(right, 1)
            grid.addLayout(row, 1)

    def show_data(self, data: ChartData, palette: Palette) -> None:
        p = self.panels
        # The heatmap places each post in its own brand's zone.
        tz = data.scope.timezone if len(data.brand_names) <= 1 else self.tr("each brand's zone")
        no_posts = self.tr(
            "No published posts with counts in this range. Try a longer range, import an "
            "analytics export (cmplanner import-analytics FILE), or load the sample workspace."
        )
        p["engagement"].draw(
            lambda: draw_stacked(
                p["engagement"].axes,
                engagement_over_time(data),
                palette,
                unit=self.tr("engagement"),
                empty=no_posts,
            ),
            palette,
        )
        p["rates"].draw(
            lambda: draw_rates(p["rates"].axes, engagement_rates(data), palette, no_posts),
            palette,
        )
        p["followers"].draw(
            lambda: draw_followers(
                p["followers"].axes,
                data.followers,
                palette,
                self.tr(
                    "No follower counts in this range yet: the metrics sync records one a "
                    "day for each connected account."
                ),
            ),
            palette,
        )
        goal = data.goal_per_week or None
        p["cadence"].draw(
            lambda: draw_stacked(
                p["cadence"].axes,
                posts_per_week(data),
                palette,
                unit=self.tr("posts"),
                empty=self.tr("No post published in this range.")
                + ("" if goal else self.tr(" Set a weekly goal with Goals… above.")),
                goal=goal,
            ),
            palette,
        )
        p["heatmap"].draw(
            lambda: draw_heatmap(p["heatmap"].axes, best_times(data), palette, tz), palette
        )
        self.top_model.set_posts(top_posts(data, 10))
        self.top_view.resizeColumnsToContents()
        self.top_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    @Slot(QModelIndex)
    def _on_top_view_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        post = self.top_model.posts[index.row()]
        if post.post_id is not None:
            self.open_requested.emit(post.post_id)
