"""The media library: content-addressed copies, probed with Pillow, bad files refused."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from cmplanner.domain.enums import MediaKind
from cmplanner.domain.errors import InvalidInput, KnownError, NotFound
from cmplanner.domain.models import Brand
from cmplanner.services.media import probe
from cmplanner.services.posts import MediaInput
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import MediaRow


@pytest.fixture
def brand(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


def _png(path: Path, size: tuple[int, int] = (64, 48), color: str = "#d9822b") -> Path:
    Image.new("RGB", size, color).save(path, "PNG")
    return path


def _files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _media_rows(ws: Workspace) -> int:
    with ws.sessions() as s:
        return len(s.query(MediaRow).all())


# ---- good files -------------------------------------------------------------------------------


def test_an_image_is_copied_under_its_hash_with_its_size_and_type(
    ws: Workspace, brand: Brand, tmp_path: Path
) -> None:
    src = _png(tmp_path / "croissant.png", (120, 80))
    digest = hashlib.sha256(src.read_bytes()).hexdigest()

    post = ws.posts.create(brand.id, "x", media=[MediaInput(src, "A golden croissant")])

    [m] = post.media
    assert m.sha256 == digest
    assert Path(m.path) == ws.paths.media / digest[:2] / f"{digest}.png"
    assert Path(m.path).read_bytes() == src.read_bytes()
    assert (m.width, m.height) == (120, 80)
    assert m.mime == "image/png" and m.kind is MediaKind.IMAGE
    assert m.bytes == src.stat().st_size
    assert m.alt_text == "A golden croissant"
    assert m.original_name == "croissant.png"


def test_the_copy_does_not_depend_on_the_original(
    ws: Workspace, brand: Brand, tmp_path: Path
) -> None:
    src = _png(tmp_path / "a.png")
    post = ws.posts.create(brand.id, "x", media=[MediaInput(src)])

    src.unlink()

    assert Path(ws.posts.get(post.id).media[0].path).exists()


def test_the_same_content_twice_is_stored_once(ws: Workspace, brand: Brand, tmp_path: Path) -> None:
    a = _png(tmp_path / "a.png")
    b = tmp_path / "same-content.png"
    b.write_bytes(a.read_bytes())

    p1 = ws.posts.create(brand.id, "one", media=[MediaInput(a, "first")])
    p2 = ws.posts.create(brand.id, "two", media=[MediaInput(b, "second")])

    assert p1.media[0].id == p2.media[0].id
    assert (p1.media[0].alt_text, p2.media[0].alt_text) == ("first", "second")
    assert _media_rows(ws) == 1
    assert len(_files_in(ws.paths.media)) == 1


def test_several_files_keep_their_order(ws: Workspace, brand: Brand, tmp_path: Path) -> None:
    a = _png(tmp_path / "a.png", color="red")
    b = _png(tmp_path / "b.png", color="blue")

    post = ws.posts.create(brand.id, "x", media=[MediaInput(b), MediaInput(a)])

    assert [m.original_name for m in post.media] == ["b.png", "a.png"]


@pytest.mark.parametrize(
    ("fmt", "suffix", "mime"),
    [("JPEG", ".jpg", "image/jpeg"), ("WEBP", ".webp", "image/webp"), ("GIF", ".gif", "image/gif")],
)
def test_other_accepted_image_types(tmp_path: Path, fmt: str, suffix: str, mime: str) -> None:
    path = tmp_path / f"pic{suffix}"
    Image.new("RGB", (30, 20), "green").save(path, fmt)

    assert probe(path) == (mime, MediaKind.IMAGE, 30, 20)


def test_an_animated_gif_is_a_gif(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    frames = [Image.new("RGB", (16, 16), c) for c in ("red", "blue", "green")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)

    assert probe(path) == ("image/gif", MediaKind.GIF, 16, 16)


def test_the_type_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "really-a-png.jpg"
    _png(path, (10, 12))

    assert probe(path) == ("image/png", MediaKind.IMAGE, 10, 12)


# ---- bad files: a clear message and nothing saved -------------------------------------------


def _text_as_png(tmp_path: Path) -> Path:
    path = tmp_path / "notes.png"
    path.write_text("This is not a picture.\n" * 20)
    return path


def _truncated_png(tmp_path: Path) -> Path:
    whole = _png(tmp_path / "whole.png", (200, 200)).read_bytes()
    path = tmp_path / "truncated.png"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _bmp(tmp_path: Path) -> Path:
    path = tmp_path / "old.bmp"
    Image.new("RGB", (8, 8)).save(path, "BMP")
    return path


@pytest.mark.parametrize(
    ("make", "error", "says"),
    [
        (lambda d: d / "vanished.png", NotFound, "does not exist (it may have been moved"),
        (lambda d: d, InvalidInput, "is not a file"),
        (_text_as_png, InvalidInput, "notes.png cannot be attached: it is not a readable image"),
        (_truncated_png, InvalidInput, "truncated.png cannot be attached"),
        (_bmp, InvalidInput, "is a BMP image, which social networks do not accept"),
    ],
    ids=["vanished", "directory", "text-renamed-png", "truncated-png", "bmp"],
)
def test_a_bad_file_is_refused_and_nothing_is_saved(
    ws: Workspace,
    brand: Brand,
    tmp_path: Path,
    make: Callable[[Path], Path],
    error: type[KnownError],
    says: str,
) -> None:
    bad = make(tmp_path)

    with pytest.raises(error) as caught:
        ws.posts.create(brand.id, "with a bad file", media=[MediaInput(bad, "alt")])

    assert says in caught.value.message
    assert caught.value.hint
    assert ws.posts.find() == []
    assert _media_rows(ws) == 0
    assert _files_in(ws.paths.media) == []


def test_a_bad_file_after_a_good_one_leaves_no_orphan_copy(
    ws: Workspace, brand: Brand, tmp_path: Path
) -> None:
    good = _png(tmp_path / "good.png")

    with pytest.raises(InvalidInput):
        ws.posts.create(brand.id, "x", media=[MediaInput(good), MediaInput(_text_as_png(tmp_path))])

    assert ws.posts.find() == []
    assert _media_rows(ws) == 0
    assert _files_in(ws.paths.media) == []


def test_a_bad_file_in_an_edit_keeps_the_old_attachments(
    ws: Workspace, brand: Brand, tmp_path: Path
) -> None:
    good = _png(tmp_path / "good.png")
    post = ws.posts.create(brand.id, "x", media=[MediaInput(good, "kept")])

    with pytest.raises(InvalidInput):
        ws.posts.update(post.id, text="changed", media=[MediaInput(_truncated_png(tmp_path))])

    kept = ws.posts.get(post.id)
    assert kept.text == "x"
    assert [(m.sha256, m.alt_text) for m in kept.media] == [(post.media[0].sha256, "kept")]
    assert len(_files_in(ws.paths.media)) == 1


def test_a_library_copy_deleted_by_hand_is_restored_on_the_next_import(
    ws: Workspace, brand: Brand, tmp_path: Path
) -> None:
    src = _png(tmp_path / "a.png")
    first = ws.posts.create(brand.id, "x", media=[MediaInput(src)])
    Path(first.media[0].path).unlink()

    second = ws.posts.create(brand.id, "y", media=[MediaInput(src)])

    assert second.media[0].id == first.media[0].id
    assert Path(second.media[0].path).read_bytes() == src.read_bytes()
    assert _media_rows(ws) == 1
