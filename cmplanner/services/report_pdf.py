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
    HEATMAP_MIN_POSTS,
    KeyFigures,
    best_times,
    engagement_over_time,
    posts_per_week,
)
from cmplanner.services.report import ReportData, ReportTexts

A4 = (8.27, 11.69)
PAL = LIGHT
ENGLISH = ReportTexts()


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


def _footer(fig: Figure, data: ReportData, page: int, t: ReportTexts) -> None:
    fig.text(
        0.05,
        0.02,
        t.footer.replace("%1", t.day(data.generated)).replace("%2", data.brand.timezone),
        fontsize=7,
        color=PAL.muted,
    )
    fig.text(0.95, 0.02, f"{page}", fontsize=7, color=PAL.muted, ha="right")


def _change(now: float | None, before: float | None, t: ReportTexts) -> tuple[str, str]:
    if now is None or before is None:
        return t.no_comparison, PAL.muted
    if before == 0:
        return (t.new_this_month, "#1a7f37") if now else (t.same_as_last_month, PAL.muted)
    pct = 100.0 * (now - before) / abs(before)
    if abs(pct) < 0.5:
        return t.same_as_last_month, PAL.muted
    change = t.change_vs_last_month.replace("%1", f"{abs(pct):.0f}")
    return f"{'▲' if pct > 0 else '▼'} {change}", ("#1a7f37" if pct > 0 else "#cf222e")


