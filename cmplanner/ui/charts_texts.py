"""The charts' and the client report's texts in the user's language.

Charts and the report are drawn by services (no Qt there), so they translate nothing:
this module puts every text they print through ``QCoreApplication.translate`` (contexts
``Charts`` and ``ClientReport``, so ``lupdate`` collects them with the window's) and
hands the result, a frozen ``ChartTexts`` (the charts tab) or ``ReportTexts`` (holding a
``ChartTexts`` for its charts; ``write_pdf``), to the services. The window's charts tab
and report dialog and ``cmplanner report`` use it. Imports QtCore only (no widgets, no
matplotlib).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cmplanner.services.chart_texts import ChartTexts
from cmplanner.services.report import ReportTexts


def chart_texts() -> ChartTexts:
    """Every text the charts draw, translated now (call it on the GUI thread).

    ``%1``, ``%2``… are placeholders a translation may reorder (``chart_texts.fill``).
    """
    return ChartTexts(
        goal=QCoreApplication.translate("Charts", "Goal"),
        per_post_legend=QCoreApplication.translate("Charts", "engagement per post"),
        per_follower_legend=QCoreApplication.translate("Charts", "per 100 followers (%)"),
        hour_axis=QCoreApplication.translate("Charts", "hour (%1)"),
        no_post=QCoreApplication.translate("Charts", "no post"),
        low=QCoreApplication.translate("Charts", "low"),
        high=QCoreApplication.translate("Charts", "high engagement a post"),
        network_value=QCoreApplication.translate(
            "Charts", "%1: %2 %3", "hover: network, value, unit"
        ),
        total=QCoreApplication.translate("Charts", "Total: %1 %2", "hover: value, unit"),
        goal_a_week=QCoreApplication.translate("Charts", "Goal: %1 a week"),
        per_post=QCoreApplication.translate("Charts", "Per post: %1"),
        no_post_hover=QCoreApplication.translate("Charts", "No post"),
        per_100_followers=QCoreApplication.translate("Charts", "Per 100 followers: %1%"),
        account_followers=QCoreApplication.translate(
            "Charts", "%1: %2 followers", "hover: account, count"
        ),
        heat_cell_empty=QCoreApplication.translate(
            "Charts", "%1 %2:00 — no post", "hover: weekday, hour"
        ),
        heat_cell=QCoreApplication.translate(
            "Charts",
            "%1 %2:00 — %3 engagement a post (%4 posts)",
            "hover: weekday, hour, mean, number of posts",
        ),
        day_long=QCoreApplication.translate(
            "Charts", "%1 %2 %3 %4", "a day: weekday, day, month, year"
        ),
        week_of=QCoreApplication.translate("Charts", "week of %1 %2 %3", "day, month, year"),
        day_tick=QCoreApplication.translate("Charts", "%1 %2", "a date axis' day: day, month"),
        heat_empty=QCoreApplication.translate(
            "Charts",
            "Best times need at least %1 published posts with counts; this range has %2.",
        ),
        heat_try_90=QCoreApplication.translate("Charts", "Try the last 90 days."),
        heat_publish_more=QCoreApplication.translate(
            "Charts",
            "Publish more, or import an analytics export (cmplanner import-analytics FILE).",
        ),
        weekdays_short=(
            QCoreApplication.translate("Charts", "Mon"),
            QCoreApplication.translate("Charts", "Tue"),
            QCoreApplication.translate("Charts", "Wed"),
            QCoreApplication.translate("Charts", "Thu"),
            QCoreApplication.translate("Charts", "Fri"),
            QCoreApplication.translate("Charts", "Sat"),
            QCoreApplication.translate("Charts", "Sun"),
        ),
        months_short=(
            QCoreApplication.translate("Charts", "Jan"),
            QCoreApplication.translate("Charts", "Feb"),
            QCoreApplication.translate("Charts", "Mar"),
            QCoreApplication.translate("Charts", "Apr"),
            QCoreApplication.translate("Charts", "May", "short month"),
            QCoreApplication.translate("Charts", "Jun"),
            QCoreApplication.translate("Charts", "Jul"),
            QCoreApplication.translate("Charts", "Aug"),
            QCoreApplication.translate("Charts", "Sep"),
            QCoreApplication.translate("Charts", "Oct"),
            QCoreApplication.translate("Charts", "Nov"),
            QCoreApplication.translate("Charts", "Dec"),
        ),
    )


def _planned_count(n: int) -> str:
    return QCoreApplication.translate("ClientReport", "%n post(s) planned for %1", "", n)


def report_texts() -> ReportTexts:
    """Every text of the report, translated now (call it on the GUI thread)."""
    charts = chart_texts()
    return ReportTexts(
        title=QCoreApplication.translate("ClientReport", "Social media report · %1"),
        pdf_title=QCoreApplication.translate("ClientReport", "%1 — social media report %2"),
        pdf_subject=QCoreApplication.translate("ClientReport", "Social media report"),
        footer=QCoreApplication.translate(
            "ClientReport", "Prepared %1 with cmplanner · times in %2"
        ),
        month_in_figures=QCoreApplication.translate("ClientReport", "The month in figures"),
        posts_published=QCoreApplication.translate("ClientReport", "Posts published"),
        engagement=QCoreApplication.translate("ClientReport", "Engagement"),
        engagement_per_post=QCoreApplication.translate("ClientReport", "Engagement per post"),
        views=QCoreApplication.translate("ClientReport", "Views"),
        followers=QCoreApplication.translate("ClientReport", "Followers"),
        new_followers=QCoreApplication.translate("ClientReport", "New followers"),
        no_comparison=QCoreApplication.translate("ClientReport", "no comparison"),
        new_this_month=QCoreApplication.translate("ClientReport", "new this month"),
        same_as_last_month=QCoreApplication.translate("ClientReport", "same as last month"),
        change_vs_last_month=QCoreApplication.translate("ClientReport", "%1% vs last month"),
        engagement_per_day=QCoreApplication.translate(
            "ClientReport", "Engagement per day, by network"
        ),
        engagement_unit=QCoreApplication.translate("ClientReport", "engagement"),
        posts_unit=QCoreApplication.translate("ClientReport", "posts"),
        no_posts_with_counts=QCoreApplication.translate(
            "ClientReport", "No published post with counts this month."
        ),
        no_posts=QCoreApplication.translate("ClientReport", "No post published this month."),
        posts_per_week=QCoreApplication.translate("ClientReport", "Posts per week"),
        goal_a_week=QCoreApplication.translate("ClientReport", "(goal: %1 a week)"),
        goal=QCoreApplication.translate("ClientReport", "Goal"),
        audience_title=QCoreApplication.translate("ClientReport", "Audience and best posts · %1"),
        no_followers=QCoreApplication.translate("ClientReport", "No follower counts this month."),
        best_time=QCoreApplication.translate("ClientReport", "Best time to post (last 90 days)"),
        hour_in_zone=QCoreApplication.translate("ClientReport", "hour (%1)"),
        no_post=QCoreApplication.translate("ClientReport", "no post"),
        low=QCoreApplication.translate("ClientReport", "low"),
        high=QCoreApplication.translate("ClientReport", "high engagement a post"),
        best_time_empty=QCoreApplication.translate(
            "ClientReport",
            "Best times need at least %1 published posts with counts; the last 90 days have %2.",
        ),
        top_posts=QCoreApplication.translate("ClientReport", "Top posts of the month"),
        n_engagement=QCoreApplication.translate("ClientReport", "%1 engagement"),
        n_likes=QCoreApplication.translate("ClientReport", "%1 likes"),
        n_reposts=QCoreApplication.translate("ClientReport", "%1 reposts"),
        n_replies=QCoreApplication.translate("ClientReport", "%1 replies"),
        n_views=QCoreApplication.translate("ClientReport", "%1 views"),
        planned_title=QCoreApplication.translate("ClientReport", "Planned for %1"),
        n_more=QCoreApplication.translate("ClientReport", "+%1 more"),
        nothing_planned=QCoreApplication.translate(
            "ClientReport", "Nothing is scheduled for next month yet."
        ),
        planned_count=_planned_count,
        charts=charts,
        months=(
            QCoreApplication.translate("ClientReport", "January"),
            QCoreApplication.translate("ClientReport", "February"),
            QCoreApplication.translate("ClientReport", "March"),
            QCoreApplication.translate("ClientReport", "April"),
            QCoreApplication.translate("ClientReport", "May"),
            QCoreApplication.translate("ClientReport", "June"),
            QCoreApplication.translate("ClientReport", "July"),
            QCoreApplication.translate("ClientReport", "August"),
            QCoreApplication.translate("ClientReport", "September"),
            QCoreApplication.translate("ClientReport", "October"),
            QCoreApplication.translate("ClientReport", "November"),
            QCoreApplication.translate("ClientReport", "December"),
        ),
        # the abbreviations are the charts' own, translated once (context "Charts")
        months_short=charts.months_short,
        weekdays_short=charts.weekdays_short,
    )
