"""Inbox rows to domain values and back: one place that knows the JSON columns.

``meta`` holds what a reply or a like needs later (Bluesky ``cid``, thread root;
Mastodon ``visibility``); ``thread`` the conversation as last read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.domain.inbox import InboxEntry, ThreadPost, Tone
from cmplanner.storage.tables import AccountRow, BrandRow, InboxItemRow

#: Thread posts stored per item (a conversation read later replaces the copy).
STORED_THREAD = 200


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _tone(value: str) -> Tone:
    try:
        return Tone(value)
    except ValueError:
        return Tone.NEUTRAL


def entry_from_row(row: InboxItemRow, brand: BrandRow, account: AccountRow) -> InboxEntry:
    created = aware(row.created_utc)
    assert created is not None
    return InboxEntry(
        id=row.id,
        account_id=row.account_id,
        brand_id=row.brand_id,
        brand_name=brand.name,
        brand_color=brand.color,
        network=Network(account.network),
        account_handle=account.handle,
        kind=InboxKind(row.kind),
        remote_id=row.remote_id,
        remote_url=row.remote_url,
        author_handle=row.author_handle,
        author_name=row.author_name,
        text=row.text,
        created_utc=created,
        tone=_tone(row.tone),
        tone_corrected=row.tone_corrected,
        urgency=row.urgency,
        reasons=tuple(r for r in row.tone_reasons.split("\n") if r),
        read=row.read,
        done=row.done,
        flagged=row.flagged,
        liked=row.liked,
        reposted=row.reposted,
        reply_text=row.reply_text,
        reply_url=row.reply_url,
        reply_error=row.reply_error,
        replied_utc=aware(row.replied_utc),
        language=row.language,
    )


#: What the list reads per item: plain columns (no ORM objects, no thread or meta JSON).
ENTRY_COLUMNS = (
    InboxItemRow.id,
    InboxItemRow.account_id,
    InboxItemRow.brand_id,
    BrandRow.name,
    BrandRow.color,
    AccountRow.network,
    AccountRow.handle,
    InboxItemRow.kind,
    InboxItemRow.remote_id,
    InboxItemRow.remote_url,
    InboxItemRow.author_handle,
    InboxItemRow.author_name,
    InboxItemRow.text,
    InboxItemRow.created_utc,
    InboxItemRow.tone,
    InboxItemRow.tone_corrected,
    InboxItemRow.urgency,
    InboxItemRow.tone_reasons,
    InboxItemRow.read,
    InboxItemRow.done,
    InboxItemRow.flagged,
    InboxItemRow.liked,
    InboxItemRow.reposted,
    InboxItemRow.reply_text,
    InboxItemRow.reply_url,
    InboxItemRow.reply_error,
    InboxItemRow.replied_utc,
    InboxItemRow.language,
)
_NETWORKS = {n.value: n for n in Network}
_KINDS = {k.value: k for k in InboxKind}
_TONES = {t.value: t for t in Tone}


def entry_from_columns(r: Sequence[Any]) -> InboxEntry:
    """An ``InboxEntry`` from a row of ``ENTRY_COLUMNS`` (the list's fast path)."""
    created = r[13]
    replied = r[26]
    return InboxEntry(
        id=r[0],
        account_id=r[1],
        brand_id=r[2],
        brand_name=r[3],
        brand_color=r[4],
        network=_NETWORKS.get(r[5]) or Network(r[5]),
        account_handle=r[6],
        kind=_KINDS.get(r[7]) or InboxKind(r[7]),
        remote_id=r[8],
        remote_url=r[9],
        author_handle=r[10],
        author_name=r[11],
        text=r[12],
        created_utc=created.replace(tzinfo=UTC) if created.tzinfo is None else created,
        tone=_TONES.get(r[14], Tone.NEUTRAL),
        tone_corrected=bool(r[15]),
        urgency=r[16],
        reasons=tuple(x for x in r[17].split("\n") if x) if r[17] else (),
        read=bool(r[18]),
        done=bool(r[19]),
        flagged=bool(r[20]),
        liked=bool(r[21]),
        reposted=bool(r[22]),
        reply_text=r[23],
        reply_url=r[24],
        reply_error=r[25],
        replied_utc=aware(replied),
        language=r[27],
    )


def meta_of(row: InboxItemRow) -> dict[str, str]:
    try:
        value = json.loads(row.meta) if row.meta else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def dump_meta(meta: Mapping[str, str]) -> str:
    return json.dumps(dict(meta), ensure_ascii=False, sort_keys=True) if meta else ""


def dump_thread(posts: Sequence[Any]) -> str:
    """Store ``RemotePost``s (the network layer's) as JSON."""
    out = []
    for p in list(posts)[:STORED_THREAD]:
        out.append(
            {
                "id": p.remote_id,
                "handle": p.author_handle,
                "name": p.author_name,
                "author_id": p.author_id,
                "text": p.text,
                "created": p.created_utc.astimezone(UTC).isoformat() if p.created_utc else "",
                "state": p.state,
            }
        )
    return json.dumps(out, ensure_ascii=False)


def thread_of(row: InboxItemRow, account: AccountRow) -> tuple[ThreadPost, ...]:
    """The stored conversation; just the item itself when none was read yet."""
    try:
        raw = json.loads(row.thread) if row.thread else []
    except ValueError:
        raw = []
    own_ids = {account.remote_id, account.handle} - {""}
    posts: list[ThreadPost] = []
    for p in raw if isinstance(raw, list) else []:
        if not isinstance(p, dict):
            continue
        created = None
        if p.get("created"):
            try:
                created = aware(datetime.fromisoformat(str(p["created"])))
            except ValueError:
                created = None
        posts.append(
            ThreadPost(
                remote_id=str(p.get("id", "")),
                author_handle=str(p.get("handle", "")),
                author_name=str(p.get("name", "")),
                text=str(p.get("text", "")),
                created_utc=created,
                state=str(p.get("state", "")),
                is_item=str(p.get("id", "")) == row.remote_id,
                is_own=bool({str(p.get("author_id", "")), str(p.get("handle", ""))} & own_ids),
            )
        )
    if not any(p.is_item for p in posts):
        posts.append(
            ThreadPost(
                remote_id=row.remote_id,
                author_handle=row.author_handle,
                author_name=row.author_name,
                text=row.text,
                created_utc=aware(row.created_utc),
                is_item=True,
            )
        )
    return tuple(posts)
