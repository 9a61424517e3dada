"""Client approval packs: a brand's posts of a period, as each network will show them,
for a client to approve, send back for changes, or comment on, offline and without an
account.

This module gathers what a pack holds (``build_pack``) and applies what comes back
(``apply_decisions``). Writing the pack is ``approvals_html.py``; reading a returned
file is ``approvals_decisions.py``.

A pack is tied to the posts as they were when it was made: each post carries its version
and a digest of everything the client sees (date, zone, text per account, pictures and
their descriptions, content warning). A decision about a post whose digest no longer
matches is flagged in the import report and not applied: the client approved something
else. Internal notes and tags are not in the pack, so editing them does not void a
decision; neither does a publish, a previous import or any other change the client could
not see.

Decided here (and said in the README):
- an approved idea or draft becomes ``ready`` (if the network checks allow it; if not,
  it is marked approved and the report says why it stayed a draft); a ready or scheduled
  post keeps its state (a scheduled post stays scheduled) and is marked approved;
- a change request marks the post ``changes_requested`` and adds the client's words as a
  comment; a scheduled post is NOT unscheduled, the report warns that it is still due;
- every decision and comment is kept in the post's comment history (``comment`` table),
  with the client's name and the time they decided; importing the same file twice adds
  nothing the second time;
- making a pack marks its posts that have no approval yet as ``pending``.
The approval mark and the comments are annotations, written without bumping the post's
version (an edit open in the composer meanwhile is not refused for it); a state change
goes through ``PostService.update`` like any edit.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cmplanner.domain.enums import MediaKind, Network, PostState
from cmplanner.domain.errors import InvalidInput, KnownError, NotFound
from cmplanner.domain.models import Account, Brand, MediaRef, Post
from cmplanner.domain.timezones import to_utc, zone
from cmplanner.networks.preview import Preview, render_preview
from cmplanner.services.notifier import Topic
from cmplanner.services.post_checks import media_infos, rules_for_account
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import CommentRow, PostRecord

log = logging.getLogger(__name__)

#: The longest side of a picture embedded in a pack, in pixels (a phone-width card at
#: twice its CSS size looks sharp; 4 pictures x 40 posts stay a few MB).
THUMB_PX = 560
THUMB_QUALITY = 72
#: A period longer than this is refused: a pack is read by a person, post by post.
MAX_DAYS = 93
#: States a pack shows: what is still to be published.
PACK_STATES = (PostState.IDEA, PostState.DRAFT, PostState.READY, PostState.SCHEDULED)


class Approval(StrEnum):
    """The ``post.approval`` column: "" until a post is first put in a pack."""

    NONE = ""
    PENDING = "pending"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    #: Approved, then its words, pictures or accounts changed (``PostService.update``):
    #: the next pack asks the client again.
    EDITED = "edited"


class Decision(StrEnum):
    """What the client chose for one post in the pack ("" = no choice, maybe a comment)."""

    NONE = ""
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"


@dataclass(frozen=True)
class PackMedia:
    """One attachment as the pack embeds it."""

    key: str  # short and unique in the pack: the CSS class of its picture
    kind: MediaKind
    alt_text: str
    data_uri: str  # a downscaled JPEG/PNG; "" for a video (no frame is decoded here)
    width: int
    height: int


@dataclass(frozen=True)
class PackTarget:
    """One account the post goes to, with the network's preview of it."""

    account_id: int
    network: Network
    handle: str
    preview: Preview


@dataclass(frozen=True)
class PackPost:
    id: int
    version: int
    digest: str
    local_at: datetime  # wall time in ``timezone``
    timezone: str
    utc: datetime
    state: PostState
    approval: Approval
    text: str
    targets: tuple[PackTarget, ...]
    media: tuple[PackMedia, ...]


@dataclass(frozen=True)
class ApprovalPack:
    pack_id: str
    brand: Brand
    first: date
    last: date  # inclusive
    generated_utc: datetime
    posts: tuple[PackPost, ...]


@dataclass(frozen=True)
class PostDecision:
    """The client's answer about one post, as read back from the pack."""

    post_id: int
    version: int
    digest: str
    decision: Decision
    comment: str
    decided_at: datetime | None  # aware, when the browser said


@dataclass(frozen=True)
class Decisions:
    pack_id: str
    brand_id: int
    brand_name: str
    reviewer: str
    saved_at: datetime | None
    items: tuple[PostDecision, ...]


class Outcome(StrEnum):
    APPROVED = "approved"  # marked approved (state unchanged: ready, scheduled...)
    MADE_READY = "made_ready"  # approved and moved from idea/draft to ready
    APPROVED_NOT_READY = "approved_not_ready"  # approved, but the checks keep it a draft
    CHANGES_REQUESTED = "changes_requested"
    COMMENTED = "commented"
    NO_DECISION = "no_decision"
    CHANGED_SINCE = "changed_since"  # flagged: the post is not what the client saw
    ALREADY_IMPORTED = "already_imported"
    MISSING = "missing"  # deleted since, or from another brand


