"""publisher bookkeeping on post_target: thread record keys, retries, late decision, hand-offs

``record_key`` becomes text (a thread keeps one Bluesky TID per part, space-separated);
``tries`` counts consecutive transient failures (bounded backoff); ``publish_late`` is the
user's (or the brand policy's) "publish anyway" for a missed slot; ``handoff_utc`` and
``handoff_digest`` say which time and which content a server-side hand-off was made for, so a
moved or edited post is handed off again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post_target") as batch:
        batch.alter_column(
            "record_key",
            existing_type=sa.String(length=64),
            type_=sa.Text(),
            existing_nullable=False,
        )
        batch.add_column(sa.Column("tries", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("publish_late", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("handoff_utc", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("handoff_digest", sa.String(length=64), nullable=False, server_default="")
        )
    op.create_index("ix_post_target_state", "post_target", ["state"])


def downgrade() -> None:
    op.drop_index("ix_post_target_state", table_name="post_target")
    with op.batch_alter_table("post_target") as batch:
        batch.drop_column("handoff_digest")
        batch.drop_column("handoff_utc")
        batch.drop_column("publish_late")
        batch.drop_column("tries")
        batch.alter_column(
            "record_key",
            existing_type=sa.Text(),
            type_=sa.String(length=64),
            existing_nullable=False,
        )
