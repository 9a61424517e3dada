"""From a claimed target to what its client sends: the checked text, thread parts, media.

The post is checked the network's way first (the same rules as the composer's): a post
with errors is not sent, and the target fails with the check's own message. A text that is
only too long, on a network with threads, goes out as the thread the composer previewed.

The record keys (one Bluesky TID per part) and the idempotency key are chosen here and
written to the target row by the caller *before* any request, so a resend after a crash
collides instead of duplicating.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from cmplanner.domain.enums import MediaKind, Network
from cmplanner.domain.models import MediaRef
from cmplanner.domain.timezones import as_aware
from cmplanner.networks.base import NetworkRules, ProblemLevel
from cmplanner.networks.bluesky_client import new_tid
from cmplanner.networks.publishing import AccountRef, Outgoing, OutgoingMedia
from cmplanner.services.media import media_ref
from cmplanner.services.post_checks import LENGTH_CODES, media_infos
from cmplanner.storage.tables import (
    AccountRow,
    MediaRow,
    PostMediaRow,
    PostRecord,
    PostTargetRow,
)


@dataclass(frozen=True)
class Job:
    """One claimed target, ready to send (or refused by the checks: ``problem``)."""

    target_id: int
    post_id: int
    brand_id: int
    account: AccountRef
    outgoing: Outgoing
    problem: str = ""
    #: The last attempt ended in a transient error: look before sending again.
    after_transient: bool = False


def account_ref(row: AccountRow) -> AccountRef:
    return AccountRef(
        id=row.id,
        network=Network(row.network),
        handle=row.handle,
        server=row.server,
        remote_id=row.remote_id,
        media_base_url=row.media_base_url,
    )


def build_job(
    target: PostTargetRow,
    post: PostRecord,
    account: AccountRow,
    media_root: Path,
    *,
    scheduled_utc: datetime | None = None,
    after_transient: bool = False,
) -> Job:
    """Check and shape one target; sets the row's keys when it has none (caller commits)."""
    job, record_key, idempotency_key = shape_job(
        target.id,
        post.id,
        post.brand_id,
        target.variant_text if target.variant_text is not None else post.text,
        post.content_warning or "",
        target.record_key,
        target.idempotency_key,
        account_ref(account),
        _rules(Network(account.network), account.char_limit, account.url_cost, {}),
        [media_ref(link.media, media_root, link.alt_text) for link in post.media_links],
        scheduled_utc=scheduled_utc,
        after_transient=after_transient,
    )
    target.record_key = record_key
    target.idempotency_key = idempotency_key
    return job


def shape_job(
    target_id: int,
    post_id: int,
    brand_id: int,
    text: str,
    cw: str,
    record_key: str,
    idempotency_key: str,
    ref: AccountRef,
    rules: NetworkRules,
    refs: Sequence[MediaRef],
    *,
    scheduled_utc: datetime | None = None,
    after_transient: bool = False,
) -> tuple[Job, str, str]:
    """The job, and the record key and idempotency key its target row must hold before
    any request (new ones when it had none)."""
    problems = rules.check(text, media_infos(refs), cw)
    errors = [p for p in problems if p.level == ProblemLevel.ERROR]
    blocking = [p for p in errors if p.code not in LENGTH_CODES or not rules.supports_threads]
    problem = ""
    parts: tuple[str, ...] = (text,)
    if blocking:
        problem = f"Not sent: {blocking[0].message}"
    elif errors:
        parts = tuple(rules.split(text, content_warning=cw))
    keys = record_key.split()
    if len(keys) != len(parts):
        keys = keys[: len(parts)] + [new_tid() for _ in range(len(parts) - len(keys))]
        if not problem:
            record_key = " ".join(keys)
    if not idempotency_key:
        idempotency_key = f"cmplanner-{post_id}-{target_id}-{secrets.token_hex(8)}"
    base = ref.media_base_url.rstrip("/")
    media = tuple(
        OutgoingMedia(
            path=Path(m.path),
            mime=m.mime,
            alt=m.alt_text,
            width=m.width,
            height=m.height,
            public_url=f"{base}/{Path(m.path).name}" if base else "",
        )
        for m in refs
    )
    outgoing = Outgoing(
        parts=parts,
        idempotency_key=idempotency_key,
        media=media,
        content_warning=cw,
        record_keys=tuple(keys),
        scheduled_utc=scheduled_utc,
    )
    job = Job(
        target_id=target_id,
        post_id=post_id,
        brand_id=brand_id,
        account=ref,
        outgoing=outgoing,
        problem=problem,
        after_transient=after_transient,
    )
    return job, record_key, idempotency_key


