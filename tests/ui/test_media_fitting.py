"""Media fitting in the composer: offer a copy a network accepts, make it, keep the original."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import Network
from cmplanner.domain.models import Account, Brand, DraftEdit
from cmplanner.networks.base import MediaInfo
from cmplanner.networks.media_checks import read_media
from cmplanner.networks.registry import rules_for
from cmplanner.services.workspace import Workspace
from cmplanner.ui.composer import ComposerDialog
from cmplanner.ui.composer_fitted import FITTED_PREFIX
from cmplanner.ui.composer_media import AttachmentRow, ratio_text


@dataclass(frozen=True)
class Shop:
    brand: Brand
    instagram: Account
    bluesky: Account


@pytest.fixture
def shop(ws: Workspace) -> Shop:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid")
    add = ws.accounts.add_profile
    return Shop(
        brand,
        add(brand.id, Network.INSTAGRAM, "panaderiasol"),
        add(brand.id, Network.BLUESKY, "sol.bsky.social"),
    )


@pytest.fixture(autouse=True)
def _no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box nobody answers would hang the test: fail at once instead."""

    def unexpected(*_a: object, **_k: object) -> None:
        raise AssertionError("unexpected modal box")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(unexpected))
    monkeypatch.setattr(QMessageBox, "exec", unexpected)
    monkeypatch.setattr(QMenu, "exec", unexpected)


@pytest.fixture
def wide(tmp_path: Path) -> Path:
    path = tmp_path / "panorama.jpg"
    Image.new("RGB", (3000, 1000), "#d9822b").save(path, quality=90)
    return path


@pytest.fixture
def square(tmp_path: Path) -> Path:
    path = tmp_path / "square.jpg"
    Image.new("RGB", (1080, 1080), "#4a7bd0").save(path, quality=90)
    return path