@dataclass(frozen=True)
class ItemReport:
    post_id: int
    head: str
    decision: Decision
    outcome: Outcome
    detail: str = ""

    @property
    def flagged(self) -> bool:
        return self.outcome in (Outcome.CHANGED_SINCE, Outcome.MISSING)


@dataclass(frozen=True)
class ImportReport:
    reviewer: str
    brand_name: str
    items: tuple[ItemReport, ...]

    def count(self, *outcomes: Outcome) -> int:
        return sum(1 for i in self.items if i.outcome in outcomes)

    @property
    def flagged(self) -> tuple[ItemReport, ...]:
        return tuple(i for i in self.items if i.flagged)

    def summary(self) -> str:
        approved = self.count(Outcome.APPROVED, Outcome.MADE_READY, Outcome.APPROVED_NOT_READY)
        parts = [
            f"{approved} approved",
            f"{self.count(Outcome.CHANGES_REQUESTED)} with changes requested",
            f"{self.count(Outcome.COMMENTED)} commented",
        ]
        if self.count(Outcome.ALREADY_IMPORTED):
            parts.append(f"{self.count(Outcome.ALREADY_IMPORTED)} already imported")
        if self.flagged:
            parts.append(f"{len(self.flagged)} flagged")
        who = self.reviewer or "the client"
        return f"Decisions of {who} for {self.brand_name}: " + ", ".join(parts) + "."


@dataclass(frozen=True)
class CommentView:
    """One entry of a post's comment history."""

    author: str
    body: str
    decision: Decision
    created_utc: datetime


@dataclass(frozen=True)
class ApprovalView:
    """A post's approval state and its comment history, newest last."""

    approval: Approval
    comments: tuple[CommentView, ...]


# ---- making a pack -----------------------------------------------------------------------


def day_start_utc(day: date, tz: str) -> datetime:
    """Midnight of ``day`` in ``tz`` as a UTC instant (the first valid minute in a gap)."""
    wall = datetime.combine(day, time(0, 0))
    try:
        return to_utc(wall, tz).utc
    except KnownError:  # midnight inside a DST gap (a few zones)
        return wall.replace(tzinfo=zone(tz)).astimezone(UTC)


def check_period(first: date, last: date) -> None:
    if last < first:
        raise InvalidInput(
            f"The period ends ({last}) before it starts ({first}).",
            "Give the first day with --from and the last day with --to.",
        )
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidInput(
            f"{(last - first).days + 1} days is too long for one approval pack.",
            f"Make one pack a month (at most {MAX_DAYS} days).",
        )