def _rules(
    network: Network,
    char_limit: int | None,
    url_cost: int | None,
    seen: dict[tuple[Network, int | None, int | None], NetworkRules],
) -> NetworkRules:
    """The account's rules (its server's own limits where it has them), made once per
    load for each kind of account."""
    key = (network, char_limit, url_cost)
    if key not in seen:
        # Imported here: the rules load twitter-text's tables, which start-up does not need.
        from cmplanner.networks.registry import rules_for

        seen[key] = rules_for(network).with_instance(char_limit, url_cost)
    return seen[key]


# ---- the claimed targets' jobs, read with plain selects -------------------------------

_T = PostTargetRow.__table__.c
_P = PostRecord.__table__.c
_A = AccountRow.__table__.c
_PM = PostMediaRow.__table__.c
_M = MediaRow.__table__.c

#: Statements built once (they run for every batch of every run).
_JOB_ROWS = (
    select(
        _T.id,
        _T.post_id,
        _T.variant_text,
        _T.record_key,
        _T.idempotency_key,
        _P.brand_id,
        _P.text,
        _P.content_warning,
        _P.scheduled_utc,
        _A.id,
        _A.network,
        _A.handle,
        _A.server,
        _A.remote_id,
        _A.media_base_url,
        _A.char_limit,
        _A.url_cost,
    )
    .select_from(
        PostTargetRow.__table__.join(PostRecord.__table__, _P.id == _T.post_id).join(
            AccountRow.__table__, _A.id == _T.account_id
        )
    )
    .where(_T.id.in_(bindparam("ids", expanding=True)))
)
_MEDIA_ROWS = (
    select(
        _PM.post_id,
        _PM.alt_text,
        _M.id,
        _M.sha256,
        _M.rel_path,
        _M.mime,
        _M.kind,
        _M.bytes,
        _M.width,
        _M.height,
        _M.original_name,
    )
    .select_from(PostMediaRow.__table__.join(MediaRow.__table__, _M.id == _PM.media_id))
    .where(_PM.post_id.in_(bindparam("ids", expanding=True)))
    .order_by(_PM.post_id, _PM.position, _PM.id)
)
_SET_KEYS = sql_text(
    "UPDATE post_target SET record_key = :rk, idempotency_key = :ik WHERE id = :target_id"
)


def load_jobs(
    s: Session,
    target_ids: Sequence[int],
    media_root: Path,
    *,
    after_transient: Collection[int] = (),
    handoff: bool = False,
) -> list[Job]:
    """The jobs of claimed targets, in the order given, read with two plain selects; the
    new record keys and idempotency keys are written in ``s`` (one statement), so they
    are committed with the claim, before any request."""
    if not target_ids:
        return []
    rows = {r[0]: r for r in s.execute(_JOB_ROWS, {"ids": list(target_ids)})}
    post_ids = sorted({r[1] for r in rows.values()})
    media: dict[int, list[MediaRef]] = {}
    for m in s.execute(_MEDIA_ROWS, {"ids": post_ids}):
        media.setdefault(m[0], []).append(
            MediaRef(
                id=m[2],
                sha256=m[3],
                path=str(media_root / m[4]),
                mime=m[5],
                kind=MediaKind(m[6]),
                bytes=m[7],
                width=m[8],
                height=m[9],
                alt_text=m[1],
                original_name=m[10],
            )
        )
    rules: dict[tuple[Network, int | None, int | None], NetworkRules] = {}
    jobs: list[Job] = []
    new_keys: list[dict[str, object]] = []
    for target_id in target_ids:
        r = rows[target_id]
        network = Network(r[10])
        ref = AccountRef(
            id=r[9],
            network=network,
            handle=r[11],
            server=r[12],
            remote_id=r[13],
            media_base_url=r[14],
        )
        job, record_key, idempotency_key = shape_job(
            target_id,
            r[1],
            r[5],
            r[2] if r[2] is not None else r[6],
            r[7] or "",
            r[3],
            r[4],
            ref,
            _rules(network, r[15], r[16], rules),
            media.get(r[1], ()),
            scheduled_utc=as_aware(r[8]) if handoff and r[8] is not None else None,
            after_transient=target_id in after_transient,
        )
        if (record_key, idempotency_key) != (r[3], r[4]):
            new_keys.append({"target_id": target_id, "rk": record_key, "ik": idempotency_key})
        jobs.append(job)
    if new_keys:
        s.execute(_SET_KEYS, new_keys)
    return jobs


def digest(outgoing: Outgoing) -> str:
    """A fingerprint of what a hand-off sent (text, media, warning): an edit changes it."""
    h = hashlib.sha256()
    for part in outgoing.parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(outgoing.content_warning.encode("utf-8", "surrogatepass") + b"\0")
    for m in outgoing.media:
        h.update(f"{m.path.name}\0{m.alt}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:64]
