"""Two small dialogs of the charts tab: the brand's weekly goals, and the client report.

Both are opened with ``open()`` (window-modal, never a nested ``exec()`` loop).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import KnownError
from cmplanner.domain.timezones import to_wall
from cmplanner.services.metrics import MAX_GOAL_PER_WEEK
from cmplanner.services.report import ReportTexts
from cmplanner.services.workspace import Workspace
from cmplanner.ui.charts_texts import report_texts
from cmplanner.ui.errors import error_box
from cmplanner.ui.task_runner import Task, TaskRunner


class GoalsDialog(QDialog):
    """Posts per week a brand aims for on each of its networks."""

    def __init__(self, ws: Workspace, brand_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.brand_id = brand_id
        brand = ws.brands.get(brand_id)
        self.setWindowTitle(self.tr("Weekly goals — %1").replace("%1", brand.name))
        goals = ws.metrics.cadence_goals(brand_id)
        networks = [a.network for a in ws.accounts.all(brand_id)]
        networks = [n for n in Network if n in networks or n in goals]
        form = QFormLayout()
        self.spins: dict[Network, QSpinBox] = {}
        for network in networks:
            spin = QSpinBox(self)
            spin.setRange(0, MAX_GOAL_PER_WEEK)
            spin.setSpecialValueText(self.tr("no goal"))
            spin.setSuffix(self.tr(" a week"))
            spin.setValue(goals.get(network, 0))
            self.spins[network] = spin
            form.addRow(network.label, spin)
        if not networks:
            form.addRow(QLabel(self.tr("This brand has no accounts yet."), self))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(QLabel(self.tr("How many posts a week do you aim for?"), self))
        col.addLayout(form)
        col.addWidget(buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            for network, spin in self.spins.items():
                self.ws.metrics.set_cadence_goal(self.brand_id, network, spin.value())
        except KnownError as exc:
            error_box(self, exc).open()
            return
        self.accept()


class ReportDialog(QDialog):
    """Pick a brand, a month and a file; write the client report there (on a worker).

    Signals:
        report_written(str): the report was written to this path.
    """

    report_written = Signal(str)

    def __init__(self, ws: Workspace, brand_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Client report"))
        self.brand = QComboBox(self)
        for b in ws.brands.all():
            self.brand.addItem(b.name, b.id)
        if brand_id is not None and self.brand.findData(brand_id) >= 0:
            self.brand.setCurrentIndex(self.brand.findData(brand_id))
        self.month = QDateEdit(self)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        today = to_wall(ws.clock.now(), "UTC").date()
        last = (today.replace(day=1) - date.resolution).replace(day=1)
        self.month.setDate(QDate(last.year, last.month, 1))
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        self.brand.currentIndexChanged.connect(self._suggest_path)
        self.month.dateChanged.connect(self._suggest_path)
        self._suggest_path()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Brand"), self.brand)
        form.addRow(self.tr("Month"), self.month)
        form.addRow(self.tr("Save as"), path_row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.write_button = buttons.addButton(
            self.tr("Write PDF"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.status)
        col.addWidget(buttons)
        self._file_dialog: QFileDialog | None = None
        self.written: Path | None = None
        self._runner = TaskRunner(self)
        self._task: Task | None = None
        self._path = Path()

    @Slot()
    def _suggest_path(self) -> None:
        name = self.brand.currentText() or "report"
        month = self.month.date().toString("yyyy-MM")
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")
        self.path.setText(str(Path.home() / f"{safe}-{month}.pdf"))

    @Slot()
    def _on_browse_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Save the report as"), self.path.text())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(self.path.setText)
        self._file_dialog = dialog
        dialog.open()

    @Slot()
    def write(self) -> None:
        """Read the month and write the PDF on a worker (a few seconds for a busy brand);
        the dialog says so meanwhile and stays responsive."""
        brand_id = self.brand.currentData()
        if brand_id is None:
            self.status.setText(self.tr("Create a brand first."))
            return
        if self._task is not None:
            return  # one report at a time
        d = self.month.date()
        path = Path(self.path.text().strip()).expanduser()
        self.write_button.setEnabled(False)
        self.status.setText(self.tr("Writing the report…"))
        self._task = self._runner.run(
            partial(
                write_report, self.ws, int(brand_id), d.year(), d.month(), path, report_texts()
            ),
            self._on_report_written,
            self._on_report_failed,
        )
        self._path = path

    @Slot(object)
    def _on_report_written(self, pages: int) -> None:
        self._task = None
        self.write_button.setEnabled(True)
        self.written = self._path
        self.status.setText(
            self.tr("Written: %1 (%n page(s)).", "", pages).replace("%1", str(self._path))
        )
        self.report_written.emit(str(self._path))

    @Slot(object)
    def _on_report_failed(self, exc: BaseException) -> None:
        self._task = None
        self.write_button.setEnabled(True)
        if isinstance(exc, KnownError):
            self.status.setText(exc.message + " " + exc.hint)
        else:
            self.status.setText(self.tr("The report could not be written."))
            self._runner.report(exc)


def write_report(
    ws: Workspace, brand_id: int, year: int, month: int, path: Path, texts: ReportTexts
) -> int:
    """Build and write one client report (blocking: run it on a worker); its page count."""
    from cmplanner.services.report import build_report
    from cmplanner.services.report_pdf import write_pdf

    return write_pdf(build_report(ws, brand_id, year, month), path, texts)
