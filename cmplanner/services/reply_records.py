"""The inbox replies' bookkeeping and reads: outcomes, attempts (the publish log), when
the next retry is due (the sending is in ``publish_replies``). Each write is one short
transaction; the network call always happens between two of them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.enums import Network
from cmplanner.domain.publishing import Attempt, AttemptResult
from cmplanner.domain.timezones import as_aware
from cmplanner.services.publish_claims import naive
from cmplanner.services.publish_records import aware, finish_attempt_row
from cmplanner.storage.tables import AccountRow, InboxItemRow, ReplyAttemptRow

if TYPE_CHECKING:
    from cmplanner.networks.publishing import Published

log = logging.getLogger(__name__)

Sessions = sessionmaker[Session]


class ReplyState(StrEnum):
    """Where an inbox reply stands (``inbox_item.reply_state``)."""

    NONE = ""
    PENDING = "pending"
    CLAIMED = "claimed"
    RETRY = "retry"
    SENT = "sent"
    FAILED = "failed"
    NEEDS_RECONNECT = "needs_reconnect"
    UNKNOWN = "unknown"


#: States a round picks up (a retry once its time has come).
WAITING = (ReplyState.PENDING.value, ReplyState.RETRY.value)
#: States that raise a notice for the user.
FAILED_STATES = (ReplyState.FAILED, ReplyState.NEEDS_RECONNECT, ReplyState.UNKNOWN)


@dataclass(frozen=True)
class ReplyOutcome:
    """How one reply stands after a round (crosses to the window by signal)."""

    item_id: int
    account_id: int
    network: Network
    handle: str
    author_handle: str
    state: ReplyState
    remote_url: str = ""
    error: str = ""


# ---- bookkeeping ------------------------------------------------------------------------


def start_attempt(sessions: Sessions, item_id: int, now: datetime) -> int:
    """The in-flight mark, committed before the request goes out."""
    with sessions.begin() as s:
        row = ReplyAttemptRow(
            item_id=item_id,
            started_utc=naive(now),
            result=AttemptResult.SENDING.value,
            remote_id="",
            remote_url="",
            error_class="",
            error_message="",
        )
        s.add(row)
        s.flush()
        return row.id


def sent(
    sessions: Sessions,
    item_id: int,
    attempt_id: int | None,
    sent: Published,
    now: datetime,
    result: AttemptResult,
) -> None:
    with sessions.begin() as s:
        row = s.get(InboxItemRow, item_id)
        if row is None:
            return
        row.reply_state = ReplyState.SENT.value
        row.reply_claimed_by = ""
        row.reply_claimed_utc = None
        row.reply_retry_at_utc = None
        row.reply_tries = 0
        row.reply_remote_id = sent.remote_id
        row.reply_url = sent.remote_url
        row.reply_error = ""
        row.replied_utc = naive(now)
        row.read = True
        finish_attempt_row(
            s, attempt_id, now, result, table=ReplyAttemptRow,
            remote_id=sent.remote_id, remote_url=sent.remote_url,
        )  # fmt: skip
    log.info("inbox item %d answered", item_id)


def settle(
    sessions: Sessions,
    item_id: int,
    attempt_id: int | None,
    now: datetime,
    state: ReplyState,
    message: str,
    *,
    result: AttemptResult = AttemptResult.ERROR,
    exc: BaseException | None = None,
    retry_at: datetime | None = None,
    tries: int | None = None,
    note: str = "",
) -> None:
    """The reply's new state and message, the claim let go, the attempt finished."""
    with sessions.begin() as s:
        row = s.get(InboxItemRow, item_id)
        if row is None:
            return
        row.reply_state = state.value
        row.reply_claimed_by = ""
        row.reply_claimed_utc = None
        row.reply_error = message
        row.reply_retry_at_utc = naive(retry_at) if retry_at is not None else None
        if tries is not None:
            row.reply_tries = tries
        finish_attempt_row(
            s, attempt_id, now, result, table=ReplyAttemptRow, exc=exc, message=note or message
        )


# ---- reading ----------------------------------------------------------------------------


def outcomes(sessions: Sessions, item_ids: Sequence[int]) -> list[ReplyOutcome]:
    if not item_ids:
        return []
    i, a = InboxItemRow, AccountRow
    with sessions() as s:
        rows = s.execute(
            select(
                i.id,
                i.account_id,
                a.network,
                a.handle,
                i.author_handle,
                i.reply_state,
                i.reply_url,
                i.reply_error,
            )
            .join(a, a.id == i.account_id)
            .where(i.id.in_(list(dict.fromkeys(item_ids))))
            .order_by(i.id)
        ).all()
    return [
        ReplyOutcome(r[0], r[1], Network(r[2]), r[3], r[4], ReplyState(r[5]), r[6], r[7])
        for r in rows
    ]


def attempts(s: Session, limit: int) -> list[Attempt]:
    """The replies' attempts for the publish log, newest first."""
    q = (
        select(ReplyAttemptRow, InboxItemRow.account_id, AccountRow.network)
        .join(InboxItemRow, InboxItemRow.id == ReplyAttemptRow.item_id)
        .join(AccountRow, AccountRow.id == InboxItemRow.account_id)
        .order_by(ReplyAttemptRow.started_utc.desc(), ReplyAttemptRow.id.desc())
        .limit(limit)
    )
    return [
        Attempt(
            id=r.id,
            target_id=0,
            post_id=0,
            account_id=account_id,
            network=Network(network),
            started_utc=as_aware(r.started_utc),
            finished_utc=aware(r.finished_utc),
            result=r.result,
            remote_id=r.remote_id,
            remote_url=r.remote_url,
            error_class=r.error_class,
            error_message=r.error_message,
            item_id=r.item_id,
        )
        for r, account_id, network in s.execute(q)
    ]


def next_wake(s: Session, lease: timedelta) -> datetime | None:
    """When a waiting reply's retry comes, or a reply's claim runs out."""
    i = InboxItemRow
    candidates = [
        s.scalar(
            select(func.min(i.reply_retry_at_utc)).where(i.reply_state == ReplyState.RETRY.value)
        )
    ]
    claimed = s.scalar(
        select(func.min(i.reply_claimed_utc)).where(i.reply_state == ReplyState.CLAIMED.value)
    )
    if claimed is not None:
        candidates.append(claimed + lease)
    found = [c for c in candidates if c is not None]
    return aware(min(found)) if found else None
