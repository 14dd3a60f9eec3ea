"""covering index for Översikt's incident aggregates

Every incident aggregate on Översikt filters on year and month and groups by milieu, source or
council, summing `count`; with all of them in one index SQLite and PostgreSQL answer from the
index alone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 03:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["year", "month", "milieu", "source", "council_id", "count"]


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch_op:
        batch_op.drop_index("ix_incidents_year_council_milieu")
        batch_op.create_index("ix_incidents_overview", COLUMNS)


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch_op:
        batch_op.drop_index("ix_incidents_overview")
        batch_op.create_index(
            "ix_incidents_year_council_milieu", ["year", "council_id", "milieu", "month", "count"]
        )
