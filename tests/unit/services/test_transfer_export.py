"""Posts and workspaces out and back in, on real files: CSV round trip, a brand's ICS
calendar read back with icalendar, the workspace zip restored into an empty workspace
(media included, no journal), and daily SQLite backups with retention and restore."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PIL import Image

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.models import Brand, DraftEdit
from cmplanner.paths import Paths
from cmplanner.services.posts import MediaInput
from cmplanner.services.slots import SlotService
from cmplanner.services.transfer_archive import export_workspace, restore_workspace
from cmplanner.services.transfer_backups import Backups
from cmplanner.services.transfer_csv import read_table
from cmplanner.services.transfer_export import brand_ics, posts_csv, write_text
from cmplanner.services.transfer_import import ImportOptions, PostImporter
from cmplanner.services.workspace import Workspace, open_workspace
from tests.support.postgres import ON_POSTGRES


@pytest.fixture
def madrid(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid", color="#d9822b")


def _filled(ws: Workspace, brand: Brand, tmp_path: Path) -> dict[str, int]:
    masto = ws.accounts.add_profile(brand.id, Network.MASTODON, "@sol@example.social")
    Image.new("RGB", (64, 48), "orange").save(tmp_path / "bread.png")
    a = ws.posts.create(
        brand.id,
        "Weekend bread",
        local_at=datetime(2026, 11, 28, 9, 30),
        account_ids=[masto.id],
        tags=["bread"],
        media=[MediaInput(tmp_path / "bread.png", "A loaf")],
    )
    b = ws.posts.create(brand.id, "Christmas menu idea", state=PostState.IDEA)
    SlotService(ws.sessions, ws.notifier, ws.clock).add(brand.id, 0, time(9, 30))
    return {"a": a.id, "b": b.id, "account": masto.id}


def test_csv_export_reads_back_through_import(ws: Workspace, madrid: Brand, tmp_path: Path) -> None:
    ids = _filled(ws, madrid, tmp_path)
    out = write_text(tmp_path / "out.csv", posts_csv(ws.posts.find(madrid.id)))
    before = {p.text: p for p in ws.posts.find(madrid.id)}
    ws.posts.delete([ids["a"], ids["b"]])
    result = PostImporter(ws.brands, ws.accounts, ws.posts, ws.clock).run(
        read_table(out), ImportOptions()
    )
    after = {p.text: p for p in ws.posts.get_many(list(result.post_ids))}
    assert after.keys() == before.keys()
    for text, old in before.items():
        new = after[text]
        assert (new.local_at, new.state, new.tags) == (old.local_at, old.state, old.tags)
        assert [a.id for a in new.targets] == [a.id for a in old.targets]
        assert [m.sha256 for m in new.media] == [m.sha256 for m in old.media]


def test_brand_calendar_as_ics(ws: Workspace, madrid: Brand, tmp_path: Path) -> None:
    ids = _filled(ws, madrid, tmp_path)
    posts = [p for p in ws.posts.find(madrid.id) if p.scheduled_utc]
    cal = Calendar.from_ical(brand_ics(madrid, posts, ws.clock.now()))
    [event] = cal.walk("VEVENT")
    assert str(event["uid"]) == f"post-{ids['a']}@cmplanner"
    start = event.decoded("dtstart")
    assert start.tzinfo is not None and str(event["dtstart"].params["TZID"]) == "Europe/Madrid"
    assert start.astimezone(UTC) == datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    assert str(event["summary"]) == "Weekend bread"
    assert "Mastodon @sol@example.social" in str(event["description"])
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/Madrid"


def test_workspace_zip_restores_into_an_empty_workspace(
    ws: Workspace, madrid: Brand, tmp_path: Path, blank_db_url: str
) -> None:
    ids = _filled(ws, madrid, tmp_path)
    ws.drafts.save(DraftEdit("k1", ids["a"], madrid.id, "unsaved words in progress"))
    zip_path = tmp_path / "ws.zip"
    counts = export_workspace(ws.sessions, ws.media.root, zip_path, ws.clock.now())
    assert counts["post"] == 2 and counts["slot"] == 1 and "draft_journal" not in counts
    with zipfile.ZipFile(zip_path) as z:
        doc = json.loads(z.read("workspace.json"))
        assert "unsaved words in progress" not in z.read("workspace.json").decode()
        assert any(n.startswith("media/") for n in z.namelist())
    assert doc["format"] == "cmplanner-workspace"

    home = tmp_path / "other"
    # an empty database on the engine under test (SQLite, or PostgreSQL: ids go on)
    other = open_workspace(
        Paths(home, home / "logs"), db_url=blank_db_url, clock=FixedClock(ws.clock.now())
    )
    try:
        restore_workspace(other.engine, other.sessions, other.notifier, other.media.root, zip_path)
        post = other.posts.get(ids["a"])
        assert post.text == "Weekend bread" and post.local_at == datetime(2026, 11, 28, 9, 30)
        assert [a.id for a in post.targets] == [ids["account"]]
        assert post.media[0].alt_text == "A loaf" and Path(post.media[0].path).is_file()
        assert other.brands.get(madrid.id).color == "#d9822b"
        assert (
            len(SlotService(other.sessions, other.notifier, other.clock).for_brand(madrid.id)) == 1
        )
        made = other.posts.create(madrid.id, "New after restore")  # ids go on from there
        assert made.id > max(ids["a"], ids["b"])
        with pytest.raises(InvalidInput, match="not empty"):
            restore_workspace(
                other.engine, other.sessions, other.notifier, other.media.root, zip_path
            )
    finally:
        other.close()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match="not a cmplanner workspace export"):
        restore_workspace(ws.engine, ws.sessions, ws.notifier, ws.media.root, bad)


@pytest.mark.skipif(ON_POSTGRES, reason="file backups are for SQLite (pg_dump on PostgreSQL)")
def test_daily_backups_keep_fourteen_and_a_restore_brings_the_data_back(
    ws: Workspace, madrid: Brand, tmp_path: Path
) -> None:
    backups = Backups(ws.engine, ws.paths.backups)
    day = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    first = backups.ensure_daily(day)
    assert first is not None and first.name == "cmplanner-daily-20261101.db"
    assert backups.ensure_daily(day + timedelta(hours=3)) is None  # once a day
    for n in range(1, 16):
        backups.ensure_daily(day + timedelta(days=n))
    daily = sorted(b.path.name for b in backups.all() if b.daily)
    assert len(daily) == 14 and daily[0] == "cmplanner-daily-20261103.db"

    ws.posts.create(madrid.id, "Written after the last copy")
    latest = ws.paths.backups / "cmplanner-daily-20261116.db"
    kept = backups.restore(latest, ws.clock.now())
    assert kept.is_file() and kept.name.startswith("cmplanner-before-restore-")
    assert ws.posts.find(madrid.id) == []  # the copy was made before that post
    assert [b.name for b in ws.brands.all()] == ["Panadería Sol"]
    with pytest.raises(InvalidInput, match="not a readable cmplanner database"):
        junk = tmp_path / "junk.db"
        junk.write_bytes(b"garbage" * 100)
        backups.restore(junk, ws.clock.now())
