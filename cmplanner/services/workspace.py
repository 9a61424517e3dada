"""Open a workspace: paths, engine, schema, and the services over them."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock, SystemClock
from cmplanner.paths import Paths
from cmplanner.services.accounts import AccountService
from cmplanner.services.brands import BrandService
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.drafts import DraftJournal
from cmplanner.services.library import LibraryService
from cmplanner.services.media import MediaLibrary
from cmplanner.services.metrics import MetricsService
from cmplanner.services.notifier import ChangeNotifier
from cmplanner.services.plan_watch import announce_changes
from cmplanner.services.planning import PlanningService
from cmplanner.services.posts import PostService
from cmplanner.storage.engine import (
    configured_url,
    enable_wal,
    make_engine,
    make_session_factory,
)
from cmplanner.storage.migrate import ensure_schema

log = logging.getLogger(__name__)


@dataclass
class Workspace:
    """Everything the window and the command line share."""

    paths: Paths
    engine: Engine
    sessions: sessionmaker[Session]
    notifier: ChangeNotifier
    clock: Clock
    brands: BrandService
    accounts: AccountService
    posts: PostService
    planning: PlanningService
    drafts: DraftJournal
    library: LibraryService
    media: MediaLibrary
    metrics: MetricsService
    #: The one credential store (OS keyring); resolved lazily at its first use.
    credentials: CredentialStore = field(default_factory=CredentialStore)
    backup_made: str | None = None

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
    credentials = credentials or CredentialStore()
    log.info("workspace opened at %s", paths.home)
    return Workspace(
        paths=paths,
        engine=engine,
        sessions=sessions,
        notifier=notifier,
        clock=clock,
        brands=BrandService(sessions, notifier),
        accounts=AccountService(sessions, notifier, credentials, clock),
        posts=PostService(sessions, notifier, media, clock),
        planning=PlanningService(sessions, notifier, clock),
        drafts=DraftJournal(sessions, clock),
        library=LibraryService(sessions, notifier),
        media=media,
        metrics=MetricsService(sessions, clock),
        credentials=credentials,
        backup_made=backup,
    )
