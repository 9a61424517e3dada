"""The inbox: sync every connected account, keep items locally, filter, mark, score.

``sync`` (blocking: the window runs it on a worker, ``cmplanner inbox sync`` directly) reads
each connected account's notifications from its stored cursor, then the brand's saved
searches, and stores what is new:

- de-duplicated on (account, kind, remote id); a search hit already in the brand's inbox
  under any kind is not added again;
- kept: an item stays (with its thread as last read) after the network forgets it;
- scored at once (``tone.analyze`` with the brand's keywords) and flagged when urgent;
- one account failing (expired token, server down, a malformed page) never stops the
  others: the report says what failed and what was kept.

Replies that could not go out (offline) wait with their key and go out at the next sync.
Replying, liking and reposting live in ``inbox_actions``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, case, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import AccountStatus, InboxKind, Network
from cmplanner.domain.errors import KnownError, NotFound
from cmplanner.domain.inbox import (
    ANSWERABLE,
    FLAG_AT,
    AccountSync,
    Conversation,
    InboxEntry,
    InboxFilter,
    SyncReport,
    Tone,
)
from cmplanner.services.community import CommunityService
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.inbox_rows import (
    ENTRY_COLUMNS,
    dump_meta,
    dump_thread,
    entry_from_columns,
    entry_from_row,
    naive_utc,
    thread_of,
)
from cmplanner.services.notifier import ChangeNotifier
from cmplanner.services.tone import analyze
from cmplanner.storage.tables import AccountRow, BrandRow, InboxCursorRow, InboxItemRow

if TYPE_CHECKING:
    import requests

    from cmplanner.networks.inbox_base import InboxPage, InboxReader, RemoteItem, RemotePost
    from cmplanner.networks.publishing import AccountRef
    from cmplanner.services.publisher import Publisher

log = logging.getLogger(__name__)

NOTIFICATIONS = "notifications"
#: Conversations read per account and sync (the others are read when opened).
THREADS_PER_SYNC = 20
ReaderFor = Callable[..., "InboxReader"]


def _lazy_reader(account: AccountRef, secret: Mapping[str, str], **kwargs: object) -> InboxReader:
    from cmplanner.networks.inbox_base import make_reader

    return make_reader(account, secret, **kwargs)  # type: ignore[arg-type]


class InboxService:
    """Args:
    sessions, notifier, clock: the workspace's.
    credentials: the credential store (refreshed tokens are written back at once).
    reader_for: builds an account's inbox reader (default ``networks.inbox_base.make_reader``).
    publisher: sends the replies (default: one over the same sessions, made on first use).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: ChangeNotifier,
        clock: Clock,
        credentials: CredentialStore,
        *,
        reader_for: ReaderFor | None = None,
        community: CommunityService | None = None,
        publisher: Publisher | None = None,
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._clock = clock
        self._credentials = credentials
        self._reader_for = reader_for or _lazy_reader
        self.community = community or CommunityService(sessions, notifier, clock)
        self._http: requests.Session | None = None
        self._publisher = publisher

    # ---- readers --------------------------------------------------------------------------

    def reader(self, account_id: int) -> InboxReader:
        """The account's reader with its stored secret (``KnownError`` when it has none)."""
        from cmplanner.networks.inbox_base import readable
        from cmplanner.networks.publishing import AccountRef

        with self._sessions() as s:
            row = s.get(AccountRow, account_id)
            if row is None:
                raise NotFound(f"Account {account_id} does not exist.", "Sync the inbox again.")
            ref = AccountRef(row.id, Network(row.network), row.handle, row.server, row.remote_id)
        if not readable(ref.network):
            from cmplanner.networks.inbox_base import UNREADABLE

            raise InboxUnavailable(
                UNREADABLE.get(ref.network, f"{ref.network.label} cannot be read."),
                "Answer on the network itself.",
            )
        secret = self._credentials.get(account_id)
        if not secret:
            raise InboxUnavailable(
                f"No credentials are stored for {ref.network.label} account {ref.handle}.",
                "Reconnect it in File ▸ Accounts (or: cmplanner accounts reconnect).",
            )

        def write_back(fields: dict[str, str]) -> None:
            self._credentials.set(account_id, fields)

        return self._reader_for(ref, secret, on_secret_change=write_back, http=self.http())

    def publisher(self) -> Publisher:
        """The publisher that sends this inbox's replies (made on first use)."""
        if self._publisher is None:
            from cmplanner.services.publisher import Publisher

            self._publisher = Publisher(
                self._sessions, self._notifier, self._clock, self._credentials
            )
        return self._publisher

    def http(self) -> requests.Session:
        if self._http is None:
            from cmplanner.networks.http import make_session

            self._http = make_session()
        return self._http

    # ---- sync -----------------------------------------------------------------------------

    def sync(
        self, brand_id: int | None = None, *, should_stop: Callable[[], bool] | None = None
    ) -> SyncReport:
        """Read every connected account (of one brand, or all) and store what is new.

        ``should_stop`` is asked before each account: True ends the sync there (the window
        is closing); what was read so far is kept."""
        from cmplanner.networks.inbox_base import UNREADABLE, readable

        with self._sessions() as s:
            q = select(AccountRow).where(AccountRow.status != AccountStatus.DISABLED.value)
            if brand_id is not None:
                q = q.where(AccountRow.brand_id == brand_id)
            accounts = [
                (a.id, Network(a.network), a.handle, a.status, a.brand_id)
                for a in s.scalars(q.order_by(AccountRow.id))
            ]
        results: list[AccountSync] = []
        unreadable: list[str] = []
        brands: set[int] = set()
        for account_id, network, handle, status, account_brand in accounts:
            if should_stop is not None and should_stop():
                break
            if status == AccountStatus.NOT_CONNECTED.value:
                continue
            if not readable(network):
                unreadable.append(f"{handle}: {UNREADABLE.get(network, network.label)}")
                continue
            brands.add(account_brand)
            results.append(self._sync_account(account_id, network, handle))
        alerts = tuple(c for c in (self.community.crisis(b) for b in sorted(brands)) if c.alert)
        report = SyncReport(tuple(results), tuple(unreadable), alerts)
        log.info("inbox sync: %d new, %d accounts failed", report.new, len(report.failed))
        return report

    def _sync_account(self, account_id: int, network: Network, handle: str) -> AccountSync:
        from cmplanner.networks.errors import NetworkError

        problems: list[str] = []
        new = 0
        try:
            reader = self.reader(account_id)
            page = reader.notifications(self._cursor(account_id, NOTIFICATIONS))
            problems.extend(page.problems)
            new_ids = self._store(account_id, page.items)
            new += len(new_ids)
            self._set_cursor(account_id, NOTIFICATIONS, page.cursor)
            self._read_threads(reader, new_ids[-THREADS_PER_SYNC:], problems)
            new += self._run_searches(reader, account_id, network, problems)
            self._send_waiting_replies(account_id, problems)
        except (NetworkError, KnownError) as exc:
            message = exc.message
            log.info("inbox sync of account %d stopped: %s", account_id, type(exc).__name__)
            return AccountSync(account_id, network, handle, new, tuple(problems), message)
        return AccountSync(account_id, network, handle, new, tuple(problems))

    def _run_searches(
        self, reader: InboxReader, account_id: int, network: Network, problems: list[str]
    ) -> int:
        from cmplanner.networks.errors import NetworkError

        with self._sessions() as s:
            brand_id = s.get(AccountRow, account_id).brand_id  # type: ignore[union-attr]
        new = 0
        for search in self.community.searches(brand_id):
            if search.network and search.network != network.value:
                continue
            stream = f"search:{search.id}"
            try:
                page: InboxPage = reader.search(search.query, self._cursor(account_id, stream))
            except NetworkError as exc:
                problems.append(f"The search “{search.query}” failed: {exc.message}")
                continue
            problems.extend(page.problems)
            new += len(self._store(account_id, page.items, search_id=search.id))
            self._set_cursor(account_id, stream, page.cursor)
        return new

    def _read_threads(
        self, reader: InboxReader, item_ids: Sequence[int], problems: list[str]
    ) -> None:
        from cmplanner.networks.errors import NetworkError

        for item_id in item_ids:
            try:
                self._read_thread(reader, item_id)
            except NetworkError as exc:
                problems.append(f"A conversation could not be read: {exc.message}")
                return

    def _read_thread(self, reader: InboxReader, item_id: int) -> None:
        with self._sessions() as s:
            row = _item(s, item_id)
            if InboxKind(row.kind) not in ANSWERABLE:
                return
            post = self.remote_post(row)
        thread = reader.thread(post)
        note = list(thread.problems)
        if thread.truncated:
            note.append(f"Only the first {len(thread.posts)} posts of this conversation are kept.")
        with self._sessions.begin() as s:
            row = _item(s, item_id)
            row.thread = dump_thread(thread.posts)
            row.thread_note = "\n".join(note)

    def refresh_thread(self, item_id: int) -> Conversation:
        """Read the item's conversation again (blocking), keep it, and return it."""
        with self._sessions() as s:
            account_id = _item(s, item_id).account_id
        self._read_thread(self.reader(account_id), item_id)
        return self.conversation(item_id)

    def _store(
        self, account_id: int, items: Sequence[RemoteItem], *, search_id: int | None = None
    ) -> list[int]:
        """Insert the new items (scored); the ids of those that were new."""
        now = naive_utc(self._clock.now())
        new_ids: list[int] = []
        with self._sessions.begin() as s:
            account = s.get(AccountRow, account_id)
            assert account is not None
            keywords = self.community.keywords(account.brand_id)
            for item in items:
                if not item.remote_id:
                    continue
                q = select(InboxItemRow.id).where(InboxItemRow.remote_id == item.remote_id)
                if item.kind is InboxKind.SEARCH_HIT:
                    q = q.where(InboxItemRow.brand_id == account.brand_id)
                else:
                    q = q.where(
                        InboxItemRow.account_id == account_id, InboxItemRow.kind == item.kind.value
                    )
                if s.scalar(q.limit(1)) is not None:
                    continue
                verdict = analyze(item.text, keywords, answerable=item.kind in ANSWERABLE)
                if item.kind is InboxKind.FOLLOW:
                    verdict = type(verdict)(Tone.NEUTRAL, 0, 0.0, ())
                row = InboxItemRow(
                    account_id=account_id,
                    brand_id=account.brand_id,
                    kind=item.kind.value,
                    remote_id=item.remote_id,
                    remote_url=item.remote_url,
                    author_handle=item.author_handle,
                    author_name=item.author_name,
                    author_id=item.author_id,
                    text=item.text,
                    created_utc=naive_utc(item.created_utc) if item.created_utc else now,
                    parent_remote_id=item.parent_remote_id,
                    subject_remote_id=item.subject_remote_id,
                    language=item.language[:16],
                    meta=dump_meta(item.meta),
                    tone=verdict.tone.value,
                    urgency=verdict.urgency,
                    tone_reasons="\n".join(verdict.reasons),
                    flagged=verdict.urgency >= FLAG_AT,
                    search_id=search_id,
                    fetched_utc=now,
                )
                s.add(row)
                s.flush()
                new_ids.append(row.id)
        return new_ids

    def _cursor(self, account_id: int, stream: str) -> str | None:
        with self._sessions() as s:
            value = s.scalar(
                select(InboxCursorRow.cursor).where(
                    InboxCursorRow.account_id == account_id, InboxCursorRow.stream == stream
                )
            )
        return value or None

    def _set_cursor(self, account_id: int, stream: str, cursor: str | None) -> None:
        if cursor is None:
            return
        with self._sessions.begin() as s:
            row = s.scalar(
                select(InboxCursorRow).where(
                    InboxCursorRow.account_id == account_id, InboxCursorRow.stream == stream
                )
            )
            if row is None:
                row = InboxCursorRow(account_id=account_id, stream=stream)
                s.add(row)
            row.cursor = cursor
            row.updated_utc = naive_utc(self._clock.now())

    def _send_waiting_replies(self, account_id: int, problems: list[str]) -> None:
        """The account's replies whose time has come go out through the publisher (the
        window's publisher sends them sooner; this is for ``cmplanner inbox sync``)."""
        from sqlalchemy import and_

        from cmplanner.services import publish_replies as replies

        with self._sessions() as s:
            ids = list(
                s.scalars(
                    select(InboxItemRow.id).where(
                        and_(
                            InboxItemRow.account_id == account_id,
                            InboxItemRow.reply_state.in_(replies.WAITING),
                        )
                    )
                )
            )
        if not ids:
            return
        for outcome in self.publisher().send_replies(ids):
            if outcome.state in replies.FAILED_STATES:
                problems.append(
                    f"A waiting reply (item {outcome.item_id}) was not sent: {outcome.error}"
                )

    # ---- reading --------------------------------------------------------------------------

    def list(self, f: InboxFilter | None = None) -> list[InboxEntry]:
        """Items across brands and networks, newest first."""
        f = f or InboxFilter()
        with self._sessions() as s:
            return [entry_from_columns(r) for r in s.execute(_filtered(f))]

    def page(
        self, f: InboxFilter | None = None, after: InboxEntry | None = None, limit: int = 200
    ) -> Sequence[InboxEntry]:
        """The next ``limit`` items of the list after ``after`` (None: from the newest):
        a keyset read on (created, id) that the ``created_utc`` index answers, so the first
        page of 10,000 items costs what a page costs."""
        q = _filtered(replace(f or InboxFilter(), limit=None))
        if after is not None:
            at = naive_utc(after.created_utc)
            q = q.where(
                or_(
                    InboxItemRow.created_utc < at,
                    and_(InboxItemRow.created_utc == at, InboxItemRow.id < after.id),
                )
            )
        with self._sessions() as s:
            return [entry_from_columns(r) for r in s.execute(q.limit(limit))]

    def get(self, item_id: int) -> InboxEntry:
        with self._sessions() as s:
            item = _item(s, item_id)
            return entry_from_row(item, _brand_of(s, item), _account_of(s, item))

    def conversation(self, item_id: int) -> Conversation:
        """The item with its thread as last read, and the note about its author."""
        with self._sessions() as s:
            item = _item(s, item_id)
            account = _account_of(s, item)
            entry = entry_from_row(item, _brand_of(s, item), account)
            posts = thread_of(item, account)
            note = item.thread_note
        member = self.community.note(entry.brand_id, entry.network, entry.author_handle)
        return Conversation(entry, posts, note, member)

    def remote_post(self, row: InboxItemRow) -> RemotePost:
        """The stored item as the network layer's ``RemotePost``."""
        from cmplanner.networks.inbox_base import RemotePost
        from cmplanner.services.inbox_rows import aware, meta_of

        return RemotePost(
            remote_id=row.remote_id,
            author_handle=row.author_handle,
            author_name=row.author_name,
            author_id=row.author_id,
            text=row.text,
            created_utc=aware(row.created_utc),
            remote_url=row.remote_url,
            parent_remote_id=row.parent_remote_id,
            meta=meta_of(row),
        )

    def counts(self) -> tuple[int, int]:
        """(unread, needing a reply) across every brand (items not done)."""
        i = InboxItemRow
        waits = and_(i.kind.in_([k.value for k in ANSWERABLE]), i.replied_utc.is_(None))
        both = select(  # one pass over the open items, not one per count
            func.sum(case((i.read.is_(False), 1), else_=0)), func.sum(case((waits, 1), else_=0))
        ).where(i.done.is_(False))
        with self._sessions() as s:
            unread, waiting = s.execute(both).one()
        return int(unread or 0), int(waiting or 0)

    # ---- marks and corrections ------------------------------------------------------------

    def mark(
        self,
        item_ids: Sequence[int],
        *,
        read: bool | None = None,
        done: bool | None = None,
        flagged: bool | None = None,
    ) -> None:
        values: dict[str, bool] = {}
        if read is not None:
            values["read"] = read
        if done is not None:
            values["done"] = done
            if done:
                values["read"] = True
        if flagged is not None:
            values["flagged"] = flagged
        if not values or not item_ids:
            return
        with self._sessions.begin() as s:
            s.execute(update(InboxItemRow).where(InboxItemRow.id.in_(item_ids)).values(**values))

    def set_tone(self, item_id: int, tone: Tone) -> InboxEntry:
        """The user's tone for one item: kept, never scored again."""
        with self._sessions.begin() as s:
            row = _item(s, item_id)
            row.tone = tone.value
            row.tone_corrected = True
            row.tone_reasons = "\n".join(
                [
                    "corrected by you",
                    *[r for r in row.tone_reasons.split("\n") if r and r != "corrected by you"],
                ]
            )
        return self.get(item_id)

    def teach(self, brand_id: int, term: str, tone: Tone, *, urgent: bool = False) -> int:
        """A word's tone for one brand from now on; re-scores the brand's items that the
        user did not correct one by one. Returns how many items changed tone."""
        self.community.set_keyword(brand_id, term, tone, urgent=urgent)
        return self.rescore(brand_id)

    def rescore(self, brand_id: int) -> int:
        keywords = self.community.keywords(brand_id)
        changed = 0
        with self._sessions.begin() as s:
            rows = s.scalars(
                select(InboxItemRow).where(
                    InboxItemRow.brand_id == brand_id,
                    InboxItemRow.tone_corrected.is_(False),
                    InboxItemRow.kind != InboxKind.FOLLOW.value,
                )
            )
            for row in rows:
                verdict = analyze(row.text, keywords, answerable=InboxKind(row.kind) in ANSWERABLE)
                if row.tone != verdict.tone.value:
                    changed += 1
                row.tone = verdict.tone.value
                row.urgency = verdict.urgency
                row.tone_reasons = "\n".join(verdict.reasons)
        return changed


