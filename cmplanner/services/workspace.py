"""Open a workspace: paths, engine, schema, and the services over them.

The services the calendar's first paint needs (brands, posts, drafts, media) are built
when the workspace opens; the others (accounts, planning, library, metrics and the
credential store) on their first use, so their modules are imported then, not before
the window has painted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock, SystemClock
from cmplanner.paths import Paths
from cmplanner.services.brands import BrandService
from cmplanner.services.drafts import DraftJournal
from cmplanner.services.media import MediaLibrary
from cmplanner.services.notifier import ChangeNotifier
from cmplanner.services.plan_watch import announce_changes
from cmplanner.services.posts import PostService
from cmplanner.storage.engine import (
    configured_url,
    enable_wal,
    make_engine,
    make_session_factory,
)
from cmplanner.storage.migrate import ensure_schema

if TYPE_CHECKING:
    from cmplanner.services.accounts import AccountService
    from cmplanner.services.credentials import CredentialStore
    from cmplanner.services.library import LibraryService
    from cmplanner.services.metrics import MetricsService
    from cmplanner.services.planning import PlanningService

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class Workspace:
    """Everything the window and the command line share.

    ``accounts``, ``planning``, ``library``, ``metrics`` and ``credentials`` are built
    on first access (one instance each for the workspace's life).
    """

    paths: Paths
    engine: Engine
    sessions: sessionmaker[Session]
    notifier: ChangeNotifier
    clock: Clock
    brands: BrandService
    posts: PostService
    drafts: DraftJournal
    media: MediaLibrary
    backup_made: str | None = None
    #: A credential store given by the caller; otherwise one is made at first use.
    given_credentials: CredentialStore | None = None
    _built: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    #: Re-entrant: building ``accounts`` asks for ``credentials``.
    _lock: threading.RLock = field(
        default_factory=threading.RLock, init=False, repr=False, compare=False
    )

    def _once(self, name: str, make: Callable[[], T]) -> T:
        """The service ``name``, made by ``make`` at its first use (from any thread)."""
        try:
            return self._built[name]  # type: ignore[no-any-return]
        except KeyError:
            pass
        with self._lock:
            if name not in self._built:
                self._built[name] = make()
            return self._built[name]  # type: ignore[no-any-return]

    @property
    def credentials(self) -> CredentialStore:
        """The one credential store (OS keyring); its backend is resolved at its first use."""
        if self.given_credentials is not None:
            return self.given_credentials

        def make() -> CredentialStore:
            from cmplanner.services.credentials import CredentialStore

            return CredentialStore()

        return self._once("credentials", make)

    @property
    def accounts(self) -> AccountService:
        def make() -> AccountService:
            from cmplanner.services.accounts import AccountService

            return AccountService(self.sessions, self.notifier, self.credentials, self.clock)

        return self._once("accounts", make)

    @property
    def planning(self) -> PlanningService:
        def make() -> PlanningService:
            from cmplanner.services.planning import PlanningService

            return PlanningService(self.sessions, self.notifier, self.clock)

        return self._once("planning", make)

    @property
    def library(self) -> LibraryService:
        def make() -> LibraryService:
            from cmplanner.services.library import LibraryService

            return LibraryService(self.sessions, self.notifier)

        return self._once("library", make)

    @property
    def metrics(self) -> MetricsService:
        def make() -> MetricsService:
            from cmplanner.services.metrics import MetricsService

            return MetricsService(self.sessions, self.clock)

        return self._once("metrics", make)

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(
    paths: Paths,
    db_url: str | None = None,
    clock: Clock | None = None,
    credentials: CredentialStore | None = None,
) -> Workspace:
    """Create folders, open (and if needed upgrade) the database, build the services."""
    paths.ensure()
    url = db_url or configured_url(paths.home) or paths.db_url
    engine = make_engine(url)
    try:
        backup = ensure_schema(engine, paths.backups)
        enable_wal(engine)
    except BaseException:
        engine.dispose()  # a refused database must not stay open (and locked on Windows)
        raise
    sessions = make_session_factory(engine)
    announce_changes(sessions, engine)  # PostgreSQL: other windows and machines hear it
    notifier = ChangeNotifier()
    clock = clock or SystemClock()
    media = MediaLibrary(Path(paths.media))
    log.info("workspace opened at %s", paths.home)
    return Workspace(
        paths=paths,
        engine=engine,
        sessions=sessions,
        notifier=notifier,
        clock=clock,
        brands=BrandService(sessions, notifier),
        posts=PostService(sessions, notifier, media, clock),
        drafts=DraftJournal(sessions, clock),
        media=media,
        backup_made=backup,
        given_credentials=credentials,
    )
