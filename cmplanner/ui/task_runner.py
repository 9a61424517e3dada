"""Run one blocking call off the GUI thread and get its result back on the GUI thread.

A ``QRunnable`` on a ``QThreadPool`` calls the function; the result, or the exception, comes
back through a queued signal to a ``Task`` living in the GUI thread, which calls the handlers
(bound methods of GUI objects, never lambdas connected to worker signals: see
``../shared/TESTING.md`` §3). A failure with no failure handler is logged and shown in a
window-modal box (``open()``, never ``exec()``); it is never swallowed.

Pass ids and frozen dataclasses into the function, never widgets, sessions or ORM rows.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from cmplanner.domain.errors import KnownError
from cmplanner.ui.errors import error_box

log = logging.getLogger(__name__)


class _Outcome(QObject):
    """Created, used and destroyed in the pool thread: it only carries the outcome across."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object], task: Task) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Task holds it until the outcome is delivered
        self._fn = fn
        self._task = task

    def run(self) -> None:
        outcome = _Outcome()
        queued = Qt.ConnectionType.QueuedConnection
        outcome.succeeded.connect(self._task._on_job_succeeded, queued)
        outcome.failed.connect(self._task._on_job_failed, queued)
        try:
            result = self._fn()
        except BaseException as exc:  # handed to the GUI thread: nothing is lost here
            outcome.failed.emit(exc)
        else:
            outcome.succeeded.emit(result)


class Task(QObject):
    """One call running on the pool.

    Signals:
        succeeded(object): the call returned this value.
        failed(object): the call raised this exception.
        finished(): either of the above, or nothing after ``cancel()``.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, runner: TaskRunner, fn: Callable[[], object]) -> None:
        super().__init__(runner)
        self._runner = runner
        self._job: _Job | None = _Job(fn, self)
        self._cancelled = False
        self.done = False
        #: Whether a failure handler was given (else the runner shows the failure).
        self.handled = False

    def cancel(self) -> None:
        """Drop the outcome when it comes (the call itself runs to its end)."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @Slot(object)
    def _on_job_succeeded(self, result: object) -> None:
        self._finish()
        if not self._cancelled:
            self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_job_failed(self, exc: object) -> None:
        self._finish()
        if not self._cancelled:
            if self.handled:
                self.failed.emit(exc)
            else:
                self._runner.report(exc)
        self.finished.emit()

    def _finish(self) -> None:
        self.done = True
        self._job = None
        self._runner._forget(self)
        self.deleteLater()


class TaskRunner(QObject):
    """Starts tasks on a thread pool; shows failures nobody handles.

    Signals:
        failure_shown(object): an unhandled failure was shown to the user.
    """

    failure_shown = Signal(object)

    def __init__(self, parent: QObject | None = None, *, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._tasks: set[Task] = set()

    def run(
        self,
        fn: Callable[[], object],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Call ``fn()`` on the pool; ``on_success(result)`` / ``on_failure(exc)`` on the GUI
        thread. Give bound methods of GUI objects as handlers."""
        task = Task(self, fn)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_failure is not None:
            task.failed.connect(on_failure)
            task.handled = True
        self._tasks.add(task)
        assert task._job is not None
        self._pool.start(task._job)
        return task

    def busy(self) -> bool:
        """True while a task started here has not delivered its outcome."""
        return bool(self._tasks)

    def report(self, exc: object) -> None:
        """Show a failure no handler took: a KnownError as is, anything else as a bug."""
        parent = self.parent()
        widget = parent if isinstance(parent, QWidget) else None
        if isinstance(exc, KnownError):
            log.warning("%s: %s", type(exc).__name__, exc)
            box = error_box(widget, exc)
        else:
            detail = (
                "".join(traceback.format_exception(exc))
                if isinstance(exc, BaseException)
                else repr(exc)
            )
            log.error("a background task failed:\n%s", detail)
            box = QMessageBox(widget)
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(self.tr("cmplanner"))
            box.setText(
                self.tr("Something went wrong in the background: {what}.").format(
                    what=type(exc).__name__
                )
            )
            box.setInformativeText(
                self.tr("Try again. If it keeps happening, report it with the log file.")
            )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("task_failure")
        box.open()
        self.failure_shown.emit(exc)

    def _forget(self, task: Task) -> None:
        self._tasks.discard(task)
