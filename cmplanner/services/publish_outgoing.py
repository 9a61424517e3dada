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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cmplanner.domain.enums import Network
from cmplanner.networks.base import ProblemLevel
from cmplanner.networks.bluesky_client import new_tid
from cmplanner.networks.publishing import AccountRef, Outgoing, OutgoingMedia
from cmplanner.services.media import media_ref
from cmplanner.services.post_checks import LENGTH_CODES, media_infos, rules_for_account
from cmplanner.services.post_rows import account_from_row
from cmplanner.storage.tables import AccountRow, PostRecord, PostTargetRow


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
    ref = account_ref(account)
    text = target.variant_text if target.variant_text is not None else post.text
    cw = post.content_warning or ""
    rules = rules_for_account(account_from_row(account))
    refs = [media_ref(link.media, media_root, link.alt_text) for link in post.media_links]
    problems = rules.check(text, media_infos(refs), cw)
    errors = [p for p in problems if p.level == ProblemLevel.ERROR]
    blocking = [p for p in errors if p.code not in LENGTH_CODES or not rules.supports_threads]
    problem = ""
    parts: tuple[str, ...] = (text,)
    if blocking:
        problem = f"Not sent: {blocking[0].message}"
    elif errors:
        parts = tuple(rules.split(text, content_warning=cw))
    keys = target.record_key.split()
    if len(keys) != len(parts):
        keys = keys[: len(parts)] + [new_tid() for _ in range(len(parts) - len(keys))]
        if not problem:
            target.record_key = " ".join(keys)
    if not target.idempotency_key:
        target.idempotency_key = f"cmplanner-{post.id}-{target.id}-{secrets.token_hex(8)}"
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
        idempotency_key=target.idempotency_key,
        media=media,
        content_warning=cw,
        record_keys=tuple(keys),
        scheduled_utc=scheduled_utc,
    )
    return Job(
        target_id=target.id,
        post_id=post.id,
        brand_id=post.brand_id,
        account=ref,
        outgoing=outgoing,
        problem=problem,
        after_transient=after_transient,
    )


def digest(outgoing: Outgoing) -> str:
    """A fingerprint of what a hand-off sent (text, media, warning): an edit changes it."""
    h = hashlib.sha256()
    for part in outgoing.parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(outgoing.content_warning.encode("utf-8", "surrogatepass") + b"\0")
    for m in outgoing.media:
        h.update(f"{m.path.name}\0{m.alt}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:64]
