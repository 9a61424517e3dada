"""The log file: opened after the window's first paint, with nothing lost before it."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmplanner.logsetup import open_log_file, setup_logging

HELD_THEN_EXIT = """
import logging, sys
from pathlib import Path
from cmplanner.logsetup import setup_logging
setup_logging(Path(sys.argv[1]), held=True)
logging.getLogger("cmplanner.test").warning("said before the file ever opened")
"""


@pytest.fixture
def root() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    level = root.level
    yield root
    for h in [h for h in root.handlers if getattr(h, "_cmplanner", False)]:
        root.removeHandler(h)
        h.close()
    root.setLevel(level)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_held_records_reach_the_file_in_order_when_it_opens(
    tmp_path: Path, root: logging.Logger
) -> None:
    path = setup_logging(tmp_path / "logs", held=True)
    log = logging.getLogger("cmplanner.test")
    items = ["first"]
    log.info("start %s", items)
    items.append("changed later")  # the record says what was true when it was made
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
    assert not path.exists()  # nothing opened the file yet

    open_log_file()
    log.info("after the paint")
    open_log_file()  # a second call changes nothing

    lines = _lines(path)
    assert lines[0].endswith("INFO    cmplanner.test: start ['first']")
    assert lines[1].endswith("ERROR   cmplanner.test: failed")
    assert lines[2] == "Traceback (most recent call last):"
    assert "ValueError: boom" in lines
    assert lines[-1].endswith("INFO    cmplanner.test: after the paint")
    assert sum("after the paint" in line for line in lines) == 1


def test_records_from_other_threads_during_the_switch_are_all_written(
    tmp_path: Path, root: logging.Logger
) -> None:
    path = setup_logging(tmp_path / "logs", held=True)
    log = logging.getLogger("cmplanner.test")
    started = threading.Barrier(3)

    def talk(name: str) -> None:
        started.wait()
        for i in range(300):
            log.info("%s %d", name, i)

    threads = [threading.Thread(target=talk, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    started.wait()
    open_log_file()
    for t in threads:
        t.join()
    lines = _lines(path)
    for name in ("a", "b"):
        said = [int(line.rsplit(" ", 1)[1]) for line in lines if f"test: {name} " in line]
        assert said == list(range(300))  # each thread's records, all, in its order


def test_without_held_the_file_is_written_at_once(tmp_path: Path, root: logging.Logger) -> None:
    path = setup_logging(tmp_path / "logs")
    logging.getLogger("cmplanner.test").warning("now")
    assert _lines(path)[-1].endswith("WARNING cmplanner.test: now")


def test_held_records_are_written_at_exit_if_the_file_never_opened(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", HELD_THEN_EXIT, str(tmp_path / "logs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    lines = _lines(tmp_path / "logs" / "cmplanner.log")
    assert lines[-1].endswith("WARNING cmplanner.test: said before the file ever opened")
