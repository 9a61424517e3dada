"""The composer's small panel: the client's approval of the post and its comment history.

Hidden for a post never sent to a client. Read-only: decisions come in through
File ▸ Import client decisions… (or ``cmplanner approvals import``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from cmplanner.domain.timezones import to_wall
from cmplanner.services.approvals import Approval, ApprovalView, Decision
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.approval_mark import APPROVAL_COLORS, approval_words


class ApprovalPanel(QFrame):
    """The approval state in words (in its colour) over the comments, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalPanel")
        self.setStyleSheet("#approvalPanel { border: 1px solid palette(mid); border-radius: 6px; }")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("approvalState")
        self.history = QLabel(self)
        self.history.setObjectName("approvalHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        col = QVBoxLayout(self)
        col.setContentsMargins(10, 6, 10, 6)
        col.setSpacing(4)
        col.addWidget(self.state_label)
        col.addWidget(self.history)
        self.setVisible(False)

    def show_view(self, view: ApprovalView, timezone: str) -> None:
        """Show ``view``; comment times in ``timezone`` (the brand's)."""
        shown = view.approval != Approval.NONE or bool(view.comments)
        self.setVisible(shown)
        if not shown:
            return
        words = approval_words(view.approval.value) or self.tr("Not sent for approval")
        color = APPROVAL_COLORS.get(view.approval.value, "#656d76")
        self.state_label.setText(
            f'<b style="color:{color}">{html.escape(self.tr("Client approval:"))} '
            f"{html.escape(words)}</b>"
        )
        verbs = {
            Decision.APPROVED: self.tr("approved"),
            Decision.CHANGES_REQUESTED: self.tr("asked for changes"),
            Decision.NONE: self.tr("commented"),
        }
        lines = []
        for c in view.comments:
            when = to_wall(c.created_utc, timezone)
            head = f"{c.author} {verbs[c.decision]} · {when:%Y-%m-%d %H:%M}"
            body = html.escape(c.body).replace("\n", "<br>")
            lines.append(
                f'<p style="margin:2px 0"><span style="color:gray">{html.escape(head)}</span>'
                + (f"<br>{body}" if body else "")
                + "</p>"
            )
        self.history.setText("".join(lines) or self.tr("No comment yet."))


def attach_approval_panel(dialog: QWidget, ws: Workspace, post_id: int) -> ApprovalPanel:
    """Put the panel under the composer's banner (its layout's second row), filled."""
    from PySide6.QtWidgets import QBoxLayout

    from cmplanner.services.approvals import approval_view

    panel = ApprovalPanel(dialog)
    layout = dialog.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(1, panel)
    panel.show_view(approval_view(ws, post_id), ws.posts.get(post_id).timezone)
    return panel
