"""Labels drawn from the canvas's bitmap cache look as matplotlib draws them."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cmplanner.services.chart_text import TextBitmapRenderer, TextBitmaps


class _CachedCanvas(FigureCanvasAgg):
    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)
        self.bitmaps = TextBitmaps()

    def get_renderer(self) -> Any:
        w, h = self.get_width_height(physical=True)
        if getattr(self, "_lastKey", None) != (w, h):
            self.renderer = TextBitmapRenderer(w, h, self.figure.dpi, self.bitmaps)
            self._lastKey = (w, h)
        return self.renderer


def _labels(fig: Figure) -> None:
    """Labels whose origins fall on whole pixels (400 x 200 px): the cache places a
    label at a whole pixel, matplotlib at a fraction of one."""
    fig.text(0.25, 0.5, "Engagement 1.2k", ha="left", va="baseline", fontsize=9)
    fig.text(0.05, 0.1, "Mon Tue Wed — 18:00", ha="left", va="baseline", fontsize=8)


def _odd_labels(fig: Figure) -> None:
    """A rotated label and a second line: their origins fall between pixels."""
    fig.text(0.1, 0.25, "per 100 followers (%)", rotation=90, ha="left", va="baseline")
    fig.text(0.5, 0.8, "two\nlines", ha="left", va="baseline", color="#cf222e")


def _pixels(canvas: FigureCanvasAgg) -> np.ndarray:
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_cached_labels_match_matplotlibs_and_are_rendered_once() -> None:
    plain = Figure(figsize=(4, 2), dpi=100)
    _labels(plain)
    cached = Figure(figsize=(4, 2), dpi=100)
    _labels(cached)
    canvas = _CachedCanvas(cached)
    expected = _pixels(FigureCanvasAgg(plain))
    first = _pixels(canvas)
    assert (expected[..., :3] < 200).sum() > 300  # there is ink to compare
    assert np.abs(first.astype(int) - expected.astype(int)).max() <= 1
    rendered = canvas.bitmaps.rendered
    assert rendered == 2  # each label once

    again = _pixels(canvas)
    assert canvas.bitmaps.rendered == rendered  # nothing laid out or rendered again
    assert canvas.bitmaps.reused >= rendered
    assert np.array_equal(again, first)


def test_rotated_and_multiline_labels_land_within_a_pixel() -> None:
    plain = Figure(figsize=(4, 2), dpi=100)
    _odd_labels(plain)
    cached = Figure(figsize=(4, 2), dpi=100)
    _odd_labels(cached)
    expected = _pixels(FigureCanvasAgg(plain))[..., 0] < 128
    got = _pixels(_CachedCanvas(cached))[..., 0] < 128
    ink, ink_cached = np.argwhere(expected), np.argwhere(got)
    assert len(ink) > 300
    assert abs(len(ink_cached) - len(ink)) <= 0.15 * len(ink)
    assert np.abs(ink_cached.min(axis=0) - ink.min(axis=0)).max() <= 1
    assert np.abs(ink_cached.max(axis=0) - ink.max(axis=0)).max() <= 1


def test_a_label_lands_where_it_is_moved() -> None:
    fig = Figure(figsize=(4, 2), dpi=100)
    text = fig.text(0.25, 0.5, "3.2k", ha="left", va="baseline")
    canvas = _CachedCanvas(fig)
    before = _pixels(canvas)
    text.set_position((0.5, 0.5))  # 100 px to the right, from the cache
    after = _pixels(canvas)
    assert canvas.bitmaps.rendered == 1
    ink_before = np.argwhere(before[..., 0] < 128)
    ink_after = np.argwhere(after[..., 0] < 128)
    assert len(ink_before) == len(ink_after) > 0
    shift = ink_after.min(axis=0) - ink_before.min(axis=0)
    assert tuple(shift) == (0, 100)
