"""Approval packs in the window: the export and import dialogs, the PDF, the composer's
approval panel and the chip's mark."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from pytestqt.qtbot import QtBot

from cmplanner.domain.models import PostFilter
from cmplanner.services import approvals_html
from cmplanner.services.approvals import (
    Approval,
    apply_decisions,
    approval_view,
    build_pack,
    mark_pending,
)
from cmplanner.services.approvals_decisions import parse_decisions
from cmplanner.services.workspace import Workspace
from cmplanner.ui import counter_badge, preview_widget
from cmplanner.ui.approval_panel import ApprovalPanel
from cmplanner.ui.approval_pdf import count_pages, write_pack_pdf
from cmplanner.ui.approvals_dialog import ExportPackDialog, ImportDecisionsDialog
from cmplanner.ui.calendar.chips import paint_chip
from cmplanner.ui.main_window import MainWindow
from tests.unit.services.approvals_support import PackPlan, make_plan

DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


@pytest.fixture
def plan(ws: Workspace, tmp_path: Path) -> PackPlan:
    return make_plan(ws, tmp_path)


def _answer(ws: Workspace, plan: PackPlan, tmp_path: Path) -> Path:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    mark_pending(ws, pack)
    choices = {plan.draft: "approved", plan.scheduled: "changes_requested"}
    data = {
        "format": "cmplanner-approval-decisions",
        "format_version": 1,
        "pack_id": pack.pack_id,
        "brand_id": plan.brand_id,
        "reviewer": "Ana",
        "saved_at": "2026-11-27T10:00:00Z",
        "decisions": [
            {
                "post_id": p.id,
                "version": p.version,
                "digest": p.digest,
                "decision": choices.get(p.id, ""),
                "comment": "Earlier, please" if p.id == plan.scheduled else "",
            }
            for p in pack.posts
        ],
    }
    path = tmp_path / "decisions.json"
    path.write_text(json.dumps(data))
    return path


def test_the_packs_network_colours_are_the_previews(qtbot: QtBot) -> None:
    assert {n: light for n, (light, _dark) in preview_widget.ACCENT.items()} == (
        approvals_html.ACCENT
    )
    assert preview_widget.HIGHLIGHTED == approvals_html.HIGHLIGHTED
    assert preview_widget.MEDIA_FIRST == approvals_html.MEDIA_FIRST
    assert preview_widget.AT_HANDLES == approvals_html.AT_HANDLES
    assert counter_badge.NETWORK_COLORS == approvals_html.NETWORK_COLORS
    assert counter_badge.NETWORK_LETTERS == approvals_html.NETWORK_LETTERS
    assert preview_widget.MAX_MEDIA_HEIGHT == approvals_html.MAX_MEDIA_HEIGHT


def test_export_dialog_writes_the_pack_and_its_pdf(
    qtbot: QtBot, ws: Workspace, plan: PackPlan, tmp_path: Path
) -> None:
    dialog = ExportPackDialog(ws, plan.brand_id)
    qtbot.addWidget(dialog)
    dialog.open()
    # next month in the brand's zone (the clock is 26 November 2026)
    assert dialog.first.date().toString("yyyy-MM-dd") == "2026-12-01"
    assert dialog.last.date().toString("yyyy-MM-dd") == "2026-12-31"
    assert "Europe/Madrid" in dialog.zone.text()
    dialog.path.edit.setText(str(tmp_path / "missing-folder" / "pack.html"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "cannot be written" in dialog.status.text()
    assert approval_view(ws, plan.draft).approval == Approval.NONE  # nothing marked

    dialog.path.edit.setText(str(tmp_path / "pack.html"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.written == tmp_path / "pack.html"
    assert "4 post(s)" in dialog.status.text() and "page(s)" in dialog.status.text()
    assert "Panadería Sol" in (tmp_path / "pack.html").read_text()
    pdf = (tmp_path / "pack.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and count_pages(pdf) >= 1
    assert approval_view(ws, plan.draft).approval == Approval.PENDING


def test_the_pdf_is_a_printable_pack(
    qtbot: QtBot, ws: Workspace, plan: PackPlan, tmp_path: Path
) -> None:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    pages = write_pack_pdf(pack, tmp_path / "pack.pdf")
    raw = (tmp_path / "pack.pdf").read_bytes()
    assert pages == count_pages(raw) >= 1
    assert b"/Image" in raw  # the pictures are in it
    assert b"cmplanner" in raw  # creator


def test_import_dialog_reports_and_the_composer_and_chip_show_it(
    qtbot: QtBot, ws: Workspace, plan: PackPlan, tmp_path: Path
) -> None:
    dialog = ImportDecisionsDialog(ws)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.path.edit.setText(str(tmp_path / "nothing.json"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.result_label.text()
    dialog.path.edit.setText(str(_answer(ws, plan, tmp_path)))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None
    assert "1 approved, 1 with changes requested" in dialog.result_label.text()
    assert "approved, now ready" in dialog.result_label.text()

    panel = ApprovalPanel()
    qtbot.addWidget(panel)
    panel.show_view(approval_view(ws, plan.scheduled), "Europe/Madrid")
    assert not panel.isHidden()
    assert "asked for changes" in panel.state_label.text()
    assert "Ana asked for changes · 2026-11-27 11:00" in panel.history.text()
    assert "Earlier, please" in panel.history.text()
    panel.show_view(approval_view(ws, plan.other_month), "Europe/Madrid")
    assert panel.isHidden()  # never sent to the client

    # the chip: the calendar's rows carry the approval, and the mark is painted
    rows = {r.id: r for r in ws.posts.rows(PostFilter(), *_december_utc())}
    assert rows[plan.draft].approval == "approved"
    assert rows[plan.scheduled].approval == "changes_requested"
    assert rows[plan.ready].approval == "pending"
    marked = _chip(rows[plan.scheduled])
    rows[plan.scheduled].approval = ""
    plain = _chip(rows[plan.scheduled])
    assert marked != plain
    orange = QColor("#d0700e")
    assert any(
        _near(QColor(marked.pixel(x, y)), orange)
        for x in range(marked.width())
        for y in range(marked.height())
    )


def _december_utc() -> tuple:  # type: ignore[type-arg]
    from datetime import UTC, datetime

    return datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)


def _chip(row: object) -> QImage:
    img = QImage(220, 22, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    paint_chip(p, QRect(0, 0, 220, 22), row, None, QPalette())  # type: ignore[arg-type]
    p.end()
    return img


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_decisions_for_a_changed_post_show_as_a_comment_only(
    qtbot: QtBot, ws: Workspace, plan: PackPlan, tmp_path: Path
) -> None:
    path = _answer(ws, plan, tmp_path)
    ws.posts.update(plan.draft, text="Otro texto")
    report = apply_decisions(ws, parse_decisions(path.read_text()))
    dialog = ImportDecisionsDialog(ws)
    qtbot.addWidget(dialog)
    assert "changed since the pack: not approved" in dialog._report_html(report)


def test_window_file_menu_and_composer_show_approvals(
    qtbot: QtBot, window: MainWindow, ws: Workspace, plan: PackPlan, tmp_path: Path
) -> None:
    from cmplanner.ui.composer import ComposerDialog

    dialog = window.export_approval_pack()
    assert isinstance(dialog, ExportPackDialog) and dialog.isVisible()
    dialog.close()
    importer = window.import_client_decisions()
    assert isinstance(importer, ImportDecisionsDialog) and importer.isVisible()
    importer.path.edit.setText(str(_answer(ws, plan, tmp_path)))
    qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    importer.close()
    composer = ComposerDialog(ws, post_id=plan.scheduled, parent=window)
    qtbot.addWidget(composer)
    composer.show()
    assert composer.approval.isVisible()
    assert "Earlier, please" in composer.approval.history.text()
    composer.discard()
