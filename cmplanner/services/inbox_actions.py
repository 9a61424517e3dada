"""Answering from the inbox: check a reply by the network's rules, send it exactly once
through the publisher, like and repost. Blocking (network I/O): the window runs these on a
worker.

A reply is the publisher's job (``services/publish_replies.py``): ``reply`` stores the
text with its key (Mastodon ``Idempotency-Key``, Bluesky record key) *before* any request,
then asks a publisher to send it at once with the same machinery as posts (atomic claim,
backoff with jitter, rate limit per account, reconnect, every attempt in the publish log).
Offline, server down or rate limited, the reply waits and the publisher's worker sends it
when its time comes or the connection is back (the command line: the next
``cmplanner publish-due`` or ``inbox sync``); nothing is sent twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import InvalidInput, KnownError
from cmplanner.domain.inbox import InboxEntry
from cmplanner.networks.base import LengthReport, Problem, ProblemLevel
from cmplanner.services.inbox import InboxService, _account_of, _item

if TYPE_CHECKING:
    from cmplanner.networks.preview import Preview
    from cmplanner.services.publish_replies import ReplyOutcome

log = logging.getLogger(__name__)


class ReplyFailed(KnownError):
    """The network did not take the reply (or the like)."""


@dataclass(frozen=True)
class ReplyCheck:
    """A reply measured and checked by the network's rules (the composer's checks)."""

    network: Network
    text: str
    report: LengthReport
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return bool(self.text.strip()) and not any(
            p.level is ProblemLevel.ERROR for p in self.problems
        )


def check_reply(inbox: InboxService, item_id: int, text: str) -> ReplyCheck:
    """Count and check ``text`` as a post of the item's account (pure: no network)."""
    from cmplanner.services.post_checks import rules_for_account
    from cmplanner.services.post_rows import account_from_row

    with inbox._sessions() as s:
        row = _row(s, item_id)
        account = account_from_row(_account(s, row))
    rules = rules_for_account(account)
    return ReplyCheck(account.network, text, rules.count(text), tuple(rules.check(text)))


def reply_prefix(entry: InboxEntry) -> str:
    """What a reply starts with: Mastodon only tells the author when they are mentioned."""
    if entry.network is Network.MASTODON and entry.author_handle:
        return f"@{entry.author_handle} "
    return ""


def reply(inbox: InboxService, item_id: int, text: str) -> InboxEntry:
    """Check ``text``, then send it as a reply to the item through the publisher (blocking).

    Raises:
        InvalidInput: the network's rules refuse the text (nothing is sent).
        ReplyFailed: it was not sent now: waiting (offline, busy: it goes out later),
            refused, or the account needs reconnecting (the reason is kept on the item).
    """
    from cmplanner.services import publish_replies as replies

    check = check_reply(inbox, item_id, text)
    if not check.ok:
        first = next((p.message for p in check.problems if p.level is ProblemLevel.ERROR), "")
        raise InvalidInput(
            f"This reply cannot go to {check.network.label} as it is"
            + (f": {first}" if first else ": it is empty")
            + ".",
            "Shorten or fix it, then send again.",
        )
    if not replies.queue(inbox._sessions, item_id, text):
        return inbox.get(item_id)  # already sent
    [outcome] = inbox.publisher().send_replies([item_id]) or [_outcome(inbox, item_id)]
    _raise_unless_sent(outcome, check.network)
    return inbox.get(item_id)


def _outcome(inbox: InboxService, item_id: int) -> ReplyOutcome:
    from cmplanner.services.publish_replies import outcomes

    [found] = outcomes(inbox._sessions, [item_id])
    return found


def _raise_unless_sent(outcome: ReplyOutcome, network: Network) -> None:
    from cmplanner.services.publish_replies import ReplyState

    state, why = outcome.state, outcome.error
    if state in (ReplyState.SENT, ReplyState.CLAIMED):  # sent, or being sent by the worker
        return
    if state in (ReplyState.PENDING, ReplyState.RETRY):
        raise ReplyFailed(
            "The reply could not be sent now" + (f" ({why})" if why else " (no connection)") + ".",
            "It waits and the publisher sends it when the connection is back (or at the "
            "next inbox sync); nothing is sent twice.",
        )
    if state is ReplyState.NEEDS_RECONNECT:
        raise ReplyFailed(
            f"{network.label} refused the account's login: {why}",
            "Reconnect the account in File ▸ Accounts; the reply then goes out by itself.",
        )
    if state is ReplyState.UNKNOWN:
        raise ReplyFailed(why, "Look at the conversation on the network first.")
    raise ReplyFailed(
        f"The network did not take the reply: {why}",
        "Change the reply and send it again, or answer on the network itself.",
    )


def like(inbox: InboxService, item_id: int, *, repost: bool = False) -> InboxEntry:
    """Like (or repost/boost) the item's post on its network (blocking)."""
    from cmplanner.networks.errors import NetworkError

    with inbox._sessions() as s:
        row = _row(s, item_id)
        post = inbox.remote_post(row)
        account_id = row.account_id
    reader = inbox.reader(account_id)
    try:
        (reader.repost if repost else reader.like)(post)
    except NetworkError as exc:
        what = "repost" if repost else "like"
        raise ReplyFailed(
            f"The network did not take the {what}: {exc.message}.",
            "Try again later, or do it on the network itself.",
        ) from None
    with inbox._sessions.begin() as s:
        row = _row(s, item_id)
        if repost:
            row.reposted = True
        else:
            row.liked = True
    return inbox.get(item_id)


_row = _item
_account = _account_of


def preview_reply(inbox: InboxService, item_id: int, text: str) -> Preview:
    """How the reply will look on the item's network (the composer's preview data)."""
    from cmplanner.networks.preview import render_preview
    from cmplanner.services.post_checks import rules_for_account
    from cmplanner.services.post_rows import account_from_row

    with inbox._sessions() as s:
        account = account_from_row(_account(s, _row(s, item_id)))
    return render_preview(
        rules_for_account(account),
        text,
        display_name=account.display_name or account.handle,
        handle=account.handle,
        as_thread=False,
    )
