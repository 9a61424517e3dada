"""Posts: create, edit, read and list them. Moves and copies live in planning.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import AccountStatus, PostState
from cmplanner.domain.errors import ConflictError, InvalidInput, MoveRefused, NotFound
from cmplanner.domain.models import Post, PostFilter, PostRow
from cmplanner.domain.timezones import to_utc
from cmplanner.services.brands import split_tags
from cmplanner.services.media import MediaLibrary, media_ref, probe
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.post_rows import (
    DayRows,
    account_from_row,
    join_tags,
    media_link,
    post_from_record,
    query_day_rows,
    query_rows,
)
from cmplanner.storage.lazy_tables import tables

MAX_TEXT = 100_000


@dataclass(frozen=True)
class MediaInput:
    """A file to attach, with its alt text."""

    path: Path
    alt_text: str = ""


def _naive(dt: datetime) -> datetime:
    return dt.replace(tzinfo=None)


class PostService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: ChangeNotifier,
        media: MediaLibrary,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._media = media
        self._clock = clock

    @property
    def clock(self) -> Clock:
        return self._clock

    # ---- create and edit -------------------------------------------------------------

    def create(
        self,
        brand_id: int,
        text: str,
        *,
        local_at: datetime | None = None,
        state: PostState | None = None,
        tags: Iterable[str] = (),
        notes: str = "",
        media: Sequence[MediaInput] = (),
        account_ids: Sequence[int] = (),
        variants: Mapping[int, str] | None = None,
        allow_past: bool = False,
        content_warning: str | None = None,
    ) -> Post:
        _check_text(text)
        now = self._clock.now()
        with self._sessions.begin() as s:
            brand = s.get(tables.BrandRow, brand_id)
            if brand is None:
                raise NotFound(f"Brand {brand_id} does not exist.", "Pick an existing brand.")
            if state is None:
                state = PostState.SCHEDULED if local_at is not None else PostState.DRAFT
            if state == PostState.SCHEDULED and local_at is None:
                raise InvalidInput(
                    "A scheduled post needs a date and time.", "Give one, or save it as a draft."
                )
            rec = tables.PostRecord(
                brand_id=brand_id,
                text=text,
                state=state.value,
                tags=join_tags(split_tags(tags)),
                notes=notes,
                content_warning=content_warning or "",
                timezone=brand.timezone,
                created_utc=_naive(now),
                updated_utc=_naive(now),
            )
            if local_at is not None:
                self._place(rec, local_at, brand.timezone, allow_past=allow_past)
            s.add(rec)
            self._attach(s, rec, media)
            self._set_targets(s, rec, account_ids)
            self._set_variants(rec, variants or {})
            self._recheck(s, rec)
            s.flush()
            post_id = rec.id
        self._notifier.changed(Topic.POSTS, (post_id,))
        return self.get(post_id)

    def update(
        self,
        post_id: int,
        *,
        text: str | None = None,
        tags: Iterable[str] | None = None,
        notes: str | None = None,
        state: PostState | None = None,
        brand_id: int | None = None,
        local_at: datetime | None = None,
        clear_schedule: bool = False,
        media: Sequence[MediaInput] | None = None,
        account_ids: Sequence[int] | None = None,
        variants: Mapping[int, str | None] | None = None,
        expected_version: int | None = None,
        content_warning: str | None = None,
    ) -> Post:
        try:
            self._update(
                post_id, text=text, tags=tags, notes=notes, state=state, brand_id=brand_id,
                local_at=local_at, clear_schedule=clear_schedule, media=media,
                account_ids=account_ids, variants=variants, expected_version=expected_version,
                content_warning=content_warning,
            )  # fmt: skip
        except StaleDataError:  # changed between our read and our write
            raise self.conflict(post_id, expected_version) from None
        self._notifier.changed(Topic.POSTS, (post_id,))
        return self.get(post_id)

    def conflict(self, post_id: int, seen_version: int | None) -> ConflictError:
        """The error for an edit that started from ``seen_version``, with what is saved now."""
        try:
            current: Post | None = self.get(post_id)
        except NotFound:
            current = None
        return ConflictError(
            "This post was changed elsewhere (another person or window) while you were "
            "editing it"
            + (f" (version {seen_version} → {current.version})." if current else "; then deleted."),
            "Compare both versions, then keep yours or theirs; nothing was overwritten.",
            seen_version=seen_version,
            current_version=current.version if current else None,
            current=current,
        )

    def _update(
        self,
        post_id: int,
        *,
        text: str | None,
        tags: Iterable[str] | None,
        notes: str | None,
        state: PostState | None,
        brand_id: int | None,
        local_at: datetime | None,
        clear_schedule: bool,
        media: Sequence[MediaInput] | None,
        account_ids: Sequence[int] | None,
        variants: Mapping[int, str | None] | None,
        expected_version: int | None,
        content_warning: str | None,
    ) -> None:
        with self._sessions.begin() as s:
            rec = self._record(s, post_id)
            if expected_version is not None and rec.version != expected_version:
                raise self.conflict(post_id, expected_version)
            moves = local_at is not None or clear_schedule or brand_id not in (None, rec.brand_id)
            if PostState(rec.state).is_locked and (text is not None or media is not None or moves):
                raise MoveRefused(
                    "This post is already published (or being published) and cannot be changed.",
                    "Duplicate it to post something similar.",
                )
            approved = _content_seen(rec) if rec.approval == APPROVED else None
            if text is not None:
                _check_text(text)
                rec.text = text
            if tags is not None:
                rec.tags = join_tags(split_tags(tags))
            if notes is not None:
                rec.notes = notes
            if content_warning is not None:
                rec.content_warning = content_warning
            if brand_id is not None and brand_id != rec.brand_id:
                brand = s.get(tables.BrandRow, brand_id)
                if brand is None:
                    raise NotFound(f"Brand {brand_id} does not exist.", "Pick an existing brand.")
                rec.brand_id = brand_id
                rec.timezone = brand.timezone
                rec.targets.clear()
                rec.networks = ""
            if clear_schedule:
                rec.local_at = None
                rec.scheduled_utc = None
                if rec.state == PostState.SCHEDULED.value:
                    rec.state = PostState.READY.value
            elif local_at is not None:
                self._place(rec, local_at, rec.timezone)
            if state is not None:
                if state == PostState.SCHEDULED and rec.local_at is None:
                    raise InvalidInput(
                        "A post needs a date and time to be scheduled.",
                        "Pick a date and time first.",
                    )
                rec.state = state.value
            if media is not None:
                rec.media_links.clear()
                s.flush()
                self._attach(s, rec, media)
            if account_ids is not None:
                self._set_targets(s, rec, account_ids)
            if variants is not None:
                self._set_variants(rec, variants)
            self._recheck(s, rec)
            if approved is not None:
                s.flush()
                if _content_seen(rec) != approved:  # the client approved other words or media
                    rec.approval = EDITED_SINCE_APPROVAL
            rec.updated_utc = _naive(self._clock.now())

    def delete(self, post_ids: Sequence[int]) -> None:
        with self._sessions.begin() as s:
            s.execute(delete(tables.PostRecord).where(tables.PostRecord.id.in_(list(post_ids))))
        self._notifier.changed(Topic.POSTS, tuple(post_ids))

    # ---- read ------------------------------------------------------------------------

    def get(self, post_id: int) -> Post:
        with self._sessions() as s:
            return post_from_record(self._record(s, post_id), self._media.root)

    def content_warning(self, post_id: int) -> str:
        """The post's content warning (Mastodon), "" when it has none."""
        with self._sessions() as s:
            return self._record(s, post_id).content_warning or ""

    def get_many(self, post_ids: Sequence[int]) -> list[Post]:
        with self._sessions() as s:
            q = _full_query().where(tables.PostRecord.id.in_(list(post_ids)))
            recs = {r.id: r for r in s.scalars(q)}
            return [post_from_record(recs[i], self._media.root) for i in post_ids if i in recs]

    def find(
        self,
        brand_id: int | None = None,
        start_utc: datetime | None = None,
        end_utc: datetime | None = None,
    ) -> list[Post]:
        with self._sessions() as s:
            q = _full_query().order_by(
                tables.PostRecord.scheduled_utc.is_(None), tables.PostRecord.scheduled_utc
            )
            if brand_id is not None:
                q = q.where(tables.PostRecord.brand_id == brand_id)
            if start_utc is not None:
                q = q.where(tables.PostRecord.scheduled_utc >= _naive(start_utc))
            if end_utc is not None:
                q = q.where(tables.PostRecord.scheduled_utc < _naive(end_utc))
            return [post_from_record(r, self._media.root) for r in s.scalars(q)]

    def rows(self, flt: PostFilter, start_utc: datetime, end_utc: datetime) -> list[PostRow]:
        """Light rows for the calendar's visible range."""
        with self._sessions() as s:
            return query_rows(s, flt, start_utc, end_utc)

    def day_rows(
        self, flt: PostFilter, first: date, last: date, view_tz: str | None, per_day: int
    ) -> DayRows:
        """A month grid's chips: each shown day's first ``per_day`` posts and its count.

        Days are the posts' shown days: in each brand's zone (``view_tz`` None) or in
        ``view_tz``.
        """
        with self._sessions() as s:
            return query_day_rows(s, flt, first, last, view_tz, per_day)

    def rows_by_id(self, flt: PostFilter, post_ids: Sequence[int]) -> list[PostRow]:
        """The light rows of these posts that pass the filter (scheduled or not)."""
        with self._sessions() as s:
            return query_rows(s, flt, None, None, ids=post_ids)

    def backlog(self, flt: PostFilter, limit: int = 500) -> list[PostRow]:
        """Unscheduled ideas, drafts and ready posts, newest first."""
        with self._sessions() as s:
            return query_rows(s, flt, None, None, unscheduled=True, limit=limit)

    def all_tags(self) -> list[str]:
        with self._sessions() as s:
            seen: dict[str, str] = {}
            for raw in s.scalars(select(tables.PostRecord.tags).distinct()):
                for t in raw.split("\n"):
                    if t:
                        seen.setdefault(t.lower(), t)
            for raw in s.scalars(select(tables.BrandRow.tags)):
                for t in split_tags(raw):
                    seen.setdefault(t.lower(), t)
            return sorted(seen.values(), key=str.lower)

    # ---- helpers ---------------------------------------------------------------------

    def _place(
        self, rec: tables.PostRecord, wall: datetime, tz: str, *, allow_past: bool = False
    ) -> None:
        wall = wall.replace(second=0, microsecond=0)
        resolved = to_utc(wall, tz)
        if not allow_past and resolved.utc < self._clock.now():
            raise MoveRefused(
                f"{wall:%Y-%m-%d %H:%M} ({tz}) is in the past.",
                "Pick a time from now on.",
            )
        rec.local_at = wall
        rec.timezone = tz
        rec.scheduled_utc = _naive(resolved.utc)

    def _attach(self, s: Session, rec: tables.PostRecord, media: Sequence[MediaInput]) -> None:
        for item in media:  # refuse a bad file before any good one is copied in
            probe(Path(item.path).expanduser())
        for pos, item in enumerate(media):
            row = self._media.import_file(s, item.path)
            link = media_link(row.id, pos, item.alt_text)
            link.media = row
            rec.media_links.append(link)

    @staticmethod
    def _set_targets(s: Session, rec: tables.PostRecord, account_ids: Sequence[int]) -> None:
        wanted = list(dict.fromkeys(account_ids))
        networks: dict[int, str] = {}
        for aid in wanted:
            acc = s.get(tables.AccountRow, aid)
            if acc is None or acc.brand_id != rec.brand_id:
                raise InvalidInput(
                    f"Account {aid} does not belong to this post's brand.",
                    "List the brand's accounts with: cmplanner accounts list",
                )
            if acc.status == AccountStatus.DISABLED.value and not any(
                t.account_id == aid for t in rec.targets
            ):
                raise InvalidInput(
                    f"Account {aid} ({acc.handle}) was removed: posts cannot go to it.",
                    "Connect it again in Accounts, or pick another account of the brand.",
                )
            networks[aid] = acc.network
        keep = [t for t in rec.targets if t.account_id in wanted]
        have = {t.account_id for t in keep}
        rec.targets[:] = keep + [
            tables.PostTargetRow(account_id=a) for a in wanted if a not in have
        ]
        rec.networks = ",".join(dict.fromkeys(networks[t.account_id] for t in rec.targets))

    @staticmethod
    def _set_variants(rec: tables.PostRecord, variants: Mapping[int, str | None]) -> None:
        """Per-account text that overrides the base text (None or "" clears it)."""
        by_account = {t.account_id: t for t in rec.targets}
        for account_id, text in variants.items():
            target = by_account.get(account_id)
            if target is None:
                raise InvalidInput(
                    f"Account {account_id} is not a target of this post.",
                    "Add the account to the post before giving it its own text.",
                )
            if text is not None:
                _check_text(text)
            target.variant_text = text if text else None

    def _recheck(self, s: Session, rec: tables.PostRecord) -> None:
        """Store the worst network-check result; a ready post may have no errors."""
        # Imported on the first write: the checks bring the networks' rules (~10 ms of
        # imports) that the window's start, which only reads, does not need.
        from cmplanner.services.post_checks import (
            CheckLevel,
            blocking_summary,
            check_targets,
            media_infos,
            overall,
        )

        rows = [t.account or s.get(tables.AccountRow, t.account_id) for t in rec.targets]
        accounts = [account_from_row(a) for a in rows if a is not None]
        if not accounts:
            rec.check_level = CheckLevel.OK.value
            return
        media = media_infos(
            [media_ref(link.media, self._media.root, link.alt_text) for link in rec.media_links]
        )
        variants = {t.account_id: t.variant_text for t in rec.targets if t.variant_text}
        checks = check_targets(
            rec.text, accounts, variants=variants, media=media, content_warning=rec.content_warning
        )
        level = overall(checks)
        rec.check_level = level.value
        if level == CheckLevel.ERROR and rec.state in (
            PostState.READY.value,
            PostState.SCHEDULED.value,
        ):
            raise InvalidInput(
                "This post cannot be marked ready: " + blocking_summary(checks) + ".",
                "Fix the text (or that account's own version), remove the account, "
                "or save it as a draft.",
            )

    @staticmethod
    def _record(s: Session, post_id: int) -> tables.PostRecord:
        rec = s.scalar(_full_query().where(tables.PostRecord.id == post_id))
        if rec is None:
            raise NotFound(
                f"Post {post_id} does not exist.", "It may have been deleted; refresh the list."
            )
        return rec


def _full_query() -> Select[tables.PostRecord]:
    return select(tables.PostRecord).options(
        selectinload(tables.PostRecord.brand),
        selectinload(tables.PostRecord.targets).selectinload(tables.PostTargetRow.account),
        selectinload(tables.PostRecord.media_links),
    )


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            f"The text is {len(text):,} characters long; cmplanner keeps at most {MAX_TEXT:,}.",
            "Split it into several posts.",
        )


#: ``post.approval`` values (services/approvals.py's ``Approval``) this module writes or reads.
APPROVED = "approved"
EDITED_SINCE_APPROVAL = "edited"


def _content_seen(rec: tables.PostRecord) -> tuple[object, ...]:
    """What the client approved of a post: its words (base, variants, content warning), its
    pictures with their alt text and the accounts it goes to. A change to any of them voids
    the approval; a move in the calendar does not (the date is the planner's to change)."""
    return (
        rec.text,
        rec.content_warning or "",
        sorted((t.account_id, t.variant_text) for t in rec.targets),
        [(link.media_id, link.alt_text) for link in rec.media_links],
    )
