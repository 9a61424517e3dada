"""post.recycled_from_id: which evergreen post a scheduled copy recycles

The evergreen queue fills free posting slots with copies of evergreen posts; each copy
keeps the id of the post it recycles, so the next fill knows when that post last went
out (its minimum interval) and on which accounts (never twice in a row on one). A plain
indexed integer, no foreign key: a copy keeps the number if the original is deleted.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("post", sa.Column("recycled_from_id", sa.Integer(), nullable=True))
    op.create_index("ix_post_recycled_from", "post", ["recycled_from_id"])


def downgrade() -> None:
    op.drop_index("ix_post_recycled_from", table_name="post")
    with op.batch_alter_table("post") as batch:
        batch.drop_column("recycled_from_id")
