"""What every chart shares: palettes, colours, styling, tick labels, date numbers, the
empty-state sentence, the legend's entries, and ``Chart``, the base of the chart kinds in
``chart_draw.py`` (made once per Axes, updated with new data many times).

Imports matplotlib: import it only where charts are drawn.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import matplotlib.dates as _mdates_module
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import offset_copy

from cmplanner.domain.enums import Network
from cmplanner.services.chart_texts import ENGLISH, ChartTexts

Hover = Callable[[float, float], str | None]
#: matplotlib.dates has no type hints: one untyped handle instead of ignores everywhere.
mdates: Any = _mdates_module

#: One colour per network, readable on light and dark backgrounds.
NETWORK_COLORS = {
    Network.MASTODON: "#6364ff",
    Network.BLUESKY: "#1185fe",
    Network.X: "#7f7f7f",
    Network.LINKEDIN: "#2aa889",  # set apart from Bluesky's and Facebook's blues
    Network.FACEBOOK: "#f0a030",
    Network.INSTAGRAM: "#e1306c",
    Network.THREADS: "#b0b0b0",
}
PER_POST_COLOR = "#1185fe"
PER_FOLLOWER_COLOR = "#2aa889"


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str
    grid: str
    accent: str
    heat: str  # a matplotlib colormap name
    #: The frame of the heatmap's best cells (the heat colours' strong end is under it).
    best_frame: str = ""

    @property
    def dark(self) -> bool:
        return self.background.lower() < "#808080"


LIGHT = Palette("#ffffff", "#1f2328", "#6e7781", "#d8dee4", "#cf222e", "YlGnBu")
DARK = Palette("#1e1f22", "#e6edf3", "#8b949e", "#3a3f46", "#ff7b72", "magma", "#39c5cf")


@dataclass(frozen=True)
class Margins:
    """Room around a chart's Axes, in pixels (tick labels, axis labels, a legend above)."""

    left: int
    right: int
    top: int
    bottom: int


def no_hover(_x: float, _y: float) -> str | None:
    return None


@cache
def _font_chars() -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties())
    return frozenset(FT2Font(path).get_charmap())


def printable(text: str) -> str:
    """Text without the characters the chart font lacks (emoji would print as boxes)."""
    chars = _font_chars()
    out = "".join(c for c in text if c in "\n" or ord(c) in chars)
    return " ".join(out.split(" ")).strip() if out != text else text


def style_figure(fig: Figure, palette: Palette) -> None:
    fig.set_facecolor(palette.background)
    for ax in fig.axes:
        style_axes(ax, palette)


def style_axes(ax: Axes, palette: Palette) -> None:
    ax.set_facecolor(palette.background)
    for spine in ax.spines.values():
        spine.set_color(palette.grid)
    # Labels without tick marks: three fewer lines to draw per tick.
    ax.tick_params(colors=palette.muted, labelsize=8, bottom=False, left=False, right=False)
    ax.xaxis.label.set_color(palette.muted)
    ax.yaxis.label.set_color(palette.muted)
    ax.title.set_color(palette.text)
    ax.grid(True, axis="y", color=palette.grid, linewidth=0.6)
    ax.set_axisbelow(True)


def compact(value: float, _pos: object = None) -> str:
    """Tick labels at most five characters wide (1.2k, 35k, 1.4M): fixed margins fit them."""
    v = abs(value)
    if v >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if v >= 10_000:
        return f"{value / 1000:.0f}k"
    if v >= 1000:
        return f"{value / 1000:.3g}k"
    return f"{value:.3g}"


@cache
def _epoch_num() -> float:
    """The date number of 1970-01-01 (matplotlib's epoch is a setting, read once)."""
    return float(mdates.date2num(datetime(1970, 1, 1, tzinfo=UTC)))


def day_numbers(days: Sequence[date]) -> np.ndarray:
    """matplotlib date numbers of days (their midnight), without a loop in Python."""
    if not days:
        return np.zeros(0)
    as64 = np.array(days, dtype="datetime64[D]").astype(np.int64)
    return as64.astype(float) + _epoch_num()


def instant_numbers(instants: Sequence[datetime]) -> np.ndarray:
    """matplotlib date numbers of aware instants."""
    seconds = np.fromiter((t.timestamp() for t in instants), float, len(instants))
    return seconds / 86400.0 + _epoch_num()


