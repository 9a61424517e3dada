"""The window starts offline on an embedded database, logs to a file, and loads nothing heavy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("matplotlib", "requests", "urllib3", "keyring", "http.client")

SNIPPET = """
import sys
from cmplanner.__main__ import main
rc = main(["--self-test", "--home", sys.argv[1]])
heavy = sorted(m for m in sys.modules if m in {heavy!r} or m.split('.')[0] in {heavy!r})
print("HEAVY:" + ",".join(heavy))
import gc
print("GC:" + str(gc.isenabled()))  # paused for the start, back on after the first paint
sys.exit(rc)
""".replace("{heavy!r}", repr(set(HEAVY)))


def _run(home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CMPLANNER_HOME", None)
    return subprocess.run(
        [sys.executable, "-c", SNIPPET, str(home)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_self_test_opens_and_closes_the_window_offline(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _run(home)
    assert result.returncode == 0, result.stderr
    assert (home / "cmplanner.db").exists()
    log = (home / "logs" / "cmplanner.log").read_text()
    assert "starting" in log and "stopped" in log
    heavy = result.stdout.split("HEAVY:")[1].split("GC:")[0].strip()
    assert result.stdout.split("GC:")[1].strip() == "True"
    # No network library and no matplotlib at start-up (the charts tab imports it lazily).
    assert heavy == "", f"imported at start-up: {heavy}"
    assert oct((home).stat().st_mode & 0o777) == "0o700"


@pytest.mark.slow
def test_newer_database_is_refused_with_a_message_and_left_untouched(tmp_path: Path) -> None:
    import sqlite3

    home = tmp_path / "home"
    home.mkdir()
    db = home / "cmplanner.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    con.execute("INSERT INTO alembic_version VALUES ('9999')")
    con.commit()
    con.close()
    before = db.read_bytes()
    result = _run(home)
    assert result.returncode == 1
    assert "newer version of cmplanner" in result.stderr
    assert db.read_bytes() == before
