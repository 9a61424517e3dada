"""``cmplanner import / export / restore / backup`` end to end on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import Cli


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


def test_import_export_restore_and_backup(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run.ok("brands", "add", "Panadería Sol", "--tz", "Europe/Madrid")
    good = tmp_path / "hootsuite.csv"
    good.write_text("Date,Message,Link\n03/12/2030 09:30,Christmas orders,https://sol.example\n")
    assert "1 post(s) would be imported" in run.ok(
        "import", str(good), "--brand", "Panadería Sol", "--dry-run"
    )
    assert run.json("posts", "list", "--json") == []
    assert "Imported 1 post(s)" in run.ok("import", str(good), "--brand", "Panadería Sol")

    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Message\n03/12/2030 10:00,Fine\n31/02/2031 09:00,No such day\n,Empty\n")
    err = run.fails("import", str(bad), "--brand", "Panadería Sol")
    assert "nothing was imported" in err
    assert "line 3: “31/02/2031 09:00” is not a date in DD/MM/YYYY HH:MM" in err
    assert "line 4: the date and time are missing" in err
    assert len(run.json("posts", "list", "--json")) == 1

    ics = tmp_path / "sol.ics"
    assert "1 scheduled post(s)" in run.ok("export", "ics", str(ics), "--brand", "Panadería Sol")
    assert b"TZID=Europe/Madrid" in ics.read_bytes()
    out_csv = tmp_path / "posts.csv"
    run.ok("export", "posts", str(out_csv))
    assert out_csv.read_text().startswith("brand,datetime,text,targets,media,tags,state\n")

    archive = tmp_path / "all.zip"
    assert "No password or token" in run.ok("export", "workspace", str(archive))
    assert "not empty" in run.fails("restore", str(archive))
    restored = run.ok("--home", str(tmp_path / "new"), "restore", str(archive))
    assert "Restored 1 brand(s), 1 post(s)" in restored
    listed = run.json("--home", str(tmp_path / "new"), "posts", "list", "--json")
    assert [p["text"] for p in listed] == ["Christmas orders https://sol.example"]

    assert "Database copied to" in run.ok("backup")
    assert "cmplanner-manual-" in run.ok("backup", "--list")
