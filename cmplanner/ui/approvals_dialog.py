"""File ▸ Export approval pack… and File ▸ Import client decisions…

Both are opened with ``open()`` (window-modal, never a nested ``exec()`` loop) and do
their work with the approval services (``services/approvals*.py``); the PDF is printed
by ``ui/approval_pdf.py``.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.errors import KnownError
from cmplanner.domain.timezones import to_wall
from cmplanner.services.approvals import ImportReport, Outcome
from cmplanner.services.workspace import Workspace


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class _PathRow(QWidget):
    """A file path with a Browse… button (a non-modal file dialog)."""

    def __init__(self, title: str, name_filter: str, save: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)
        self._title, self._filter, self._save = title, name_filter, save
        self._dialog: QFileDialog | None = None

    def path(self) -> Path:
        return Path(self.edit.text().strip()).expanduser()

    @Slot()
    def _on_browse_clicked(self) -> None:
        dialog = QFileDialog(self, self._title, self.edit.text())
        if self._save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("html")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self._filter)
        dialog.fileSelected.connect(self.edit.setText)
        self._dialog = dialog
        dialog.open()


class ExportPackDialog(QDialog):
    """Pick a brand, a period and a file; write the approval pack there (and a PDF)."""

    def __init__(self, ws: Workspace, brand_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Export approval pack"))
        self.brand = QComboBox(self)
        for b in ws.brands.all():
            self.brand.addItem(b.name, b.id)
        if brand_id is not None and self.brand.findData(brand_id) >= 0:
            self.brand.setCurrentIndex(self.brand.findData(brand_id))
        self.first = QDateEdit(self)
        self.last = QDateEdit(self)
        for edit in (self.first, self.last):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        self.zone = QLabel(self)
        self.path = _PathRow(self.tr("Save the approval pack as"), "HTML (*.html)", True, self)
        self.pdf = QCheckBox(self.tr("Also write a PDF to print"), self)
        self.pdf.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Brand"), self.brand)
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To (included)"), self.last)
        form.addRow("", self.zone)
        form.addRow(self.tr("Save as"), self.path)
        form.addRow("", self.pdf)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        about = QLabel(
            self.tr(
                "The client opens the pack in any browser, offline and without an "
                "account, approves or asks for changes post by post, and sends back "
                "the file its “Save my decisions” button saves."
            ),
            self,
        )
        about.setWordWrap(True)
        col = QVBoxLayout(self)
        col.addWidget(about)
        col.addLayout(form)
        col.addWidget(self.status)
        col.addWidget(buttons)
        self.written: Path | None = None
        self.brand.currentIndexChanged.connect(self._on_brand_changed)
        self.first.dateChanged.connect(self._suggest_path)
        self.last.dateChanged.connect(self._suggest_path)
        self._on_brand_changed()

    def _zone(self) -> str:
        brand_id = self.brand.currentData()
        return self.ws.brands.get(int(brand_id)).timezone if brand_id is not None else "UTC"

    @Slot()
    def _on_brand_changed(self) -> None:
        """Next month in the brand's zone, and where to save it."""
        tz = self._zone()
        today = to_wall(self.ws.clock.now(), tz).date()
        first = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        self.first.setDate(_qdate(first))
        self.last.setDate(_qdate(last))
        self.zone.setText(self.tr("Days and times in %1 (the brand's time zone)").replace("%1", tz))
        self._suggest_path()

    @Slot()
    def _suggest_path(self) -> None:
        name = self.brand.currentText() or "brand"
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")
        first, last = _pydate(self.first.date()), _pydate(self.last.date())
        self.path.edit.setText(str(Path.home() / f"{safe}-approval-{first}-to-{last}.html"))

    @Slot()
    def export(self) -> None:
        from cmplanner.services.approvals import build_pack, mark_pending
        from cmplanner.services.approvals_html import write_pack
        from cmplanner.ui.approval_pdf import write_pack_pdf

        brand_id = self.brand.currentData()
        if brand_id is None:
            self.status.setText(self.tr("Create a brand first."))
            return
        path = self.path.path()
        try:
            pack = build_pack(
                self.ws, int(brand_id), _pydate(self.first.date()), _pydate(self.last.date())
            )
            write_pack(pack, path)
            pages = write_pack_pdf(pack, path.with_suffix(".pdf")) if self.pdf.isChecked() else 0
            mark_pending(self.ws, pack)
        except KnownError as exc:
            self.status.setText(exc.message + " " + exc.hint)
            return
        self.written = path
        text = self.tr("Written: %1 (%n post(s)).", "", len(pack.posts)).replace("%1", str(path))
        if pages:
            text += " " + self.tr("PDF: %1 (%n page(s)).", "", pages).replace(
                "%1", str(path.with_suffix(".pdf"))
            )
        self.status.setText(text)


class ImportDecisionsDialog(QDialog):
    """Pick the file the client sent back; apply it and show what was done."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Import client decisions"))
        self.path = _PathRow(
            self.tr("The client's decisions"),
            self.tr("Decisions or approval pack (*.json *.html *.htm)"),
            False,
            self,
        )
        form = QFormLayout()
        form.addRow(self.tr("File"), self.path)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.setMinimumWidth(520)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.import_file)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.result_label)
        col.addWidget(buttons)
        self.report: ImportReport | None = None

    @Slot()
    def import_file(self) -> None:
        from cmplanner.services.approvals import apply_decisions
        from cmplanner.services.approvals_decisions import read_decisions

        try:
            self.report = apply_decisions(self.ws, read_decisions(self.path.path()))
        except KnownError as exc:
            self.result_label.setText(
                f'<span style="color:#cf222e">{html.escape(exc.message)}</span><br>'
                + html.escape(exc.hint)
            )
            return
        self.result_label.setText(self._report_html(self.report))

    def _report_html(self, report: ImportReport) -> str:
        words = {
            Outcome.APPROVED: self.tr("approved"),
            Outcome.MADE_READY: self.tr("approved, now ready"),
            Outcome.APPROVED_NOT_READY: self.tr("approved, not ready"),
            Outcome.CHANGES_REQUESTED: self.tr("changes requested"),
            Outcome.COMMENTED: self.tr("commented"),
            Outcome.NO_DECISION: self.tr("no decision"),
            Outcome.CHANGED_SINCE: self.tr("changed since the pack: not approved"),
            Outcome.ALREADY_IMPORTED: self.tr("already imported"),
            Outcome.MISSING: self.tr("not found"),
        }
        rows = []
        for item in report.items:
            color = "#cf222e" if item.flagged else "inherit"
            detail = f" — {html.escape(item.detail)}" if item.detail else ""
            rows.append(
                f'<li style="color:{color}">{item.post_id}: {html.escape(words[item.outcome])}'
                f" · {html.escape(item.head)}{detail}</li>"
            )
        return f"<p><b>{html.escape(report.summary())}</b></p><ul>{''.join(rows)}</ul>"