def stamp_numbers(stamps: Sequence[float]) -> np.ndarray:
    """matplotlib date numbers of POSIX timestamps."""
    return np.asarray(stamps, dtype=float) / 86400.0 + _epoch_num()


class _Note:
    """The sentence an empty chart shows instead of a blank axis."""

    def __init__(self, ax: Axes) -> None:
        self.text: Text = ax.text(
            0.5,
            0.5,
            "",
            ha="center",
            va="center",
            wrap=True,
            fontsize=9,
            transform=ax.transAxes,
            visible=False,
        )

    def show(self, message: str, palette: Palette) -> None:
        self.text.set_text(message)
        self.text.set_color(palette.muted)
        self.text.set_visible(True)

    def hide(self) -> None:
        self.text.set_visible(False)


def fixed_label_positions(ax: Axes) -> None:
    """Axis labels at fixed distances from the Axes (in points): matplotlib would
    otherwise measure every tick label at every draw to place them."""
    fig: Any = ax.get_figure()

    def offset(x: float, y: float) -> Any:
        return offset_copy(ax.transAxes, fig, x=x, y=y, units="points")

    ax.xaxis.set_label_coords(0.5, 0, transform=offset(0, -20))
    position: str = ax.yaxis.get_label_position()
    right = position == "right"
    ax.yaxis.set_label_coords(1 if right else 0, 0.5, transform=offset(28 if right else -28, 0))


_MONTH_STEPS = (1, 2, 3, 4, 6, 12)


def set_date_ticks(
    ax: Axes,
    lo: float,
    hi: float,
    most: int = 7,
    *,
    weekly: bool = False,
    texts: ChartTexts = ENGLISH,
) -> None:
    """Ticks and labels of a date axis from ``lo`` to ``hi`` (date numbers), computed
    here once per update (days, Mondays — only Mondays when ``weekly`` — or months; a
    January says its year) rather than by a date locator and formatter at every draw.
    Month names come from ``texts``."""
    epoch = _epoch_num()
    first = date(1970, 1, 1) + timedelta(days=math.ceil(lo - epoch - 1e-9))
    last = date(1970, 1, 1) + timedelta(days=math.floor(hi - epoch + 1e-9))
    span = (last - first).days
    days: list[date]
    if span <= 2 * most and not weekly:
        step = max(1, math.ceil((span + 1) / most))
        days = [first + timedelta(days=i) for i in range(0, span + 1, step)]
        labels = [texts.tick(d) for d in days]
    elif span <= 14 * most:
        monday = first + timedelta(days=-first.weekday() % 7)
        step = 7 * max(1, math.ceil(span / 7 / most))
        days = [monday + timedelta(days=i) for i in range(0, (last - monday).days + 1, step)]
        labels = [texts.tick(d) for d in days]
    else:
        months = (last.year - first.year) * 12 + last.month - first.month
        step = next((k for k in _MONTH_STEPS if months / k <= most), 12)
        days = []
        y, m = first.year, first.month
        while date(y, m, 1) <= last:
            if date(y, m, 1) >= first and (m - 1) % step == 0:
                days.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        labels = [str(d.year) if d.month == 1 else texts.months_short[d.month - 1] for d in days]
    ax.set_xticks([float(x) for x in day_numbers(days)], labels)