def _composer(qtbot: QtBot, ws: Workspace, tmp_path: Path, shop: Shop) -> ComposerDialog:
    dialog = ComposerDialog(ws, brand_id=shop.brand.id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
    dialog.form.media.fit_dir = tmp_path / "fitted"
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _target(dialog: ComposerDialog, *accounts: Account) -> None:
    for acc in accounts:
        dialog.form.targets.boxes[acc.id].setChecked(True)
    dialog.live.flush()


def _row(dialog: ComposerDialog) -> AttachmentRow:
    rows = dialog.form.media.rows
    assert len(rows) == 1
    return rows[0]


def _rows_fit(dialog: ComposerDialog) -> list[list[Network]]:
    return [list(r.fit_buttons) for r in dialog.form.media.rows]


def test_ratio_text() -> None:
    assert ratio_text(1080, 1350) == "4:5"
    assert ratio_text(1000, 1000) == "1:1"
    assert ratio_text(1440, 754) == "1.91:1"


def test_wide_image_offers_instagram_fit_and_replaces_it(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, shop: Shop, wide: Path
) -> None:
    original = wide.read_bytes()
    dialog = _composer(qtbot, ws, tmp_path, shop)
    _target(dialog, shop.instagram, shop.bluesky)
    dialog.form.media.attach([wide], ["A long loaf on the counter"])
    dialog.live.flush()

    row = _row(dialog)
    assert set(row.fit_buttons) == {Network.INSTAGRAM}  # Bluesky takes it as it is
    button = row.fit_buttons[Network.INSTAGRAM]
    assert button.isVisible()
    assert button.text() == "Fit for Instagram…"
    assert "crop to the widest shape accepted" in button.toolTip()
    codes = [p.code for c in dialog.live.checks for p in c.problems]
    assert "media_aspect_ratio" in codes

    button.click()
    dialog.live.flush()

    row = _row(dialog)
    copy = row.attachment.path
    assert copy != wide and copy.parent == tmp_path / "fitted"
    assert row.alt_text == "A long loaf on the counter"
    assert wide.read_bytes() == original
    info = read_media(copy, row.alt_text)
    assert isinstance(info, MediaInfo)
    problems = rules_for(Network.INSTAGRAM).check("Fresh bread", [info])
    assert "media_aspect_ratio" not in [p.code for p in problems]
    assert not row.fit_buttons  # nothing left to fit
    assert dialog.banner.isVisible()
    assert dialog.banner.message == (
        f"Made a {info.width}×{info.height} copy for Instagram (cropped to 1.91:1); "
        "the original is unchanged."
    )

    dialog.editor.setPlainText("Fresh bread")
    with qtbot.waitSignal(dialog.post_saved) as saved:
        assert dialog.save(schedule=False)
    post = ws.posts.get(saved.args[0])
    assert len(post.media) == 1
    assert (post.media[0].width, post.media[0].height) == (info.width, info.height)
    assert post.media[0].alt_text == "A long loaf on the counter"
    assert wide.read_bytes() == original


def test_problem_row_offers_the_same_fit(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, shop: Shop, wide: Path
) -> None:
    dialog = _composer(qtbot, ws, tmp_path, shop)
    _target(dialog, shop.instagram)
    dialog.form.media.attach([wide], ["Loaf"])
    dialog.live.flush()

    problems = dialog.problems
    fittable = [i for i, r in enumerate(problems.rows) if r.fit_network == Network.INSTAGRAM]
    assert fittable
    item = problems.item(fittable[0])
    assert "Right-click" in item.toolTip()
    menu = problems.fit_menu(item)
    assert menu is not None
    (action,) = menu.actions()
    assert action.text() == "Fit for Instagram…"
    action.trigger()
    dialog.live.flush()

    row = _row(dialog)
    assert row.attachment.path.parent == tmp_path / "fitted"
    assert row.alt_text == "Loaf"
    assert all(r.fit_network is None for r in problems.rows)
    assert "media_aspect_ratio" not in [p.code for c in dialog.live.checks for p in c.problems]


def test_no_fit_offered_when_nothing_needs_fitting(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, shop: Shop, square: Path, wide: Path
) -> None:
    dialog = _composer(qtbot, ws, tmp_path, shop)
    _target(dialog, shop.instagram, shop.bluesky)
    dialog.form.media.attach([square])
    dialog.live.flush()
    assert not _row(dialog).fit_buttons
    assert all(r.fit_network is None for r in dialog.problems.rows)
    assert all(dialog.problems.fit_menu(dialog.problems.item(i)) is None for i in range(1))

    # a wide image, but only for a network that takes it: nothing either
    dialog.form.targets.boxes[shop.instagram.id].setChecked(False)
    dialog.form.media.remove(_row(dialog))
    dialog.form.media.attach([wide])
    dialog.live.flush()
    assert not _row(dialog).fit_buttons


def test_unreadable_file_says_so_and_keeps_the_attachment(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, shop: Shop, wide: Path
) -> None:
    dialog = _composer(qtbot, ws, tmp_path, shop)
    _target(dialog, shop.instagram)
    dialog.form.media.attach([wide], ["Loaf"])
    dialog.live.flush()
    row = _row(dialog)
    wide.write_bytes(b"not an image any more")  # changed on disk after it was attached

    row.fit_buttons[Network.INSTAGRAM].click()

    assert _row(dialog) is row
    assert row.attachment.path == wide and row.alt_text == "Loaf"
    assert dialog.banner.isVisible()
    assert "Could not make a copy of panorama.jpg for Instagram" in dialog.banner.message
    assert "unchanged" in dialog.banner.hint
    assert not list((tmp_path / "fitted").glob("*"))


def test_render_fit_action(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, shop: Shop, wide: Path, square: Path
) -> None:
    """Renders the composer with the fit action showing (for looking at by eye)."""
    dialog = _composer(qtbot, ws, tmp_path, shop)
    _target(dialog, shop.instagram, shop.bluesky)
    dialog.editor.setPlainText("Fresh rye, out of the oven at 7.")
    dialog.form.media.attach([wide, square], ["A long loaf on the counter", ""])
    dialog.live.flush()
    qtbot.wait(50)  # let the layouts settle
    assert _rows_fit(dialog) == [[Network.INSTAGRAM], []]
    image = dialog.grab().toImage()
    out = tmp_path / "composer_fit.png"
    assert image.save(str(out))
    assert out.stat().st_size > 0


# ---- the fitted copies' folder -----------------------------------------------------------


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def _fit_wide(qtbot: QtBot, ws: Workspace, shop: Shop, wide: Path) -> ComposerDialog:
    dialog = ComposerDialog(ws, brand_id=shop.brand.id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
    dialog.show()
    qtbot.waitExposed(dialog)
    _target(dialog, shop.instagram)
    dialog.form.media.attach([wide], ["A long loaf"])
    dialog.live.flush()
    _row(dialog).fit_buttons[Network.INSTAGRAM].click()
    return dialog


@pytest.mark.parametrize("close", ["discard", "cancel", "save"])
def test_fitted_copies_go_when_the_composer_closes(
    qtbot: QtBot,
    ws: Workspace,
    shop: Shop,
    wide: Path,
    temp_root: Path,
    close: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = wide.read_bytes()
    dialog = _fit_wide(qtbot, ws, shop, wide)
    copy = _row(dialog).attachment.path
    assert copy.parent.parent == temp_root and copy.parent.name.startswith(FITTED_PREFIX)
    assert copy.is_file()

    if close == "save":
        dialog.editor.setPlainText("Fresh bread")
        with qtbot.waitSignal(dialog.post_saved) as saved:
            assert dialog.save(schedule=False)
        [media] = ws.posts.get(saved.args[0]).media
        assert Path(media.path).is_file()  # the workspace keeps its own copy
        assert Path(media.path).parent != copy.parent
    elif close == "cancel":  # the user answers "Discard" to "Discard changes?"
        discard = QMessageBox.StandardButton.Discard
        monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: discard))
        dialog.cancel_button.click()
    else:
        dialog.discard()
    assert not dialog.isVisible()
    assert not copy.parent.exists()
    assert wide.read_bytes() == original


def test_stale_fitted_folders_go_when_a_composer_opens(
    qtbot: QtBot, ws: Workspace, shop: Shop, temp_root: Path
) -> None:
    day_ago = time.time() - 24 * 3600

    def folder(name: str, *, old: bool) -> Path:
        path = temp_root / f"{FITTED_PREFIX}{name}"
        path.mkdir()
        Image.new("RGB", (10, 10)).save(path / "loaf-instagram.jpg")
        if old:
            for p in (path / "loaf-instagram.jpg", path):
                os.utime(p, (day_ago, day_ago))
        return path

    crashed = folder("crashed", old=True)  # a composer that never closed
    recent = folder("recent", old=False)  # perhaps another window's, in use
    journaled = folder("journaled", old=True)  # an unsaved edit still refers to it
    other = temp_root / "someone-else"
    other.mkdir()
    os.utime(other, (day_ago, day_ago))
    ws.drafts.save(
        DraftEdit(
            key="k1",
            post_id=None,
            brand_id=shop.brand.id,
            text="recover me",
            media_paths=(str(journaled / "loaf-instagram.jpg"),),
        )
    )

    dialog = ComposerDialog(ws, brand_id=shop.brand.id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())

    assert not crashed.exists()
    assert recent.exists() and journaled.exists() and other.exists()
