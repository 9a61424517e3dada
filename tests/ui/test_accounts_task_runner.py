"""The task runner the accounts window uses: results and failures come back on the GUI thread,
and a failure nobody handles is shown, never swallowed."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cmplanner.domain.errors import KnownError
from cmplanner.ui.task_runner import TaskRunner


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.threads: list[threading.Thread] = []

    @Slot(object)
    def on_success(self, result: object) -> None:
        self.threads.append(threading.current_thread())
        self.results.append(result)

    @Slot(object)
    def on_failure(self, exc: BaseException) -> None:
        self.threads.append(threading.current_thread())
        self.errors.append(exc)


def test_result_and_failure_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    receiver = Receiver()
    ran_on: list[threading.Thread] = []

    def work() -> int:
        ran_on.append(threading.current_thread())
        return 42

    def fail() -> None:
        raise KnownError("The server said no.", "Try again later.")

    ok = runner.run(work, receiver.on_success, receiver.on_failure)
    bad = runner.run(fail, receiver.on_success, receiver.on_failure)
    qtbot.waitUntil(lambda: ok.done and bad.done)
    assert receiver.results == [42]
    assert [e.message for e in receiver.errors if isinstance(e, KnownError)] == [
        "The server said no."
    ]
    main = threading.main_thread()
    assert ran_on and ran_on[0] is not main
    assert receiver.threads == [main, main]
    assert not runner.busy()


def test_a_failure_with_no_handler_is_shown(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    runner = TaskRunner(parent)

    def fail() -> None:
        raise KnownError("The avatar could not be read.", "Nothing to do.")

    with qtbot.waitSignal(runner.failure_shown, timeout=5000):
        runner.run(fail)
    box = parent.findChild(QMessageBox, "task_failure")
    assert box is not None and box.isVisible()
    assert box.text() == "The avatar could not be read."
    box.close()


def test_a_cancelled_task_delivers_nothing(qtbot: QtBot) -> None:
    runner = TaskRunner()
    receiver = Receiver()
    gate = threading.Event()
    task = runner.run(lambda: gate.wait(5) and "late", receiver.on_success)
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        gate.set()
    assert receiver.results == []
