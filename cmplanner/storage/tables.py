"""ORM tables for the whole mission (DESIGN.md), typed SQLAlchemy 2.0.

Posts keep their wall time and zone as the truth; ``scheduled_utc`` is derived and
indexed for "what is visible" and "what is due". ``version`` columns give optimistic
locking to brands and posts (the shared-plan issue).
"""

import gc
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The annotations are real objects (no ``from __future__ import annotations``; the classes
# named before they are declared are quoted): SQLAlchemy would otherwise eval ~400 strings.
# Declaring the tables makes tens of thousands of objects that live as long as the
# process; the cyclic collector would scan them again and again while they are made (a
# third of this module's import). It is paused for the declarations, as every start
# (the window's, each command's) pays for them.
_GC_WAS_ON = gc.isenabled()
gc.disable()


class Base(DeclarativeBase):
    pass


class BrandRow(Base):
    __tablename__ = "brand"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    color: Mapped[str] = mapped_column(String(9), default="#4a7bd0")
    brief: Mapped[str] = mapped_column(Text, default="")
    default_hashtags: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")  # newline-separated campaigns/tags
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    missed_slot_policy: Mapped[str] = mapped_column(String(16), default="ask")
    missed_slot_minutes: Mapped[int] = mapped_column(Integer, default=60)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    posts: Mapped[list["PostRecord"]] = relationship(back_populates="brand")
    accounts: Mapped[list["AccountRow"]] = relationship(back_populates="brand")

    __mapper_args__ = {"version_id_col": version}


class AccountRow(Base):
    """An account on one network. Its secret lives in the OS keyring, never here."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"), index=True)
    network: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(255), default="")
    server: Mapped[str] = mapped_column(String(255), default="")
    remote_id: Mapped[str] = mapped_column(String(255), default="")
    avatar_url: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(24), default="not_connected")
    token_expires_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    rate_limited_until_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    media_base_url: Mapped[str] = mapped_column(Text, default="")
    char_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    url_cost: Mapped[int | None] = mapped_column(Integer, nullable=True)

    brand: Mapped["BrandRow"] = relationship(back_populates="accounts")


class AccountSnapshotRow(Base):
    __tablename__ = "account_snapshot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    taken_utc: Mapped[datetime] = mapped_column(DateTime)
    followers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    following: Mapped[int | None] = mapped_column(Integer, nullable=True)
    posts: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (Index("ix_account_snapshot_account_taken", "account_id", "taken_utc"),)


class MediaRow(Base):
    """A content-addressed file in the media folder."""

    __tablename__ = "media"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    rel_path: Mapped[str] = mapped_column(Text)
    mime: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))
    bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    original_name: Mapped[str] = mapped_column(Text, default="")
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class PostRecord(Base):
    __tablename__ = "post"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="RESTRICT"))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="draft")
    tags: Mapped[str] = mapped_column(Text, default="")  # "\n"-joined, lower-cased match
    notes: Mapped[str] = mapped_column(Text, default="")
    content_warning: Mapped[str] = mapped_column(Text, default="")
    local_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    scheduled_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    evergreen: Mapped[bool] = mapped_column(Boolean, default=False)
    evergreen_min_days: Mapped[int] = mapped_column(Integer, default=30)
    #: A copy the evergreen queue made: the evergreen post it recycles (no foreign key: a
    #: copy keeps the number when the original is deleted).
    recycled_from_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    approval: Mapped[str] = mapped_column(String(24), default="")
    #: Worst problem the network checks found at the last save: "", "warning", "error".
    check_level: Mapped[str] = mapped_column(String(8), default="", server_default="")
    #: The targets' networks in target order, comma-joined: the calendar reads chips
    #: without joining post_target and account (kept in step by the post service).
    networks: Mapped[str] = mapped_column(String(120), default="", server_default="")
    thread_parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("post.id", ondelete="CASCADE"), nullable=True
    )
    thread_index: Mapped[int] = mapped_column(Integer, default=0)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    brand: Mapped["BrandRow"] = relationship(back_populates="posts")
    targets: Mapped[list["PostTargetRow"]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostTargetRow.id"
    )
    media_links: Mapped[list["PostMediaRow"]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostMediaRow.position"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_post_scheduled_utc", "scheduled_utc"),
        Index("ix_post_brand_scheduled", "brand_id", "scheduled_utc"),
        Index("ix_post_state", "state"),
        # the backlog: unscheduled posts, newest first
        Index("ix_post_local_updated", "local_at", "updated_utc"),
        Index("ix_post_recycled_from", "recycled_from_id"),
        # the month grid's first read, answered from the index alone (query_day_rows)
        Index(
            "ix_post_calendar",
            "scheduled_utc",
            "thread_parent_id",
            "brand_id",
            "local_at",
            "timezone",
        ),
    )


class PostMediaRow(Base):
    __tablename__ = "post_media"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    media_id: Mapped[int] = mapped_column(ForeignKey("media.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    alt_text: Mapped[str] = mapped_column(Text, default="")

    post: Mapped["PostRecord"] = relationship(back_populates="media_links")
    media: Mapped["MediaRow"] = relationship()


class PostTargetRow(Base):
    """One post on one account: variant text, remote identity and publishing state."""

    __tablename__ = "post_target"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    variant_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    idempotency_key: Mapped[str] = mapped_column(String(64), default="")
    #: Bluesky record keys chosen before the first request: one TID per thread part,
    #: space-separated.
    record_key: Mapped[str] = mapped_column(Text, default="")
    remote_id: Mapped[str] = mapped_column(Text, default="")
    remote_url: Mapped[str] = mapped_column(Text, default="")
    handoff_id: Mapped[str] = mapped_column(Text, default="")
    claimed_by: Mapped[str] = mapped_column(String(64), default="")
    claimed_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    retry_at_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    #: Consecutive transient failures (timeouts, 5xx): the backoff grows with it, bounded.
    tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: "Publish anyway": a missed slot the user (or the brand's policy) let go out late.
    publish_late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The scheduled instant and content digest a server-side hand-off was made for.
    handoff_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    handoff_digest: Mapped[str] = mapped_column(String(64), default="", server_default="")

    post: Mapped["PostRecord"] = relationship(back_populates="targets")
    account: Mapped["AccountRow"] = relationship()

    __table_args__ = (
        UniqueConstraint("post_id", "account_id"),
        Index("ix_post_target_state", "state"),
    )


class PublishAttemptRow(Base):
    __tablename__ = "publish_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(
        ForeignKey("post_target.id", ondelete="CASCADE"), index=True
    )
    started_utc: Mapped[datetime] = mapped_column(DateTime)
    finished_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    result: Mapped[str] = mapped_column(String(20))
    remote_id: Mapped[str] = mapped_column(Text, default="")
    remote_url: Mapped[str] = mapped_column(Text, default="")
    error_class: Mapped[str] = mapped_column(String(40), default="")
    error_message: Mapped[str] = mapped_column(Text, default="")


class MetricSnapshotRow(Base):
    __tablename__ = "metric_snapshot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("post_target.id", ondelete="CASCADE"), nullable=True
    )
    external_ref: Mapped[str] = mapped_column(Text, default="")
    taken_utc: Mapped[datetime] = mapped_column(DateTime)
    likes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reposts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    replies: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quotes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    bookmarks: Mapped[int | None] = mapped_column(Integer, nullable=True)
    views: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reach: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_metric_snapshot_target_taken", "target_id", "taken_utc"),
        Index("ix_metric_snapshot_external_taken", "external_ref", "taken_utc"),
    )


class ExternalPostRow(Base):
    """A post known only from an imported analytics export (no planned post matched it).

    Its metric snapshots carry ``external_ref == ref`` and no target.
    """

    __tablename__ = "external_post"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), nullable=True
    )
    network: Mapped[str] = mapped_column(String(16))
    #: "<network>:<remote id or URL>", unique: a second import updates, never duplicates.
    ref: Mapped[str] = mapped_column(Text, unique=True)
    remote_id: Mapped[str] = mapped_column(Text, default="")
    remote_url: Mapped[str] = mapped_column(Text, default="")
    published_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(24), default="")
    imported_utc: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_external_post_brand_published", "brand_id", "published_utc"),)


class CadenceGoalRow(Base):
    """How many posts a week a brand aims for on one network."""

    __tablename__ = "cadence_goal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"))
    network: Mapped[str] = mapped_column(String(16))
    per_week: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("brand_id", "network"),)


class CommentRow(Base):
    """An internal note or a client's comment/approval decision on a post."""

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(120), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(24), default="")
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class SlotRow(Base):
    __tablename__ = "slot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), nullable=True
    )
    weekday: Mapped[int] = mapped_column(Integer)  # 0 = Monday
    local_time: Mapped[str] = mapped_column(String(5))  # "09:30"


