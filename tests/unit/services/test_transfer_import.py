"""Bulk CSV import on a real SQLite file: the three layouts, all or nothing, and every bad
line reported with its number and reason."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.models import Brand
from cmplanner.services.transfer_csv import ImportRejected, Layout, read_table
from cmplanner.services.transfer_import import ImportOptions, PostImporter
from cmplanner.services.workspace import Workspace


@pytest.fixture
def madrid(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


@pytest.fixture
def importer(ws: Workspace) -> PostImporter:
    return PostImporter(ws.brands, ws.accounts, ws.posts, ws.clock)


def _csv(tmp_path: Path, text: str, name: str = "posts.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _problems(exc: pytest.ExceptionInfo[ImportRejected]) -> list[tuple[int, str]]:
    return [(p.line, p.reason) for p in exc.value.problems]


def test_cmplanner_layout_with_accounts_media_tags_and_offsets(
    ws: Workspace, madrid: Brand, importer: PostImporter, tmp_path: Path
) -> None:
    masto = ws.accounts.add_profile(madrid.id, Network.MASTODON, "@sol@example.social")
    Image.new("RGB", (40, 30), "orange").save(tmp_path / "bread.png")
    path = _csv(
        tmp_path,
        "brand,datetime,text,targets,media,tags,state\n"
        'Panadería Sol,2026-12-03T09:30,"Fresh bread, today",@sol@example.social,bread.png,'
        "bread|morning,\n"
        "panadería sol,2026-12-04T09:30+00:00,In UTC,mastodon,,,ready\n"
        "Panadería Sol,,Someday maybe,,,,idea\n",
    )
    result = importer.run(read_table(path), ImportOptions())
    assert result.layout == Layout.CMPLANNER
    first, second, third = ws.posts.get_many(list(result.post_ids))
    assert first.local_at == datetime(2026, 12, 3, 9, 30) and first.state == PostState.SCHEDULED
    assert [a.id for a in first.targets] == [masto.id] and first.tags == ("bread", "morning")
    assert first.media[0].width == 40 and first.text == "Fresh bread, today"
    assert second.local_at == datetime(2026, 12, 4, 10, 30)  # 09:30 UTC is 10:30 in Madrid
    assert second.state == PostState.READY
    assert third.local_at is None and third.state == PostState.IDEA


def test_hootsuite_headerless_day_first_with_link(
    ws: Workspace, madrid: Brand, importer: PostImporter, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "03/12/2026 09:30,Christmas orders open,https://sol.example/xmas\n")
    result = importer.run(read_table(path), ImportOptions(brand="Panadería Sol"))
    assert result.layout == Layout.HOOTSUITE
    [post] = ws.posts.get_many(list(result.post_ids))
    assert post.local_at == datetime(2026, 12, 3, 9, 30)
    assert post.text == "Christmas orders open https://sol.example/xmas"


def test_buffer_layout_semicolons_and_image_urls_kept_in_notes(
    ws: Workspace, madrid: Brand, importer: PostImporter, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "Text;Image URL;Tags;Posting Time\n"
        "Roscón de Reyes;https://cdn.example/roscon.jpg;xmas,sweet;2026-12-20 10:00\n",
    )
    result = importer.run(read_table(path), ImportOptions(brand="Panadería Sol"))
    assert result.layout == Layout.BUFFER
    [post] = ws.posts.get_many(list(result.post_ids))
    assert post.notes == "Image to attach: https://cdn.example/roscon.jpg"
    assert post.tags == ("xmas", "sweet") and post.local_at == datetime(2026, 12, 20, 10, 0)


def test_every_bad_row_is_reported_by_line_and_nothing_is_imported(
    ws: Workspace, madrid: Brand, importer: PostImporter, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "brand,datetime,text,targets,media,tags\n"
        "Panadería Sol,2026-12-03T09:30,Good row,,,\n"
        "Nobody,2026-12-03T09:30,Unknown brand,,,\n"
        "Panadería Sol,2020-01-01T09:00,Long ago,,,\n"
        "Panadería Sol,2027-03-28T02:30,In the DST gap,,,\n"
        'Panadería Sol,2026-12-05T09:30,"Multi\nline text",bluesky,,\n'
        "Panadería Sol,someday,Bad date,,,\n"
        "Panadería Sol,2026-12-06T09:30,,,,\n"
        "Panadería Sol,2026-12-06T09:30,Missing photo,,nothere.jpg,\n",
    )
    with pytest.raises(ImportRejected) as exc:
        importer.run(read_table(path), ImportOptions())
    got = _problems(exc)
    assert [line for line, _ in got] == [3, 4, 5, 6, 8, 9, 10]
    reasons = dict(got)
    assert reasons[3] == "unknown brand “Nobody” (known: Panadería Sol)"
    assert "in the past" in reasons[4]
    assert "does not exist in Europe/Madrid" in reasons[5]
    assert "no account “bluesky”" in reasons[6]
    assert "not a date and time" in reasons[8]
    assert "empty" in reasons[9]
    assert "nothere.jpg does not exist" in reasons[10]
    assert "nothing was imported" in exc.value.message and "line 3:" in exc.value.hint
    assert ws.posts.find(madrid.id) == []


def test_files_that_cannot_be_read_whole(tmp_path: Path) -> None:
    latin = _csv(tmp_path, "brand,datetime,text\nPanadería,2026-12-03T09:30,x\n", "l.csv", "cp1252")
    with pytest.raises(ImportRejected) as exc:
        read_table(latin)
    assert _problems(exc)[0][0] == 2 and "not UTF-8" in _problems(exc)[0][1]

    mixed = _csv(
        tmp_path,
        "brand,datetime,text\nSol,2026-12-03T09:30,ok\nSol;2026-12-04T09:30;semi\n",
        "m.csv",
    )
    with pytest.raises(ImportRejected) as exc:
        read_table(mixed)
    assert _problems(exc) == [(3, "separated by “;” while the rest of the file uses “,”")]

    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"brand,datetime,text\nSol,2026-12-03T09:30," + b"x" * 10_000_000 + b"\n")
    with pytest.raises(ImportRejected) as exc:
        read_table(huge)
    assert _problems(exc) == [(2, "the row is 10.0 MB long; a row may be 1 MB at most")]

    utf16 = _csv(tmp_path, "\ufeffText,Posting Time\n", "u.csv", "utf-16")
    with pytest.raises(ImportRejected, match="nothing was imported") as exc:
        read_table(utf16)
    assert "UTF-16" in _problems(exc)[0][1]


def test_a_file_without_brands_needs_one_chosen(
    madrid: Brand, importer: PostImporter, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "Text,Posting Time\nHello,2026-12-03 09:30\n")
    with pytest.raises(ImportRejected, match="1 problem") as exc:
        importer.plan(read_table(path), ImportOptions())
    assert "choose the brand" in _problems(exc)[0][1]
    planned = importer.plan(read_table(path), ImportOptions(brand="Panadería Sol"))
    assert [(p.line, p.text) for p in planned] == [(2, "Hello")]
