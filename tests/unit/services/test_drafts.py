"""The autosave journal: an edit in progress survives a crash and a restart."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.models import DraftEdit
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace


def _edit(key: str = "composer-1", text: str = "Fresh bread on Sat", **kw: object) -> DraftEdit:
    return DraftEdit(key=key, post_id=None, brand_id=1, text=text, **kw)  # type: ignore[arg-type]


def test_nothing_is_pending_in_a_new_workspace(ws: Workspace) -> None:
    assert ws.drafts.pending() == []


def test_a_saved_edit_comes_back_whole(ws: Workspace) -> None:
    edit = DraftEdit(
        key="composer-1",
        post_id=7,
        brand_id=2,
        text="Café con leche ☕ — «mañana»",
        tags=("bread", "events"),
        notes="Ask Ana",
        local_at=datetime(2026, 12, 3, 9, 30),
        media_paths=("/home/me/Pictures/croissant.png",),
        extra={"variant:3": "Short one for X"},
    )

    ws.drafts.save(edit)

    [back] = ws.drafts.pending()
    assert back == DraftEdit(
        key=edit.key,
        post_id=edit.post_id,
        brand_id=edit.brand_id,
        text=edit.text,
        tags=edit.tags,
        notes=edit.notes,
        local_at=edit.local_at,
        media_paths=edit.media_paths,
        saved_utc=datetime(2026, 11, 26, 10, 0, tzinfo=UTC),
        extra=edit.extra,
    )


def test_saving_again_replaces_the_entry(ws: Workspace, clock: FixedClock) -> None:
    ws.drafts.save(_edit(text="Fresh"))
    clock.advance(timedelta(seconds=2))
    ws.drafts.save(_edit(text="Fresh bread"))

    [back] = ws.drafts.pending()
    assert back.text == "Fresh bread"
    assert back.saved_utc == datetime(2026, 11, 26, 10, 0, 2, tzinfo=UTC)


def test_several_edits_oldest_first_and_discard_removes_one(
    ws: Workspace, clock: FixedClock
) -> None:
    ws.drafts.save(_edit("b", "second window"))
    clock.advance(timedelta(seconds=1))
    ws.drafts.save(_edit("a", "first window"))

    assert [e.key for e in ws.drafts.pending()] == ["b", "a"]

    ws.drafts.discard("b")
    assert [e.key for e in ws.drafts.pending()] == ["a"]
    ws.drafts.discard("unknown")  # harmless
    assert [e.key for e in ws.drafts.pending()] == ["a"]


def test_an_interrupted_edit_survives_reopening_the_workspace(
    paths: Paths, clock: FixedClock
) -> None:
    first = open_workspace(paths, clock=clock)
    first.drafts.save(
        _edit(text="Typed just before the crash", local_at=datetime(2027, 1, 5, 9, 0))
    )
    first.engine.dispose()  # no orderly shutdown: the process just stops using it

    again = open_workspace(paths, clock=clock)
    try:
        [back] = again.drafts.pending()
        assert back.text == "Typed just before the crash"
        assert back.local_at == datetime(2027, 1, 5, 9, 0)
        again.drafts.discard(back.key)
    finally:
        again.close()

    third = open_workspace(paths, clock=clock)
    try:
        assert third.drafts.pending() == []
    finally:
        third.close()


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from cmplanner.domain.models import DraftEdit
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
home = Path(sys.argv[1])
ws = open_workspace(Paths(home=home, logs=home / "logs"))
ws.drafts.save(DraftEdit(key="k", post_id=None, brand_id=None, text="Saved, then SIGKILL"))
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_saved_edit_survives_the_process_being_killed(paths: Paths) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(paths.home)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr

    ws = open_workspace(paths)
    try:
        assert [e.text for e in ws.drafts.pending()] == ["Saved, then SIGKILL"]
    finally:
        ws.close()
