"""The calendar's item models behave as Qt expects (qtmodeltester) and carry ids as MIME."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from cmplanner.domain.enums import Network
from cmplanner.domain.models import PostFilter
from cmplanner.domain.periods import ViewKind, period_for
from cmplanner.services.planning import Target
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.model import (
    MIME_POST_IDS,
    BacklogModel,
    CalendarModel,
    DayRole,
    PostIdRole,
    PostRole,
    decode_ids,
)
from tests.ui.calendar_fixtures import seed


def _rows(ws: Workspace):
    period = period_for(ViewKind.MONTH, datetime(2026, 11, 26, tzinfo=UTC).date())
    return ws.posts.rows(PostFilter(), *period.utc_span())


def test_calendar_model_passes_modeltester(qtmodeltester: ModelTester, ws: Workspace) -> None:
    seed(ws)
    model = CalendarModel()
    model.set_rows(_rows(ws), None)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4


def test_backlog_model_passes_modeltester(qtmodeltester: ModelTester, ws: Workspace) -> None:
    ids = seed(ws)
    model = BacklogModel()
    model.set_rows(ws.posts.backlog(PostFilter()), None)
    qtmodeltester.check(model, force_py=True)
    assert [model.index(i, 0).data(PostIdRole) for i in range(model.rowCount())] == [ids["idea"]]


def test_rows_are_ordered_by_wall_time_and_know_their_day(ws: Workspace) -> None:
    ids = seed(ws)
    model = CalendarModel()
    model.set_rows(_rows(ws), None)
    order = [model.index(i, 0).data(PostIdRole) for i in range(model.rowCount())]
    assert order == [ids["done"], ids["a"], ids["b"], ids["c"]]
    assert model.index(1, 0).data(DayRole).isoformat() == "2026-11-27"


def test_laptop_zone_moves_a_late_post_to_the_next_day(ws: Workspace) -> None:
    brand = ws.brands.create("Night owls", "America/Los_Angeles")
    pid = ws.posts.create(brand.id, "Late show", local_at=datetime(2026, 11, 28, 20, 0)).id
    model = CalendarModel()
    model.set_rows(_rows(ws), "Europe/Madrid")
    row = model.row_of(pid)
    # 20:00 in Los Angeles is 05:00 the next morning in Madrid.
    assert model.index(row, 0).data(DayRole).isoformat() == "2026-11-29"
    assert model.wall_at(row) == datetime(2026, 11, 29, 5, 0)


def test_mime_data_carries_only_ids(ws: Workspace) -> None:
    ids = seed(ws)
    model = CalendarModel()
    model.set_rows(_rows(ws), None)
    mime = model.mimeData(
        [model.index(model.row_of(ids["b"]), 0), model.index(model.row_of(ids["a"]), 0)]
    )
    assert mime.formats()[0] == MIME_POST_IDS
    assert decode_ids(mime) == [ids["b"], ids["a"]]


def test_a_post_a_network_would_refuse_is_marked(ws: Workspace) -> None:
    brand = ws.brands.create("Sol", "Europe/Madrid")
    linkedin = ws.accounts.add_profile(brand.id, Network.LINKEDIN, "Sol Bakery")
    # A draft may be over length; placed on the calendar it keeps its warning mark.
    pid = ws.posts.create(brand.id, "pan " * 751, account_ids=[linkedin.id]).id
    ws.planning.apply(ws.planning.plan_move([pid], pid, Target(date(2026, 11, 27))))
    model = CalendarModel()
    model.set_rows(_rows(ws), None)
    index = model.index(model.row_of(pid), 0)
    assert index.data(PostRole).check_level == "error"
    assert "would refuse" in index.data(Qt.ItemDataRole.ToolTipRole)
