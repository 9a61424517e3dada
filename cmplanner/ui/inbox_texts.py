"""Sentences the inbox shows in more than one place (the tab's banner, the window's notice)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cmplanner.domain.inbox import CrisisStatus


def crisis_text(crisis: CrisisStatus) -> str:
    """ "Possible crisis for Brand: N negative messages in the last hour (usually M an hour)."""
    text = QCoreApplication.translate(
        "Inbox",
        "Possible crisis for %1: %2 negative messages in the last hour (usually %3 an hour).",
    )
    return (
        text.replace("%1", crisis.brand_name)
        .replace("%2", str(crisis.last_hour))
        .replace("%3", f"{crisis.baseline_per_hour:g}")
    )