def post_digest(post: Post, content_warning: str) -> str:
    """A digest of what the client sees of a post: when, where, what text, which pictures."""
    variants = {v.account_id: v.text for v in post.variants}
    seen = {
        "at": post.local_at.isoformat() if post.local_at else None,
        "tz": post.timezone,
        "text": post.text,
        "cw": content_warning,
        "targets": [[a.id, a.network.value, variants.get(a.id)] for a in post.targets],
        "media": [[m.sha256, m.alt_text] for m in post.media],
    }
    raw = json.dumps(seen, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def build_pack(ws: Workspace, brand_id: int, first: date, last: date) -> ApprovalPack:
    """The brand's posts from ``first`` to ``last`` (days in the brand's zone, inclusive)
    that are still to be published, with their previews and pictures."""
    import uuid

    check_period(first, last)
    brand = ws.brands.get(brand_id)
    start = day_start_utc(first, brand.timezone)
    end = day_start_utc(last + timedelta(days=1), brand.timezone)
    with ws.sessions() as s:
        rows = s.execute(
            select(PostRecord.id, PostRecord.content_warning, PostRecord.approval)
            .where(
                PostRecord.brand_id == brand_id,
                PostRecord.thread_parent_id.is_(None),
                PostRecord.scheduled_utc >= start.replace(tzinfo=None),
                PostRecord.scheduled_utc < end.replace(tzinfo=None),
                PostRecord.state.in_([s.value for s in PACK_STATES]),
            )
            .order_by(PostRecord.scheduled_utc, PostRecord.id)
        ).all()
    extra = {pid: (cw or "", approval or "") for pid, cw, approval in rows}
    thumbs: dict[str, PackMedia] = {}
    posts = []
    for post in ws.posts.get_many([pid for pid, _cw, _a in rows]):
        cw, approval = extra[post.id]
        media = tuple(_pack_media(m, thumbs) for m in post.media)
        assert post.local_at is not None and post.scheduled_utc is not None
        posts.append(
            PackPost(
                id=post.id,
                version=post.version,
                digest=post_digest(post, cw),
                local_at=post.local_at,
                timezone=post.timezone,
                utc=post.scheduled_utc,
                state=post.state,
                approval=Approval(approval) if approval in set(Approval) else Approval.NONE,
                text=post.text,
                targets=tuple(_target(post, a, brand, cw) for a in post.targets),
                media=media,
            )
        )
    return ApprovalPack(
        pack_id=uuid.uuid4().hex,
        brand=brand,
        first=first,
        last=last,
        generated_utc=ws.clock.now(),
        posts=tuple(posts),
    )


def _target(post: Post, account: Account, brand: Brand, cw: str) -> PackTarget:
    variants = {v.account_id: v.text for v in post.variants}
    text = variants.get(account.id, post.text)
    preview = render_preview(
        rules_for_account(account),
        text,
        display_name=account.display_name or brand.name,
        handle=account.handle,
        media=media_infos(post.media),
        content_warning=cw,
    )
    return PackTarget(account.id, account.network, account.handle, preview)


def _pack_media(ref: MediaRef, seen: dict[str, PackMedia]) -> PackMedia:
    """The attachment with a small picture of it (made once per file in a pack)."""
    known = seen.get(ref.sha256)
    key = "m" + ref.sha256[:12]
    if known is None:
        uri, w, h = "", ref.width or 0, ref.height or 0
        if ref.kind != MediaKind.VIDEO:
            uri, w, h = thumbnail_uri(Path(ref.path))
        known = seen[ref.sha256] = PackMedia(key, ref.kind, "", uri, w, h)
    return PackMedia(key, ref.kind, ref.alt_text, known.data_uri, known.width, known.height)


def thumbnail_uri(path: Path, longest: int = THUMB_PX) -> tuple[str, int, int]:
    """A ``data:`` URI of a downscaled copy of an image (its first frame), with its size.
    An unreadable file gives "" (the pack shows a grey box rather than failing)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im.seek(0)
            has_alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
            frame = im.convert("RGBA" if has_alpha else "RGB")
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        log.warning("no thumbnail for %s: %s", path.name, exc)
        return "", 0, 0
    frame.thumbnail((longest, longest))
    buf = io.BytesIO()
    if has_alpha:
        frame.save(buf, "PNG", optimize=True)
        mime = "image/png"
    else:
        frame.save(buf, "JPEG", quality=THUMB_QUALITY, optimize=True, progressive=True)
        mime = "image/jpeg"
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f"data:{mime};base64,{data}", frame.width, frame.height


def mark_pending(ws: Workspace, pack: ApprovalPack) -> int:
    """Mark the pack's posts that had no approval (or a change request) as pending."""
    ids = [p.id for p in pack.posts if p.approval != Approval.APPROVED]
    if not ids:
        return 0
    with ws.sessions.begin() as s:
        s.execute(
            update(PostRecord)
            .where(PostRecord.id.in_(ids))
            .values(approval=Approval.PENDING.value)
            .execution_options(synchronize_session=False)
        )
    ws.notifier.changed(Topic.POSTS, tuple(ids))
    return len(ids)


# ---- applying the client's decisions -----------------------------------------------------


def apply_decisions(ws: Workspace, decisions: Decisions) -> ImportReport:
    """Record every decision and comment; approve, flag or skip each post (see the module
    docstring). The comments and approval marks are written in one transaction."""
    now = ws.clock.now()
    try:
        brand_name = ws.brands.get(decisions.brand_id).name
    except NotFound:
        raise NotFound(
            f"The brand of these decisions ({decisions.brand_name or decisions.brand_id}) "
            "is not in this workspace.",
            "Import them into the workspace the pack was made from (--home or --db).",
        ) from None
    author = decisions.reviewer.strip() or "Client"
    ids = [d.post_id for d in decisions.items]
    by_id = {p.id: p for p in ws.posts.get_many(ids)}
    with ws.sessions() as s:
        cws = dict(
            s.execute(
                select(PostRecord.id, PostRecord.content_warning).where(PostRecord.id.in_(ids))
            ).all()
        )
    reports: list[ItemReport] = []
    to_ready: list[int] = []
    marks: dict[int, Approval] = {}
    comments: list[CommentRow] = []
    with ws.sessions.begin() as s:
        for d in decisions.items:
            post = by_id.get(d.post_id)
            if post is None or post.brand_id != decisions.brand_id:
                reports.append(
                    ItemReport(
                        d.post_id,
                        "",
                        d.decision,
                        Outcome.MISSING,
                        "deleted since the pack was made"
                        if post is None
                        else f"belongs to {post.brand_name} now",
                    )
                )
                continue
            head = _head(post.text)
            if d.decision == Decision.NONE and not d.comment.strip():
                reports.append(ItemReport(post.id, head, d.decision, Outcome.NO_DECISION))
                continue
            when = (d.decided_at or decisions.saved_at or now).astimezone(UTC).replace(tzinfo=None)
            changed = post_digest(post, cws.get(post.id) or "") != d.digest
            body = d.comment.strip()
            decision = d.decision
            if changed:
                said = {
                    Decision.APPROVED: "approved",
                    Decision.CHANGES_REQUESTED: "requested changes to",
                    Decision.NONE: "commented on",
                }[d.decision]
                body = f"[{said} version {d.version}, changed since] {body}".strip()
                decision = Decision.NONE
            if _already(s, post.id, author, body, decision, when):
                reports.append(ItemReport(post.id, head, d.decision, Outcome.ALREADY_IMPORTED))
                continue
            comments.append(
                CommentRow(
                    post_id=post.id,
                    author=author,
                    body=body,
                    decision=decision.value,
                    created_utc=when,
                )
            )
            if changed:
                detail = (
                    f"the post changed after the pack was made (version {d.version} → "
                    f"{post.version}): the client's {d.decision.value or 'comment'} was kept "
                    "as a comment, nothing was approved"
                )
                reports.append(ItemReport(post.id, head, d.decision, Outcome.CHANGED_SINCE, detail))
            elif d.decision == Decision.APPROVED:
                marks[post.id] = Approval.APPROVED
                if post.state in (PostState.IDEA, PostState.DRAFT):
                    to_ready.append(post.id)
                else:
                    reports.append(ItemReport(post.id, head, d.decision, Outcome.APPROVED))
            elif d.decision == Decision.CHANGES_REQUESTED:
                marks[post.id] = Approval.CHANGES_REQUESTED
                detail = ""
                if post.state == PostState.SCHEDULED:
                    detail = "still scheduled: edit or unschedule it before it is due"
                reports.append(
                    ItemReport(post.id, head, d.decision, Outcome.CHANGES_REQUESTED, detail)
                )
            else:
                reports.append(ItemReport(post.id, head, d.decision, Outcome.COMMENTED))
        s.add_all(comments)
        for approval in set(marks.values()):
            chosen = [pid for pid, a in marks.items() if a == approval]
            s.execute(
                update(PostRecord)
                .where(PostRecord.id.in_(chosen))
                .values(approval=approval.value)
                .execution_options(synchronize_session=False)
            )
    for pid in to_ready:
        post = by_id[pid]
        try:
            ws.posts.update(pid, state=PostState.READY)
        except KnownError as exc:
            reports.append(
                ItemReport(
                    pid,
                    _head(post.text),
                    Decision.APPROVED,
                    Outcome.APPROVED_NOT_READY,
                    f"stays a {post.state.value}: {exc.message}",
                )
            )
        else:
            reports.append(ItemReport(pid, _head(post.text), Decision.APPROVED, Outcome.MADE_READY))
    touched = sorted({c.post_id for c in comments} | set(marks))
    if touched:
        ws.notifier.changed(Topic.POSTS, tuple(touched))
    order = {pid: i for i, pid in enumerate(ids)}
    reports.sort(key=lambda r: order.get(r.post_id, len(order)))
    return ImportReport(decisions.reviewer, brand_name, tuple(reports))


def _already(
    s: Session, post_id: int, author: str, body: str, decision: Decision, when: datetime
) -> bool:
    found = s.scalar(
        select(CommentRow.id).where(
            CommentRow.post_id == post_id,
            CommentRow.author == author,
            CommentRow.body == body,
            CommentRow.decision == decision.value,
            CommentRow.created_utc == when,
        )
    )
    return found is not None


def _head(text: str, n: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


# ---- reading a post's approval -----------------------------------------------------------


def approval_view(ws: Workspace, post_id: int) -> ApprovalView:
    """The post's approval mark and its comments, oldest first."""
    with ws.sessions() as s:
        raw = s.scalar(select(PostRecord.approval).where(PostRecord.id == post_id)) or ""
        rows = s.scalars(
            select(CommentRow)
            .where(CommentRow.post_id == post_id)
            .order_by(CommentRow.created_utc, CommentRow.id)
        ).all()
        comments = tuple(
            CommentView(
                r.author,
                r.body,
                Decision(r.decision) if r.decision in set(Decision) else Decision.NONE,
                r.created_utc.replace(tzinfo=UTC),
            )
            for r in rows
        )
    return ApprovalView(Approval(raw) if raw in set(Approval) else Approval.NONE, comments)


def approvals_of(ws: Workspace, post_ids: Sequence[int]) -> dict[int, Approval]:
    with ws.sessions() as s:
        rows = s.execute(
            select(PostRecord.id, PostRecord.approval).where(PostRecord.id.in_(list(post_ids)))
        ).all()
    return {pid: Approval(a) if a in set(Approval) else Approval.NONE for pid, a in rows}
