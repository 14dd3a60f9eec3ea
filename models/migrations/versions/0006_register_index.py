"""incident register (Händelser): indexes newest first, and ids never reused on SQLite

The register reads one page of 100 incidents, newest first (`ORDER BY occurred_on DESC, id
DESC`), for every council or one, over any period. Without an index on the date every view
sorts all the matching rows: at national scale (1 000 000 incidents) 2.2 s for the first page
of all incidents on SQLite and 4.5 s for a page in the middle. With these two the page comes off
the index in order.

A withdrawn incident leaves the table (models.IncidentWithdrawal) and keeps its id, so it can
be restored under it. SQLite without AUTOINCREMENT hands the highest free id to the next row, so
a new incident could take a withdrawn one's id (and its history). The table is rebuilt with
AUTOINCREMENT on SQLite; PostgreSQL's sequence never reuses an id.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 12:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild_sqlite(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "incidents", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass


def upgrade() -> None:
    _rebuild_sqlite(True)
    op.create_index("ix_incidents_register", "incidents", ["occurred_on", "id"])
    op.create_index(
        "ix_incidents_register_council", "incidents", ["council_id", "occurred_on", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_register_council", table_name="incidents")
    op.drop_index("ix_incidents_register", table_name="incidents")
    _rebuild_sqlite(False)
