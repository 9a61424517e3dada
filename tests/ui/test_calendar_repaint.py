"""What a month switch and a drop repaint: the calendar and what changed, not the window."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.chip_view import DropRequest
from cmplanner.ui.calendar.text_line import TextLine
from cmplanner.ui.main_window import MainWindow
from tests.ui.calendar_fixtures import seed


class EventLog(QObject):
    """The widgets that get events of one type while installed on the application."""

    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind = kind
        self.widgets: list[QWidget] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == self.kind and isinstance(obj, QWidget):
            self.widgets.append(obj)
        return False


def test_month_switches_repaint_the_grid_and_the_new_title_and_count(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    seed(ws)
    brand = ws.brands.all()[0].id
    for month, n in ((12, 1), (1, 2), (2, 3)):  # a new count in the zone note each month
        for day in range(n):
            year = 2026 if month == 12 else 2027
            ws.posts.create(brand, "Later", local_at=datetime(year, month, 15 + day, 9, 0))
    cal = window.calendar
    qtbot.waitUntil(lambda: cal.model.rowCount() == 4)
    app = QApplication.instance()
    assert app is not None
    for count in (1, 2, 3):
        painted = EventLog(QEvent.Type.Paint)
        app.installEventFilter(painted)
        try:
            title = cal.period_label.text()
            cal.go_next()
            cal.month_view.viewport().repaint()
        finally:
            app.removeEventFilter(painted)
        assert cal.period_label.text() != title
        assert f"{count} post(s) in view" in cal.zone_note.text()
        assert cal.month_view.viewport() in painted.widgets
        assert cal.period_label in painted.widgets
        assert cal.zone_note in painted.widgets
    assert cal.period_label.text() == "February 2027"


def test_a_new_text_asks_for_no_layout(qtbot: QtBot) -> None:
    """A QLabel asks for a layout at each new text; the request climbs to the main window,
    which lays itself out and repaints every widget it holds (~5 ms of a month switch)."""
    page = QWidget()
    qtbot.addWidget(page)
    box = QVBoxLayout(page)
    line = TextLine(page, samples=["September 2026"])
    note = TextLine(page, expanding=True)
    box.addWidget(line)
    box.addWidget(note)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(5)  # the first layout
    laid_out = EventLog(QEvent.Type.LayoutRequest)
    page.installEventFilter(laid_out)
    line.setText("May 2026")
    note.setText("Times are shown in each brand's own time zone.  12 post(s) in view.")
    qtbot.wait(1)  # a layout request would run on this turn of the event loop
    assert laid_out.widgets == []
    label = QLabel("May 2026", page)  # what it replaces does ask
    box.addWidget(label)
    qtbot.wait(1)
    laid_out.widgets.clear()
    label.setText("September 2026")
    qtbot.wait(1)
    assert laid_out.widgets == [page]


def test_text_line_keeps_its_size_and_grows_for_a_wider_text(qtbot: QtBot) -> None:
    line = TextLine(samples=["September 2026"])
    qtbot.addWidget(line)
    hint = line.sizeHint()
    line.setText("May 2026")
    assert line.text() == "May 2026"
    assert line.accessibleName() == "May 2026"
    assert line.sizeHint() == hint  # a narrower text asks for no room
    line.setText("A title far wider than any month's name, 2026")
    assert line.sizeHint().width() > hint.width()
    assert line.sizeHint().height() == hint.height()


def test_a_drop_repaints_the_two_days_and_the_month_looks_as_a_full_repaint(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    cal = window.calendar
    view = cal.month_view
    qtbot.waitUntil(lambda: cal.model.rowCount() == 4)
    qtbot.waitUntil(lambda: window._painted)
    qtbot.wait(5)
    regions: list[QRegion] = []

    class Regions(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt's name
            if event.type() == QEvent.Type.Paint:
                regions.append(QRegion(event.region()))  # type: ignore[attr-defined]
            return False

    spy = Regions()
    view.viewport().installEventFilter(spy)
    left, joined = date(2026, 11, 27), date(2026, 12, 2)
    view.move_requested.emit(DropRequest((ids["a"],), ids["a"], joined, None, False))
    qtbot.waitUntil(lambda: view.chip_rect(ids["a"]).intersects(view.cell_rect(joined)))
    qtbot.waitUntil(lambda: bool(regions))
    qtbot.wait(20)  # Qt's own layout after a model reset, had it still repainted the month
    view.viewport().removeEventFilter(spy)
    days = QRegion(view.cell_rect(left)) + QRegion(view.cell_rect(joined))
    for region in regions:
        assert region.subtracted(days).isEmpty()  # nothing outside the two days
    # what the window shows (its backing store), not a fresh rendering of the view
    corner = view.viewport().mapTo(window, QPoint(0, 0))
    size = view.viewport().size()

    def shown() -> QImage:
        grab = window.screen().grabWindow(
            window.winId(), corner.x(), corner.y(), size.width(), size.height()
        )
        return grab.toImage()

    after_drop = shown()
    assert not after_drop.isNull()
    view.viewport().repaint()
    assert shown() == after_drop
