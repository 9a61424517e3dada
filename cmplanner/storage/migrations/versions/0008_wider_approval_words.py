"""post.approval and comment.decision hold "changes_requested" (17 characters)

Both columns were VARCHAR(16): SQLite never enforced it, PostgreSQL refused the client's
"request changes" decision. They become VARCHAR(24) (a plain ALTER on PostgreSQL; on
SQLite a batch rebuild, so the declared schema keeps matching the ORM's).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = (("post", "approval"), ("comment", "decision"))


def upgrade() -> None:
    _resize(sa.String(16), sa.String(24))


def downgrade() -> None:
    _resize(sa.String(24), sa.String(16))


def _resize(old: sa.String, new: sa.String) -> None:
    for table, column in _COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, type_=new, existing_type=old, existing_nullable=False)
