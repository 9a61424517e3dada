"""Hear when someone else changes the plan: another window, process or machine on the database.

Two sources, one per engine, both read on the watcher's own thread and connection:

- **PostgreSQL**: every workspace announces what it changed with ``NOTIFY`` inside the
  transaction that changed it (``announce_changes``, a session hook: the notification is
  delivered only if that transaction commits), and the watcher ``LISTEN``s on a
  connection of its own (psycopg 3 ``Connection.notifies``). The ids of the posts and
  brands changed travel with it.
- **SQLite**: there is no notification between connections, so the watcher polls
  ``PRAGMA data_version`` (it changes when another connection commits, in this process
  or another) and only then compares a cheap marker of the ``post`` and ``brand`` tables
  (count, highest id, sum of versions; ~11 ms for 50,000 posts); when that moved, a
  snapshot of ``(id, version)`` pairs (~30 ms) tells exactly which rows were added,
  changed or deleted.

The watcher reports through a callback with the change notifier's contract
``(Topic, ids)``, where an empty ``ids`` means "anything may have changed" (after a lost
connection, or a bulk delete). It also hears the changes its own process made (their
listeners have already been told by the notifier): a second refresh of a few rows, which
costs less than telling them apart. Nothing here imports Qt; ``ui/plan_watch_glue.py``
carries the reports to the GUI thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from cmplanner.services.notifier import Topic
from cmplanner.storage.lazy_tables import tables

log = logging.getLogger(__name__)

#: The PostgreSQL channel the workspaces announce their changes on.
CHANNEL = "cmplanner_plan"
#: PostgreSQL refuses payloads of 8,000 bytes or more: past this, say "anything".
MAX_PAYLOAD = 7000
#: How often SQLite is polled, and how long one PostgreSQL wait lasts (seconds).
DEFAULT_INTERVAL_S = 1.0
#: How long to wait before connecting again after the database went away.
RETRY_S = 5.0

Report = Callable[[Topic, tuple[int, ...]], None]
Problem = Callable[[str], None]

_WATCHED = {Topic.POSTS: "post", Topic.BRANDS: "brand"}


# ---- announcing (PostgreSQL) ---------------------------------------------------------------


def payload(topic: Topic, ids: Iterable[int]) -> str:
    """``posts:1,2,3``; ``posts:`` (anything) when the list would be too long."""
    text = f"{topic.value}:" + ",".join(str(i) for i in sorted(set(ids)))
    return text if len(text) <= MAX_PAYLOAD else f"{topic.value}:"


def parse_payload(text: str) -> tuple[Topic, tuple[int, ...]] | None:
    """The topic and ids of a notification, or None for one this version does not know."""
    name, _, rest = text.partition(":")
    try:
        topic = Topic(name)
        ids = tuple(int(i) for i in rest.split(",") if i)
    except ValueError:
        return None
    return topic, ids


def _changed_ids(session: Session) -> dict[Topic, set[int]]:
    out: dict[Topic, set[int]] = {Topic.POSTS: set(), Topic.BRANDS: set()}
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, tables.PostRecord) and obj.id is not None:
            out[Topic.POSTS].add(obj.id)
        elif (
            isinstance(obj, tables.PostTargetRow | tables.PostMediaRow) and obj.post_id is not None
        ):
            out[Topic.POSTS].add(obj.post_id)
        elif isinstance(obj, tables.BrandRow) and obj.id is not None:
            out[Topic.BRANDS].add(obj.id)
    return out


def _notify(session: Session, text: str) -> None:
    session.connection().execute(select(func.pg_notify(CHANNEL, text)))


def _after_flush(session: Session, _context: Any) -> None:
    # still the pre-flush lists here, with the new rows' ids already assigned
    for topic, ids in _changed_ids(session).items():
        if ids:
            _notify(session, payload(topic, ids))


def _on_orm_execute(state: ORMExecuteState) -> None:
    """A bulk UPDATE/DELETE names no rows the session knows: announce "anything"."""
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    cls = state.bind_mapper.class_
    if cls in (tables.PostRecord, tables.PostTargetRow, tables.PostMediaRow):
        _notify(state.session, payload(Topic.POSTS, ()))
    elif cls is tables.BrandRow:
        _notify(state.session, payload(Topic.BRANDS, ()))


def announce_changes(sessions: sessionmaker[Session], engine: Engine) -> None:
    """On PostgreSQL, make every transaction of ``sessions`` announce the posts and brands
    it changed (``NOTIFY``, delivered at commit). Nothing to do on SQLite."""
    if engine.url.get_backend_name() != "postgresql":
        return
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _on_orm_execute)


# ---- sources ---------------------------------------------------------------------------------


class ChangeSource(Protocol):
    """What the watcher thread polls. Created, used and closed on that thread only."""

    def poll(self, timeout: float, stop: threading.Event) -> list[tuple[Topic, tuple[int, ...]]]:
        """Wait up to ``timeout`` seconds (less once ``stop`` is set); return what changed."""
        ...

    def close(self) -> None: ...


class SqliteChanges:
    """``PRAGMA data_version`` first, then a marker per table, then a snapshot of versions."""

    def __init__(self, path: str) -> None:
        # mode=rw: a file that went away is an error to report, never a new empty database
        uri = Path(path).resolve().as_uri() + "?mode=rw"
        self._conn = sqlite3.connect(uri, uri=True, timeout=5.0, isolation_level=None)
        self._data_version = self._read_data_version()
        self._markers = {t: self._marker(t) for t in _WATCHED}
        self._snapshots = {t: self._snapshot(t) for t in _WATCHED}

    def _read_data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _marker(self, topic: Topic) -> tuple[Any, ...]:
        table = _WATCHED[topic]
        row = self._conn.execute(
            f"SELECT count(*), coalesce(max(id), 0), total(version) FROM {table}"
        ).fetchone()
        return tuple(row)

    def _snapshot(self, topic: Topic) -> dict[int, int]:
        table = _WATCHED[topic]
        return dict(self._conn.execute(f"SELECT id, version FROM {table}"))

    def poll(self, timeout: float, stop: threading.Event) -> list[tuple[Topic, tuple[int, ...]]]:
        if stop.wait(timeout):
            return []
        version = self._read_data_version()
        if version == self._data_version:
            return []
        self._data_version = version
        out: list[tuple[Topic, tuple[int, ...]]] = []
        for topic in _WATCHED:
            marker = self._marker(topic)
            if marker == self._markers[topic]:
                continue
            self._markers[topic] = marker
            old, new = self._snapshots[topic], self._snapshot(topic)
            self._snapshots[topic] = new
            ids = {i for i, v in new.items() if old.get(i) != v} | (old.keys() - new.keys())
            if ids:
                out.append((topic, tuple(sorted(ids))))
        return out

    def close(self) -> None:
        self._conn.close()


class PostgresChanges:
    """``LISTEN`` on a dedicated autocommit connection; notifications carry the ids."""

    def __init__(self, engine: Engine) -> None:
        import psycopg

        cargs, ckwargs = engine.dialect.create_connect_args(engine.url)
        options = {"connect_timeout": 10, **ckwargs, "autocommit": True}
        options.setdefault("application_name", "cmplanner plan watch")
        self._conn = psycopg.connect(*cargs, **options)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def poll(self, timeout: float, stop: threading.Event) -> list[tuple[Topic, tuple[int, ...]]]:
        heard = [n.payload for n in self._conn.notifies(timeout=timeout, stop_after=1)]
        if heard:  # a save sends a few at once: take the rest of the burst too
            heard += [n.payload for n in self._conn.notifies(timeout=0.05)]
        merged: dict[Topic, set[int] | None] = {}
        for text in heard:
            parsed = parse_payload(text)
            if parsed is None:
                continue
            topic, ids = parsed
            known = merged.get(topic, set())
            merged[topic] = None if known is None or not ids else known | set(ids)
        return [(t, tuple(sorted(ids)) if ids else ()) for t, ids in merged.items()]

    def close(self) -> None:
        self._conn.close()


def open_source(engine: Engine) -> ChangeSource | None:
    """The change source for this engine, or None when nobody else can change it."""
    backend = engine.url.get_backend_name()
    if backend == "postgresql":
        return PostgresChanges(engine)
    if backend == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        return SqliteChanges(str(engine.url.database))
    return None


# ---- the watcher thread ---------------------------------------------------------------------


class PlanWatcher:
    """Runs a change source on its own thread and reports each change through ``report``.

    ``report`` and ``problem`` are called on the watcher's thread. ``problem`` gets a
    message while the database cannot be watched (it retries every ``retry_s``), and ""
    once it can again; after such a gap it reports "anything may have changed".
    """

    def __init__(
        self,
        engine: Engine,
        report: Report,
        problem: Problem | None = None,
        *,
        interval: float = DEFAULT_INTERVAL_S,
        retry_s: float = RETRY_S,
        source_factory: Callable[[Engine], ChangeSource | None] = open_source,
    ) -> None:
        self._engine = engine
        self._report = report
        self._problem = problem or (lambda _m: None)
        self._interval = interval
        self._retry_s = retry_s
        self._factory = source_factory
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: Set once the source is open (and so sees every later change): for tests.
        self.ready = threading.Event()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="cmplanner-plan-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to end and wait for it (one poll interval at most)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        source: ChangeSource | None = None
        said = False  # the problem was reported
        gap = False  # changes may have been missed: report "anything" once connected
        try:
            while not self._stop.is_set():
                if source is None:
                    try:
                        source = self._factory(self._engine)
                    except Exception as exc:  # server down, file gone: say so, try again
                        if not said:
                            log.warning("cannot watch the plan for changes: %s", exc)
                            self._problem(
                                "Changes made by others are not shown right now: the database "
                                "cannot be reached. cmplanner keeps trying."
                            )
                        said = gap = True
                        self._stop.wait(self._retry_s)
                        continue
                    if source is None:
                        return  # an in-memory database: nobody else can change it
                    self.ready.set()
                    if said:
                        said = False
                        self._problem("")
                    if gap:
                        gap = False
                        for topic in _WATCHED:  # what changed meanwhile is unknown
                            self._report(topic, ())
                try:
                    changes = source.poll(self._interval, self._stop)
                except Exception as exc:
                    log.warning("lost the plan watch connection: %s", exc)
                    self._close(source)
                    source, gap = None, True
                    self._stop.wait(min(self._retry_s, 1.0))
                    continue
                for topic, ids in changes:
                    self._report(topic, ids)
                    if topic == Topic.BRANDS:  # as BrandService says: chips show the brand
                        self._report(Topic.POSTS, ())
        finally:
            if source is not None:
                self._close(source)

    @staticmethod
    def _close(source: ChangeSource) -> None:
        try:
            source.close()
        except Exception:  # already gone
            log.debug("closing the plan watch source failed", exc_info=True)
