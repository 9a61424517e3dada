"""kill -9 while typing in the composer loses at most the last 2 seconds, and the edit is
offered again on the next start.

A child process (offscreen Qt, its own CMPLANNER_HOME) opens a composer and types a few
characters every 100 ms with real key events, printing what it typed and each text the
autosave journal received, both with the system-wide monotonic time. The test kills it
with SIGKILL mid-typing, then opens the same home as the next start would.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cmplanner.paths import resolve_paths
from cmplanner.services.workspace import open_workspace
from cmplanner.ui.recovery import RecoveryDialog

PROMISE_S = 2.0
CHUNK = 3
TEXT = " ".join(f"word{i}" for i in range(3000))

CHILD = r"""
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
from cmplanner.paths import resolve_paths
from cmplanner.services.workspace import open_workspace
from cmplanner.ui.composer import ComposerDialog

text, chunk = sys.argv[1], int(sys.argv[2])
ws = open_workspace(resolve_paths())
brand = ws.brands.create("Acme", "Europe/Madrid")
dialog = ComposerDialog(ws, brand_id=brand.id)
dialog.show()
typed = 0

def on_autosaved():
    print("saved", time.monotonic(), json.dumps(dialog.edit_state().text), flush=True)

def type_some():
    global typed
    if typed >= len(text):
        return
    QTest.keyClicks(dialog.editor, text[typed : typed + chunk])
    typed += chunk
    print("typed", len(dialog.editor.toPlainText()), time.monotonic(), flush=True)

dialog.autosaved.connect(on_autosaved)
timer = QTimer()
timer.timeout.connect(type_some)
timer.start(100)
print("ready", flush=True)
app.exec()
"""


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_kill_9_while_typing_loses_at_most_two_seconds(qtbot: QtBot, tmp_path: Path) -> None:
    home = tmp_path / "killed-home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CMPLANNER_HOME": str(home)}
    errors = (tmp_path / "child-stderr.txt").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, TEXT, str(CHUNK)],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None
    typed: list[tuple[float, int]] = []  # (monotonic time, length typed so far)
    saved: list[tuple[float, str]] = []  # (monotonic time, text the journal received)

    def take(line: str) -> None:
        kind, _, rest = line.rstrip("\n").partition(" ")
        if kind == "typed":
            length, at = rest.split()
            typed.append((float(at), int(length)))
        elif kind == "saved":
            at, _, text = rest.partition(" ")
            saved.append((float(at), json.loads(text)))

    try:
        # blocking reads; pytest-timeout guards against a child that stops talking
        while True:
            span = typed[-1][0] - typed[0][0] if typed else 0.0
            if (len(saved) >= 3 and span >= 1.5 * PROMISE_S) or span >= 4 * PROMISE_S:
                break
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"child ended early: {(tmp_path / 'child-stderr.txt').read_text()}")
            take(line)
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
        for line in proc.stdout:  # whatever was printed before the kill but not yet read
            take(line)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        errors.close()

    must_have = max(n for at, n in typed if at <= killed_at - PROMISE_S)
    assert must_have > 0, "the child should have typed for more than 2 seconds"
    # while typing never stops, the journal is still written at least every 2 seconds
    stamps = [typed[0][0]] + [at for at, _ in saved]
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    assert gaps and max(gaps) < PROMISE_S, f"autosave gaps while typing: {gaps}"

    ws = open_workspace(resolve_paths(str(home)))
    try:
        pending = ws.drafts.pending()
        assert pending, f"nothing was autosaved in {typed[-1][0] - typed[0][0]:.1f} s of typing"
        [edit] = pending
        assert TEXT.startswith(edit.text)
        assert len(edit.text) >= len(saved[-1][1])
        assert len(edit.text) >= must_have, (
            f"lost more than {PROMISE_S} s of typing: journal has {len(edit.text)} "
            f"characters, {must_have} were typed by then"
        )

        dialog = RecoveryDialog(ws)
        qtbot.addWidget(dialog)
        [composer] = dialog.restore()
        qtbot.addWidget(composer, before_close_func=lambda d: d.discard())
        assert composer.editor.toPlainText() == edit.text
        assert composer.key == edit.key
        assert composer.form.brand() is not None
        assert composer.form.brand().name == "Acme"  # type: ignore[union-attr]
    finally:
        ws.close()
