"""The best-time heatmap in both palettes: a cell with no post never looks like a mean."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from cmplanner.services.chart_draw import DARK, LIGHT, HeatmapChart, Palette, heat_colormap
from cmplanner.services.metrics_series import HEATMAP_MIN_POSTS, Heatmap


def _heat() -> Heatmap:
    """Monday 09:00 best, Monday 10:00 the lowest mean, Monday 11:00 no post."""
    mean: list[list[float | None]] = [[None] * 24 for _ in range(7)]
    count = [[0] * 24 for _ in range(7)]
    for hour, value in ((9, 40.0), (10, 1.0), (12, 20.0), (18, 30.0)):
        mean[0][hour], count[0][hour] = value, 3
    return Heatmap(tuple(tuple(r) for r in mean), tuple(tuple(r) for r in count), 12)


def _render(palette: Palette) -> tuple[HeatmapChart, np.ndarray, Figure]:
    fig = Figure(figsize=(6, 3), dpi=100)
    canvas = FigureCanvasAgg(fig)
    fig.set_facecolor(palette.background)
    chart = HeatmapChart(fig.add_subplot(), palette, legend=False)
    chart.place(600, 300)
    chart.update(_heat(), palette, "Europe/Madrid")
    canvas.draw()
    return chart, np.asarray(canvas.buffer_rgba())[..., :3].astype(float) / 255, fig


def _cell(chart: HeatmapChart, pixels: np.ndarray, weekday: int, hour: int) -> np.ndarray:
    """The mean colour of the cell's middle (a few pixels, across the hatch lines)."""
    x, y = chart.ax.transData.transform((hour, weekday))
    row = pixels.shape[0] - round(y)
    col = round(x)
    return pixels[row - 4 : row + 4, col - 4 : col + 4].reshape(-1, 3).mean(axis=0)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_empty_cells_are_hatched_background_and_low_cells_are_not(palette: Palette) -> None:
    chart, pixels, _fig = _render(palette)
    background = np.array(to_rgb(palette.background))
    lowest = np.array(to_rgb(heat_colormap(palette)(0.0)))
    empty = _cell(chart, pixels, 0, 11)
    low = _cell(chart, pixels, 0, 10)
    # The empty cell is the background with faint hatch lines …
    assert np.abs(empty - background).max() < 0.12
    # … and the lowest mean is drawn in the scale's first colour, far from it.
    assert np.abs(low - lowest).max() < 0.02
    assert np.abs(low - background).max() > 0.2
    # The legend says what the hatch and the two ends mean.
    assert [e.label for e in chart.entries] == ["no post", "low", "high engagement a post"]
    assert chart.entries[0].kind == "hatch"


def test_best_cells_are_framed_in_a_colour_that_stands_out_on_dark() -> None:
    chart, _pixels, _fig = _render(DARK)
    framed = [f for f in chart.best if f.get_visible()]
    assert [(f.get_x() + 0.5, f.get_y() + 0.5) for f in framed] == [(9, 0), (18, 0), (12, 0)]
    frame = np.array(to_rgb(framed[0].get_edgecolor()))
    best = np.array(to_rgb(heat_colormap(DARK)(1.0)))
    assert np.abs(frame - best).sum() > 0.8


def test_too_few_posts_say_so_with_the_given_sentence() -> None:
    fig = Figure()
    chart = HeatmapChart(fig.add_subplot(), LIGHT)
    sparse = Heatmap(_heat().mean, _heat().count, HEATMAP_MIN_POSTS - 1)
    chart.update(sparse, LIGHT, "UTC", "Publish more first.")
    assert not chart.ax.axison
    assert chart.note.text.get_text() == "Publish more first."
    assert not chart.image.get_visible() and not chart.no_post.get_visible()
