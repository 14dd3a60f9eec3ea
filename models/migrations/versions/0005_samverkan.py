"""samverkan: police-area links with dates, structured meeting log, incident withdrawals,
trend-alert reviews

A council's link to a local police area gets optional validity dates; a police user gets a
police area; a meeting gets participants (roles) and decisions, and its free-text follow-ups
become rows of their own (what, owner role, due, done), each existing text one row; a withdrawn
incident's last values are kept with the reason; a reviewed trend alert keeps its comment.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MILIEUS = ("white_power", "autonomous", "islamist", "unclear", "not_vbe")


def upgrade() -> None:
    with op.batch_alter_table("council_police_areas") as batch:
        batch.add_column(sa.Column("valid_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("valid_to", sa.Date(), nullable=True))

    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("police_area_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_users_police_area_id_police_areas"),
            "police_areas",
            ["police_area_id"],
            ["id"],
        )

    with op.batch_alter_table("cooperation_meetings") as batch:
        batch.add_column(sa.Column("participants", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("decisions", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("created_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("created_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            op.f("fk_cooperation_meetings_created_by_id_users"),
            "users",
            ["created_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_cooperation_meetings_held_on", ["held_on"], unique=False)

    op.create_table(
        "meeting_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("owner_role", sa.String(120), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["cooperation_meetings.id"],
            name=op.f("fk_meeting_follow_ups_meeting_id_cooperation_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_meeting_follow_ups_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_follow_ups")),
    )
    op.create_index(op.f("ix_meeting_follow_ups_meeting_id"), "meeting_follow_ups", ["meeting_id"])
    op.execute(
        "INSERT INTO meeting_follow_ups "
        "(meeting_id, what, owner_role, done_note, is_synthetic, version) "
        "SELECT id, follow_ups, '', '', is_synthetic, 1 FROM cooperation_meetings "
        "WHERE follow_ups <> ''"
    )
    with op.batch_alter_table("cooperation_meetings") as batch:
        batch.drop_column("follow_ups")

    op.create_table(
        "incident_withdrawals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("import_key", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["councils.id"],
            name=op.f("fk_incident_withdrawals_council_id_councils"),
        ),
        sa.ForeignKeyConstraint(
            ["withdrawn_by_id"],
            ["users.id"],
            name=op.f("fk_incident_withdrawals_withdrawn_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_withdrawals")),
        sa.UniqueConstraint("incident_id", name=op.f("uq_incident_withdrawals_incident_id")),
        sa.UniqueConstraint("import_key", name=op.f("uq_incident_withdrawals_import_key")),
    )
    op.create_index(
        op.f("ix_incident_withdrawals_council_id"), "incident_withdrawals", ["council_id"]
    )

    op.create_table(
        "trend_alert_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "scope",
            sa.Enum(
                "council",
                "police_area",
                name="alert_scope",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("scope_id", sa.Integer(), nullable=False),
        sa.Column(
            "milieu",
            sa.Enum(*MILIEUS, name="milieu", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["users.id"],
            name=op.f("fk_trend_alert_reviews_reviewed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trend_alert_reviews")),
        sa.UniqueConstraint(
            "scope",
            "scope_id",
            "milieu",
            "year",
            "month",
            name=op.f("uq_trend_alert_reviews_scope"),
        ),
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT COUNT(*) FROM incident_withdrawals")).scalar():
        # Before 0005 there was nowhere to keep them: restore (or export) them first.
        raise RuntimeError(
            "Databasen har återkallade händelser, som inte kan sparas före migrering 0005: "
            "återställ dem eller ta en säkerhetskopia först."
        )
    op.drop_table("trend_alert_reviews")
    op.drop_index(op.f("ix_incident_withdrawals_council_id"), table_name="incident_withdrawals")
    op.drop_table("incident_withdrawals")
    with op.batch_alter_table("cooperation_meetings") as batch:
        batch.add_column(sa.Column("follow_ups", sa.Text(), nullable=False, server_default=""))
    # Every follow-up's text back into the one column, a line each.
    joined = (
        "string_agg(f.what, chr(10) ORDER BY f.id)"
        if bind.dialect.name == "postgresql"
        else "group_concat(f.what, char(10))"
    )
    op.execute(
        f"UPDATE cooperation_meetings SET follow_ups = COALESCE((SELECT {joined} FROM "
        "meeting_follow_ups f WHERE f.meeting_id = cooperation_meetings.id), '')"
    )
    op.drop_index(op.f("ix_meeting_follow_ups_meeting_id"), table_name="meeting_follow_ups")
    op.drop_table("meeting_follow_ups")
    with op.batch_alter_table("cooperation_meetings") as batch:
        batch.drop_index("ix_cooperation_meetings_held_on")
        batch.drop_constraint(
            op.f("fk_cooperation_meetings_created_by_id_users"), type_="foreignkey"
        )
        batch.drop_column("created_at")
        batch.drop_column("created_by_id")
        batch.drop_column("decisions")
        batch.drop_column("participants")
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("fk_users_police_area_id_police_areas"), type_="foreignkey")
        batch.drop_column("police_area_id")
    with op.batch_alter_table("council_police_areas") as batch:
        batch.drop_column("valid_to")
        batch.drop_column("valid_from")
