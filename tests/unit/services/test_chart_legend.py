"""An exported chart's legend sits under the chart, never over its data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cmplanner.domain.enums import Network
from cmplanner.services.chart_draw import LIGHT, FollowersChart
from cmplanner.services.metrics import FollowerSeries


def test_export_legend_goes_below_the_axes_and_their_labels() -> None:
    start = datetime(2026, 8, 1, tzinfo=UTC)
    series = [
        FollowerSeries(
            i,
            Network.BLUESKY,
            f"@a{i}.bsky.social",
            tuple((start + timedelta(days=d), 1000 + 10 * i + d) for d in range(90)),
        )
        for i in range(8)
    ]
    fig = Figure(figsize=(5, 2.6), dpi=100)
    canvas = FigureCanvasAgg(fig)
    chart = FollowersChart(fig.add_subplot(), LIGHT, legend=False)  # as in the tab
    chart.place(500, 260)
    chart.update(series, LIGHT, "no followers")
    assert chart.legend is None and len(chart.entries) == 8  # the tab's legend is Qt's

    chart.set_figure_legend(True, below=True)  # what an export adds
    canvas.draw()
    renderer = canvas.get_renderer()
    assert chart.legend is not None
    legend = chart.legend.get_window_extent(renderer)
    axes = chart.ax.get_window_extent(renderer)
    labels = [t.get_window_extent(renderer) for t in chart.ax.get_xticklabels() if t.get_text()]
    assert labels
    assert legend.y1 < min(b.y0 for b in labels) < axes.y0  # under the dates, off the data
    assert abs(legend.x0 - axes.x0) < 2  # left-aligned with the chart

    chart.set_figure_legend(False)
    assert chart.legend is None
