"""Drawing the charts on matplotlib Axes, with no Qt: the charts tab embeds them in
``FigureCanvasQTAgg``, the client report prints them on PDF pages.

Import this module only where charts are drawn (matplotlib costs ~0.6 s to import).
Each ``draw_*`` returns a ``Hover``: given the data coordinates under the pointer, the
exact values there as text (or None). Empty or sparse data draws a sentence saying what
is missing and how to get it, never a blank axis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import matplotlib.dates as _mdates_module
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from cmplanner.domain.enums import Network
from cmplanner.services.metrics import FollowerSeries
from cmplanner.services.metrics_series import HEATMAP_MIN_POSTS, Heatmap, Rates, Stacked

Hover = Callable[[float, float], str | None]
#: matplotlib.dates has no type hints: one untyped handle instead of ignores everywhere.
mdates: Any = _mdates_module
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: One colour per network, readable on light and dark backgrounds.
NETWORK_COLORS = {
    Network.MASTODON: "#6364ff",
    Network.BLUESKY: "#1185fe",
    Network.X: "#7f7f7f",
    Network.LINKEDIN: "#0a66c2",
    Network.FACEBOOK: "#4f7ff0",
    Network.INSTAGRAM: "#e1306c",
    Network.THREADS: "#b0b0b0",
}
# Bluesky/LinkedIn/Facebook blues are close: set them apart a little.
NETWORK_COLORS[Network.LINKEDIN] = "#2aa889"
NETWORK_COLORS[Network.FACEBOOK] = "#f0a030"


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str
    grid: str
    accent: str
    heat: str  # a matplotlib colormap name

    @property
    def dark(self) -> bool:
        return self.background.lower() < "#808080"


LIGHT = Palette("#ffffff", "#1f2328", "#6e7781", "#d8dee4", "#cf222e", "YlGnBu")
DARK = Palette("#1e1f22", "#e6edf3", "#8b949e", "#3a3f46", "#ff7b72", "magma")


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
    ax.tick_params(colors=palette.muted, labelsize=8)
    ax.xaxis.label.set_color(palette.muted)
    ax.yaxis.label.set_color(palette.muted)
    ax.title.set_color(palette.text)
    ax.grid(True, axis="y", color=palette.grid, linewidth=0.6)
    ax.set_axisbelow(True)


def draw_empty(ax: Axes, message: str, palette: Palette) -> Hover:
    ax.clear()
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        wrap=True,
        color=palette.muted,
        fontsize=9,
        transform=ax.transAxes,
    )
    return lambda _x, _y: None


def _date_hover(starts: tuple[date, ...], daily: bool, lines: Callable[[int], str]) -> Hover:
    centers = [float(c) for c in mdates.date2num(list(starts))] if starts else []
    half = 0.5 if daily else 3.5

    def hover(x: float, _y: float) -> str | None:
        for i, c in enumerate(centers):
            if c - half <= x < c + half:
                return lines(i)
        return None

    return hover


def _period(start: date, daily: bool) -> str:
    return f"{start:%a %d %b %Y}" if daily else f"week of {start:%d %b %Y}"


def _date_axis(ax: Axes, palette: Palette) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    style_axes(ax, palette)


def draw_stacked(
    ax: Axes,
    stacked: Stacked,
    palette: Palette,
    *,
    unit: str,
    empty: str,
    goal: int | None = None,
) -> Hover:
    """Bars per bucket stacked by network; an optional dashed goal line."""
    ax.clear()
    if not stacked.by_network or not any(stacked.totals):
        return draw_empty(ax, empty, palette)
    width = 0.8 if stacked.daily else 5.6
    bottom = [0] * len(stacked.starts)
    for network, values in stacked.by_network:
        ax.bar(
            mdates.date2num(stacked.starts),
            values,
            width=width,
            bottom=bottom,
            color=NETWORK_COLORS[network],
            label=network.label,
            gid=network.value,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    if goal:
        ax.axhline(goal, color=palette.accent, linestyle="--", linewidth=1.2, label="Goal")
    _date_axis(ax, palette)
    legend = ax.legend(
        fontsize=7,
        frameon=False,
        ncols=len(stacked.by_network) + (1 if goal else 0),
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        borderaxespad=0.2,
    )
    for text in legend.get_texts():
        text.set_color(palette.text)

    def lines(i: int) -> str:
        parts = [_period(stacked.starts[i], stacked.daily)]
        parts += [f"{n.label}: {v[i]:,} {unit}" for n, v in stacked.by_network if v[i]]
        parts.append(f"Total: {stacked.totals[i]:,} {unit}")
        if goal:
            parts.append(f"Goal: {goal} a week")
        return "\n".join(parts)

    return _date_hover(stacked.starts, stacked.daily, lines)


def draw_rates(ax: Axes, rates: Rates, palette: Palette, empty: str) -> Hover:
    """Engagement per post (left axis) and per 100 followers (right axis)."""
    ax.clear()
    for extra in list(ax.figure.axes):
        if extra is not ax and getattr(extra, "_cmplanner_twin", False):
            extra.remove()
    points = [(d, v) for d, v in zip(rates.starts, rates.per_post, strict=True) if v is not None]
    if not points:
        return draw_empty(ax, empty, palette)
    xs, ys = zip(*points, strict=True)
    (per_post,) = ax.plot(
        mdates.date2num(xs), ys, marker="o", markersize=3, color="#1185fe", gid="per_post"
    )
    handles = [per_post]
    per_post.set_label("engagement per post")
    ax.set_ylabel("engagement per post")
    follower_points = [
        (d, v) for d, v in zip(rates.starts, rates.per_follower_pct, strict=True) if v is not None
    ]
    if follower_points:
        twin = ax.twinx()
        twin._cmplanner_twin = True  # type: ignore[attr-defined]
        fx, fy = zip(*follower_points, strict=True)
        twin.plot(
            mdates.date2num(fx), fy, marker="s", markersize=3, color="#2aa889", gid="per_follower"
        )
        handles += twin.lines[-1:]
        twin.lines[-1].set_label("per 100 followers (%)")
        twin.set_ylabel("per 100 followers (%)")
        style_axes(twin, palette)
        twin.grid(False)
    _date_axis(ax, palette)
    legend = ax.legend(handles=handles, fontsize=7, frameon=False, loc="upper left")
    for text in legend.get_texts():
        text.set_color(palette.text)

    def lines(i: int) -> str:
        out = [_period(rates.starts[i], rates.daily)]
        pp, pf = rates.per_post[i], rates.per_follower_pct[i]
        out.append(f"Per post: {pp:,.1f}" if pp is not None else "No post")
        if pf is not None:
            out.append(f"Per 100 followers: {pf:.2f}%")
        return "\n".join(out)

    return _date_hover(rates.starts, rates.daily, lines)


def draw_followers(
    ax: Axes, followers: tuple[FollowerSeries, ...], palette: Palette, empty: str
) -> Hover:
    ax.clear()
    series = [s for s in followers if s.points]
    if not series:
        return draw_empty(ax, empty, palette)
    for s in series:
        xs = mdates.date2num([t for t, _n in s.points])
        ys = [n for _t, n in s.points]
        ax.plot(
            xs,
            ys,
            marker="o" if len(xs) < 3 else None,
            markersize=4,
            color=NETWORK_COLORS[s.network],
            label=f"{s.network.label} {s.handle}",
            gid=f"account:{s.account_id}",
        )
    _date_axis(ax, palette)
    legend = ax.legend(fontsize=7, frameon=False, loc="best")
    for text in legend.get_texts():
        text.set_color(palette.text)

    def hover(x: float, _y: float) -> str | None:
        at = mdates.num2date(x)
        out = [f"{at:%a %d %b %Y}"]
        for s in series:
            before = [(t, n) for t, n in s.points if t <= at]
            if before:
                out.append(f"{s.network.label} {s.handle}: {before[-1][1]:,} followers")
        return "\n".join(out) if len(out) > 1 else None

    return hover


def draw_heatmap(ax: Axes, heat: Heatmap, palette: Palette, timezone_label: str) -> Hover:
    ax.clear()
    if heat.posts < HEATMAP_MIN_POSTS:
        return draw_empty(
            ax,
            f"Best times need at least {HEATMAP_MIN_POSTS} published posts with counts; "
            f"this range has {heat.posts}. Try the last 90 days.",
            palette,
        )
    grid = [[v if v is not None else float("nan") for v in row] for row in heat.mean]
    image = ax.imshow(grid, aspect="auto", cmap=palette.heat, interpolation="nearest")
    image.set_gid("heatmap")
    ax.set_yticks(range(7), WEEKDAYS)
    ax.set_xticks(range(0, 24, 3), [f"{h:02d}" for h in range(0, 24, 3)])
    ax.set_xlabel(f"hour ({timezone_label})")
    style_axes(ax, palette)
    ax.grid(False)
    for d, h, _m in heat.best(3):
        ax.add_patch(
            Rectangle((h - 0.5, d - 0.5), 1, 1, fill=False, edgecolor=palette.accent, linewidth=1.5)
        )

    def hover(x: float, y: float) -> str | None:
        h, d = round(x), round(y)
        if not (0 <= d < 7 and 0 <= h < 24):
            return None
        n = heat.count[d][h]
        if not n:
            return f"{WEEKDAYS[d]} {h:02d}:00 — no post"
        return f"{WEEKDAYS[d]} {h:02d}:00 — {heat.mean[d][h]:,.1f} engagement a post ({n} posts)"

    return hover
