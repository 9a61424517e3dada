"""Drawing the charts on matplotlib Axes, with no Qt: the charts tab embeds them in
``FigureCanvasQTAgg``, the client report prints them on PDF pages.

Import this module only where charts are drawn (matplotlib costs ~0.6 s to import).

Each chart is an object made once per Axes (``StackedChart``, ``RatesChart``,
``FollowersChart``, ``HeatmapChart``) whose ``update(...)`` sets the data of the artists
it already has: bars are one ``PolyCollection`` per network whose vertices are replaced,
lines get ``set_data``, the heatmap's image ``set_data``; a legend is rebuilt only when
what it lists changes; axis limits are set from the data, not autoscaled. No
``clear()``, no replot, and no layout engine: a chart places its Axes with fixed pixel
margins (``place``), so a redraw measures no text. ``update`` returns a ``Hover``: given
the data coordinates under the pointer, the exact values there as text (or None).
Empty or sparse data shows a sentence saying what is missing and how to get it, never a
blank axis. The ``draw_*`` functions draw one chart on a fresh Axes (the report's pages).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import Colormap, ListedColormap, to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from cmplanner.domain.enums import Network
from cmplanner.services.chart_base import (
    DARK,
    LIGHT,
    NETWORK_COLORS,
    PER_FOLLOWER_COLOR,
    PER_POST_COLOR,
    Chart,
    Hover,
    LegendEntry,
    Margins,
    Palette,
    count_axis,
    date_hover,
    day_numbers,
    legend_below,
    mdates,
    period,
    printable,
    set_date_ticks,
    stamp_numbers,
    style_axes,
    style_figure,
)
from cmplanner.services.chart_texts import ENGLISH, ChartTexts, fill
from cmplanner.services.metrics import FollowerSeries
from cmplanner.services.metrics_series import HEATMAP_MIN_POSTS, Heatmap, Rates, Stacked

LINE_STYLES: tuple[Literal["-", "--", ":", "-."], ...] = ("-", "--", ":", "-.")

__all__ = [
    "DARK",
    "LIGHT",
    "NETWORK_COLORS",
    "Chart",
    "ChartTexts",
    "FollowersChart",
    "HeatmapChart",
    "Hover",
    "LegendEntry",
    "Palette",
    "RatesChart",
    "StackedChart",
    "draw_empty",
    "draw_followers",
    "draw_heatmap",
    "draw_rates",
    "draw_stacked",
    "heat_colormap",
    "heatmap_empty_text",
    "printable",
    "style_axes",
    "style_figure",
]


def _bar_verts(x: np.ndarray, bottom: np.ndarray, height: np.ndarray, width: float) -> np.ndarray:
    """Quads (n, 4, 2) of the bars with a height, built in numpy."""
    keep = height > 0
    xs, b, t = x[keep], bottom[keep], bottom[keep] + height[keep]
    left, right = xs - width / 2, xs + width / 2
    corners = ((left, b), (left, t), (right, t), (right, b))
    return np.stack([np.stack(c, 1) for c in corners], 1)


class StackedChart(Chart):
    """Bars per bucket stacked by network (one ``PolyCollection`` each); a dashed goal."""

    margins = Margins(40, 12, 22, 24)  # the legend sits above the Axes

    def __init__(
        self, ax: Axes, palette: Palette, *, legend: bool = True, texts: ChartTexts = ENGLISH
    ) -> None:
        super().__init__(ax, palette, legend=legend, texts=texts)
        if not legend:
            self.margins = Margins(40, 12, 10, 24)
        self.bars: dict[Network, PolyCollection] = {}
        self.goal_line: Line2D = ax.axhline(
            0, linestyle="--", linewidth=1.2, label=texts.goal, visible=False
        )
        count_axis(ax)
        self.restyle(palette)
        self._fix_labels()

    def restyle(self, palette: Palette) -> None:
        super().restyle(palette)
        self.goal_line.set_color(palette.accent)

    def update(
        self,
        stacked: Stacked,
        palette: Palette,
        *,
        unit: str,
        empty: str,
        goal: int | None = None,
        goal_label: str | None = None,
    ) -> Hover:
        """``goal_label`` names the goal line (default: the texts' "Goal")."""
        self._begin(palette)
        goal_label = goal_label or self.texts.goal
        if self.goal_line.get_label() != goal_label:
            self.goal_line.set_label(goal_label)
            self._legend_key = None
        ax = self.ax
        if not stacked.by_network or not any(stacked.totals):
            return self._show_empty(empty, [*self.bars.values(), self.goal_line])
        self._show_data()
        # A bar stands on its day's (week's) start, where that day's tick is.
        x = day_numbers(stacked.starts)
        width = 0.8 if stacked.daily else 5.6
        bottom = np.zeros(len(x))
        shown: list[Network] = []
        for network, values in stacked.by_network:
            height = np.asarray(values, dtype=float)
            verts = _bar_verts(x, bottom, height, width)
            bars = self.bars.get(network)
            if bars is None:
                bars = PolyCollection(
                    list(verts),
                    closed=False,
                    facecolors=NETWORK_COLORS[network],
                    edgecolors="none",
                    linewidths=0,
                    label=network.label,
                )
                bars.set_gid(network.value)
                ax.add_collection(bars, autolim=False)
                self.bars[network] = bars
            else:
                bars.set_verts(list(verts), closed=False)  # filled all the same
                bars.set_visible(True)
            bottom += height
            shown.append(network)
        for network in [n for n in self.bars if n not in shown]:
            self.bars.pop(network).remove()
        top = max(float(bottom.max()), float(goal or 0))
        ax.set_xlim(float(x[0]) - width, float(x[-1]) + width)
        t = self.texts
        set_date_ticks(ax, float(x[0]), float(x[-1]), weekly=not stacked.daily, texts=t)
        ax.set_ylim(0, top * 1.08 or 1.0)
        self.goal_line.set_visible(bool(goal))
        if goal:
            self.goal_line.set_ydata([goal, goal])
        handles: list[Any] = [self.bars[n] for n in shown] + ([self.goal_line] if goal else [])
        self._set_legend(
            (tuple(shown), bool(goal)),
            handles,
            ncols=len(handles),
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
            borderaxespad=0.2,
            handlelength=1.2,
            columnspacing=1.0,
        )
        totals = stacked.totals

        def lines(i: int) -> str:
            parts = [period(stacked.starts[i], stacked.daily, t)]
            parts += [
                fill(t.network_value, n.label, f"{v[i]:,}", unit)
                for n, v in stacked.by_network
                if v[i]
            ]
            parts.append(fill(t.total, f"{totals[i]:,}", unit))
            if goal:
                parts.append(fill(t.goal_a_week, goal))
            return "\n".join(parts)

        return date_hover(x, stacked.daily, lines)


def _points(
    starts: Sequence[date], values: Sequence[float | None]
) -> tuple[np.ndarray, np.ndarray]:
    """The buckets that have a value (x in date numbers, at the bucket's middle)."""
    y = np.array([np.nan if v is None else v for v in values], dtype=float)
    keep = ~np.isnan(y)
    return day_numbers(starts)[keep], y[keep]


class RatesChart(Chart):
    """Engagement per post (left axis) and per 100 followers (right axis)."""

    margins = Margins(52, 52, 10, 24)

    def __init__(
        self, ax: Axes, palette: Palette, *, legend: bool = True, texts: ChartTexts = ENGLISH
    ) -> None:
        super().__init__(ax, palette, legend=legend, texts=texts)
        self.twin = ax.twinx()
        (self.per_post,) = ax.plot(
            [], [], marker="o", markersize=3, color=PER_POST_COLOR, label=texts.per_post_legend
        )
        self.per_post.set_gid("per_post")
        (self.per_follower,) = self.twin.plot(
            [], [], marker="s", markersize=3, color=PER_FOLLOWER_COLOR
        )
        self.per_follower.set_label(texts.per_follower_legend)
        self.per_follower.set_gid("per_follower")
        ax.set_ylabel(texts.per_post_legend, fontsize=8)
        self.twin.set_ylabel(texts.per_follower_legend, fontsize=8)
        ax.set_zorder(self.twin.get_zorder() + 1)  # the left line and its legend on top
        ax.patch.set_visible(False)
        count_axis(ax)
        self.restyle(palette)
        self._fix_labels()

    def axes(self) -> list[Axes]:
        return [self.ax, self.twin]

    def restyle(self, palette: Palette) -> None:
        super().restyle(palette)
        self.twin.grid(False)
        self.ax.patch.set_visible(False)

    def update(self, rates: Rates, palette: Palette, empty: str) -> Hover:
        self._begin(palette)
        x, y = _points(rates.starts, rates.per_post)
        if not len(x):
            return self._show_empty(empty, [self.per_post, self.per_follower])
        self._show_data()
        half = 0.5 if rates.daily else 3.5
        self.per_post.set_data(x, y)
        self.per_post.set_visible(True)
        fx, fy = _points(rates.starts, rates.per_follower_pct)
        has_followers = bool(len(fx))
        self.twin.set_visible(has_followers)
        self.per_follower.set_visible(has_followers)
        self.per_follower.set_data(fx, fy)
        lo = float(day_numbers(rates.starts[:1])[0])
        lo -= half
        hi = float(day_numbers(rates.starts[-1:])[0]) + half
        self.ax.set_xlim(lo, hi)
        t = self.texts
        set_date_ticks(self.ax, lo + half, hi - half, weekly=not rates.daily, texts=t)
        self.ax.set_ylim(0, float(y.max()) * 1.15 or 1.0)
        if has_followers:  # more headroom than the left: two lines of one shape stay apart
            self.twin.set_ylim(0, float(fy.max()) * 1.6 or 1.0)
        handles = [self.per_post] + ([self.per_follower] if has_followers else [])
        self._set_legend(has_followers, handles, loc="upper left")

        def lines(i: int) -> str:
            out = [period(rates.starts[i], rates.daily, t)]
            pp, pf = rates.per_post[i], rates.per_follower_pct[i]
            out.append(fill(t.per_post, f"{pp:,.1f}") if pp is not None else t.no_post_hover)
            if pf is not None:
                out.append(fill(t.per_100_followers, f"{pf:.2f}"))
            return "\n".join(out)

        return date_hover(day_numbers(rates.starts), rates.daily, lines)


class FollowersChart(Chart):
    """Follower counts per account: one line each, kept and given new data."""

    def __init__(
        self, ax: Axes, palette: Palette, *, legend: bool = True, texts: ChartTexts = ENGLISH
    ) -> None:
        super().__init__(ax, palette, legend=legend, texts=texts)
        self.lines: dict[int, Line2D] = {}
        count_axis(ax)
        self.restyle(palette)
        self._fix_labels()

    def update(self, followers: Sequence[FollowerSeries], palette: Palette, empty: str) -> Hover:
        self._begin(palette)
        series = [s for s in followers if s.points]
        if not series:
            return self._show_empty(empty, list(self.lines.values()))
        self._show_data()
        xs: list[np.ndarray] = []
        lo, hi = float("inf"), float("-inf")
        same_network: dict[Network, int] = {}
        for s in series:
            x = stamp_numbers(s.timestamps())
            y = np.fromiter((n for _t, n in s.points), float, len(s.points))
            xs.append(x)
            lo, hi = min(lo, float(y.min())), max(hi, float(y.max()))
            line = self.lines.get(s.account_id)
            if line is None:
                (line,) = self.ax.plot([], [], markersize=4, color=NETWORK_COLORS[s.network])
                line.set_gid(f"account:{s.account_id}")
                self.lines[s.account_id] = line
            line.set_data(x, y)
            # Accounts on one network share its colour: a dash pattern tells them apart.
            k = same_network[s.network] = same_network.get(s.network, -1) + 1
            line.set_linestyle(LINE_STYLES[k % len(LINE_STYLES)])
            line.set_marker("o" if len(x) < 3 else "None")
            line.set_label(f"{s.network.label} {s.handle}")
            line.set_visible(True)
        wanted = {s.account_id for s in series}
        for account_id in [a for a in self.lines if a not in wanted]:
            self.lines.pop(account_id).remove()
        x_lo = min(float(x.min()) for x in xs)
        x_hi = max(float(x.max()) for x in xs)
        pad = (x_hi - x_lo) * 0.02 or 1.0
        self.ax.set_xlim(x_lo - pad, x_hi + pad)
        t = self.texts
        set_date_ticks(self.ax, x_lo, x_hi, texts=t)
        span = (hi - lo) or max(hi, 1.0)
        room = 0.0
        if self.legend_in_figure:  # headroom for the legend in the upper left
            room = 0.12 * ((len(series) + 1) // (2 if len(series) > 3 else 1))
        self.ax.set_ylim(lo - span * 0.05, hi + span * (0.08 + room))
        self._set_legend(
            tuple((s.account_id, s.network, s.handle) for s in series),
            [self.lines[s.account_id] for s in series],
            loc="upper left",
            ncols=2 if len(series) > 3 else 1,
            handlelength=1.2,
            columnspacing=1.0,
        )
        stamps = [[t for t, _n in s.points] for s in series]

        def hover(x: float, _y: float) -> str | None:
            at = mdates.num2date(x)
            out = [t.day(at.date())]
            for s, times in zip(series, stamps, strict=True):
                i = bisect_left(times, at)
                if i < len(times) and times[i] == at:
                    i += 1
                if i:
                    account = f"{s.network.label} {s.handle}"
                    out.append(fill(t.account_followers, account, f"{s.points[i - 1][1]:,}"))
            return "\n".join(out) if len(out) > 1 else None

        return hover


def heat_colormap(palette: Palette) -> Colormap:
    """The palette's heat colours without their palest (light) or darkest (dark) end: the
    lowest mean must not look like the background, which is where a cell with no post
    shows (hatched)."""
    base = colormaps[palette.heat]
    lo, hi = (0.22, 1.0) if palette.dark else (0.18, 1.0)
    return ListedColormap(base(np.linspace(lo, hi, 256)), name=f"{palette.heat}_cells")


def heatmap_empty_text(
    posts: int, span_days: int | None = None, texts: ChartTexts = ENGLISH
) -> str:
    """The heatmap's empty state: how many posts it needs and what to try."""
    short = span_days is None or span_days < 90
    hint = texts.heat_try_90 if short else texts.heat_publish_more
    return f"{fill(texts.heat_empty, HEATMAP_MIN_POSTS, posts)} {hint}"


class HeatmapChart(Chart):
    """Mean engagement per post by weekday and hour: one quad mesh, three best cells framed.

    A cell with no post is left out of the image and shows the hatched background, so it
    never reads as a low mean (the colours start above the background's shade)."""

    margins = Margins(36, 12, 8, 38)

    def __init__(
        self, ax: Axes, palette: Palette, *, legend: bool = True, texts: ChartTexts = ENGLISH
    ) -> None:
        super().__init__(ax, palette, legend=legend, texts=texts)
        self.no_post = Rectangle(
            (-0.5, -0.5), 24, 7, hatch="////", linewidth=0, zorder=0.5, label=texts.no_post
        )
        ax.add_patch(self.no_post)
        # One quad per cell (a QuadMesh): Agg fills 168 quads far faster than it
        # resamples a 7 x 24 image to the Axes' pixels.
        self.image = ax.pcolormesh(
            np.arange(25) - 0.5,
            np.arange(8) - 0.5,
            np.ma.masked_invalid(np.full((7, 24), np.nan)),
            cmap=heat_colormap(palette),
            shading="flat",
            zorder=1,
        )
        self.image.set_gid("heatmap")
        self.best = [
            Rectangle((0, 0), 1, 1, fill=False, linewidth=1.5, visible=False, zorder=2)
            for _ in range(3)
        ]
        for frame in self.best:
            ax.add_patch(frame)
        self.low = Rectangle((0, 0), 1, 1, label=texts.low)
        self.high = Rectangle((0, 0), 1, 1, label=texts.high)
        ax.set_yticks(range(7), texts.weekdays_short)
        ax.set_xticks(range(0, 24, 3), [f"{h:02d}" for h in range(0, 24, 3)])
        ax.set_xlim(-0.5, 23.5)
        ax.set_ylim(6.5, -0.5)
        self.restyle(palette)
        self._fix_labels()

    def restyle(self, palette: Palette) -> None:
        super().restyle(palette)
        self.ax.grid(False)
        cmap = heat_colormap(palette)
        self.image.set_cmap(cmap)
        # The hatch takes the patch's edge colour: faint lines on the background.
        self.no_post.set_facecolor(palette.background)
        self.no_post.set_edgecolor(palette.grid)
        self.low.set_facecolor(to_hex(cmap(0.0)))
        self.high.set_facecolor(to_hex(cmap(1.0)))
        for frame in self.best:
            frame.set_edgecolor(palette.best_frame or palette.accent)
        self._legend_key = None  # the swatches' colours changed

    def update(
        self,
        heat: Heatmap,
        palette: Palette,
        timezone_label: str,
        empty: str | None = None,
        *,
        axis_label: str | None = None,
        legend_labels: tuple[str, str, str] | None = None,
    ) -> Hover:
        """``axis_label`` names the hours (default the texts' "hour (zone)");
        ``legend_labels`` the hatch, the low end and the high end (default the texts')."""
        self._begin(palette)
        t = self.texts
        if heat.posts < HEATMAP_MIN_POSTS:
            return self._show_empty(
                empty or heatmap_empty_text(heat.posts, texts=t),
                [self.image, self.no_post, *self.best],
            )
        self._show_data()
        grid = np.array(
            [[np.nan if v is None else v for v in row] for row in heat.mean], dtype=float
        )
        self.image.set_array(np.ma.masked_invalid(grid))
        self.image.set_clim(float(np.nanmin(grid)), float(np.nanmax(grid)))
        self.image.set_visible(True)
        self.no_post.set_visible(True)
        label = axis_label or fill(t.hour_axis, timezone_label)
        if self.ax.get_xlabel() != label:
            self.ax.set_xlabel(label, fontsize=8)
            self.ax.xaxis.label.set_color(self.palette.muted)
        best = heat.best(len(self.best))
        for k, frame in enumerate(self.best):
            if k < len(best):
                d, h, _m = best[k]
                frame.set_xy((h - 0.5, d - 0.5))
            frame.set_visible(k < len(best))
        if legend_labels is not None:
            for swatch, text in zip(
                (self.no_post, self.low, self.high), legend_labels, strict=True
            ):
                swatch.set_label(text)
        self._set_legend(
            ("heat", self.palette, legend_labels),
            [self.no_post, self.low, self.high],
            # Below the hours' label: above the Axes is where a title goes (the report).
            **legend_below(self.ax, 3),
            handlelength=1.2,
        )

        def hover(x: float, y: float) -> str | None:
            h, d = round(x), round(y)
            if not (0 <= d < 7 and 0 <= h < 24):
                return None
            n = heat.count[d][h]
            if not n:
                return fill(t.heat_cell_empty, t.weekdays_short[d], f"{h:02d}")
            return fill(t.heat_cell, t.weekdays_short[d], f"{h:02d}", f"{heat.mean[d][h]:,.1f}", n)

        return hover


# ---- one chart on a fresh Axes (the report) ------------------------------------------


def draw_empty(ax: Axes, message: str, palette: Palette) -> Hover:
    return Chart(ax, palette)._show_empty(message, [])


def draw_stacked(
    ax: Axes,
    stacked: Stacked,
    palette: Palette,
    *,
    unit: str,
    empty: str,
    goal: int | None = None,
    goal_label: str | None = None,
    texts: ChartTexts = ENGLISH,
) -> Hover:
    return StackedChart(ax, palette, texts=texts).update(
        stacked, palette, unit=unit, empty=empty, goal=goal, goal_label=goal_label
    )


def draw_rates(
    ax: Axes, rates: Rates, palette: Palette, empty: str, texts: ChartTexts = ENGLISH
) -> Hover:
    return RatesChart(ax, palette, texts=texts).update(rates, palette, empty)


def draw_followers(
    ax: Axes,
    followers: Sequence[FollowerSeries],
    palette: Palette,
    empty: str,
    texts: ChartTexts = ENGLISH,
) -> Hover:
    return FollowersChart(ax, palette, texts=texts).update(followers, palette, empty)


def draw_heatmap(
    ax: Axes,
    heat: Heatmap,
    palette: Palette,
    timezone_label: str,
    empty: str | None = None,
    *,
    axis_label: str | None = None,
    legend_labels: tuple[str, str, str] | None = None,
    texts: ChartTexts = ENGLISH,
) -> Hover:
    return HeatmapChart(ax, palette, texts=texts).update(
        heat, palette, timezone_label, empty, axis_label=axis_label, legend_labels=legend_labels
    )