class InboxUnavailable(KnownError):
    """An account whose inbox cannot be read (no reader for the network, no secret)."""


def _item(s: Session, item_id: int) -> InboxItemRow:
    row = s.get(InboxItemRow, item_id)
    if row is None:
        raise NotFound(
            f"Inbox item {item_id} does not exist.", "List the items with: cmplanner inbox list"
        )
    return row


def _brand_of(s: Session, item: InboxItemRow) -> BrandRow:
    row = s.get(BrandRow, item.brand_id)
    assert row is not None
    return row


def _account_of(s: Session, item: InboxItemRow) -> AccountRow:
    row = s.get(AccountRow, item.account_id)
    assert row is not None
    return row


def _filtered(f: InboxFilter) -> Select[*tuple[Any, ...]]:
    q = (
        select(*ENTRY_COLUMNS)
        .join(BrandRow, BrandRow.id == InboxItemRow.brand_id)
        .join(AccountRow, AccountRow.id == InboxItemRow.account_id)
    )
    if f.brand_id is not None:
        q = q.where(InboxItemRow.brand_id == f.brand_id)
    if f.network is not None:
        q = q.where(AccountRow.network == f.network.value)
    if f.kind is not None:
        q = q.where(InboxItemRow.kind == f.kind.value)
    if f.unread:
        q = q.where(InboxItemRow.read.is_(False))
    if f.flagged:
        q = q.where(InboxItemRow.flagged.is_(True))
    if not f.include_done:
        q = q.where(InboxItemRow.done.is_(False))
    if f.needs_reply:
        q = q.where(
            and_(
                InboxItemRow.kind.in_([k.value for k in ANSWERABLE]),
                InboxItemRow.done.is_(False),
                InboxItemRow.replied_utc.is_(None),
            )
        )
    if f.text.strip():
        like = f"%{f.text.strip()}%"
        q = q.where(or_(InboxItemRow.text.ilike(like), InboxItemRow.author_handle.ilike(like)))
    q = q.order_by(InboxItemRow.created_utc.desc(), InboxItemRow.id.desc())
    if f.limit:
        q = q.limit(f.limit)
    return q


def inbox_for(ws: object, *, reader_for: ReaderFor | None = None) -> InboxService:
    """The inbox over a ``Workspace`` (the window and the command line)."""
    from cmplanner.services.workspace import Workspace

    assert isinstance(ws, Workspace)
    return InboxService(ws.sessions, ws.notifier, ws.clock, ws.credentials, reader_for=reader_for)
