"""post.check_level, post.networks and a backlog index: the calendar reads chips fast

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.add_column(
            sa.Column("check_level", sa.String(length=8), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("networks", sa.String(length=120), nullable=False, server_default="")
        )
    op.create_index("ix_post_local_updated", "post", ["local_at", "updated_utc"])
    conn = op.get_bind()
    pairs = conn.execute(
        sa.text(
            "SELECT t.post_id, a.network FROM post_target t "
            "JOIN account a ON a.id = t.account_id ORDER BY t.post_id, t.id"
        )
    )
    networks: dict[int, list[str]] = {}
    for post_id, network in pairs:
        seen = networks.setdefault(post_id, [])
        if network not in seen:
            seen.append(network)
    if networks:
        conn.execute(
            sa.text("UPDATE post SET networks = :n WHERE id = :i"),
            [{"n": ",".join(v), "i": k} for k, v in networks.items()],
        )


def downgrade() -> None:
    op.drop_index("ix_post_local_updated", table_name="post")
    with op.batch_alter_table("post") as batch:
        batch.drop_column("networks")
        batch.drop_column("check_level")
