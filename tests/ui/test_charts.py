"""The charts tab under offscreen Qt: what it plots, hover, export, empty state, palette."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QTranslator
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import DatabaseProblem
from cmplanner.services.metrics import ChartData, ChartScope, Counts
from cmplanner.services.workspace import Workspace
from cmplanner.ui.charts_tab import ChartsTab, preset_range

SHOTS = Path("/tmp")


@pytest.fixture
def filled(ws: Workspace) -> dict[str, int]:
    """Sol (Madrid): Bluesky and Mastodon, six published posts with counts, followers."""
    b = ws.brands.create("Sol", "Europe/Madrid")
    bsky = ws.accounts.add_profile(b.id, Network.BLUESKY, "sol.bsky.social")
    masto = ws.accounts.add_profile(b.id, Network.MASTODON, "@sol@example.social")
    ids = {"brand": b.id}
    # (day in November, hour in Madrid, accounts, likes each)
    plan = [
        (3, 9, [bsky.id, masto.id], 10),
        (5, 18, [bsky.id], 30),
        (10, 9, [masto.id], 4),
        (12, 9, [bsky.id], 12),
        (17, 13, [bsky.id, masto.id], 7),
        (24, 9, [bsky.id], 25),
    ]
    taken = datetime(2026, 11, 25, tzinfo=UTC)
    for day, hour, accounts, likes in plan:
        post = ws.posts.create(
            b.id,
            f"Post of the {day}th",
            local_at=datetime(2026, 11, day, hour, 0),
            state=PostState.PUBLISHED,
            account_ids=accounts,
            allow_past=True,
        )
        ids[f"post{day}"] = post.id
        for target, _a, _n in ws.metrics.published_targets(post.id):
            ws.metrics.record_post_metrics(target, Counts(likes=likes, reposts=1), taken)
    for i, n in enumerate((100, 104, 110)):
        ws.metrics.record_followers(
            bsky.id, n, taken_utc=datetime(2026, 11, 1 + 10 * i, tzinfo=UTC)
        )
    ws.metrics.set_cadence_goal(b.id, Network.BLUESKY, 2)
    return ids


def _tab(qtbot: QtBot, ws: Workspace, preset: str = "30") -> ChartsTab:
    tab = ChartsTab(ws)
    qtbot.addWidget(tab)
    tab.range.setCurrentIndex(tab.range.findData(preset))
    tab.resize(1300, 1000)
    with qtbot.waitSignal(tab.charts_updated):
        tab.show()
    qtbot.waitExposed(tab)
    qtbot.waitUntil(lambda: not tab.loading)
    assert tab.body is not None
    return tab


def _bar_heights(tab: ChartsTab, key: str) -> dict[str, float]:
    """Total bar height per network, read from the bars drawn (one collection each)."""
    assert tab.body is not None
    totals: dict[str, float] = {}
    for bars in tab.body.panels[key].axes.collections:
        gid = bars.get_gid()
        if gid and bars.get_visible():
            for path in bars.get_paths():
                ys = path.vertices[:, 1]
                totals[gid] = totals.get(gid, 0) + float(ys.max() - ys.min())
    return totals


def test_charts_plot_the_stored_numbers(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int]
) -> None:
    tab = _tab(qtbot, ws)
    assert tab.body is not None
    # Engagement stacked by network: likes + one repost per target.
    assert _bar_heights(tab, "engagement") == {
        "bluesky": (10 + 30 + 12 + 7 + 25) + 5,
        "mastodon": (10 + 4 + 7) + 3,
    }
    # Posts per week, with the goal line at 2.
    assert sum(_bar_heights(tab, "cadence").values()) == 8
    goal_lines = [ln for ln in tab.body.panels["cadence"].axes.lines if ln.get_label() == "Goal"]
    assert [ln.get_ydata()[0] for ln in goal_lines] == [2]  # type: ignore[index]
    # Follower growth: the three counts of the Bluesky account.
    (line,) = [ln for ln in tab.body.panels["followers"].axes.lines if ln.get_gid()]
    assert list(line.get_ydata()) == [100, 104, 110]  # type: ignore[arg-type]
    # Best time: Tuesdays 09:00 Madrid hold 3 Nov (two targets), 10 Nov and 24 Nov.
    (cells,) = [c for c in tab.body.panels["heatmap"].axes.collections if c.get_gid() == "heatmap"]
    grid = cells.get_array()
    assert grid is not None
    assert grid[1][9] == pytest.approx((11 + 11 + 5 + 26) / 4)
    # Top posts, best first; the summary line.
    model = tab.body.top_model
    assert [p.engagement for p in model.posts[:2]] == [31, 26]
    assert tab.summary.text().startswith("6 post(s) (8 publication(s)) · 113 engagement")
    tab.grab().save(str(SHOTS / "H_charts_light.png"))


def test_hover_shows_exact_values(qtbot: QtBot, ws: Workspace, filled: dict[str, int]) -> None:
    import matplotlib.dates as mdates

    tab = _tab(qtbot, ws)
    assert tab.body is not None
    x = float(mdates.date2num(datetime(2026, 11, 5, 3)))  # over the 5 Nov bar  # type: ignore[no-untyped-call]
    text = tab.body.panels["engagement"].hover(x, 1.0)
    assert text is not None
    assert "Thu 05 Nov 2026" in text and "Bluesky: 31 engagement" in text
    heat = tab.body.panels["heatmap"].hover(18.2, 3.1)  # Thursday, 18:00
    assert heat == "Thu 18:00 — 31.0 engagement a post (1 posts)"


def test_clicking_a_top_post_opens_it(qtbot: QtBot, ws: Workspace, filled: dict[str, int]) -> None:
    tab = _tab(qtbot, ws)
    assert tab.body is not None
    view = tab.body.top_view
    index = tab.body.top_model.index(0, 2)
    with qtbot.waitSignal(tab.open_requested) as blocker:
        view.clicked.emit(index)
    assert blocker.args == [filled["post5"]]


def test_each_chart_exports_png_and_svg(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int], tmp_path: Path
) -> None:
    tab = _tab(qtbot, ws)
    assert tab.body is not None
    panel = tab.body.panels["engagement"]
    panel.export(tmp_path / "e.png")
    panel.export(tmp_path / "e.svg")
    assert (tmp_path / "e.png").read_bytes()[:4] == b"\x89PNG"
    svg = (tmp_path / "e.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_filters_narrow_the_data(qtbot: QtBot, ws: Workspace, filled: dict[str, int]) -> None:
    tab = _tab(qtbot, ws)
    with qtbot.waitSignal(tab.charts_updated):
        tab.networks.set_checked({"mastodon"})
    assert tab.data is not None
    assert {p.network for p in tab.data.posts} == {Network.MASTODON}
    assert set(_bar_heights(tab, "engagement")) == {"mastodon"}
    with qtbot.waitSignal(tab.charts_updated):
        tab.range.setCurrentIndex(tab.range.findData("7"))  # 20-26 Nov: no mastodon post
    assert tab.data is not None and tab.data.posts == ()


def test_empty_and_sparse_data_say_what_to_do(qtbot: QtBot, ws: Workspace) -> None:
    ws.brands.create("Empty", "UTC")
    tab = _tab(qtbot, ws)
    assert tab.body is not None
    for key in ("engagement", "rates", "followers", "cadence", "heatmap"):
        axes = tab.body.panels[key].axes
        texts = " ".join(t.get_text() for t in axes.texts)
        assert texts, key
        assert not axes.axison, key  # a sentence, not a blank axis
    assert "import-analytics" in tab.body.panels["engagement"].axes.texts[0].get_text()
    # The top-posts table says why it is empty instead of showing bare headers.
    assert tab.body.top_pages.currentWidget() is tab.body.top_empty
    assert tab.body.top_empty.isVisible()
    assert "No published post in this range" in tab.body.top_empty.text()
    tab.grab().save(str(SHOTS / "H_charts_empty.png"))


def test_top_posts_without_counts_say_to_sync(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int]
) -> None:
    b = ws.brands.get(filled["brand"])
    account = ws.accounts.add_profile(b.id, Network.X, "@sol")
    ws.posts.create(
        b.id,
        "Not measured yet",
        local_at=datetime(2026, 11, 20, 9, 0),
        state=PostState.PUBLISHED,
        account_ids=[account.id],
        allow_past=True,
    )
    tab = _tab(qtbot, ws)
    assert tab.body is not None
    assert tab.body.top_pages.currentWidget() is tab.body.top_view
    with qtbot.waitSignal(tab.charts_updated):
        tab.networks.set_checked({Network.X.value})
    assert tab.body.top_pages.currentWidget() is tab.body.top_empty
    assert "1 post(s) published in this range, but no counts yet" in tab.body.top_empty.text()
    assert "Sync now" in tab.body.top_empty.text()
    with qtbot.waitSignal(tab.charts_updated):
        tab.networks.set_checked(set())
    assert tab.body.top_pages.currentWidget() is tab.body.top_view
    assert tab.body.top_model.rowCount() > 0


def test_dark_palette(qtbot: QtBot, ws: Workspace, filled: dict[str, int]) -> None:
    tab = ChartsTab(ws)
    qtbot.addWidget(tab)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    tab.setPalette(dark)
    tab.resize(1300, 1000)
    with qtbot.waitSignal(tab.charts_updated):
        tab.show()
    assert tab.body is not None
    face = tab.body.panels["engagement"].figure.get_facecolor()
    assert max(face[:3]) < 0.2  # type: ignore[index]
    tab.grab().save(str(SHOTS / "H_charts_dark.png"))


def test_loading_runs_off_the_gui_thread_and_shows_it(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab(qtbot, ws)
    threads: list[threading.Thread] = []
    read = ws.metrics.chart_data

    def recording(scope: ChartScope) -> ChartData:
        threads.append(threading.current_thread())
        return read(scope)

    monkeypatch.setattr(ws.metrics, "chart_data", recording)
    states: list[bool] = []
    tab.loading_changed.connect(states.append)
    with qtbot.waitSignal(tab.charts_updated):
        tab.networks.set_checked({"bluesky"})
        assert tab.loading and tab.busy.isVisible()  # shown at once, before any result
    qtbot.waitUntil(lambda: not tab.loading)
    assert not tab.busy.isVisible()
    assert states == [True, False]
    assert threads and threading.main_thread() not in threads


def test_a_filter_change_during_a_load_supersedes_it(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int]
) -> None:
    tab = _tab(qtbot, ws)
    shown: list[frozenset[Network]] = []
    tab.charts_updated.connect(lambda: shown.append(frozenset(p.network for p in tab.data.posts)))
    tab.networks.set_checked({"bluesky"})  # a load starts...
    assert tab.loading
    tab.networks.set_checked({"mastodon"})  # ...and is superseded before it ends
    qtbot.waitUntil(lambda: not tab.loading)
    assert shown == [frozenset({Network.MASTODON})]  # the first result was never drawn
    assert set(_bar_heights(tab, "engagement")) == {"mastodon"}


def test_a_failed_read_says_so(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab(qtbot, ws)

    def broken(_scope: ChartScope) -> ChartData:
        raise DatabaseProblem("The database is locked.", "Close the other program using it.")

    monkeypatch.setattr(ws.metrics, "chart_data", broken)
    tab.networks.set_checked({"bluesky"})
    qtbot.waitUntil(lambda: not tab.loading)
    assert "The database is locked." in tab.summary.text()
    assert "Close the other program" in tab.summary.text()


def test_charts_out_of_view_are_rendered_when_scrolled_to(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int]
) -> None:
    tab = ChartsTab(ws)
    qtbot.addWidget(tab)
    tab.resize(1000, 520)  # the heatmap is below the fold
    with qtbot.waitSignal(tab.charts_updated):
        tab.show()
    assert tab.body is not None
    top, heatmap = tab.body.panels["engagement"].canvas, tab.body.panels["heatmap"].canvas
    qtbot.waitUntil(lambda: top.renders > 0)
    assert heatmap.renders == 0 and heatmap.stale
    tab.scroll_area.ensureWidgetVisible(heatmap)
    qtbot.waitUntil(lambda: heatmap.renders > 0)
    assert not heatmap.stale


def test_custom_range_starts_from_the_workspace_clock(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int]
) -> None:
    """Custom… offers the last 30 days of the brand's today (the clock), whatever the
    computer's date, and the charts line their ticks up with their bars' days."""
    tab = _tab(qtbot, ws)
    with qtbot.waitSignal(tab.charts_updated):
        tab.range.setCurrentIndex(tab.range.findData("custom"))
    today = ws.clock.now().astimezone(ZoneInfo("Europe/Madrid")).date()
    assert tab.last.date().toPython() == today
    assert tab.first.date().toPython() == today - timedelta(days=29)
    assert tab.body is not None
    axes = tab.body.panels["engagement"].axes
    ticks = [float(x) for x in axes.get_xticks()]
    middles = [float(p.vertices[:, 0].mean()) for b in axes.collections for p in b.get_paths()]
    assert ticks and middles
    # Ticks and bars both stand on days' starts (whole date numbers), not half a day apart.
    assert all(x == pytest.approx(round(x)) for x in ticks + middles)


def test_client_report_is_written_off_the_gui_thread(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int], tmp_path: Path
) -> None:
    from cmplanner.ui.charts_report import ReportDialog

    tab = _tab(qtbot, ws)
    tab.open_report_dialog()  # window-modal, open() (never exec())
    (dialog,) = [d for d in tab._dialogs if isinstance(d, ReportDialog)]
    dialog.month.setDate(QDate(2026, 11, 1))
    dialog.path.setText(str(tmp_path / "notes.txt"))
    with qtbot.waitSignal(dialog.write_button.clicked):
        dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled())
    assert "not a PDF file name" in dialog.status.text()
    assert "ending in .pdf" in dialog.status.text()
    dialog.path.setText(str(tmp_path / "sol.pdf"))
    with qtbot.waitSignal(dialog.report_written) as written:
        dialog.write_button.click()
        assert not dialog.write_button.isEnabled()  # busy until the worker is done
        assert "Writing" in dialog.status.text()
    assert written.args == [str(tmp_path / "sol.pdf")]
    assert (tmp_path / "sol.pdf").read_bytes()[:5] == b"%PDF-"
    assert "Written" in dialog.status.text() and "3 page(s)" in dialog.status.text()
    dialog.close()


def test_preset_ranges() -> None:
    from datetime import date

    today = date(2026, 11, 26)
    assert preset_range("7", today, today, today).first == date(2026, 11, 20)
    assert preset_range("month", today, today, today).first == date(2026, 11, 1)
    custom = preset_range("custom", today, date(2026, 11, 9), date(2026, 10, 1))
    assert (custom.first, custom.last) == (date(2026, 10, 1), date(2026, 11, 9))


@pytest.mark.slow
def test_opening_the_window_does_not_import_matplotlib(tmp_path: Path) -> None:
    """Start-up pays nothing for the charts; the tab loads matplotlib when first shown."""
    script = """
