"""The inbox list's own delegate paints what Qt's delegate paints from the model's roles,
pixel for pixel: brand swatches, long messages (Latin, Gurmukhi, Arabic, emoji) elided,
unread rows in bold, tone colours, flags and ticks, the selected row (its swatch tinted)
and the focus; and it follows an item that changes (a selected unread item turns read).
Also when the cells come from what it kept (rows scrolled away and back), at other column
widths, and after the list's palette or font changed. Tooltips still come from the model.
Real SQLite workspace, real tab offscreen."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QPoint,
    QPointF,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHoverEvent, QImage, QPalette, QRegion
from PySide6.QtWidgets import QApplication, QStyledItemDelegate
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import InboxItemRow
from cmplanner.ui.inbox_cells import CellText
from cmplanner.ui.inbox_delegate import InboxDelegate
from cmplanner.ui.inbox_tab import InboxTab
from tests.unit.services.inbox_support import Desk

TEXTS = (
    "order never arrived, I want a refund",
    "ਬਹੁਤ ਵਧੀਆ ਕੌਫੀ ਧੰਨਵਾਦ",
    "me encanta el café nuevo, gracias por el servicio de hoy",
    "",
    # longer than the column: cut before Qt elides them, with the same ellipsis
    "@brand " + "late delivery broken product please help " * 7,
    "@brand " + "ਆਰਡਰ ਕਦੇ ਨਹੀਂ ਆਇਆ ਰਿਫੰਡ ਧੋਖਾ ਬਹੁਤ ਵਧੀਆ ਕੌਫੀ " * 6,
    "@brand " + "الطلب لم يصل أبدا أريد استرداد المال " * 7,
    "👩‍👩‍👧 🇪🇸 " * 40,
    # the hidden part needs taller fallback fonts: centred on the whole text's line
    "Latin first, then emoji 👩‍👩‍👧 and ਪੰਜਾਬੀ later " * 4,
)


@pytest.fixture
def tab(qtbot: QtBot, ws: Workspace, clock: FixedClock) -> InboxTab:
    desk = Desk(ws, clock)
    dhaba = ws.brands.create("Dhaba", "Asia/Kolkata", color="#c0392b")
    accounts = [
        desk.account(Network.MASTODON, "cafesol@example.social", server="http://127.0.0.1:9"),
        desk.account(Network.BLUESKY, "dhaba.bsky.social", brand=dhaba),
    ]
    now = clock.now().replace(tzinfo=None)
    rows = []
    for i in range(40):
        acc = accounts[i % 2]
        tone = ("negative", "positive", "neutral")[i % 3]
        rows.append(
            {
                "account_id": acc.id,
                "brand_id": acc.brand_id,
                "kind": ("mention", "reply", "quote", "follow", "search_hit")[i % 5],
                "remote_id": str(i),
                "author_handle": f"fan{i}@example.social",
                "author_name": f"Fan {i}" if i % 4 else "",
                "text": TEXTS[i % len(TEXTS)],
                "created_utc": now - timedelta(minutes=i),
                "tone": tone,
                "urgency": 0.8 if tone == "negative" else 0.1,
                "tone_reasons": "“refund”: complaint word" if tone == "negative" else "",
                "flagged": tone == "negative",
                "read": i % 3 == 1,
                "done": i % 7 == 0,
            }
        )
    with ws.sessions.begin() as s:
        s.execute(insert(InboxItemRow), rows)
    t = InboxTab(ws, inbox=desk.inbox)
    qtbot.addWidget(t)
    t.resize(1280, 800)
    t.show()
    qtbot.waitExposed(t)
    return t


def painted(tab: InboxTab) -> QImage:
    return tab.view.viewport().grab().toImage()


def painted_by_qt(tab: InboxTab) -> QImage:
    """The same list painted by Qt's own delegate, from the model's ``data()``."""
    ours = tab.view.itemDelegate()
    tab.view.setItemDelegate(QStyledItemDelegate(tab.view))
    try:
        return painted(tab)
    finally:
        tab.view.setItemDelegate(ours)


def test_the_list_looks_as_qt_paints_it_from_the_model(qtbot: QtBot, tab: InboxTab) -> None:
    assert isinstance(tab.view.itemDelegate(), InboxDelegate)
    first = tab.model.entry(0)
    assert first is not None and not first.read and first.flagged and first.done
    tab.view.setFocus()
    qtbot.waitUntil(tab.view.hasFocus)
    ours = painted(tab)  # unread rows are bold, row 0 among them
    assert ours == painted_by_qt(tab)

    tab.select_row(0)  # selecting an unread item marks it read: no longer bold
    after = tab.model.entry(0)
    assert after is not None and after.read
    selected = painted(tab)
    assert selected != ours
    assert selected == painted_by_qt(tab)


def test_scrolled_rows_and_tooltips_still_come_from_the_model(qtbot: QtBot, tab: InboxTab) -> None:
    tab.view.scrollToBottom()
    assert painted(tab) == painted_by_qt(tab)
    index = tab.model.index(0, 5)
    assert tab.model.data(index, Qt.ItemDataRole.ToolTipRole) == "“refund”: complaint word"
    assert tab.model.data(index, Qt.ItemDataRole.DisplayRole) == "negative · high"


def test_rows_painted_again_look_the_same(qtbot: QtBot, tab: InboxTab) -> None:
    """Scrolled away and back: cells now come from what the first paint kept."""
    first = painted(tab)
    tab.view.scrollToBottom()
    painted(tab)
    tab.view.scrollToTop()
    assert painted(tab) == first  # messages painted twice are kept as pixmaps now
    assert painted(tab) == first
    assert first == painted_by_qt(tab)


@pytest.mark.parametrize("width", [700, 1900])
def test_narrow_and_wide_message_columns_elide_as_qt_does(
    qtbot: QtBot, tab: InboxTab, width: int
) -> None:
    tab.resize(width, 800)
    qtbot.waitUntil(lambda: tab.view.viewport().width() != 0)
    assert painted(tab) == painted_by_qt(tab)


def test_a_new_palette_and_font_are_painted_in_their_colours(qtbot: QtBot, tab: InboxTab) -> None:
    before = painted(tab)
    palette = tab.view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#fdf6e3"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#073642"))
    tab.view.setPalette(palette)
    recoloured = painted(tab)
    assert recoloured != before
    assert recoloured == painted_by_qt(tab)

    font = QFont(tab.view.font())
    font.setPointSizeF(font.pointSizeF() + 3)
    tab.view.setFont(font)
    bigger = painted(tab)
    assert bigger != recoloured
    assert bigger == painted_by_qt(tab)


def test_unread_rows_short_texts_are_never_cut(tab: InboxTab) -> None:
    """Network, kind, tone and time columns fit every text they can show in bold (an
    unread row): '10 Nov 10:…' or 'negativ…' on the rows that matter most reads as broken."""
    bold = QFont(tab.view.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    head = tab.view.horizontalHeader()
    for column in (1, 2, 5, 6):
        samples = tab.model.column_samples(column)
        assert samples, column
        widest = max(metrics.horizontalAdvance(text) for text in samples)
        assert widest <= head.sectionSize(column) - 4, (column, widest, head.sectionSize(column))
    assert "negative · medium" in tab.model.column_samples(5)
    assert "Mastodon" in tab.model.column_samples(1)


def test_part_of_the_list_paints_as_qt_paints_it(qtbot: QtBot, tab: InboxTab) -> None:
    """A paint of some strips of the list (what a scroll by a few rows repaints) paints
    the cells and grid lines there as Qt's own view and delegate do."""
    tab.select_row(2)
    viewport = tab.view.viewport()
    width = viewport.width()
    region = QRegion(QRect(0, 45, width, 50)) + QRegion(QRect(120, 200, 300, 31))

    def strips() -> QImage:
        image = QImage(viewport.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("#123456"))
        viewport.render(image, QPoint(), region)
        return image

    ours = strips()
    tab.view.setItemDelegate(QStyledItemDelegate(tab.view))
    assert ours == strips()


