"""Mastodon's inbox: notifications, conversation context, saved searches, replies,
favourites and boosts (docs.joinmastodon.org: methods/notifications, statuses, search,
timelines). Composes the publishing client's transport (``MastodonClient``) and never
changes it.

- Notifications: ``GET /api/v1/notifications`` with ``types[]`` mention, quote and follow
  (an instance without quotes simply never sends one). A mention whose status answers one
  of the account's own statuses is a *reply*. Incremental: ``min_id`` = the newest
  notification id seen, page after page (at most ``MAX_PAGES``).
- Context: ``GET /api/v1/statuses/:id/context`` (ancestors, descendants); cut at
  ``THREAD_CAP`` posts.
- Searches: ``#tag`` reads ``/api/v1/timelines/tag/:tag``; anything else
  ``/api/v2/search?type=statuses`` (full text only where the instance runs Elasticsearch).
- Replies carry ``in_reply_to_id`` and the caller's key as ``Idempotency-Key``; a direct
  message is answered directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import requests

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.networks.errors import Rejected
from cmplanner.networks.inbox_base import (
    MAX_PAGES,
    THREAD_CAP,
    InboxPage,
    RemoteItem,
    RemotePost,
    SentReply,
    Thread,
    is_newer,
    newest,
)
from cmplanner.networks.mastodon_client import MastodonClient
from cmplanner.networks.publishing import AccountRef, SecretSink
from cmplanner.networks.rest import parse_utc, plain_text
from cmplanner.networks.trends import LIMIT, TrendTag, parse_mastodon_tags

PAGE_SIZE = 40
NOTIFICATION_TYPES = ("mention", "quote", "follow")


class MastodonInbox:
    """One Mastodon account's inbox (blocking: call from a worker thread)."""

    network = Network.MASTODON

    def __init__(self, client: MastodonClient) -> None:
        self.client = client
        self._me = client.account.remote_id

    def __repr__(self) -> str:
        return f"MastodonInbox({self.client.account.handle!r})"

    # -- transport (the client's auth, errors and session)

    def _get(self, path: str, params: Mapping[str, Any] | Sequence[tuple[str, Any]]) -> Any:
        response = self.client._call("GET", path, params=params)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            return None

    def me(self) -> str:
        if not self._me:
            body = self._get("/api/v1/accounts/verify_credentials", {})
            self._me = str(body.get("id", "")) if isinstance(body, dict) else ""
        return self._me

    # -- InboxReader

    def notifications(self, cursor: str | None) -> InboxPage:
        me = self.me()
        items: list[RemoteItem] = []
        problems: list[str] = []
        seen: list[str] = []
        since = cursor
        for _ in range(MAX_PAGES if cursor else 1):
            params: list[tuple[str, Any]] = [("types[]", t) for t in NOTIFICATION_TYPES]
            params.append(("limit", PAGE_SIZE))
            if since:
                params.append(("min_id", since))
            body = self._get("/api/v1/notifications", params)
            if not isinstance(body, list):
                problems.append("Mastodon sent an unreadable page of notifications.")
                break
            ids = [str(n["id"]) for n in body if isinstance(n, dict) and n.get("id")]
            for raw in body:
                item = self._notification(raw, me, problems)
                if item is not None:
                    items.append(item)
            seen.extend(ids)
            top = newest(ids)
            if not cursor or len(body) < PAGE_SIZE or top is None or not is_newer(top, since):
                break
            since = top
        items.sort(key=lambda i: (i.created_utc is None, i.created_utc))
        top = newest(seen)
        return InboxPage(
            items=tuple(items),
            cursor=top if top is not None and is_newer(top, cursor) else None,
            problems=tuple(problems),
        )

    def _notification(self, raw: Any, me: str, problems: list[str]) -> RemoteItem | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("account"), dict):
            problems.append("A Mastodon notification without its author was skipped.")
            return None
        kind = str(raw.get("type", ""))
        who = raw["account"]
        if kind == "follow":
            return RemoteItem(
                kind=InboxKind.FOLLOW,
                remote_id=str(who.get("id", "")),
                author_handle=str(who.get("acct", "")),
                author_name=str(who.get("display_name", "")),
                author_id=str(who.get("id", "")),
                created_utc=parse_utc(raw.get("created_at")),
                remote_url=str(who.get("url", "")),
                meta={"notification_id": str(raw.get("id", ""))},
            )
        status = raw.get("status")
        if not isinstance(status, dict) or not status.get("id"):
            problems.append(
                f"A Mastodon {kind or 'notification'} from @{who.get('acct', '?')} came "
                "without its post (deleted?) and was skipped."
            )
            return None
        post = status_post(status)
        if kind == "quote":
            inbox_kind = InboxKind.QUOTE
            quoted = _quoted_id(status)
        else:
            quoted = ""
            answers_me = me and str(status.get("in_reply_to_account_id") or "") == me
            inbox_kind = InboxKind.REPLY if answers_me else InboxKind.MENTION
        return RemoteItem.of_post(
            inbox_kind,
            post,
            language=str(status.get("language") or ""),
            subject=quoted or post.parent_remote_id,
            meta=dict(post.meta) | {"notification_id": str(raw.get("id", ""))},
        )

    def thread(self, item: RemotePost) -> Thread:
        try:
            body = self._get(f"/api/v1/statuses/{quote(item.remote_id)}/context", {})
        except Rejected as exc:
            if exc.status == 404:
                return Thread(
                    posts=(replace(item, state="deleted"),),
                    problems=("The post was deleted on Mastodon: the copy kept here is shown.",),
                )
            raise
        if not isinstance(body, dict):
            return Thread(posts=(item,), problems=("Mastodon sent an unreadable conversation.",))
        ancestors = [status_post(s) for s in body.get("ancestors", []) if _is_status(s)]
        descendants = [status_post(s) for s in body.get("descendants", []) if _is_status(s)]
        room = max(THREAD_CAP - len(ancestors) - 1, 0)
        truncated = len(descendants) > room
        posts = (*ancestors, item, *descendants[:room])
        return Thread(posts=tuple(posts), truncated=truncated)

    def search(self, query: str, cursor: str | None) -> InboxPage:
        me = self.me()
        query = query.strip()
        params: dict[str, Any] = {"limit": PAGE_SIZE}
        if cursor:
            params["min_id"] = cursor
        if query.startswith("#") and " " not in query:
            body = self._get(f"/api/v1/timelines/tag/{quote(query[1:])}", params)
            statuses = body if isinstance(body, list) else None
        else:
            params |= {"q": query, "type": "statuses", "resolve": "false"}
            body = self._get("/api/v2/search", params)
            statuses = body.get("statuses") if isinstance(body, dict) else None
        if not isinstance(statuses, list):
            return InboxPage(problems=(f"Mastodon sent an unreadable answer for “{query}”.",))
        items = []
        for status in statuses:
            if not _is_status(status):
                continue
            post = status_post(status)
            if me and post.author_id == me:
                continue  # the brand's own posts are not mentions of it
            language = str(status.get("language") or "")
            items.append(RemoteItem.of_post(InboxKind.SEARCH_HIT, post, language=language))
        items.sort(key=lambda i: (i.created_utc is None, i.created_utc))
        top = newest([str(s["id"]) for s in statuses if _is_status(s)])
        return InboxPage(
            items=tuple(items), cursor=top if top is not None and is_newer(top, cursor) else None
        )

    def reply(self, to: RemotePost, text: str, *, key: str) -> SentReply:
        body: dict[str, Any] = {"status": text, "in_reply_to_id": to.remote_id}
        if to.meta.get("visibility") == "direct":
            body["visibility"] = "direct"
        answer = self.client._json("POST", "/api/v1/statuses", json=body, idempotency_key=key)
        return SentReply(str(answer["id"]), str(answer.get("url") or answer.get("uri") or ""))

    def trends(self, limit: int = LIMIT) -> tuple[list[TrendTag], str]:
        """The instance's trending hashtags with their recent use counts, and "" (or why
        there are none)."""
        tags = parse_mastodon_tags(self._get("/api/v1/trends/tags", {"limit": limit}))
        return tags, ""

    def like(self, post: RemotePost) -> None:
        self.client._call("POST", f"/api/v1/statuses/{quote(post.remote_id)}/favourite")

    def repost(self, post: RemotePost) -> None:
        self.client._call("POST", f"/api/v1/statuses/{quote(post.remote_id)}/reblog")


