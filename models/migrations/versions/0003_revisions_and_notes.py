"""field-level revisions, data notes, acting council of a follow-up

Plan texts, activity definitions and incident classifications keep their old values
(`revisions`); the demo's deliberate departures from a plan are stated beside the figure
(`data_notes`); a follow-up made by a successor council's coordinator records that council.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 06:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("acting_council_id", sa.Integer(), nullable=True),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_revisions_user_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["acting_council_id"],
            ["councils.id"],
            name=op.f("fk_revisions_acting_council_id_councils"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
    )
    op.create_index("ix_revisions_entity", "revisions", ["entity", "entity_id", "at"])
    op.create_table(
        "data_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"], ["councils.id"], name=op.f("fk_data_notes_council_id_councils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_notes")),
    )
    op.create_index("ix_data_notes_council_id", "data_notes", ["council_id"])
    with op.batch_alter_table("activity_updates") as batch_op:
        batch_op.add_column(sa.Column("acting_council_id", sa.Integer()))
        batch_op.create_foreign_key(
            "fk_activity_updates_acting_council_id_councils",
            "councils",
            ["acting_council_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("activity_updates") as batch_op:
        batch_op.drop_constraint("fk_activity_updates_acting_council_id_councils", "foreignkey")
        batch_op.drop_column("acting_council_id")
    op.drop_index("ix_data_notes_council_id", "data_notes")
    op.drop_table("data_notes")
    op.drop_index("ix_revisions_entity", "revisions")
    op.drop_table("revisions")
