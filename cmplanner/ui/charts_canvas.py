"""The charts themselves: matplotlib figures in ``FigureCanvasQTAgg``.

The one module of the charts tab that imports matplotlib; the tab imports it when it is
first shown, never at start-up (matplotlib costs ~0.6 s to import).
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("QT_API", "pyside6")

from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent, ResizeEvent
from matplotlib.backends import backend_qtagg
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCursor, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.timezones import to_wall
from cmplanner.services.chart_draw import (
    Chart,
    FollowersChart,
    HeatmapChart,
    Hover,
    LegendEntry,
    Palette,
    RatesChart,
    StackedChart,
)
from cmplanner.services.chart_text import TextBitmapRenderer, TextBitmaps
from cmplanner.services.chart_texts import ChartTexts, fill
from cmplanner.services.metrics import PostPerformance
from cmplanner.services.metrics_series import HEATMAP_MIN_POSTS, ChartSeries

_Index = QModelIndex | QPersistentModelIndex
ChartT = TypeVar("ChartT", bound=Chart)
#: matplotlib's Qt canvas has no type hints.
FigureCanvasQTAgg: Any = backend_qtagg.FigureCanvasQTAgg


_SYMBOLS = {"bar": "■", "hatch": "▨", "-": "━━", "--": "╍╍", ":": "┉┉", "-.": "━·"}


def legend_html(entries: tuple[LegendEntry, ...]) -> str:
    """A legend as rich text: a coloured mark and the label, entries apart."""
    return "&nbsp;&nbsp; ".join(
        f'<span style="color:{e.color}">{_SYMBOLS.get(e.kind, "■")}</span>&nbsp;'
        f"{html.escape(e.label).replace(' ', '&nbsp;')}"
        for e in entries
    )


class ChartCanvas(FigureCanvasQTAgg):  # type: ignore[misc]
    """A canvas that renders only when some of it is on screen: a chart scrolled out of
    view, or on a hidden tab, is rendered when it is next painted."""

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)
        self.stale = False
        #: Renders done (the tests and the bench count them).
        self.renders = 0
        #: Labels rendered once, blended at every draw after (see ``chart_text``).
        self.text_bitmaps = TextBitmaps()

    def get_renderer(self) -> TextBitmapRenderer:
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if getattr(self, "_lastKey", None) != key:
            self.renderer = TextBitmapRenderer(w, h, self.figure.dpi, self.text_bitmaps)
            self._lastKey = key
        renderer: TextBitmapRenderer = self.renderer
        return renderer

    def draw(self) -> None:
        self.renders += 1
        self.stale = False
        super().draw()

    def draw_idle(self) -> None:
        if self.visibleRegion().isEmpty():
            self.stale = True
            return
        super().draw_idle()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.stale:
            self.stale = False
            self.renders += 1
            FigureCanvasAgg.draw(self)  # type: ignore[no-untyped-call]  # render; shown below
        super().paintEvent(event)


class ChartPanel(QFrame):
    """One chart: a title, the canvas (hover shows exact values) and an export menu.

    The Figure, its Axes and the chart's artists are made once; new data updates them.
    """

    def __init__(
        self,
        key: str,
        title: str,
        make_chart: Callable[[Axes, Palette], Chart],
        palette: Palette,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart_{key}")
        self.key = key
        self.figure = Figure(figsize=(5, 2.6), dpi=100)
        self.figure.set_facecolor(palette.background)
        # The legend is a Qt label above the canvas: legends are the costliest text of a
        # draw. An export adds it to the figure.
        self.chart = make_chart(self.figure.add_subplot(), palette)
        self.chart.set_figure_legend(False)
        self.chart.legend_in_figure = False
        self.canvas = ChartCanvas(self.figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumHeight(220)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.mpl_connect("resize_event", self._on_resize)
        self._place()
        self.hover: Hover = lambda _x, _y: None
        self.last_hover: str | None = None
        self.title = QLabel(f"<b>{title}</b>", self)
        self.legend = QLabel(self)
        self.legend.setObjectName(f"legend_{key}")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend_entries: tuple[LegendEntry, ...] = ()
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
        col.addWidget(self.legend)
        col.addWidget(self.canvas, 1)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self._dialog: QFileDialog | None = None

    @property
    def axes(self) -> Axes:
        return self.chart.ax

    def show_chart(self, update: Callable[[], Hover], palette: Palette) -> None:
        """Give the chart new data (``update`` sets its artists), then render when idle."""
        self.figure.set_facecolor(palette.background)
        self.hover = update()
        if self.chart.entries != self._legend_entries:
            self._legend_entries = self.chart.entries
            self.legend.setText(legend_html(self.chart.entries))
            self.legend.setVisible(bool(self.chart.entries))
        self.canvas.draw_idle()

    def _place(self) -> None:
        # Margins are in pixels at 100 dpi; a high-density screen raises the figure's dpi.
        scale = 100.0 / self.figure.dpi
        self.chart.place(self.figure.bbox.width * scale, self.figure.bbox.height * scale)

    def _on_resize(self, _event: ResizeEvent) -> None:
        self._place()

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
        """Save the chart as the file's kind (.png or .svg), with its own background and
        its legend."""
        self.chart.set_figure_legend(True, below=True)
        try:
            self.figure.savefig(
                path, facecolor=self.figure.get_facecolor(), dpi=150, bbox_inches="tight"
            )
        finally:
            self.chart.set_figure_legend(False)

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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = (  # each a literal tr() call, so lupdate collects them
            self.tr("Published"),
            self.tr("Network"),
            self.tr("Post"),
            self.tr("Engagement"),
            self.tr("Likes"),
            self.tr("Reposts"),
            self.tr("Replies"),
        )
        self.posts: list[PostPerformance] = []
        self._cells: list[tuple[str, ...]] = []

    def set_posts(self, posts: list[PostPerformance]) -> None:
        self.beginResetModel()
        self.posts = posts
        self._cells = [self._texts(p) for p in posts]  # made once, not at every paint
        self.endResetModel()

    @staticmethod
    def _texts(p: PostPerformance) -> tuple[str, ...]:
        c = p.counts
        return (
            f"{to_wall(p.published_utc, p.timezone):%Y-%m-%d %H:%M}",
            p.network.label,
            p.head,
            f"{p.engagement:,}",
            "" if c.likes is None else f"{c.likes:,}",
            "" if c.reposts is None else f"{c.reposts:,}",
            "" if c.replies is None else f"{c.replies:,}",
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.posts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.posts):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.posts[index.row()].post_id is None:
                return self.tr("Imported from an analytics export (not planned in cmplanner).")
            return self.tr("Click to open the post.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ChartsBody(QWidget):
    """Every chart of the tab, drawn from one ``ChartSeries`` (computed off the GUI thread).

    Signals:
        open_requested(int): the user clicked a planned post in the top-posts table.
    """

    open_requested = Signal(int)

    def __init__(self, palette: Palette, texts: ChartTexts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: What the charts print (translated by the tab: ``ui.charts_texts.chart_texts``).
        self.texts = texts

        def panel(key: str, title: str, kind: type[Chart]) -> ChartPanel:
            def make(ax: Axes, pal: Palette) -> Chart:
                return kind(ax, pal, texts=texts)

            return ChartPanel(key, title, make, palette, self)

        self.panels = {
            "engagement": panel("engagement", self.tr("Engagement over time"), StackedChart),
            "rates": panel("rates", self.tr("Engagement rate"), RatesChart),
            "followers": panel("followers", self.tr("Follower growth"), FollowersChart),
            "cadence": panel("cadence", self.tr("Posts per week vs goal"), StackedChart),
            "heatmap": panel("heatmap", self.tr("Best time to post"), HeatmapChart),
        }
        self.top_model = TopPostsModel(self)
        self.top_view = QTableView(self)
        self.top_view.setObjectName("top_posts")
        self.top_view.setModel(self.top_model)
        self.top_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.top_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.top_view.verticalHeader().hide()
        header = self.top_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.top_view.clicked.connect(self._on_top_view_clicked)
        self.top_view.activated.connect(self._on_top_view_clicked)
        top = QFrame(self)
        self.top_empty = QLabel(top)
        self.top_empty.setObjectName("top_posts_empty")
        self.top_empty.setWordWrap(True)
        self.top_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.top_empty.setMargin(12)
        self.top_pages = QStackedWidget(top)
        self.top_pages.addWidget(self.top_view)
        self.top_pages.addWidget(self.top_empty)
        top_col = QVBoxLayout(top)
        top_col.setContentsMargins(6, 6, 6, 6)
        top_col.addWidget(QLabel(self.tr("<b>Top posts</b> (click to open)"), top))
        top_col.addWidget(self.top_pages, 1)
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

    def _chart(self, key: str, kind: type[ChartT]) -> ChartT:
        chart = self.panels[key].chart
        assert isinstance(chart, kind)
        return chart

    def show_series(self, series: ChartSeries, palette: Palette) -> None:
        """Set every chart's artists from the series; each canvas renders when idle (and
        only when on screen)."""
        p = self.panels
        data = series.data
        # The heatmap places each post in its own brand's zone.
        tz = data.scope.timezone if len(data.brand_names) <= 1 else self.tr("each brand's zone")
        no_posts = self.tr(
            "No published posts with counts in this range. Try a longer range, import an "
            "analytics export (cmplanner import-analytics FILE), or load the sample workspace."
        )
        engagement = self._chart("engagement", StackedChart)
        p["engagement"].show_chart(
            lambda: engagement.update(
                series.engagement, palette, unit=self.tr("engagement"), empty=no_posts
            ),
            palette,
        )
        rates = self._chart("rates", RatesChart)
        p["rates"].show_chart(lambda: rates.update(series.rates, palette, no_posts), palette)
        followers = self._chart("followers", FollowersChart)
        no_followers = self.tr(
            "No follower counts in this range yet: the metrics sync records one a day for "
            "each connected account."
        )
        p["followers"].show_chart(
            lambda: followers.update(data.followers, palette, no_followers), palette
        )
        goal = series.goal or None
        cadence = self._chart("cadence", StackedChart)
        no_cadence = self.tr("No post published in this range.") + (
            "" if goal else self.tr(" Set a weekly goal with Goals… above.")
        )
        p["cadence"].show_chart(
            lambda: cadence.update(
                series.cadence, palette, unit=self.tr("posts"), empty=no_cadence, goal=goal
            ),
            palette,
        )
        heatmap = self._chart("heatmap", HeatmapChart)
        heat_empty = self._heatmap_empty(series)
        p["heatmap"].show_chart(
            lambda: heatmap.update(series.heatmap, palette, tz, heat_empty), palette
        )
        self.top_model.set_posts(list(series.top))
        if series.top:
            self.top_pages.setCurrentWidget(self.top_view)
        else:
            self.top_empty.setText(self._top_empty(series))
            # The charts' muted ink (the window palette's placeholder colour can be too
            # faint on a dark one).
            self.top_empty.setStyleSheet(f"color: {palette.muted}")
            self.top_pages.setCurrentWidget(self.top_empty)

    def _top_empty(self, series: ChartSeries) -> str:
        """Why the top-posts table is empty, and what to do about it."""
        if series.data.posts:  # published, but no network has given counts yet
            return self.tr(
                "%n post(s) published in this range, but no counts yet. Press Sync now to "
                "fetch likes, reposts and replies (connected accounts), or import an "
                "analytics export (cmplanner import-analytics FILE).",
                "",
                len(series.data.posts),
            )
        return self.tr(
            "No published post in this range, so no top posts yet. Try a longer range or "
            "other filters; posts you publish from the calendar are listed here with their "
            "likes, reposts and replies once the metrics sync has counted them."
        )

    def _heatmap_empty(self, series: ChartSeries) -> str:
        scope = series.data.scope
        short = (scope.end_utc - scope.start_utc).days < 89  # "last 90 days" spans 89.x
        t = self.texts
        hint = t.heat_try_90 if short else t.heat_publish_more
        return f"{fill(t.heat_empty, HEATMAP_MIN_POSTS, series.heatmap.posts)} {hint}"

    @Slot(QModelIndex)
    def _on_top_view_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        post = self.top_model.posts[index.row()]
        if post.post_id is not None:
            self.open_requested.emit(post.post_id)
