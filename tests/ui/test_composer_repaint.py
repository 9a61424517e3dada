"""What a keystroke redraws in the composer's side widgets: only what changed, never stale.

The problems list and the counters change a number on every keystroke; they update in
place (no relayout of every row, no measuring of a count as wide as the last). What the
window shows afterwards must be what the same widgets built afresh show."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QGuiApplication, QHelpEvent, QImage, QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import Network
from cmplanner.networks.base import LengthReport, ProblemLevel
from cmplanner.ui.counter_badge import CounterRow, FittedLabel
from cmplanner.ui.problems_list import ProblemRow, ProblemsList


def _on_screen(widget: QWidget) -> QImage:
    """The pixels the window shows where ``widget`` is (its backing store, not a fresh
    paint as ``grab()`` makes)."""
    top = widget.window()
    at = widget.mapTo(top, QPoint(0, 0))
    screen = QGuiApplication.primaryScreen()
    pixmap = screen.grabWindow(top.winId(), at.x(), at.y(), widget.width(), widget.height())
    return pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    window = QWidget()
    window.resize(320, 400)
    QVBoxLayout(window).addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _rows(long_by: int, cut: int, extra: str = "") -> list[ProblemRow]:
    return [
        ProblemRow(1, ProblemLevel.ERROR, "Instagram: Instagram posts need an image.", 0, 0, False),
        ProblemRow(
            2,
            ProblemLevel.ERROR,
            f"LinkedIn: This post is {3000 + long_by} characters long; LinkedIn allows 3000. "
            f"Cut {long_by} or split it.{extra}",
            3000,
            3000 + long_by,
            False,
        ),
        ProblemRow(
            3,
            ProblemLevel.WARNING,
            f"Bluesky: This post is {cut} characters long; Bluesky allows 300.",
            300,
            cut,
            False,
        ),
    ]


def test_problem_rows_updated_in_place_show_what_a_new_list_shows(qtbot: QtBot) -> None:
    typed, fresh = ProblemsList(), ProblemsList()
    windows = [_shown(qtbot, typed), _shown(qtbot, fresh)]
    typed.show_rows(_rows(61, 2923))
    qtbot.wait(1)
    kept = [typed.item(i) for i in range(typed.count())]
    # Typing: the counts change, the rows keep their size and their items.
    for long_by, cut in ((62, 2924), (63, 2925), (64, 2926)):
        typed.show_rows(_rows(long_by, cut))
        qtbot.wait(1)
    fresh.show_rows(_rows(64, 2926))
    qtbot.wait(1)
    assert [typed.item(i) for i in range(typed.count())] == kept
    assert [typed.visualItemRect(i) for i in kept] == [
        fresh.visualItemRect(fresh.item(i)) for i in range(fresh.count())
    ]
    qtbot.waitUntil(lambda: _on_screen(typed) == _on_screen(fresh))
    assert all(w.isVisible() for w in windows)
    # A label that now wraps onto more lines: its row grows, the rows below move down.
    longer = " Threads and Instagram would need to be split as well, in several parts."
    typed.show_rows(_rows(64, 2926, longer))
    fresh.show_rows([])
    fresh.show_rows(_rows(64, 2926, longer))
    qtbot.waitUntil(
        lambda: (
            [typed.visualItemRect(typed.item(i)) for i in range(3)]
            == [fresh.visualItemRect(fresh.item(i)) for i in range(3)]
        )
    )
    assert typed.visualItemRect(typed.item(1)).height() > typed.visualItemRect(kept[0]).height()
    qtbot.waitUntil(lambda: _on_screen(typed) == _on_screen(fresh))


def test_a_count_keeps_its_size_until_it_needs_more_room(qtbot: QtBot) -> None:
    label = FittedLabel()
    window = _shown(qtbot, label)
    label.show_text("Bluesky 2,923/300")
    size = label.size()
    for text in ("Bluesky 2,924/300", "Bluesky 8,111/300", "Bluesky 1,000/300"):
        label.show_text(text)
        assert label.size() == size  # as wide: no new size, no relayout
        assert label.width() >= label.fontMetrics().horizontalAdvance(text)
    label.show_text("Bluesky 12,924/300")
    assert label.width() > size.width()
    assert label.width() >= label.fontMetrics().horizontalAdvance("Bluesky 12,924/300")
    label.show_text("Bluesky 924/300", "#d32f2f")  # bold: measured again
    assert label.width() >= label.fontMetrics().horizontalAdvance("Bluesky 924/300")
    assert label.size() == label.sizeHint()
    assert window.isVisible()


def test_a_changed_count_repaints_its_row_only(qtbot: QtBot) -> None:
    problems = ProblemsList()
    window = _shown(qtbot, problems)
    problems.show_rows(_rows(61, 2923))
    qtbot.waitUntil(lambda: problems.visualItemRect(problems.item(2)).height() > 0)
    painted: list[QRegion] = []

    class Spy(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if isinstance(event, QPaintEvent):
                painted.append(QRegion(event.region()))
            return False

    spy = Spy()
    problems.viewport().installEventFilter(spy)
    qtbot.wait(1)
    painted.clear()
    rows = _rows(61, 2923)
    rows[2] = _rows(61, 2924)[2]  # only the Bluesky count changed
    problems.show_rows(rows)
    qtbot.waitUntil(lambda: bool(painted))
    changed = problems.visualItemRect(problems.item(2))
    assert all(region.boundingRect() == changed for region in painted)
    assert problems.item(2).text() == rows[2].label
    assert window.isVisible()


def test_a_changed_count_is_repainted_where_its_row_is_after_scrolling(qtbot: QtBot) -> None:
    typed, fresh = ProblemsList(), ProblemsList()
    windows = [_shown(qtbot, typed), _shown(qtbot, fresh)]
    for window in windows:
        window.resize(320, 110)  # rows taller than the list: it scrolls
    typed.show_rows(_rows(61, 2923))
    qtbot.waitUntil(lambda: typed.verticalScrollBar().maximum() > 0)
    typed.show_rows(_rows(62, 2924))  # the rows' places are found before scrolling
    typed.verticalScrollBar().setValue(typed.verticalScrollBar().maximum())
    qtbot.wait(1)  # painted where it now scrolled to
    typed.show_rows(_rows(63, 2925))
    fresh.show_rows(_rows(63, 2925))
    qtbot.waitUntil(lambda: fresh.verticalScrollBar().maximum() > 0)
    fresh.verticalScrollBar().setValue(fresh.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: _on_screen(typed) == _on_screen(fresh))
    assert all(w.isVisible() for w in windows)


def test_a_counter_shows_its_current_count_as_tooltip(qtbot: QtBot) -> None:
    row = CounterRow()
    window = _shown(qtbot, row)
    row.set_accounts([(1, Network.BLUESKY, "sol.bsky.social"), (2, Network.X, "sol")])
    badge = row.badges[2]
    for length in (279, 281):
        report = LengthReport(length=length, limit=280, unit="characters")
        badge.show_report("X", report, f"X · sol: {length} characters")
    qtbot.waitUntil(lambda: badge.isVisible() and badge.width() > 0)
    at = QPoint(badge.width() // 2, badge.height() // 2)
    event = QHelpEvent(QEvent.Type.ToolTip, at, badge.mapToGlobal(at))
    QApplication.sendEvent(badge, event)
    assert QToolTip.isVisible()
    assert QToolTip.text() == "X · sol: 281 characters"
    QToolTip.hideText()
    assert window.isVisible()