def test_cells_under_the_mouse_paint_as_qt_paints_them(qtbot: QtBot, tab: InboxTab) -> None:
    """Where the style follows the mouse over item views, the hovered cell gets the same
    state as in Qt's own paint."""
    viewport = tab.view.viewport()
    viewport.setAttribute(Qt.WidgetAttribute.WA_Hover)
    at = tab.view.visualRect(tab.model.index(3, 4)).center()
    for kind in (QEvent.Type.HoverEnter, QEvent.Type.HoverMove):
        QApplication.sendEvent(viewport, QHoverEvent(kind, QPointF(at), QPointF(at), QPointF()))
    assert painted(tab) == painted_by_qt(tab)
    leave = QHoverEvent(QEvent.Type.HoverLeave, QPointF(-1, -1), QPointF(-1, -1), QPointF(at))
    QApplication.sendEvent(viewport, leave)
    assert painted(tab) == painted_by_qt(tab)


@pytest.mark.parametrize("bold", [False, True])
def test_long_texts_are_cut_where_the_whole_text_is(bold: bool) -> None:
    """A message is elided from a prefix of it: the cut is the one Qt makes on the whole
    text, for texts in several scripts and column widths."""
    font = QFont()
    font.setBold(bold)
    metrics = QFontMetrics(font)
    cells = CellText()
    words = [*TEXTS, "AV To WA ff fi", "ﷺ ﻻ", "ਨ੍ਹ ਕ੍ਰ", "a\u0301e\u0300 ñ", "x" * 90]
    rng = random.Random(5)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))[:140]
        for width in (40, 128, 164, 300):
            assert cells.elide(text, metrics, width) == metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, width
            ), (text, width)


def test_several_selected_rows_paint_as_qt_paints_them(qtbot: QtBot, tab: InboxTab) -> None:
    """Rows selected from code (past the single selection a click makes), some cells only,
    paint as Qt's own view and delegate paint them."""
    model = tab.model
    cells = QItemSelection(model.index(1, 0), model.index(3, 6))
    cells.select(model.index(5, 2), model.index(6, 4))
    tab.view.selectionModel().select(cells, QItemSelectionModel.SelectionFlag.Select)
    assert painted(tab) == painted_by_qt(tab)
