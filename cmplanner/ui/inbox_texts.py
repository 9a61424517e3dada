"""Sentences the inbox shows in more than one place (the tab's banner, the window's notice)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from cmplanner.domain.inbox import Conversation, CrisisStatus


def _tr(text: str) -> str:
    return QCoreApplication.translate("InboxTab", text)


def thread_html(conv: Conversation) -> str:
    """The conversation beside the list: each post, what was deleted or blocked, the reply
    sent and the thread's note."""
    parts = []
    for p in conv.posts:
        if p.state:
            gone = _tr("(this post was blocked)") if p.state == "blocked" else ""
            gone = gone or _tr("(this post was deleted)")
            body = f"<i>{html.escape(gone)}</i>"
        else:
            body = html.escape(p.text).replace("\n", "<br>")
        style = "background:#eef4ff;" if p.is_item else ("color:#555;" if p.is_own else "")
        who = html.escape(p.author_name or p.author_handle)
        parts.append(f"<div style='{style}padding:4px'><b>{who}</b><br>{body}</div>")
    if conv.entry.replied:
        parts.append(
            "<div style='color:#2e8b57;padding:4px'>"
            f"<b>{html.escape(_tr('You replied'))}</b>"
            f"<br>{html.escape(conv.entry.reply_text)}</div>"
        )
    if conv.note:
        parts.append(f"<p><i>{html.escape(conv.note)}</i></p>")
    return "".join(parts)


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
