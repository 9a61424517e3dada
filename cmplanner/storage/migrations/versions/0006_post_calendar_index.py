"""post: an index that holds every column the month grid's first read needs

The month view counts each shown day's posts and picks each day's first chips from
(scheduled time, thread parent, brand, wall time, zone, id) alone; with this index SQLite
answers that from the index without visiting the posts' rows (a big month is thousands of
posts, each row carrying its text).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_post_calendar",
        "post",
        ["scheduled_utc", "thread_parent_id", "brand_id", "local_at", "timezone"],
    )


def downgrade() -> None:
    op.drop_index("ix_post_calendar", table_name="post")
