"""partial index on activities.carried_from_id

`rules.carried_over()` asks, for every activity Översikt counts, whether a later plan copied
it (NOT EXISTS … carried_from_id = activities.id). Without an index that is a scan of the
activities per activity: 5 s per statement at national scale on SQLite, 3.6 s on PostgreSQL.
The column is NULL for almost every row, so only the copies are indexed (a plain index on an
all-NULL column is judged useless by SQLite's planner).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COPIES = sa.text("carried_from_id IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_activities_carried_from_id",
        "activities",
        ["carried_from_id"],
        sqlite_where=COPIES,
        postgresql_where=COPIES,
    )


def downgrade() -> None:
    op.drop_index("ix_activities_carried_from_id", table_name="activities")
