"""The neighbouring months, read and drawn while the user looks at one: what a switch
then shows is what the database holds, and looks as a month painted afresh does."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from cmplanner.domain.models import PostFilter
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.chip_delegate import ChipDelegate
from cmplanner.ui.calendar_page import CalendarPage
from cmplanner.ui.main_window import MainWindow
from tests.ui.calendar_fixtures import seed


def _read_ahead(qtbot: QtBot, cal: CalendarPage, reads: int) -> None:
    """Wait until the page has read (and drawn) its neighbours in a quiet moment."""
    ahead = cal._reader.ahead
    qtbot.waitUntil(lambda: ahead.reads >= reads and not ahead.pending(), timeout=5000)


def _heads(cal: CalendarPage) -> set[str]:
    return {cal.model.post_at(i).head for i in range(cal.model.rowCount())}


def _december(ws: Workspace, brand: int, texts: list[str]) -> None:
    for n, text in enumerate(texts):
        ws.posts.create(brand, text, local_at=datetime(2026, 12, 10 + n, 9, 0))


def test_a_post_added_after_the_next_month_was_read_ahead_shows_when_moving_there(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    _december(ws, ids["brand"], ["Advent calendar"])
    cal = window.calendar
    _read_ahead(qtbot, cal, 2)  # December and October
    reads = cal._reader.ahead.reads
    _december(ws, ids["brand"], ["Nochebuena hours"])  # after December was read ahead
    cal.go_next()
    assert cal.period_label.text() == "December 2026"
    assert _heads(cal) == {"Advent calendar", "Nochebuena hours"}
    assert "2 post(s) in view" in cal.zone_note.text()
    _read_ahead(qtbot, cal, reads + 1)  # November is kept, January read ahead
    reads = cal._reader.ahead.reads
    ws.posts.update(ids["a"], text="Weekend bread: sold out")
    _read_ahead(qtbot, cal, reads + 2)  # both neighbours read again after the change
    cal.go_previous()
    assert "Weekend bread: sold out" in _heads(cal)
    assert "Weekend bread" not in _heads(cal)


def test_a_brand_renamed_after_reading_ahead_shows_its_new_name(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    _december(ws, ids["brand"], ["Advent calendar"])
    cal = window.calendar
    _read_ahead(qtbot, cal, 2)
    ws.brands.update(ids["brand"], name="Sol Bakery")
    cal.go_next()
    assert [cal.model.post_at(i).brand_name for i in range(cal.model.rowCount())] == ["Sol Bakery"]


def test_a_filter_set_after_reading_ahead_applies_to_the_next_month(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    other = ws.brands.create("Ferretería Luna", "America/Mexico_City", color="#2b6cd9")
    _december(ws, ids["brand"], ["Advent calendar"])
    ws.posts.create(other.id, "Tool sale", local_at=datetime(2026, 12, 12, 10, 0))
    cal = window.calendar
    _read_ahead(qtbot, cal, 2)
    cal.filters.set_brands(ws.brands.all())
    cal._on_filters_changed(PostFilter(brand_ids=frozenset({other.id})))
    cal.go_next()
    assert _heads(cal) == {"Tool sale"}


def test_a_month_drawn_ahead_looks_as_one_painted_afresh(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    _december(ws, ids["brand"], [f"December post {n}" for n in range(12)])
    cal = window.calendar
    view = cal.month_view
    delegate = view.itemDelegate()
    assert isinstance(delegate, ChipDelegate)
    _read_ahead(qtbot, cal, 2)
    drawn_ahead = len(delegate._cache)
    assert drawn_ahead >= 12  # December's chips were drawn while November was shown
    cal.go_next()
    ahead: QImage = view.viewport().grab().toImage()
    delegate._cache.clear()
    delegate._seen.clear()
    delegate._seen_twice.clear()
    view.viewport().repaint()
    afresh = view.viewport().grab().toImage()
    assert not delegate._cache  # painted directly this time
    assert ahead == afresh


def test_going_back_reads_the_previous_month_first(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    """A user paging back through the months finds each earlier month ready first."""
    ids = seed(ws)
    for month in (9, 10):
        ws.posts.create(
            ids["brand"],
            f"Month {month}",
            local_at=datetime(2026, month, 20, 9, 0),
            allow_past=True,
        )
    cal = window.calendar
    _read_ahead(qtbot, cal, 2)
    cal.go_previous()  # October: kept from November's read ahead
    assert _heads(cal) == {"Month 10"}
    wanted = [key[0].anchor.month for key, _read in cal._reader.ahead._steps]
    assert wanted[0] == 9  # September first (November, if not kept, after it)
    _read_ahead(qtbot, cal, 1)
    cal.go_previous()
    assert _heads(cal) == {"Month 9"}


def test_nothing_is_read_ahead_before_the_window_has_painted(qtbot: QtBot, ws: Workspace) -> None:
    """The first paint comes first: a slow machine must not read the neighbouring
    months (and draw their chips) while the window is still waiting to appear."""
    seed(ws)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    ahead = window.calendar._reader.ahead
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=2000):
        timer.start(400)  # well past the quiet time before reading ahead
    assert ahead.reads == 0 and ahead.pending()
    window.resize(1300, 850)
    window.show()
    _read_ahead(qtbot, window.calendar, 2)
