"""The words the charts print: hover lines, legend entries, axis titles, weekday and
month names, the heatmap's empty sentences.

Services carry no Qt, so they translate nothing: ``ChartTexts`` holds the English texts,
and the window (``cmplanner.ui.charts_texts.chart_texts``) passes a copy filled through
``QCoreApplication.translate``. Placeholders are ``%1``, ``%2``…, filled by ``fill``, so a
translation can put them in its own order. Imports no matplotlib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PLACEHOLDER = re.compile(r"%(\d)")

#: English defaults, shared with the report's texts (``services/report.py``).
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fill(template: str, *values: object) -> str:
    """``template`` with ``%1``, ``%2``… replaced by ``values`` in one pass (a value that
    holds "%2" is not filled again)."""

    def one(match: re.Match[str]) -> str:
        k = int(match.group(1)) - 1
        return str(values[k]) if 0 <= k < len(values) else match.group(0)

    return _PLACEHOLDER.sub(one, template)


@dataclass(frozen=True)
class ChartTexts:
    """Every text the charts draw, in English unless a translation is passed."""

    # legends and axis titles
    goal: str = "Goal"
    per_post_legend: str = "engagement per post"
    per_follower_legend: str = "per 100 followers (%)"
    hour_axis: str = "hour (%1)"  # %1: the time zone
    no_post: str = "no post"
    low: str = "low"
    high: str = "high engagement a post"
    # hover lines
    network_value: str = "%1: %2 %3"  # network, value, unit
    total: str = "Total: %1 %2"  # value, unit
    goal_a_week: str = "Goal: %1 a week"
    per_post: str = "Per post: %1"
    no_post_hover: str = "No post"
    per_100_followers: str = "Per 100 followers: %1%"
    account_followers: str = "%1: %2 followers"  # account, count
    heat_cell_empty: str = "%1 %2:00 — no post"  # weekday, hour
    heat_cell: str = "%1 %2:00 — %3 engagement a post (%4 posts)"  # weekday, hour, mean, n
    # dates
    day_long: str = "%1 %2 %3 %4"  # weekday, day, month, year: "Thu 05 Nov 2026"
    week_of: str = "week of %1 %2 %3"  # day, month, year
    day_tick: str = "%1 %2"  # day, month: "05 Nov"
    # the heatmap's empty state
    heat_empty: str = "Best times need at least %1 published posts with counts; this range has %2."
    heat_try_90: str = "Try the last 90 days."
    heat_publish_more: str = (
        "Publish more, or import an analytics export (cmplanner import-analytics FILE)."
    )
    weekdays_short: tuple[str, ...] = WEEKDAYS_SHORT
    months_short: tuple[str, ...] = MONTHS_SHORT

    def day(self, d: date) -> str:
        """A day in full: "Thu 05 Nov 2026"."""
        return fill(
            self.day_long,
            self.weekdays_short[d.weekday()],
            f"{d.day:02d}",
            self.months_short[d.month - 1],
            d.year,
        )

    def week(self, d: date) -> str:
        """The week starting ``d``: "week of 02 Nov 2026"."""
        return fill(self.week_of, f"{d.day:02d}", self.months_short[d.month - 1], d.year)

    def tick(self, d: date) -> str:
        """A date axis' day label: "05 Nov"."""
        return fill(self.day_tick, f"{d.day:02d}", self.months_short[d.month - 1])


ENGLISH = ChartTexts()
