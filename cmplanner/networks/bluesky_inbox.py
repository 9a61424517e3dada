"""Bluesky's inbox: notifications, threads, saved searches, replies, likes and reposts.

Composes the publishing client (``BlueskyPublisher``: the stored session, its refresh, a
fresh login when the refresh token is gone, new tokens written back at once) and never
changes it.

- Notifications: ``app.bsky.notification.listNotifications`` (reasons mention, reply, quote,
  follow; likes and reposts are left out). The list comes newest first with a cursor that
  goes *back* in time, so the sync's cursor is the newest ``indexedAt`` seen: pages are read
  until one reaches it (at most ``MAX_PAGES``).
- Threads: ``app.bsky.feed.getPostThread`` (parents, the post, replies depth-first, cut at
  ``THREAD_CAP``); deleted and blocked posts are kept as such. Both calls are answered by
  an AppView (the PDS proxies them there). When no AppView answers, the parents are still
  read record by record from the PDS (``com.atproto.repo.getRecord``), and the item says
  that replies could not be read.
- Searches: ``app.bsky.feed.searchPosts`` (``sort=latest``, ``since`` = the newest seen).
- Replies point at the thread's root and the answered post (strong references); likes and
  reposts are ``app.bsky.feed.like`` / ``app.bsky.feed.repost`` records in the account's own
  repository (the PDS alone can take them).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import requests

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.networks.bluesky_client import (
    PostRef,
    ReplyTo,
    new_tid,
    parse_at_uri,
)
from cmplanner.networks.bluesky_publish import BlueskyPublisher, web_url
from cmplanner.networks.errors import AlreadyExists, NetworkError, Rejected, Transient
from cmplanner.networks.inbox_base import (
    MAX_PAGES,
    THREAD_CAP,
    InboxPage,
    RemoteItem,
    RemotePost,
    SentReply,
    Thread,
)
from cmplanner.networks.publishing import AccountRef, SecretSink
from cmplanner.networks.rest import parse_utc
from cmplanner.networks.trends import BLUESKY_NO_TRENDS, LIMIT, TrendTag, parse_bluesky_trends

log = logging.getLogger(__name__)

PAGE_SIZE = 50
_REASONS = {
    "mention": InboxKind.MENTION,
    "reply": InboxKind.REPLY,
    "quote": InboxKind.QUOTE,
    "follow": InboxKind.FOLLOW,
}
NO_APPVIEW = (
    "Bluesky's AppView did not answer for {what} ({why}). The PDS alone keeps records, "
    "not notifications, threads or search: try again later."
)


class BlueskyInbox:
    """One Bluesky account's inbox (blocking: call from a worker thread)."""

    network = Network.BLUESKY

    def __init__(self, publisher: BlueskyPublisher) -> None:
        self.publisher = publisher

    def __repr__(self) -> str:
        return f"BlueskyInbox({self.publisher.account.handle!r})"

    def _get(self, nsid: str, params: Mapping[str, Any]) -> dict[str, Any]:
        client = self.publisher.client
        return self.publisher._call(client._xrpc, "GET", nsid, params=dict(params))

    # -- InboxReader

    def notifications(self, cursor: str | None) -> InboxPage:
        items: list[RemoteItem] = []
        problems: list[str] = []
        newest_seen = cursor
        page_cursor: str | None = None
        for _ in range(MAX_PAGES if cursor else 1):
            params: dict[str, Any] = {"limit": PAGE_SIZE, "reasons": list(_REASONS)}
            if page_cursor:
                params["cursor"] = page_cursor
            try:
                body = self._get("app.bsky.notification.listNotifications", params)
            except (Rejected, Transient) as exc:
                if items:  # keep what the first pages gave
                    problems.append(NO_APPVIEW.format(what="older notifications", why=exc))
                    break
                raise
            raw_list = body.get("notifications")
            if not isinstance(raw_list, list):
                problems.append("Bluesky sent an unreadable page of notifications.")
                break
            caught_up = False
            for raw in raw_list:
                indexed = str(raw.get("indexedAt", "")) if isinstance(raw, dict) else ""
                if cursor and indexed and indexed <= cursor:
                    caught_up = True
                    continue
                if indexed and (newest_seen is None or indexed > newest_seen):
                    newest_seen = indexed
                item = _notification(raw, problems)
                if item is not None:
                    items.append(item)
            page_cursor = body.get("cursor") if isinstance(body.get("cursor"), str) else None
            if caught_up or not cursor or not page_cursor or not raw_list:
                break
        items.sort(key=lambda i: (i.created_utc is None, i.created_utc))
        return InboxPage(
            items=tuple(items),
            cursor=newest_seen if newest_seen != cursor else None,
            problems=tuple(problems),
        )

    def thread(self, item: RemotePost) -> Thread:
        try:
            body = self._get(
                "app.bsky.feed.getPostThread",
                {"uri": item.remote_id, "depth": 10, "parentHeight": 80},
            )
        except Rejected as exc:
            if exc.code == "NotFound":
                return Thread(
                    posts=(_with_state(item, "deleted"),),
                    problems=("The post was deleted on Bluesky: the copy kept here is shown.",),
                )
            return self._thread_from_records(item, exc)
        except Transient as exc:
            return self._thread_from_records(item, exc)
        root = body.get("thread")
        if not isinstance(root, dict):
            return Thread(posts=(item,), problems=("Bluesky sent an unreadable thread.",))
        parents: list[RemotePost] = []
        node = root.get("parent")
        while isinstance(node, dict) and len(parents) < THREAD_CAP:
            parents.append(_thread_node(node))
            node = node.get("parent")
        parents.reverse()
        main = _thread_node(root)
        replies: list[RemotePost] = []
        room = max(THREAD_CAP - len(parents) - 1, 0)
        truncated = _walk_replies(root, replies, room)
        return Thread(posts=(*parents, main, *replies), truncated=truncated)

    def _thread_from_records(self, item: RemotePost, why: NetworkError) -> Thread:
        """No AppView: the parents, read as records from the PDS; no replies."""
        client = self.publisher.client
        chain: list[RemotePost] = []
        parent = item.parent_remote_id
        problems = [NO_APPVIEW.format(what="the thread", why=why.message)]
        while parent and len(chain) < THREAD_CAP:
            try:
                record = client.get_post(parent)
            except (NetworkError, ValueError):
                chain.append(RemotePost(remote_id=parent, state="deleted"))
                problems.append("A post earlier in the conversation could not be read.")
                break
            repo, _, _ = parse_at_uri(record.uri)
            chain.append(_record_post(record.uri, record.cid, repo, "", record.value))
            parent = chain[-1].parent_remote_id
        chain.reverse()
        return Thread(posts=(*chain, item), truncated=False, problems=tuple(problems))

    def search(self, query: str, cursor: str | None) -> InboxPage:
        params: dict[str, Any] = {"q": query.strip(), "sort": "latest", "limit": PAGE_SIZE}
        if cursor:
            params["since"] = cursor
        body = self._get("app.bsky.feed.searchPosts", params)
        posts = body.get("posts")
        if not isinstance(posts, list):
            return InboxPage(problems=(f"Bluesky sent an unreadable answer for “{query}”.",))
        me = self.publisher.client.session.did if self.publisher.client.session else ""
        items: list[RemoteItem] = []
        newest_seen = cursor
        for view in posts:
            if not isinstance(view, dict) or not view.get("uri"):
                continue
            post = _post_view(view)
            stamp = str(view.get("indexedAt") or "")
            if stamp and (newest_seen is None or stamp > newest_seen):
                newest_seen = stamp
            if me and post.author_id == me:
                continue
            items.append(_item(InboxKind.SEARCH_HIT, post, _langs(view.get("record"))))
        items.sort(key=lambda i: (i.created_utc is None, i.created_utc))
        return InboxPage(items=tuple(items), cursor=newest_seen if newest_seen != cursor else None)

    def reply(self, to: RemotePost, text: str, *, key: str) -> SentReply:
        cid = to.meta.get("cid", "")
        if not cid:
            raise Rejected("this Bluesky post cannot be answered: its content id is unknown")
        parent = PostRef(to.remote_id, cid)
        root = PostRef(to.meta.get("root_uri") or to.remote_id, to.meta.get("root_cid") or cid)
        client = self.publisher.client
        try:
            ref = self.publisher._call(
                client.create_post, text, rkey=key, reply_to=ReplyTo(root, parent)
            )
        except AlreadyExists as exc:  # an earlier attempt went through
            ref = PostRef(exc.uri, exc.cid)
        return SentReply(ref.uri, web_url(ref.uri, self.publisher.account.handle))

    def trends(self, limit: int = LIMIT) -> tuple[list[TrendTag], str]:
        """Trending topics from ``app.bsky.unspecced.getTrends`` where the AppView offers
        them; none and the reason otherwise (the local and most self-hosted ones do not)."""
        try:
            body = self._get("app.bsky.unspecced.getTrends", {"limit": min(limit, 25)})
        except (Rejected, Transient) as exc:
            log.info("no Bluesky trends: %s", exc.message)
            return [], BLUESKY_NO_TRENDS
        return parse_bluesky_trends(body), ""

    def like(self, post: RemotePost) -> None:
        self._subject_record("app.bsky.feed.like", post)

    def repost(self, post: RemotePost) -> None:
        self._subject_record("app.bsky.feed.repost", post)

    def _subject_record(self, collection: str, post: RemotePost) -> None:
        cid = post.meta.get("cid", "")
        if not cid:
            raise Rejected(
                "this Bluesky post cannot be liked or reposted: its content id is unknown"
            )
        client = self.publisher.client
        self.publisher._ensure_session()
        record = {
            "$type": collection,
            "subject": {"uri": post.remote_id, "cid": cid},
            "createdAt": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        }
        self.publisher._call(
            client._xrpc,
            "POST",
            "com.atproto.repo.createRecord",
            json={
                "repo": client._did(),
                "collection": collection,
                "rkey": new_tid(),
                "record": record,
            },
        )


