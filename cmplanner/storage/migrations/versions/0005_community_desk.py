"""the community desk: inbox items keep their thread, reply and tone reasons; read cursors,
member notes, brand keywords; holding statements among saved replies

``inbox_item`` gains the author's id, the brand post it answers, its language, the network
facts a reply or a like needs (``meta``, JSON), the conversation as last read (``thread``,
JSON, so it reads offline and after the network forgot it), the words behind its tone, the
like/repost marks, the reply (its key stored before the request) and the saved search that
found it. ``inbox_cursor`` keeps where each account's notifications and searches were read
up to; ``community_note`` a note per member; ``brand_keyword`` a brand's own words (and the
user's corrections); ``saved_reply.holding`` marks holding statements.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = (
    "subject_remote_id",
    "meta",
    "thread",
    "thread_note",
    "tone_reasons",
    "reply_text",
    "reply_remote_id",
    "reply_url",
    "reply_error",
)


def upgrade() -> None:
    with op.batch_alter_table("inbox_item") as batch:
        batch.add_column(
            sa.Column("author_id", sa.String(length=255), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("language", sa.String(length=16), nullable=False, server_default="")
        )
        for name in _TEXT_COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("liked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("reposted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("reply_key", sa.String(length=64), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("replied_utc", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("search_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("fetched_utc", sa.DateTime(), nullable=True))
    op.create_index("ix_inbox_item_brand_created", "inbox_item", ["brand_id", "created_utc"])
    op.create_index("ix_inbox_item_created", "inbox_item", ["created_utc"])
    with op.batch_alter_table("saved_reply") as batch:
        batch.add_column(
            sa.Column("holding", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "inbox_cursor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("stream", sa.String(length=80), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("updated_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "stream"),
    )
    op.create_table(
        "community_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("brand_id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=16), nullable=False),
        sa.Column("handle", sa.String(length=255), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["brand_id"], ["brand.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("brand_id", "network", "handle"),
    )
    op.create_table(
        "brand_keyword",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("brand_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=120), nullable=False),
        sa.Column("tone", sa.String(length=10), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["brand_id"], ["brand.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("brand_id", "term"),
    )


def downgrade() -> None:
    op.drop_table("brand_keyword")
    op.drop_table("community_note")
    op.drop_table("inbox_cursor")
    with op.batch_alter_table("saved_reply") as batch:
        batch.drop_column("holding")
    op.drop_index("ix_inbox_item_created", table_name="inbox_item")
    op.drop_index("ix_inbox_item_brand_created", table_name="inbox_item")
    with op.batch_alter_table("inbox_item") as batch:
        for name in (
            "fetched_utc",
            "search_id",
            "replied_utc",
            "reply_key",
            "reposted",
            "liked",
            *reversed(_TEXT_COLUMNS),
            "language",
            "author_id",
        ):
            batch.drop_column(name)