class HashtagGroupRow(Base):
    __tablename__ = "hashtag_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    hashtags: Mapped[str] = mapped_column(Text, default="")


class TemplateRow(Base):
    __tablename__ = "template"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")


class SavedReplyRow(Base):
    __tablename__ = "saved_reply"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text, default="")
    #: A holding statement: what the brand says while a crisis is being looked into.
    holding: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SavedSearchRow(Base):
    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"), index=True)
    query: Mapped[str] = mapped_column(Text)
    network: Mapped[str] = mapped_column(String(16), default="")


class InboxItemRow(Base):
    __tablename__ = "inbox_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    remote_id: Mapped[str] = mapped_column(Text)
    remote_url: Mapped[str] = mapped_column(Text, default="")
    author_handle: Mapped[str] = mapped_column(String(255), default="")
    author_name: Mapped[str] = mapped_column(String(255), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    parent_remote_id: Mapped[str] = mapped_column(Text, default="")
    tone: Mapped[str] = mapped_column(String(10), default="")
    tone_corrected: Mapped[bool] = mapped_column(Boolean, default=False)
    urgency: Mapped[float] = mapped_column(Float, default=0.0)
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The author's id on the network (Mastodon account id, Bluesky DID).
    author_id: Mapped[str] = mapped_column(String(255), default="", server_default="")
    #: The brand's own post this answers or quotes, when there is one.
    subject_remote_id: Mapped[str] = mapped_column(Text, default="", server_default="")
    language: Mapped[str] = mapped_column(String(16), default="", server_default="")
    #: JSON: what a reply or a like needs later (Bluesky cid and thread root, visibility).
    meta: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: JSON: the conversation as last read, kept so it reads offline and after deletion.
    thread: Mapped[str] = mapped_column(Text, default="", server_default="")
    thread_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Why the tone and urgency are what they are: the matched words, one per line.
    tone_reasons: Mapped[str] = mapped_column(Text, default="", server_default="")
    liked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reposted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The reply: its key is stored before the request (Idempotency-Key / record key).
    reply_key: Mapped[str] = mapped_column(String(64), default="", server_default="")
    reply_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    reply_remote_id: Mapped[str] = mapped_column(Text, default="", server_default="")
    reply_url: Mapped[str] = mapped_column(Text, default="", server_default="")
    reply_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    replied_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: The reply as the publisher's job: "" none, pending, claimed, retry, sent, failed,
    #: needs_reconnect, unknown (``services/publish_replies.py``).
    reply_state: Mapped[str] = mapped_column(String(16), default="", server_default="")
    reply_claimed_by: Mapped[str] = mapped_column(String(80), default="", server_default="")
    reply_claimed_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reply_retry_at_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reply_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: The saved search that found a search hit (kept when the search is deleted).
    search_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fetched_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (
        UniqueConstraint("account_id", "kind", "remote_id"),
        Index("ix_inbox_item_brand_created", "brand_id", "created_utc"),
        Index("ix_inbox_item_created", "created_utc"),
        Index("ix_inbox_item_open_created", "done", "created_utc", "id"),
        Index("ix_inbox_item_reply_due", "reply_state", "reply_retry_at_utc"),
    )


class ReplyAttemptRow(Base):
    """One try at sending an inbox reply (the publish log shows them beside the posts')."""

    __tablename__ = "reply_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("inbox_item.id", ondelete="CASCADE"), index=True
    )
    started_utc: Mapped[datetime] = mapped_column(DateTime, index=True)
    finished_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    result: Mapped[str] = mapped_column(String(20))
    remote_id: Mapped[str] = mapped_column(Text, default="")
    remote_url: Mapped[str] = mapped_column(Text, default="")
    error_class: Mapped[str] = mapped_column(String(40), default="")
    error_message: Mapped[str] = mapped_column(Text, default="")


