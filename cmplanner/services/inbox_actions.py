"""Answering from the inbox: check a reply by the network's rules, send it exactly once,
like and repost. Blocking (network I/O): the window runs these on a worker.

Replies go straight through the account's inbox reader, not through the publisher: the
publisher's ``Outgoing`` has no "in reply to" yet (see the report of the community-desk
work). What the publisher promises is kept the same way here:

- the reply's key (Mastodon ``Idempotency-Key``, Bluesky record key) is chosen and stored
  with the text *before* the request, so a resend after a crash or a dropped line reuses it
  and never makes a second reply (Bluesky: for ever; Mastodon: for the hour the server
  keeps keys);
- offline, server down or rate limited (``Transient``, ``RateLimited``), the reply waits
  with its key and goes out at the next sync (the window syncs every 10 minutes);
- the network's refusal is kept on the item and shown with what to do.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import InvalidInput, KnownError
from cmplanner.domain.inbox import InboxEntry
from cmplanner.networks.base import LengthReport, Problem, ProblemLevel
from cmplanner.services.inbox import InboxService, _account_of, _item
from cmplanner.services.inbox_rows import naive_utc
from cmplanner.storage.tables import InboxItemRow

if TYPE_CHECKING:
    from cmplanner.networks.preview import Preview

log = logging.getLogger(__name__)

WAITING = "Waiting to be sent (no connection): it goes out at the next sync."


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


def _new_key(network: Network, item_id: int) -> str:
    if network is Network.BLUESKY:
        from cmplanner.networks.bluesky_client import new_tid

        return new_tid()
    return f"cmplanner-inbox-{item_id}-{secrets.token_hex(8)}"


def reply(inbox: InboxService, item_id: int, text: str) -> InboxEntry:
    """Check, then send ``text`` as a reply to the item (blocking).

    Raises:
        InvalidInput: the network's rules refuse the text (nothing is sent).
        ReplyFailed: the network refused it (the reason is kept on the item).
    """
    check = check_reply(inbox, item_id, text)
    if not check.ok:
        first = next((p.message for p in check.problems if p.level is ProblemLevel.ERROR), "")
        raise InvalidInput(
            f"This reply cannot go to {check.network.label} as it is"
            + (f": {first}" if first else ": it is empty")
            + ".",
            "Shorten or fix it, then send again.",
        )
    with inbox._sessions.begin() as s:
        row = _row(s, item_id)
        if row.replied_utc is not None and row.reply_text == text:
            return inbox.get(item_id)  # already sent
        network = Network(_account(s, row).network)
        if row.replied_utc is not None or row.reply_text != text or not row.reply_key:
            row.reply_key = _new_key(network, item_id)
        row.reply_text = text
        row.replied_utc = None
        row.reply_error = ""
    _send(inbox, item_id)
    return inbox.get(item_id)


def _send(inbox: InboxService, item_id: int) -> None:
    from cmplanner.networks.errors import (
        AuthExpired,
        AuthFailed,
        NetworkError,
        RateLimited,
        Transient,
    )

    with inbox._sessions() as s:
        row = _row(s, item_id)
        post = inbox.remote_post(row)
        key, text, account_id = row.reply_key, row.reply_text, row.account_id
    try:
        sent = inbox.reader(account_id).reply(post, text, key=key)
    except (Transient, RateLimited) as exc:  # offline, down or busy: not the reply's fault
        _keep_error(inbox, item_id, WAITING)
        raise ReplyFailed(
            f"The reply could not be sent now ({exc.message}).",
            "It waits and goes out at the next inbox sync; nothing is sent twice.",
        ) from None
    except (AuthExpired, AuthFailed) as exc:
        _keep_error(inbox, item_id, exc.message)
        raise ReplyFailed(
            f"The network refused the account's login: {exc.message}.",
            "Reconnect the account in File ▸ Accounts, then send the reply again.",
        ) from None
    except NetworkError as exc:
        _keep_error(inbox, item_id, exc.message)
        raise ReplyFailed(
            f"The network did not take the reply: {exc.message}.",
            "Change the reply and send it again, or answer on the network itself.",
        ) from None
    with inbox._sessions.begin() as s:
        row = _row(s, item_id)
        row.reply_remote_id = sent.remote_id
        row.reply_url = sent.remote_url
        row.reply_error = ""
        row.replied_utc = naive_utc(inbox._clock.now())
        row.read = True
    log.info("inbox item %d answered", item_id)


def send_waiting(inbox: InboxService, account_id: int) -> list[str]:
    """Send the account's replies that waited for a connection; what failed, for the user."""
    with inbox._sessions() as s:
        ids = list(
            s.scalars(
                select(InboxItemRow.id).where(
                    InboxItemRow.account_id == account_id,
                    InboxItemRow.reply_key != "",
                    InboxItemRow.reply_text != "",
                    InboxItemRow.replied_utc.is_(None),
                    InboxItemRow.reply_error == WAITING,
                )
            )
        )
    problems = []
    for item_id in ids:
        try:
            _send(inbox, item_id)
        except ReplyFailed as exc:
            problems.append(f"A waiting reply (item {item_id}) was not sent: {exc.message}")
    return problems


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


def _keep_error(inbox: InboxService, item_id: int, message: str) -> None:
    with inbox._sessions.begin() as s:
        _row(s, item_id).reply_error = message


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