# ---------------------------------------------------------------- parsing


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _langs(record: Any) -> str:
    if isinstance(record, dict) and isinstance(record.get("langs"), list) and record["langs"]:
        return str(record["langs"][0])
    return ""


def _reply_refs(record: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """(parent uri, meta with root_uri/root_cid) of a post record."""
    reply = record.get("reply")
    if not isinstance(reply, dict):
        return "", {}
    parent = _obj(reply.get("parent"))
    root = _obj(reply.get("root"))
    meta = {}
    if root.get("uri") and root.get("cid"):
        meta = {"root_uri": str(root["uri"]), "root_cid": str(root["cid"])}
    return str(parent.get("uri", "")), meta


def _record_post(
    uri: str, cid: str, did: str, handle: str, record: Mapping[str, Any], name: str = ""
) -> RemotePost:
    parent, meta = _reply_refs(record)
    return RemotePost(
        remote_id=uri,
        author_handle=handle or did,
        author_name=name,
        author_id=did,
        text=str(record.get("text", "")),
        created_utc=parse_utc(str(record.get("createdAt") or "")),
        remote_url=web_url(uri, handle) if uri.startswith("at://") else "",
        parent_remote_id=parent,
        meta={"cid": cid, **meta},
    )


def _post_view(view: Mapping[str, Any]) -> RemotePost:
    author = _obj(view.get("author"))
    record = _obj(view.get("record"))
    return _record_post(
        str(view["uri"]),
        str(view.get("cid", "")),
        str(author.get("did", "")),
        str(author.get("handle", "")),
        record,
        str(author.get("displayName") or ""),
    )


def _item(kind: InboxKind, post: RemotePost, language: str, subject: str = "") -> RemoteItem:
    return RemoteItem.of_post(kind, post, language=language, subject=subject)


def _notification(raw: Any, problems: list[str]) -> RemoteItem | None:
    if not isinstance(raw, dict):
        problems.append("An unreadable Bluesky notification was skipped.")
        return None
    kind = _REASONS.get(str(raw.get("reason", "")))
    if kind is None:
        return None  # likes, reposts, starter packs...: not inbox items
    author = raw.get("author")
    if not isinstance(author, dict) or not author.get("did") or not raw.get("uri"):
        problems.append("A Bluesky notification without its author or post was skipped.")
        return None
    did = str(author["did"])
    handle = str(author.get("handle") or did)
    name = str(author.get("displayName") or "")
    if kind is InboxKind.FOLLOW:
        return RemoteItem(
            kind=kind,
            remote_id=did,
            author_handle=handle,
            author_name=name,
            author_id=did,
            created_utc=parse_utc(str(raw.get("indexedAt") or "")),
            remote_url=f"https://bsky.app/profile/{handle}",
        )
    record = _obj(raw.get("record"))
    post = _record_post(str(raw["uri"]), str(raw.get("cid", "")), did, handle, record, name)
    subject = str(raw.get("reasonSubject") or "")
    return _item(kind, post, _langs(record), subject)


def _with_state(post: RemotePost, state: str) -> RemotePost:
    return replace(post, state=state)


def _thread_node(node: Mapping[str, Any]) -> RemotePost:
    kind = str(node.get("$type", ""))
    uri = str(node.get("uri", ""))
    if kind.endswith("#notFoundPost") or node.get("notFound"):
        return RemotePost(remote_id=uri, state="deleted")
    if kind.endswith("#blockedPost") or node.get("blocked"):
        author = _obj(node.get("author"))
        return RemotePost(remote_id=uri, author_id=str(author.get("did", "")), state="blocked")
    post = node.get("post")
    if not isinstance(post, dict) or not post.get("uri"):
        return RemotePost(remote_id=uri, state="deleted")
    return _post_view(post)


def _walk_replies(node: Mapping[str, Any], out: list[RemotePost], room: int) -> bool:
    """Replies depth-first into ``out`` (at most ``room``); True when some were left out."""
    for child in node.get("replies") or []:
        if not isinstance(child, dict):
            continue
        if len(out) >= room:
            return True
        out.append(_thread_node(child))
        if _walk_replies(child, out, room):
            return True
    return False


def make_bluesky_inbox(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> BlueskyInbox:
    return BlueskyInbox(
        BlueskyPublisher(account, secret, on_secret_change=on_secret_change, http=http)
    )
