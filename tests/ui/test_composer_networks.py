"""The composer's per-network side: targets, variants, counters, previews, problems, gate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItemModel
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.models import Account, Brand
from cmplanner.networks.graphemes import utf16_offset
from cmplanner.networks.registry import rules_for
from cmplanner.services.workspace import Workspace
from cmplanner.ui.composer import ComposerDialog
from cmplanner.ui.composer_targets import TargetTab
from cmplanner.ui.counter_badge import AMBER, RED, CounterLevel
from cmplanner.ui.preview_widget import PreviewWidget

WHEN = datetime(2026, 12, 3, 9, 30)


@dataclass(frozen=True)
class Sol:
    brand: Brand
    bluesky: Account
    x: Account
    mastodon: Account
    linkedin: Account


@pytest.fixture
def sol(ws: Workspace) -> Sol:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid", default_hashtags="#pansol")
    add = ws.accounts.add_profile
    return Sol(
        brand,
        add(brand.id, Network.BLUESKY, "sol.bsky.social", "Panadería Sol"),
        add(brand.id, Network.X, "@panaderiasol"),
        add(brand.id, Network.MASTODON, "@sol@mastodon.social"),
        add(brand.id, Network.LINKEDIN, "panaderia-sol"),
    )


@pytest.fixture(autouse=True)
def _no_unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(_parent: object, title: str, *_a: object, **_k: object) -> None:
        raise AssertionError(f"unexpected question: {title}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unexpected))


def _composer(qtbot: QtBot, ws: Workspace, **kwargs: object) -> ComposerDialog:
    dialog = ComposerDialog(ws, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _target(dialog: ComposerDialog, *accounts: Account) -> None:
    for acc in accounts:
        dialog.form.targets.boxes[acc.id].setChecked(True)


def _tab(dialog: ComposerDialog, acc: Account) -> TargetTab:
    tab = dialog.tabs.tabs[acc.id]
    dialog.tabs.setCurrentWidget(tab)
    dialog.live.flush()
    return tab


def _pngs(tmp_path: Path, n: int) -> list[Path]:
    out = []
    for i, color in enumerate(["#d9822b", "#4a7bd0", "#2f7d5b", "#aa3355"][:n]):
        path = tmp_path / f"photo{i}.png"
        Image.new("RGB", (800, 600), color).save(path)
        out.append(path)
    return out


def _ink(image: QImage) -> int:
    """How many pixels differ from the top-left (background) pixel."""
    bg = image.pixel(0, 0)
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) != bg
    )


def _mean_lightness(image: QImage) -> float:
    values = [
        QColor(image.pixel(x, y)).lightness()
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
    ]
    return sum(values) / len(values)


# ---- targets and variants -----------------------------------------------------------


def test_choose_targets_and_save(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    assert set(dialog.form.targets.boxes) == {
        sol.bluesky.id,
        sol.x.id,
        sol.mastodon.id,
        sol.linkedin.id,
    }
    assert not dialog.tabs.isVisible()
    _target(dialog, sol.bluesky, sol.x)
    assert dialog.tabs.isVisible()
    assert set(dialog.tabs.tabs) == {sol.bluesky.id, sol.x.id}
    qtbot.keyClicks(dialog.editor, "Rye on Thursday")
    with qtbot.waitSignal(dialog.post_saved) as saved:
        dialog.save(schedule=False)
    post = ws.posts.get(saved.args[0])
    assert {a.id for a in post.targets} == {sol.bluesky.id, sol.x.id}


def test_brand_change_resets_targets(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    other = ws.brands.create("Harbor Books", "America/New_York")
    ws.accounts.add_profile(other.id, Network.THREADS, "harbor")
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky)
    dialog.form.brand_combo.setCurrentIndex(dialog.form.brand_combo.findData(other.id))
    assert [a.handle for a in dialog.form.targets.accounts] == ["harbor"]
    assert dialog.form.targets.chosen() == []
    assert dialog.tabs.tabs == {}


def test_variant_saved_reopened_and_restored(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    qtbot.keyClicks(dialog.editor, "Base text for everyone")
    _target(dialog, sol.bluesky, sol.x)
    tab = _tab(dialog, sol.x)
    tab.variant_check.setChecked(True)
    assert tab.variant_edit.toPlainText() == "Base text for everyone"  # prefilled
    tab.variant_edit.selectAll()
    qtbot.keyClicks(tab.variant_edit, "Short for X")
    journal = dialog.edit_state()
    with qtbot.waitSignal(dialog.post_saved) as saved:
        dialog.save(schedule=False)
    post = ws.posts.get(saved.args[0])
    assert [(v.account_id, v.text) for v in post.variants] == [(sol.x.id, "Short for X")]

    again = _composer(qtbot, ws, post_id=post.id)
    assert again.form.targets.chosen_ids() == [sol.bluesky.id, sol.x.id]
    assert again.tabs.tabs[sol.x.id].variant() == "Short for X"
    assert again.tabs.tabs[sol.bluesky.id].variant() is None
    again.tabs.tabs[sol.x.id].variant_check.setChecked(False)  # back to the base text
    with qtbot.waitSignal(again.post_saved):
        again.save(schedule=False)
    assert ws.posts.get(post.id).variants == ()

    restored = _composer(qtbot, ws, restore=journal)
    assert restored.form.targets.chosen_ids() == [sol.bluesky.id, sol.x.id]
    assert restored.tabs.tabs[sol.x.id].variant() == "Short for X"


# ---- counters and highlight ---------------------------------------------------------


def test_counters_count_the_network_way(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky, sol.x, sol.linkedin)
    dialog.editor.setPlainText("🙂" * 301)
    badges = dialog.form.counters.badges
    assert badges[sol.bluesky.id].text() == "Bluesky 301/300"
    assert badges[sol.bluesky.id].level == CounterLevel.OVER
    x_count = rules_for(Network.X).count("🙂" * 301).length
    assert x_count == 602  # emoji weigh 2 on X
    assert badges[sol.x.id].text() == f"X {x_count}/280"
    assert badges[sol.x.id].level == CounterLevel.OVER
    assert badges[sol.linkedin.id].level == CounterLevel.NORMAL
    index = dialog.tabs.indexOf(dialog.tabs.tabs[sol.bluesky.id])
    assert dialog.tabs.tabText(index) == "Bluesky"
    bar = dialog.tabs.tabBar()
    assert bar.tabTextColor(index) == QColor(RED)  # the tab's title is red over the limit
    linkedin = dialog.tabs.indexOf(dialog.tabs.tabs[sol.linkedin.id])
    assert not bar.tabTextColor(linkedin).isValid()  # the style's own colour

    dialog.editor.setPlainText("🙂" * 275)  # within 10 % of Bluesky's 300
    assert badges[sol.bluesky.id].level == CounterLevel.NEAR
    assert badges[sol.bluesky.id].text() == "Bluesky 275/300"
    assert bar.tabTextColor(index) == QColor(AMBER)
    dialog.editor.setPlainText("🙂")
    assert not bar.tabTextColor(index).isValid()


def test_overflow_highlight_starts_at_overflow_start(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky, sol.linkedin)
    text = "Pan 🍞 ਪੰਜਾਬੀ " * 40
    dialog.editor.setPlainText(text)
    report = rules_for(Network.BLUESKY).count(text)
    assert report.overflow_start is not None
    [sel] = dialog.editor.extraSelections()
    assert sel.cursor.selectionStart() == utf16_offset(text, report.overflow_start)
    assert sel.cursor.selectionEnd() == utf16_offset(text, len(text))

    tab = _tab(dialog, sol.bluesky)  # its own, shorter text: the base no longer overflows
    tab.variant_check.setChecked(True)
    assert dialog.editor.extraSelections() == []
    assert tab.variant_edit.extraSelections()  # the variant still holds the long text
    tab.variant_edit.setPlainText("short")
    assert tab.variant_edit.extraSelections() == []


# ---- problems and the ready gate ----------------------------------------------------


def test_problem_click_selects_its_text(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky)
    text = "🙂 " + "word " * 70
    dialog.editor.setPlainText(text)
    dialog.live.flush()
    rows = dialog.problems.rows
    row = next(r for r in rows if r.account_id == sol.bluesky.id and r.end > r.start)
    assert dialog.problems.item(rows.index(row)).text().startswith("Bluesky · sol.bsky.social:")
    dialog.problems.itemClicked.emit(dialog.problems.item(rows.index(row)))
    assert dialog.editor.textCursor().selectedText() == text[row.start : row.end]

    tab = _tab(dialog, sol.bluesky)  # a problem in a variant selects in the variant editor
    tab.variant_check.setChecked(True)
    tab.variant_edit.setPlainText("ok " + "x" * 400)
    dialog.live.flush()
    rows = dialog.problems.rows
    row = next(r for r in rows if r.in_variant and r.end > r.start)
    dialog.problems.itemClicked.emit(dialog.problems.item(rows.index(row)))
    variant = tab.variant_edit.toPlainText()
    assert tab.variant_edit.textCursor().selectedText() == variant[row.start : row.end]


def test_schedule_and_ready_disabled_while_a_target_has_errors(
    qtbot: QtBot, ws: Workspace, sol: Sol
) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id, local_at=WHEN)
    _target(dialog, sol.bluesky, sol.linkedin)
    dialog.editor.setPlainText("pan " * 751)  # 3,004: LinkedIn has no threads to spill into
    dialog.live.flush()
    assert not dialog.schedule_button.isEnabled()
    tip = dialog.schedule_button.toolTip()
    assert "LinkedIn (panaderia-sol): longer than the 3,000 characters it allows" in tip
    assert "Bluesky" not in tip  # too long there too, but it goes out as a thread
    dialog.editor.insertPlainText("more")  # typing on: the same reason, the same tooltip
    dialog.live.flush()
    assert dialog.schedule_button.toolTip() == tip
    combo = dialog.form.state_combo
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    ready = model.item(combo.findData(PostState.READY.value))
    assert not ready.isEnabled()
    assert "LinkedIn" in combo.itemData(ready.row(), Qt.ItemDataRole.ToolTipRole)

    tab = _tab(dialog, sol.linkedin)
    tab.variant_check.setChecked(True)
    tab.variant_edit.setPlainText("Fresh rye, Thursday.")
    dialog.live.flush()
    assert dialog.schedule_button.isEnabled()
    assert ready.isEnabled()
    with qtbot.waitSignal(dialog.post_saved) as saved:
        dialog.schedule_button.click()
    post = ws.posts.get(saved.args[0])
    assert post.state == PostState.SCHEDULED


# ---- hashtag groups and templates ---------------------------------------------------


def test_insert_hashtag_group_and_template(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    ws.library.save_hashtag_group(sol.brand.id, "Bread", "#bread sourdough")
    ws.library.save_template(sol.brand.id, "Launch", "New at {brand}: {link} {hashtags}")
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    qtbot.keyClicks(dialog.editor, "Warm loaves")
    dialog.insert.fill()
    dialog.insert.action("Bread").trigger()
    assert dialog.editor.toPlainText() == "Warm loaves #bread #sourdough"

    dialog.editor.selectAll()
    dialog.insert.fill()
    dialog.insert.action("Launch").trigger()
    assert dialog.editor.toPlainText() == "New at Panadería Sol: {link} #pansol"
    assert dialog.editor.textCursor().selectedText() == "{link}"  # type over it
    qtbot.keyClicks(dialog.editor, "https://sol.es")
    assert dialog.editor.toPlainText() == "New at Panadería Sol: https://sol.es #pansol"


# ---- previews -----------------------------------------------------------------------


def test_three_images_make_three_tiles(
    qtbot: QtBot, ws: Workspace, sol: Sol, tmp_path: Path
) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky)
    qtbot.keyClicks(dialog.editor, "Three breads")
    dialog.form.media.attach(_pngs(tmp_path, 3), ["Rye loaf", "", ""])
    tab = _tab(dialog, sol.bluesky)
    tiles = tab.preview.tiles
    assert tiles.tile_count() == 3
    assert [t.alt for t in tiles.tiles] == [True, False, False]
    assert tiles.isVisible() and tiles.height() > 0
    assert _ink(tiles.grab().toImage()) > 0


def test_hidden_tab_preview_updates_when_shown(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky, sol.linkedin)
    _tab(dialog, sol.bluesky)
    dialog.editor.setPlainText("Hello #bread")
    dialog.live.flush()
    linkedin = dialog.tabs.tabs[sol.linkedin.id]
    assert linkedin.preview_stale
    dialog.tabs.setCurrentWidget(linkedin)
    assert not linkedin.preview_stale
    assert "#bread" in linkedin.preview.visible_text()


def test_mastodon_content_warning(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    assert not dialog.form.cw_edit.isVisible()
    _target(dialog, sol.mastodon, sol.bluesky)
    assert dialog.form.cw_edit.isVisible()
    qtbot.keyClicks(dialog.editor, "The oven broke")
    qtbot.keyClicks(dialog.form.cw_edit, "Kitchen mishap")
    preview = _tab(dialog, sol.mastodon).preview
    assert preview.cw_bar.isVisible()
    assert preview.cw_label.text() == "CW: Kitchen mishap"
    assert not preview.body.isVisible()  # collapsed until "Show more"
    preview.cw_toggle.click()
    assert preview.body.isVisible()
    assert not _tab(dialog, sol.bluesky).preview.cw_bar.isVisible()
    assert dialog.form.counters.badges[sol.mastodon.id].text() == "Mastodon 28/500"
    assert dialog.edit_state().extra["content_warning"] == "Kitchen mishap"
    with qtbot.waitSignal(dialog.post_saved) as saved:
        dialog.save(schedule=False)
    assert ws.posts.content_warning(saved.args[0]) == "Kitchen mishap"
    again = _composer(qtbot, ws, post_id=saved.args[0])
    assert again.form.cw_edit.text() == "Kitchen mishap"


def _dark() -> QPalette:
    pal = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#15161a"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Mid, "#5f6368"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
    ):
        pal.setColor(role, QColor(color))
    return pal


def test_dark_palette_renders(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky)
    dialog.editor.setPlainText("Rye at https://sol.es/menu #bread with @friend.bsky.social")
    preview = _tab(dialog, sol.bluesky).preview
    light = preview.grab().toImage()
    light_html = preview.rows[0].label.text()
    dialog.setPalette(_dark())
    dark = preview.grab().toImage()
    assert _ink(dark) > 0
    assert _mean_lightness(dark) < _mean_lightness(light) - 40
    assert preview.rows[0].label.text() != light_html  # link colour for the dark theme
    assert preview.rows[0].label.palette().color(QPalette.ColorRole.WindowText) != QPalette().color(
        QPalette.ColorRole.WindowText
    )


@pytest.mark.parametrize(
    "text",
    ["ਸਤ ਸ੍ਰੀ ਅਕਾਲ ਜੀ ਆਇਆਂ ਨੂੰ", "مرحبا بكم في مخبزنا", "👩‍👩‍👧 🍞🥖"],
    ids=["gurmukhi", "arabic", "emoji"],
)
def test_scripts_render_in_the_preview(qtbot: QtBot, ws: Workspace, sol: Sol, text: str) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.x)
    dialog.editor.setPlainText(text)
    preview = _tab(dialog, sol.x).preview
    label = preview.rows[0].label
    assert label.isVisible()
    assert _ink(label.grab().toImage()) > 20


def test_preview_widget_alone(qtbot: QtBot) -> None:
    """The widget draws whatever render_preview computed, with no composer around it."""
    from cmplanner.networks.preview import render_preview

    widget = PreviewWidget()
    qtbot.addWidget(widget)
    widget.set_identity("#d9822b", "P")
    rules = rules_for(Network.LINKEDIN)
    widget.show_preview(
        render_preview(rules, "word " * 100, display_name="Panadería Sol", handle="sol")
    )
    widget.show()
    assert "see more" in widget.visible_text()


def test_keystroke_bench_gives_numbers(qapp: object) -> None:
    """bench/keystroke.py at a tiny size: figures come out, no timing asserted."""
    import sys

    bench = str(Path(__file__).resolve().parents[2] / "bench")
    sys.path.insert(0, bench)
    try:
        import keystroke
    finally:
        sys.path.remove(bench)
    figs = keystroke.measure(2, chars=300)
    assert len(figs.counters_ms) == len(figs.pure_ms) == 2
    summary = figs.summary()
    assert all(v > 0 for v in summary.values())


def test_damaged_journal_targets_give_no_targets(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    from cmplanner.domain.models import DraftEdit

    edit = DraftEdit("k1", None, sol.brand.id, "text", extra={"targets": "[oops", "variants": "{}"})
    dialog = _composer(qtbot, ws, restore=edit)
    assert dialog.editor.toPlainText() == "text"
    assert dialog.form.targets.chosen() == []


def test_problems_follow_typing_and_keep_their_rows(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    _target(dialog, sol.bluesky, sol.x)
    dialog.editor.setPlainText("word " * 80)
    dialog.live.flush()
    problems = dialog.problems
    first = [problems.item(i) for i in range(problems.count())]
    labels = [item.text() for item in first]
    assert any("longer than Bluesky allows (300 characters)" in label for label in labels)
    tip = dialog.form.counters.badges[sol.bluesky.id].tooltip()  # the count is the counter's
    assert "400 characters of 300 (100 over) · 400 bytes of 3,000" in tip
    gate = dialog.live.gate

    dialog.editor.insertPlainText("more")  # typing on: the same rows, the same messages
    dialog.live.flush()
    assert [problems.item(i) for i in range(problems.count())] == first
    assert [problems.item(i).text() for i in range(problems.count())] == labels
    row = next(r for r in problems.rows if r.account_id == sol.bluesky.id and r.end > r.start)
    assert row.end == 404  # clicking it selects up to the text's new end
    assert dialog.live.gate == gate
    tip = dialog.form.counters.badges[sol.bluesky.id].tooltip()
    assert "404 characters of 300 (104 over)" in tip

    dialog.editor.setPlainText("fits")  # the problems go: the list says so
    dialog.live.flush()
    assert problems.count() == 1
    assert problems.item(0).text() == "No problems for the chosen accounts."


def test_thread_preview_fits_its_column(qtbot: QtBot, ws: Workspace, sol: Sol) -> None:
    # The parts' size hints are the column's (not a width the text would like): a thread
    # in a narrow column wraps inside it, no sideways scrolling, and follows typing.
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    dialog.resize(1100, 700)
    _target(dialog, sol.x)
    text = "Fresh rye every Thursday at 7 🍞 ਤਾਜ਼ੀ ਰੋਟੀ · خبز طازج https://example.com/menu\n\n" * 12
    dialog.editor.setPlainText(text)
    tab = _tab(dialog, sol.x)
    qtbot.waitUntil(lambda: len(tab.preview.preview.parts) > 2 if tab.preview.preview else False)
    scroll = tab.scroll_area
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())
    assert not scroll.horizontalScrollBar().isVisible()

    def laid_out() -> bool:  # every part as tall as its text needs at its width
        rows = [r for r in tab.preview.rows if not r.isHidden()]
        return all(
            r.label.width() <= scroll.viewport().width()
            and r.label.height() >= r.label.heightForWidth(r.label.width())
            for r in rows
        )

    qtbot.waitUntil(laid_out)
    dialog.editor.moveCursor(dialog.editor.textCursor().MoveOperation.End)
    dialog.editor.insertPlainText("and a long tail of words to wrap " * 3)
    dialog.live.flush()
    qtbot.waitUntil(lambda: "long tail" in tab.preview.visible_text())
    qtbot.waitUntil(laid_out)


def test_seven_targets_fit_a_laptop_screen_with_every_counter_shown(
    qtbot: QtBot, ws: Workspace, sol: Sol
) -> None:
    """One counter per target: with all seven networks they wrap onto a second line, so
    the composer still opens at 1,240 px (a 1,366 px laptop screen) and keeps its preview
    wide enough to read, every counter whole and none over another."""
    add = ws.accounts.add_profile
    for network, handle in (
        (Network.FACEBOOK, "PanaderiaSolMadrid"),
        (Network.INSTAGRAM, "panaderia.sol.madrid"),
        (Network.THREADS, "panaderia.sol.madrid"),
    ):
        add(sol.brand.id, network, handle)
    dialog = _composer(qtbot, ws, brand_id=sol.brand.id)
    for box in dialog.form.targets.boxes.values():
        box.setChecked(True)
    dialog.form.editor.setPlainText("Fresh rye every Thursday at 7 🍞 " * 100)
    dialog.live.flush()
    dialog.resize(1240, 800)
    qtbot.waitUntil(lambda: dialog.width() == 1240)

    assert dialog.minimumSizeHint().width() <= 1240
    row = dialog.form.counters
    badges = list(row.badges.values())
    assert len(badges) == 7
    qtbot.waitUntil(lambda: len({b.geometry().topLeft().toTuple() for b in badges}) == 7)
    rects = [b.geometry() for b in badges]
    assert all(row.rect().contains(r) and not r.isEmpty() for r in rects)
    assert len({r.top() for r in rects}) >= 2  # wrapped
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    assert all(b.isVisibleTo(dialog) for b in badges)
    preview = dialog.tabs.currentWidget()
    assert preview is not None and preview.width() >= 400