import sys
from PySide6.QtWidgets import QApplication
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
from cmplanner.ui.main_window import MainWindow
app = QApplication([])
home = __import__("pathlib").Path(sys.argv[1])
ws = open_workspace(Paths(home=home, logs=home / "logs"))
w = MainWindow(ws)
w.show()
app.processEvents()
print("before", "matplotlib" in sys.modules)
w.tabs.setCurrentWidget(w.charts)
app.processEvents()
print("after", "matplotlib" in sys.modules)
w.close()
ws.close()
"""
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "home")],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
        check=True,
    ).stdout
    assert "before False" in out
    assert "after True" in out


class _MarkingCharts(QTranslator):
    """A translation that wraps every chart text in « » (so an untranslated one shows);
    other contexts stay untranslated (None: Qt takes an empty string as a translation)."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"«{source}»" if context == "Charts" else None


@pytest.fixture
def marking_charts(qapp: QApplication) -> Iterator[None]:
    translator = _MarkingCharts()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_chart_texts_come_from_the_translation(
    qtbot: QtBot, ws: Workspace, filled: dict[str, int], marking_charts: None
) -> None:
    import matplotlib.dates as mdates

    tab = _tab(qtbot, ws)
    assert tab.body is not None
    p = tab.body.panels
    # Hover: the day, each network's line, the total, the goal, in the translation's words.
    x = float(mdates.date2num(datetime(2026, 11, 5, 3)))  # type: ignore[no-untyped-call]
    assert p["engagement"].hover(x, 1.0) == "\n".join(
        ["««Thu» 05 «Nov» 2026»", "«Bluesky: 31 engagement»", "«Total: 31 engagement»"]
    )
    week = float(mdates.date2num(datetime(2026, 11, 2, 12)))  # type: ignore[no-untyped-call]
    cadence = p["cadence"].hover(week, 1.0)
    assert cadence is not None
    assert cadence.splitlines()[0] == "«week of 02 «Nov» 2026»"
    assert "«Goal: 2 a week»" in cadence.splitlines()
    rates = p["rates"].hover(x, 1.0)
    assert rates is not None and "«Per post: 31.0»" in rates.splitlines()
    followers = p["followers"].hover(
        float(mdates.date2num(datetime(2026, 11, 12, tzinfo=UTC))),  # type: ignore[no-untyped-call]
        105.0,
    )
    assert followers == "««Thu» 12 «Nov» 2026»\n«Bluesky sol.bsky.social: 104 followers»"
    assert p["heatmap"].hover(18.2, 3.1) == "««Thu» 18:00 — 31.0 engagement a post (1 posts)»"
    assert p["heatmap"].hover(2.0, 6.0) == "««Sun» 02:00 — no post»"
    # Legends (drawn by Qt above each chart) and axis titles.
    assert "«Goal»" in [e.label for e in p["cadence"].chart.entries]
    assert [e.label for e in p["rates"].chart.entries] == [
        "«engagement per post»",
        "«per 100 followers (%)»",
    ]
    assert [e.label for e in p["heatmap"].chart.entries] == [
        "«no post»",
        "«low»",
        "«high engagement a post»",
    ]
    assert "«no&nbsp;post»" in p["heatmap"].legend.text()  # the label Qt shows
    assert p["rates"].axes.get_ylabel() == "«engagement per post»"
    assert p["heatmap"].axes.get_xlabel() == "«hour (Europe/Madrid)»"
    # Weekday names and the date axis' months.
    heat_days = [t.get_text() for t in p["heatmap"].axes.get_yticklabels()]
    assert heat_days == [f"«{d}»" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    ticks = [t.get_text() for t in p["engagement"].axes.get_xticklabels()]
    assert ticks and all(re.fullmatch(r"«\d\d «(Oct|Nov)»»", t) for t in ticks), ticks
    tab.grab().save(str(SHOTS / "H_charts_marked.png"))


def test_the_heatmap_empty_state_comes_from_the_translation(
    qtbot: QtBot, ws: Workspace, marking_charts: None
) -> None:
    ws.brands.create("Empty", "UTC")
    tab = _tab(qtbot, ws, "7")
    assert tab.body is not None
    (note,) = [t.get_text() for t in tab.body.panels["heatmap"].axes.texts if t.get_visible()]
    assert note == (
        "«Best times need at least 8 published posts with counts; this range has 0.» "
        "«Try the last 90 days.»"
    )
