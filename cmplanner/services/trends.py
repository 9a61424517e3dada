"""Trending hashtags for a brand's composer: read from its connected accounts' networks
at most once an hour and kept in the database (readable offline, shared by every composer
and process; the composer never fetches per keystroke).

Each account's list is stored as the ``trends`` stream of ``inbox_cursor`` (JSON, with the
time it was read); ``cached`` reads only that, ``refresh`` (blocking: a worker) reads the
networks for the accounts whose list is older than ``MAX_AGE``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from cmplanner.domain.enums import AccountStatus, Network
from cmplanner.networks.trends import TrendTag, dump, load, merge
from cmplanner.services.inbox import InboxService
from cmplanner.services.inbox_rows import aware, naive_utc
from cmplanner.storage.tables import AccountRow, InboxCursorRow

log = logging.getLogger(__name__)

STREAM = "trends"
MAX_AGE = timedelta(hours=1)


@dataclass(frozen=True)
class BrandTrends:
    """A brand's trending tags (most used first) and what could not be read."""

    tags: tuple[TrendTag, ...] = ()
    problems: tuple[str, ...] = ()
    #: Some account's list is missing or older than ``MAX_AGE``.
    stale: bool = True


class TrendsService:
    def __init__(self, inbox: InboxService, *, max_age: timedelta = MAX_AGE) -> None:
        self._inbox = inbox
        self._sessions = inbox._sessions
        self._clock = inbox._clock
        self.max_age = max_age

    def _accounts(self, brand_id: int) -> list[tuple[int, Network]]:
        from cmplanner.networks.inbox_base import readable

        with self._sessions() as s:
            rows = s.execute(
                select(AccountRow.id, AccountRow.network).where(
                    AccountRow.brand_id == brand_id,
                    AccountRow.status == AccountStatus.CONNECTED.value,
                )
            )
            return [(i, Network(n)) for i, n in rows if readable(Network(n))]

    def cached(self, brand_id: int) -> BrandTrends:
        """What was read last (no network access)."""
        now = self._clock.now()
        tags: list[TrendTag] = []
        problems: list[str] = []
        stale = False
        accounts = self._accounts(brand_id)
        with self._sessions() as s:
            for account_id, _network in accounts:
                row = s.scalar(
                    select(InboxCursorRow).where(
                        InboxCursorRow.account_id == account_id, InboxCursorRow.stream == STREAM
                    )
                )
                if row is None or not self._fresh(row.updated_utc, now):
                    stale = True
                if row is None:
                    continue
                body = json.loads(row.cursor or "{}")
                tags.extend(load(json.dumps(body.get("tags", []))))
                if body.get("problem"):
                    problems.append(str(body["problem"]))
        return BrandTrends(tuple(merge(tags)), tuple(dict.fromkeys(problems)), stale)

    def refresh(self, brand_id: int, *, force: bool = False) -> BrandTrends:
        """Read the networks (blocking) for the accounts whose list is stale; the result."""
        from cmplanner.domain.errors import KnownError
        from cmplanner.networks.errors import NetworkError

        now = self._clock.now()
        for account_id, network in self._accounts(brand_id):
            with self._sessions() as s:
                updated = s.scalar(
                    select(InboxCursorRow.updated_utc).where(
                        InboxCursorRow.account_id == account_id, InboxCursorRow.stream == STREAM
                    )
                )
            if not force and self._fresh(updated, now):
                continue
            try:
                reader = self._inbox.reader(account_id)
                tags, problem = reader.trends()  # type: ignore[attr-defined]
            except (NetworkError, KnownError) as exc:
                problem = f"{network.label}: trends could not be read ({exc.message})."
                self._store(account_id, None, problem)  # the last ones stay, said to be old
                continue
            log.info("trends of account %d: %d tags", account_id, len(tags))
            self._store(account_id, tags, problem)
        return self.cached(brand_id)

    def _fresh(self, updated: datetime | None, now: datetime) -> bool:
        moment = aware(updated)
        return moment is not None and now - moment <= self.max_age

    def _store(self, account_id: int, tags: list[TrendTag] | None, problem: str) -> None:
        """Keep ``tags`` (None: keep the stored ones) and ``problem``, read now."""
        with self._sessions.begin() as s:
            row = s.scalar(
                select(InboxCursorRow).where(
                    InboxCursorRow.account_id == account_id, InboxCursorRow.stream == STREAM
                )
            )
            if tags is None:
                old = json.loads(row.cursor or "{}") if row is not None else {}
                kept = old.get("tags", []) if isinstance(old, dict) else []
            else:
                kept = json.loads(dump(tags))
            text = json.dumps({"tags": kept, "problem": problem})
            if row is None:
                row = InboxCursorRow(account_id=account_id, stream=STREAM)
                s.add(row)
            row.cursor = text
            row.updated_utc = naive_utc(self._clock.now())