def _tiles(fig: Figure, now: KeyFigures, before: KeyFigures, t: ReportTexts) -> None:
    def fmt(v: float | None, decimals: int = 0) -> str:
        return "—" if v is None else f"{v:,.{decimals}f}"

    tiles = (
        (t.posts_published, fmt(now.posts), now.posts, before.posts),
        (t.engagement, fmt(now.engagement), now.engagement, before.engagement),
        (
            t.engagement_per_post,
            fmt(now.engagement_per_post, 1),
            now.engagement_per_post,
            before.engagement_per_post,
        ),
        (t.views, fmt(now.views), now.views, before.views),
        (t.followers, fmt(now.followers), now.followers, before.followers),
        (
            t.new_followers,
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
        change, color = _change(a, b, t)
        fig.text(x + 0.273, y + 0.02, change, fontsize=7, color=color, ha="right")


def _page_one(data: ReportData, t: ReportTexts) -> Figure:
    fig = Figure(figsize=A4)
    _header(fig, data, t.title.replace("%1", t.month(data.month)))
    fig.text(0.05, 0.895, t.month_in_figures, fontsize=13, weight="bold", color=PAL.text)
    _tiles(fig, data.figures, data.previous, t)
    ax1 = fig.add_axes((0.08, 0.43, 0.86, 0.22))
    draw_stacked(
        ax1,
        engagement_over_time(data.this_month),
        PAL,
        unit=t.engagement_unit,
        empty=t.no_posts_with_counts,
        texts=t.charts,
    )
    # Titles clear of the legend row above the bars.
    ax1.set_title(t.engagement_per_day, loc="left", fontsize=10, color=PAL.text, pad=18)
    ax2 = fig.add_axes((0.08, 0.09, 0.86, 0.24))
    goal = data.this_month.goal_per_week or None
    draw_stacked(
        ax2,
        posts_per_week(data.this_month),
        PAL,
        unit=t.posts_unit,
        empty=t.no_posts,
        goal=goal,
        goal_label=t.goal,
        texts=t.charts,
    )
    title = t.posts_per_week + (" " + t.goal_a_week.replace("%1", str(goal)) if goal else "")
    ax2.set_title(title, loc="left", fontsize=10, color=PAL.text, pad=18)
    _footer(fig, data, 1, t)
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


def _page_two(data: ReportData, t: ReportTexts) -> Figure:
    fig = Figure(figsize=A4)
    _header(fig, data, t.audience_title.replace("%1", t.month(data.month)))
    ax1 = fig.add_axes((0.08, 0.70, 0.40, 0.19))
    draw_followers(ax1, data.this_month.followers, PAL, t.no_followers, t.charts)
    ax1.set_title(t.followers, loc="left", fontsize=10, color=PAL.text)
    ax2 = fig.add_axes((0.57, 0.70, 0.38, 0.19))
    heat = best_times(data.history)
    draw_heatmap(
        ax2,
        heat,
        PAL,
        data.brand.timezone,
        t.best_time_empty.replace("%1", str(HEATMAP_MIN_POSTS)).replace("%2", str(heat.posts)),
        axis_label=t.hour_in_zone.replace("%1", data.brand.timezone),
        legend_labels=(t.no_post, t.low, t.high),
        texts=t.charts,
    )
    ax2.set_title(t.best_time, loc="left", fontsize=10, color=PAL.text)
    fig.text(0.05, 0.625, t.top_posts, fontsize=13, weight="bold", color=PAL.text)
    if not data.top:
        fig.text(0.05, 0.59, t.no_posts_with_counts, fontsize=9, color=PAL.muted)
    for i, top in enumerate(data.top):
        y = 0.49 - i * 0.105
        _thumbnail(fig.add_axes((0.05, y, 0.085, 0.085 * A4[0] / A4[1] * 1.4)), top.image_path)
        p = top.post
        when = to_wall(p.published_utc, data.brand.timezone)
        fig.text(
            0.16,
            y + 0.07,
            f"{t.moment(when)} · {p.network.label}",
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
        numbers = [t.n_engagement.replace("%1", f"{p.engagement:,}")]
        numbers += [
            template.replace("%1", f"{v:,}")
            for v, template in (
                (c.likes, t.n_likes),
                (c.reposts, t.n_reposts),
                (c.replies, t.n_replies),
                (c.views, t.n_views),
            )
            if v
        ]
        fig.text(0.95, y + 0.07, " · ".join(numbers), fontsize=8, color=PAL.text, ha="right")
    _footer(fig, data, 2, t)
    return fig


def _weeks(first: date) -> Iterator[list[date | None]]:
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        yield [d if d.month == first.month else None for d in week]


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _page_three(data: ReportData, t: ReportTexts) -> Figure:
    fig = Figure(figsize=A4)
    next_month = t.month(data.next_month)
    _header(fig, data, t.planned_title.replace("%1", next_month))
    fig.text(
        0.05,
        0.895,
        t.planned_count(len(data.planned)).replace("%1", next_month),
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
    for i, name in enumerate(t.weekdays_short):
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
                    x + 0.005,
                    y + 0.006,
                    t.n_more.replace("%1", str(len(entries) - 3)),
                    fontsize=5.5,
                    color=PAL.muted,
                )
    if not data.planned:
        fig.text(
            0.5,
            0.45,
            t.nothing_planned,
            ha="center",
            fontsize=11,
            color=PAL.muted,
        )
    _footer(fig, data, 3, t)
    return fig


def report_figures(data: ReportData, texts: ReportTexts = ENGLISH) -> list[Figure]:
    """The report's pages, as figures (written to PDF, or rendered to PNG to look at),
    in the language of ``texts``."""
    pages = [_page_one(data, texts), _page_two(data, texts), _page_three(data, texts)]
    for fig in pages:
        fig.set_facecolor("#ffffff")
        for ax in fig.axes:
            if ax.axison:
                style_axes(ax, PAL)
    return pages


def write_pdf(data: ReportData, path: Path, texts: ReportTexts = ENGLISH) -> int:
    """Write the report in the language of ``texts``; returns its number of pages."""
    if path.suffix.lower() != ".pdf":
        raise InvalidInput(
            f"{path.name} is not a PDF file name.", "Give a name ending in .pdf, e.g. report.pdf"
        )
    if not path.parent.exists():
        raise InvalidInput(
            f"The folder {path.parent} does not exist.", "Create it, or pick another folder."
        )
    pages = report_figures(data, texts)
    tmp = path.with_name(path.name + ".part")
    try:
        with PdfPages(
            tmp,
            metadata={
                "Title": texts.pdf_title.replace("%1", data.brand.name).replace(
                    "%2", texts.month(data.month)
                ),
                "Subject": texts.pdf_subject,
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