class InboxCursorRow(Base):
    """Where an account's inbox stream (notifications, a saved search) was read up to."""

    __tablename__ = "inbox_cursor"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    stream: Mapped[str] = mapped_column(String(80))
    cursor: Mapped[str] = mapped_column(Text, default="")
    updated_utc: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("account_id", "stream"),)


class CommunityNoteRow(Base):
    """The community manager's note about one member (who they are, past complaints)."""

    __tablename__ = "community_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"))
    network: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_utc: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("brand_id", "network", "handle"),)


class BrandKeywordRow(Base):
    """A word or phrase that tells a brand's tone or urgency (its products, complaints,
    the user's corrections): weighs more than the built-in lexicon."""

    __tablename__ = "brand_keyword"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"))
    term: Mapped[str] = mapped_column(String(120))
    #: "negative", "positive" or "neutral" (neutral: the word says nothing for this brand).
    tone: Mapped[str] = mapped_column(String(10), default="neutral")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("brand_id", "term"),)


class DraftJournalRow(Base):
    """Composer edits in progress, written every second or so; deleted when saved."""

    __tablename__ = "draft_journal"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    post_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    payload: Mapped[str] = mapped_column(Text)  # JSON
    saved_utc: Mapped[datetime] = mapped_column(DateTime)


if _GC_WAS_ON:
    gc.enable()
