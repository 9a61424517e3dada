"""The client report's texts in the user's language.

The report is drawn by services (no Qt there), so they translate nothing: this module
puts every sentence the report prints through ``QCoreApplication.translate`` (context
``ClientReport``, so ``lupdate`` collects them with the window's) and hands the result,
a frozen ``ReportTexts``, to ``write_pdf``. The window's report dialog and
``cmplanner report`` both use it. Imports QtCore only (no widgets, no matplotlib).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cmplanner.services.report import ReportTexts


def _planned_count(n: int) -> str:
    return QCoreApplication.translate("ClientReport", "%n post(s) planned for %1", "", n)


def report_texts() -> ReportTexts:
    """Every text of the report, translated now (call it on the GUI thread)."""
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
        months_short=(
            QCoreApplication.translate("ClientReport", "Jan"),
            QCoreApplication.translate("ClientReport", "Feb"),
            QCoreApplication.translate("ClientReport", "Mar"),
            QCoreApplication.translate("ClientReport", "Apr"),
            QCoreApplication.translate("ClientReport", "May", "short month"),
            QCoreApplication.translate("ClientReport", "Jun"),
            QCoreApplication.translate("ClientReport", "Jul"),
            QCoreApplication.translate("ClientReport", "Aug"),
            QCoreApplication.translate("ClientReport", "Sep"),
            QCoreApplication.translate("ClientReport", "Oct"),
            QCoreApplication.translate("ClientReport", "Nov"),
            QCoreApplication.translate("ClientReport", "Dec"),
        ),
        weekdays_short=(
            QCoreApplication.translate("ClientReport", "Mon"),
            QCoreApplication.translate("ClientReport", "Tue"),
            QCoreApplication.translate("ClientReport", "Wed"),
            QCoreApplication.translate("ClientReport", "Thu"),
            QCoreApplication.translate("ClientReport", "Fri"),
            QCoreApplication.translate("ClientReport", "Sat"),
            QCoreApplication.translate("ClientReport", "Sun"),
        ),
    )