def count_axis(ax: Axes) -> None:
    ax.yaxis.set_major_locator(MaxNLocator(5, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(compact))


def period(start: date, daily: bool, texts: ChartTexts = ENGLISH) -> str:
    return texts.day(start) if daily else texts.week(start)


def date_hover(centers: np.ndarray, daily: bool, lines: Callable[[int], str]) -> Hover:
    half = 0.5 if daily else 3.5
    edges = [float(c) - half for c in centers]

    def hover(x: float, _y: float) -> str | None:
        i = bisect_left(edges, x + 1e-9) - 1
        if 0 <= i < len(edges) and x < edges[i] + 2 * half:
            return lines(i)
        return None

    return hover


def legend_below(ax: Axes, entries: int) -> dict[str, Any]:
    """Legend keywords that put it under the Axes' hour or date labels, left-aligned."""
    fig: Any = ax.get_figure()
    return {
        "loc": "upper left",
        "bbox_to_anchor": (0.0, 0.0),
        "bbox_transform": offset_copy(ax.transAxes, fig, x=0, y=-34, units="points"),
        "borderaxespad": 0.0,
        "ncols": min(entries, 4),
    }


@dataclass(frozen=True)
class LegendEntry:
    """One line of a chart's legend, for a legend drawn outside the figure (in Qt)."""

    label: str
    color: str
    kind: str  # "bar", or a line's style: "-", "--", ":", "-."


def _entry(handle: Any) -> LegendEntry:
    if isinstance(handle, PolyCollection):
        face: Any = handle.get_facecolor()[0]
        return LegendEntry(str(handle.get_label()), to_hex(face), "bar")
    if isinstance(handle, Patch):  # a swatch; hatched: "no data" (its lines' colour)
        if handle.get_hatch():
            return LegendEntry(str(handle.get_label()), to_hex(handle.get_edgecolor()), "hatch")
        return LegendEntry(str(handle.get_label()), to_hex(handle.get_facecolor()), "bar")
    line: Line2D = handle
    color: Any = line.get_color()
    return LegendEntry(str(line.get_label()), to_hex(color), str(line.get_linestyle()))


class Chart:
    """One chart on one Axes: made once, ``update``-d with new data many times.

    With ``legend=False`` the chart draws no legend in the figure (legends are the most
    expensive text to lay out at each draw): ``entries`` says what a legend would list,
    for one drawn elsewhere, and ``set_figure_legend(True)`` adds it for an export.
    """

    margins = Margins(46, 12, 10, 24)

    def __init__(
        self, ax: Axes, palette: Palette, *, legend: bool = True, texts: ChartTexts = ENGLISH
    ) -> None:
        self.ax = ax
        self.palette = palette
        self.texts = texts
        self.note = _Note(ax)
        self.legend_in_figure = legend
        self.legend: Legend | None = None
        self.entries: tuple[LegendEntry, ...] = ()
        self._legend_key: object = None
        self._legend_handles: list[Any] = []
        self._legend_kw: dict[str, Any] = {}

    def _fix_labels(self) -> None:
        for ax in self.axes():
            fixed_label_positions(ax)

    def _set_legend(self, key: object, handles: list[Any], **kw: Any) -> None:
        """The legend's entries; rebuilt only when ``key`` (what it lists) changes."""
        if key == self._legend_key:
            return
        self._legend_key = key
        self._legend_handles, self._legend_kw = handles, kw
        self.entries = tuple(_entry(h) for h in handles)
        if self.legend_in_figure:
            self.set_figure_legend(True)

    def set_figure_legend(self, on: bool, *, below: bool = False) -> None:
        """Draw the legend in the figure (``on``) or not; ``below`` the Axes and their
        labels, clear of the data (an export: the chart was scaled without room for it)."""
        if self.legend is not None:
            self.legend.remove()
            self.legend = None
        if on and self._legend_handles and self.ax.axison:
            kw = dict(self._legend_kw)
            if below:
                kw.update(legend_below(self.ax, len(self._legend_handles)))
            self.legend = self.ax.legend(
                handles=self._legend_handles, fontsize=7, frameon=False, **kw
            )
            for text in self.legend.get_texts():
                text.set_color(self.palette.text)

    def axes(self) -> list[Axes]:
        return [self.ax]

    def place(self, width_px: float, height_px: float) -> None:
        """Put the Axes inside the figure with the chart's margins (a layout engine would
        measure every tick label at every draw)."""
        m = self.margins
        w, h = max(width_px, 1.0), max(height_px, 1.0)
        left, bottom = m.left / w, m.bottom / h
        width = max(1.0 - (m.left + m.right) / w, 0.05)
        height = max(1.0 - (m.top + m.bottom) / h, 0.05)
        self.ax.set_position((left, bottom, width, height))

    def restyle(self, palette: Palette) -> None:
        self.palette = palette
        for ax in self.axes():
            style_axes(ax, palette)
        if self.legend is not None:
            for text in self.legend.get_texts():
                text.set_color(palette.text)
        self.note.text.set_color(palette.muted)

    def _begin(self, palette: Palette) -> None:
        if palette != self.palette:
            self.restyle(palette)

    def _show_empty(self, message: str, artists: Sequence[Any]) -> Hover:
        for artist in artists:
            artist.set_visible(False)
        for ax in self.axes()[1:]:
            ax.set_visible(False)
        self.ax.set_axis_off()
        self.set_figure_legend(False)
        self._legend_key, self._legend_handles, self.entries = None, [], ()
        self.note.show(message, self.palette)
        return no_hover

    def _show_data(self) -> None:
        self.note.hide()
        self.ax.set_axis_on()