def _is_status(value: Any) -> bool:
    return (
        isinstance(value, dict) and bool(value.get("id")) and isinstance(value.get("account"), dict)
    )


def _quoted_id(status: Mapping[str, Any]) -> str:
    quote_ = status.get("quote")
    if isinstance(quote_, dict):
        inner = quote_.get("quoted_status")
        if isinstance(inner, dict) and inner.get("id"):
            return str(inner["id"])
        if quote_.get("quoted_status_id"):
            return str(quote_["quoted_status_id"])
    return ""


def status_post(status: Mapping[str, Any]) -> RemotePost:
    """A Status entity as a ``RemotePost`` (HTML content made plain text)."""
    who = status.get("account") or {}
    text = plain_text(str(status.get("content") or ""), is_html=True)
    warning = str(status.get("spoiler_text") or "")
    if warning:
        text = f"[{warning}] {text}"
    return RemotePost(
        remote_id=str(status["id"]),
        author_handle=str(who.get("acct", "")),
        author_name=str(who.get("display_name", "")),
        author_id=str(who.get("id", "")),
        text=text,
        created_utc=parse_utc(status.get("created_at")),
        remote_url=str(status.get("url") or status.get("uri") or ""),
        parent_remote_id=str(status.get("in_reply_to_id") or ""),
        meta={"visibility": str(status.get("visibility") or "")},
    )


def make_mastodon_inbox(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> MastodonInbox:
    return MastodonInbox(
        MastodonClient(account, secret, on_secret_change=on_secret_change, http=http)
    )
