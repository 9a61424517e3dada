"""inbox replies go out through the publisher; the inbox list reads in indexed pages

``inbox_item`` gains the reply's job columns (state, claim, retry time, tries: the
publisher claims a waiting reply atomically like a post target) and ``reply_attempt`` keeps
every try (the publish log shows them). Replies left waiting by the old path (the
"no connection" note) become pending jobs; sent ones are marked sent, refused ones failed.
Two indexes: open items newest first (the inbox list's pages) and replies by state and
retry time (what the publisher looks for each round).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_OLD_WAITING = "Waiting to be sent (no connection): it goes out at the next sync."


def upgrade() -> None:
    with op.batch_alter_table("inbox_item") as batch:
        batch.add_column(
            sa.Column("reply_state", sa.String(length=16), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("reply_claimed_by", sa.String(length=80), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("reply_claimed_utc", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("reply_retry_at_utc", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("reply_tries", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_inbox_item_open_created", "inbox_item", ["done", "created_utc", "id"])
    op.create_index("ix_inbox_item_reply_due", "inbox_item", ["reply_state", "reply_retry_at_utc"])
    op.create_table(
        "reply_attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey("inbox_item.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("started_utc", sa.DateTime(), nullable=False),
        sa.Column("finished_utc", sa.DateTime(), nullable=True),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("remote_id", sa.Text(), nullable=False),
        sa.Column("remote_url", sa.Text(), nullable=False),
        sa.Column("error_class", sa.String(length=40), nullable=False),
        sa.Column("error_message", sa.Text(), nullable=False),
    )
    op.create_index("ix_reply_attempt_item_id", "reply_attempt", ["item_id"])
    op.create_index("ix_reply_attempt_started_utc", "reply_attempt", ["started_utc"])
    item = sa.table(
        "inbox_item",
        sa.column("reply_state", sa.String),
        sa.column("reply_key", sa.String),
        sa.column("reply_text", sa.Text),
        sa.column("reply_error", sa.Text),
        sa.column("replied_utc", sa.DateTime),
    )
    op.execute(item.update().where(item.c.replied_utc.is_not(None)).values(reply_state="sent"))
    op.execute(
        item.update()
        .where(
            item.c.replied_utc.is_(None),
            item.c.reply_key != "",
            item.c.reply_text != "",
            item.c.reply_error == _OLD_WAITING,
        )
        .values(reply_state="pending", reply_error="")
    )
    op.execute(
        item.update()
        .where(
            item.c.replied_utc.is_(None),
            item.c.reply_text != "",
            item.c.reply_error != "",
            item.c.reply_state == "",
        )
        .values(reply_state="failed")
    )


def downgrade() -> None:
    op.drop_index("ix_reply_attempt_started_utc", table_name="reply_attempt")
    op.drop_index("ix_reply_attempt_item_id", table_name="reply_attempt")
    op.drop_table("reply_attempt")
    op.drop_index("ix_inbox_item_reply_due", table_name="inbox_item")
    op.drop_index("ix_inbox_item_open_created", table_name="inbox_item")
    with op.batch_alter_table("inbox_item") as batch:
        for name in (
            "reply_tries",
            "reply_retry_at_utc",
            "reply_claimed_utc",
            "reply_claimed_by",
            "reply_state",
        ):
            batch.drop_column(name)
