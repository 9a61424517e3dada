"""Import posts from a CSV file: the rows as read, which column is which, and the check.

Every change (file, brand, layout, mapping) checks the whole file again; the Import button
is enabled only when every row is fine. The import is all or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.errors import KnownError
from cmplanner.services.transfer_csv import (
    CsvTable,
    ImportRejected,
    Layout,
    guess_layout,
    guess_mapping,
    read_table,
)
from cmplanner.services.transfer_import import ImportOptions, PostImporter
from cmplanner.services.workspace import Workspace

_Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 200


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as read, with the line each starts on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: CsvTable | None = None

    def set_table(self, table: CsvTable | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._table is None:
            return 0
        return min(len(self._table.rows), PREVIEW_ROWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._table is None or not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            cells = self._table.rows[index.row()][1]
            value = cells[index.column()] if index.column() < len(cells) else ""
            if role == Qt.ItemDataRole.DisplayRole and len(value) > 80:
                return value[:79] + "…"
            return value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._table is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._table.columns[section]
        return self.tr("line %1").replace("%1", str(self._table.rows[section][0]))


class ImportDialog(QDialog):
    """Signals:
    imported(int): this many posts were imported.
    """

    imported = Signal(int)

    FIELD_LABELS = (
        ("text", "Text"),
        ("datetime", "Date and time"),
        ("brand", "Brand"),
        ("targets", "Accounts"),
        ("media", "Media"),
        ("tags", "Tags"),
        ("link", "Link (added to the text)"),
        ("state", "State"),
    )

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._importer = PostImporter(ws.brands, ws.accounts, ws.posts, ws.clock)
        self._table: CsvTable | None = None
        self._filling = False
        self.setWindowTitle(self.tr("Import posts from CSV"))
        self.resize(900, 620)

        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("Pick a CSV file…"))
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.setAutoDefault(False)
        browse.clicked.connect(self._on_browse_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        self.layout_combo = QComboBox(self)
        self.layout_combo.addItem(self.tr("cmplanner (brand, datetime, text…)"), Layout.CMPLANNER)
        self.layout_combo.addItem(self.tr("Hootsuite bulk (Date, Message, Link)"), Layout.HOOTSUITE)
        self.layout_combo.addItem(
            self.tr("Buffer bulk (Text, Image URL, Tags, Posting Time)"), Layout.BUFFER
        )
        self.brand_combo = QComboBox(self)
        self.brand_combo.addItem(self.tr("— as each row says —"), None)
        for b in ws.brands.all():
            self.brand_combo.addItem(b.name, b.name)
        self.month_first = QCheckBox(self.tr("Dates are month first (MM/DD/YYYY)"), self)
        self.header_box = QCheckBox(self.tr("The first row holds the column names"), self)
        self.header_box.toggled.connect(self._on_header_box_toggled)
        options = QFormLayout()
        options.addRow(self.tr("Layout:"), self.layout_combo)
        options.addRow(self.tr("Brand for rows without one:"), self.brand_combo)
        options.addRow("", self.month_first)
        options.addRow("", self.header_box)

        self.mapping_combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        for n, (fld, label) in enumerate(self.FIELD_LABELS):
            combo = QComboBox(self)
            combo.setObjectName(f"map_{fld}")
            self.mapping_combos[fld] = combo
            grid.addWidget(QLabel(self.tr(label) + ":", self), n // 2, (n % 2) * 2)
            grid.addWidget(combo, n // 2, (n % 2) * 2 + 1)
            combo.currentIndexChanged.connect(self._on_mapping_changed)
        mapping_box = QVBoxLayout()
        mapping_box.addWidget(QLabel(self.tr("<b>Which column is which</b>"), self))
        mapping_box.addLayout(grid)

        self.preview_model = PreviewModel(self)
        self.preview = QTableView(self)
        self.preview.setModel(self.preview_model)
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setStretchLastSection(True)

        self.report = QPlainTextEdit(self)
        self.report.setObjectName("import_result")
        self.report.setReadOnly(True)
        self.report.setMaximumHeight(120)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(options)
        layout.addLayout(mapping_box)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)

        self.layout_combo.currentIndexChanged.connect(self._on_layout_changed)
        self.brand_combo.currentIndexChanged.connect(self._on_mapping_changed)
        self.month_first.toggled.connect(self._on_mapping_changed)

    # ---- public -----------------------------------------------------------------------

    def load(self, path: Path, *, has_header: bool | None = None) -> None:
        """Read ``path`` (what Browse… does once a file is picked); whether its first row
        names the columns is guessed unless said."""
        self.path_edit.setText(str(path))
        try:
            self._table = read_table(path, has_header=has_header)
        except KnownError as exc:
            self._table = None
            self.preview_model.set_table(None)
            self._show_problem(exc)
            return
        self.preview_model.set_table(self._table)
        self.preview.resizeColumnsToContents()
        self._filling = True
        try:
            self.header_box.setChecked(self._table.header is not None)
            self.layout_combo.setCurrentIndex(self.layout_combo.findData(guess_layout(self._table)))
        finally:
            self._filling = False
        self._fill_mapping()

    def options(self) -> ImportOptions:
        mapping = {
            fld: int(c.currentData())
            for fld, c in self.mapping_combos.items()
            if c.currentData() is not None
        }
        return ImportOptions(
            layout=Layout(self.layout_combo.currentData()),
            mapping=mapping,
            brand=self.brand_combo.currentData(),
            day_first=not self.month_first.isChecked(),
        )

    # ---- internals --------------------------------------------------------------------

    def _fill_mapping(self) -> None:
        if self._table is None:
            return
        guessed = guess_mapping(self._table, Layout(self.layout_combo.currentData()))
        self._filling = True
        try:
            for fld, combo in self.mapping_combos.items():
                combo.clear()
                combo.addItem(self.tr("— not in the file —"), None)
                for i, name in enumerate(self._table.columns):
                    combo.addItem(name, i)
                if fld in guessed:
                    combo.setCurrentIndex(combo.findData(guessed[fld]))
        finally:
            self._filling = False
        self._check()

    def _check(self) -> None:
        if self._table is None:
            return
        try:
            planned = self._importer.plan(self._table, self.options())
        except KnownError as exc:
            self._show_problem(exc)
            return
        scheduled = sum(1 for p in planned if p.local_at is not None)
        self.report.setStyleSheet("")
        self.report.setPlainText(
            self.tr(
                "All %1 rows are fine: %2 scheduled, %3 without a date. Nothing is "
                "imported until you press Import."
            )
            .replace("%1", str(len(planned)))
            .replace("%2", str(scheduled))
            .replace("%3", str(len(planned) - scheduled))
        )
        self.import_button.setEnabled(True)

    def _show_problem(self, exc: KnownError) -> None:
        self.import_button.setEnabled(False)
        self.report.setStyleSheet("color: #b3261e;")
        if isinstance(exc, ImportRejected):
            lines = [str(p) for p in exc.problems]
            self.report.setPlainText(
                self.tr(
                    "%n problem(s); nothing will be imported until they are fixed:", "", len(lines)
                )
                + "\n"
                + "\n".join(lines)
            )
        else:
            self.report.setPlainText(f"{exc.message}\n{exc.hint}")

    @Slot()
    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import posts"), "", self.tr("CSV files (*.csv *.txt);;All files (*)")
        )
        if name:
            self.load(Path(name))

    @Slot(bool)
    def _on_header_box_toggled(self, checked: bool) -> None:
        if not self._filling and self.path_edit.text():
            self.load(Path(self.path_edit.text()), has_header=checked)

    @Slot(int)
    def _on_layout_changed(self, _index: int) -> None:
        if not self._filling:
            self._fill_mapping()

    @Slot()
    def _on_mapping_changed(self) -> None:
        if not self._filling:
            self._check()

    @Slot()
    def _on_import_clicked(self) -> None:
        if self._table is None:
            return
        try:
            result = self._importer.run(self._table, self.options())
        except KnownError as exc:
            self._show_problem(exc)
            return
        self.imported.emit(len(result.post_ids))
        self.accept()
