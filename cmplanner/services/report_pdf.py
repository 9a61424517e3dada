"""Printing the client report: A4 pages drawn as matplotlib figures, saved with PdfPages.

Why matplotlib's PdfPages rather than Qt's QPdfWriter: the charts are matplotlib figures
already, and PdfPages keeps them vector (sharp when the client zooms or prints) with
selectable text, where QPdfWriter would paint them as pictures or need each one redrawn
with QPainter; it needs no Qt, so ``cmplanner report`` runs without a display; and each
page is a Figure, so a test (or a preview) renders the very same pages to PNG.
"""

from __future__ import annotations

import calendar
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.timezones import to_wall
from cmplanner.services.chart_draw import (
    LIGHT,
    draw_followers,
    draw_heatmap,
    draw_stacked,
    printable,
    style_axes,
)
from cmplanner.services.metrics_series import (
    KeyFigures,
    best_times,
    engagement_over_time,
    posts_per_week,
)
from cmplanner.services.report import ReportData

A4 = (8.27, 11.69)
PAL = LIGHT
_EMPTY_POSTS = "No published post with counts this month."


def _text_color(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return "#1f2328" if 0.299 * r + 0.587 * g + 0.114 * b > 160 else "#ffffff"


def _header(fig: Figure, data: ReportData, subtitle: str) -> None:
    color = data.brand.color
    fig.add_artist(Rectangle((0, 0.93), 1, 0.07, transform=fig.transFigure, color=color))
    ink = _text_color(color)
    fig.text(
        0.05, 0.962, printable(data.brand.name), fontsize=20, weight="bold", color=ink, va="center"
    )
    fig.text(0.95, 0.962, subtitle, fontsize=11, color=ink, ha="right", va="center")


def _footer(fig: Figure, data: ReportData, page: int) -> None:
    fig.text(
        0.05,
        0.02,
        f"Prepared {data.generated:%d %B %Y} with cmplanner · times in {data.brand.timezone}",
        fontsize=7,
        color=PAL.muted,
    )
    fig.text(0.95, 0.02, f"{page}", fontsize=7, color=PAL.muted, ha="right")


def _change(now: float | None, before: float | None) -> tuple[str, str]:
    if now is None or before is None:
        return "no comparison", PAL.muted
    if before == 0:
        return ("new this month", "#1a7f37") if now else ("same as last month", PAL.muted)
    pct = 100.0 * (now - before) / abs(before)
    if abs(pct) < 0.5:
        return "same as last month", PAL.muted
    return f"{'▲' if pct > 0 else '▼'} {abs(pct):.0f}% vs last month", (
        "#1a7f37" if pct > 0 else "#cf222e"
    )


def _tiles(fig: Figure, now: KeyFigures, before: KeyFigures) -> None:
    def fmt(v: float | None, decimals: int = 0) -> str:
        return "—" if v is None else f"{v:,.{decimals}f}"

    tiles = (
        ("Posts published", fmt(now.posts), now.posts, before.posts),
        ("Engagement", fmt(now.engagement), now.engagement, before.engagement),
        (
            "Engagement per post",
            fmt(now.engagement_per_post, 1),
            now.engagement_per_post,
            before.engagement_per_post,
        ),
        ("Views", fmt(now.views), now.views, before.views),
        ("Followers", fmt(now.followers), now.followers, before.followers),
        (
            "New followers",
            "—" if now.follower_change is None else f"{now.follower_change:+,}",
            now.follower_change,
            before.follower_change,
        ),
    )
    for i, (label, value, a, b) in enumerate(tiles):
        x = 0.05 + (i % 3) * 0.305
        y = 0.80 - (i // 3) * 0.075
        fig.add_artist(
            Rectangle((x, y), 0.285, 0.065, transform=fig.transFigure, color="#f6f8fa", zorder=0)
        )
        fig.text(x + 0.012, y + 0.047, label, fontsize=8, color=PAL.muted)
        fig.text(x + 0.012, y + 0.018, value, fontsize=16, weight="bold", color=PAL.text)
        change, color = _change(a, b)
        fig.text(x + 0.273, y + 0.02, change, fontsize=7, color=color, ha="right")


def _page_one(data: ReportData) -> Figure:
    fig = Figure(figsize=A4)
    month = f"{data.month:%B %Y}"
    _header(fig, data, f"Social media report · {month}")
    fig.text(0.05, 0.895, "The month in figures", fontsize=13, weight="bold", color=PAL.text)
    _tiles(fig, data.figures, data.previous)
    ax1 = fig.add_axes((0.08, 0.43, 0.86, 0.22))
    ax1.set_title("Engagement per day, by network", loc="left", fontsize=10)
    draw_stacked(
        ax1,
        engagement_over_time(data.this_month),
        PAL,
        unit="engagement",
        empty=_EMPTY_POSTS,
    )
    ax1.set_title("Engagement per day, by network", loc="left", fontsize=10, color=PAL.text)
    ax2 = fig.add_axes((0.08, 0.09, 0.86, 0.24))
    goal = data.this_month.goal_per_week or None
    draw_stacked(
        ax2,
        posts_per_week(data.this_month),
        PAL,
        unit="posts",
        empty="No post published this month.",
        goal=goal,
    )
    title = "Posts per week" + (f" (goal: {goal} a week)" if goal else "")
    ax2.set_title(title, loc="left", fontsize=10, color=PAL.text)
    _footer(fig, data, 1)
    return fig


def _thumbnail(ax: Axes, path: str | None) -> None:
    ax.set_axis_off()
    if not path:
        ax.add_patch(Rectangle((0, 0), 1, 1, color="#eaeef2", transform=ax.transAxes))
        return
    try:
        from PIL import Image

        with Image.open(path) as im:
            im.thumbnail((240, 240))
            ax.imshow(im.convert("RGB"))
    except OSError:
        ax.add_patch(Rectangle((0, 0), 1, 1, color="#eaeef2", transform=ax.transAxes))


def _page_two(data: ReportData) -> Figure:
    fig = Figure(figsize=A4)
    _header(fig, data, f"Audience and best posts · {data.month:%B %Y}")
    ax1 = fig.add_axes((0.08, 0.70, 0.40, 0.19))
    draw_followers(ax1, data.this_month.followers, PAL, "No follower counts this month.")
    ax1.set_title("Followers", loc="left", fontsize=10, color=PAL.text)
    ax2 = fig.add_axes((0.57, 0.70, 0.38, 0.19))
    draw_heatmap(ax2, best_times(data.history), PAL, data.brand.timezone)
    ax2.set_title("Best time to post (last 90 days)", loc="left", fontsize=10, color=PAL.text)
    fig.text(0.05, 0.625, "Top posts of the month", fontsize=13, weight="bold", color=PAL.text)
    if not data.top:
        fig.text(0.05, 0.59, _EMPTY_POSTS, fontsize=9, color=PAL.muted)
    for i, top in enumerate(data.top):
        y = 0.49 - i * 0.105
        _thumbnail(fig.add_axes((0.05, y, 0.085, 0.085 * A4[0] / A4[1] * 1.4)), top.image_path)
        p = top.post
        when = to_wall(p.published_utc, data.brand.timezone)
        fig.text(
            0.16,
            y + 0.07,
            f"{when:%a %d %b, %H:%M} · {p.network.label}",
            fontsize=8,
            color=PAL.muted,
        )
        fig.text(
            0.16,
            y + 0.058,
            "\n".join(textwrap.wrap(printable(p.head), 80)[:3]),
            fontsize=9,
            color=PAL.text,
            va="top",
        )
        c = p.counts
        numbers = [f"{p.engagement:,} engagement"]
        numbers += [
            f"{v:,} {label}"
            for v, label in (
                (c.likes, "likes"),
                (c.reposts, "reposts"),
                (c.replies, "replies"),
                (c.views, "views"),
            )
            if v
        ]
        fig.text(0.95, y + 0.07, " · ".join(numbers), fontsize=8, color=PAL.text, ha="right")
    _footer(fig, data, 2)
    return fig


def _weeks(first: date) -> Iterator[list[date | None]]:
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        yield [d if d.month == first.month else None for d in week]


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _page_three(data: ReportData) -> Figure:
    fig = Figure(figsize=A4)
    _header(fig, data, f"Planned for {data.next_month:%B %Y}")
    fig.text(
        0.05,
        0.895,
        f"{len(data.planned)} post(s) planned for {data.next_month:%B %Y}",
        fontsize=13,
        weight="bold",
        color=PAL.text,
    )
    by_day: dict[date, list[str]] = {}
    for item in data.planned:
        nets = ", ".join(n.label for n in item.networks)
        by_day.setdefault(item.local_at.date(), []).append(
            f"{item.local_at:%H:%M} {_cut(printable(item.head), 16)}"
            + (f"\n   {_cut(nets, 20)}" if nets else "")
        )
    weeks = list(_weeks(data.next_month))
    left, top, width, height = 0.05, 0.86, 0.90, 0.78
    cell_w, cell_h = width / 7, height / len(weeks)
    for i, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        fig.text(left + i * cell_w + 0.005, top + 0.006, name, fontsize=8, color=PAL.muted)
    for r, week in enumerate(weeks):
        for c, day in enumerate(week):
            x, y = left + c * cell_w, top - (r + 1) * cell_h
            fig.add_artist(
                Rectangle(
                    (x, y),
                    cell_w,
                    cell_h,
                    transform=fig.transFigure,
                    facecolor="#ffffff" if day else "#f6f8fa",
                    edgecolor="#d0d7de",
                    linewidth=0.6,
                )
            )
            if day is None:
                continue
            fig.text(x + 0.005, y + cell_h - 0.018, str(day.day), fontsize=8, weight="bold")
            entries = by_day.get(day, [])
            shown = entries[:3]
            for k, entry in enumerate(shown):
                fig.text(
                    x + 0.005,
                    y + cell_h - 0.036 - k * 0.03,
                    entry,
                    fontsize=5.5,
                    color=PAL.text,
                    va="top",
                    linespacing=1.1,
                )
            if len(entries) > 3:
                fig.text(
                    x + 0.005, y + 0.006, f"+{len(entries) - 3} more", fontsize=5.5, color=PAL.muted
                )
    if not data.planned:
        fig.text(
            0.5,
            0.45,
            "Nothing is scheduled for next month yet.",
            ha="center",
            fontsize=11,
            color=PAL.muted,
        )
    _footer(fig, data, 3)
    return fig


def report_figures(data: ReportData) -> list[Figure]:
    """The report's pages, as figures (written to PDF, or rendered to PNG to look at)."""
    pages = [_page_one(data), _page_two(data), _page_three(data)]
    for fig in pages:
        fig.set_facecolor("#ffffff")
        for ax in fig.axes:
            if ax.axison:
                style_axes(ax, PAL)
    return pages


def write_pdf(data: ReportData, path: Path) -> int:
    """Write the report; returns its number of pages."""
    if path.suffix.lower() != ".pdf":
        raise InvalidInput(
            f"{path.name} is not a PDF file name.", "Give a name ending in .pdf, e.g. report.pdf"
        )
    if not path.parent.exists():
        raise InvalidInput(
            f"The folder {path.parent} does not exist.", "Create it, or pick another folder."
        )
    pages = report_figures(data)
    tmp = path.with_name(path.name + ".part")
    try:
        with PdfPages(
            tmp,
            metadata={
                "Title": f"{data.brand.name} — social media report {data.month:%B %Y}",
                "Subject": "Social media report",
                "Creator": "cmplanner",
            },
        ) as pdf:
            for fig in pages:
                pdf.savefig(fig)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(
            f"Cannot write {path}: {exc.strerror}.", "Pick a folder you can write to."
        ) from None
    return len(pages)
