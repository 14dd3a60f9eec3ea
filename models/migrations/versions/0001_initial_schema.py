"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 12:47:30.184280
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "councils",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "district",
                "specialist",
                name="council_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_councils_valid_period")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_councils")),
        sa.UniqueConstraint("code", name=op.f("uq_councils_code")),
    )
    op.create_table(
        "police_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("region_area", sa.String(length=40), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_police_areas")),
        sa.UniqueConstraint("name", name=op.f("uq_police_areas_name")),
    )
    op.create_table(
        "action_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("dnr", sa.String(length=40), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "council_approved",
                "ks_approved",
                name="plan_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("council_approved_on", sa.Date(), nullable=True),
        sa.Column("ks_approved_on", sa.Date(), nullable=True),
        sa.Column("lagesbild", sa.Text(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("lagesbild_revised_on", sa.Date(), nullable=True),
        sa.Column("next_revision", sa.Date(), nullable=True),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status <> 'ks_approved' OR ks_approved_on IS NOT NULL",
            name=op.f("ck_action_plans_ks_approval_dated"),
        ),
        sa.CheckConstraint("year BETWEEN 2015 AND 2100", name=op.f("ck_action_plans_year_range")),
        sa.ForeignKeyConstraint(
            ["council_id"], ["councils.id"], name=op.f("fk_action_plans_council_id_councils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plans")),
        sa.UniqueConstraint("council_id", "year", name=op.f("uq_action_plans_council_id")),
    )
    with op.batch_alter_table("action_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_plans_council_id"), ["council_id"], unique=False
        )

    op.create_table(
        "cooperation_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("police_area_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("forum", sa.String(length=200), nullable=False),
        sa.Column("vbe_on_agenda", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("follow_ups", sa.Text(), nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["councils.id"],
            name=op.f("fk_cooperation_meetings_council_id_councils"),
        ),
        sa.ForeignKeyConstraint(
            ["police_area_id"],
            ["police_areas.id"],
            name=op.f("fk_cooperation_meetings_police_area_id_police_areas"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cooperation_meetings")),
    )
    with op.batch_alter_table("cooperation_meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cooperation_meetings_council_id"), ["council_id"], unique=False
        )

    op.create_table(
        "council_police_areas",
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("police_area_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["councils.id"],
            name=op.f("fk_council_police_areas_council_id_councils"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["police_area_id"],
            ["police_areas.id"],
            name=op.f("fk_council_police_areas_police_area_id_police_areas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "council_id", "police_area_id", name=op.f("pk_council_police_areas")
        ),
    )
    op.create_table(
        "council_populations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "population > 0", name=op.f("ck_council_populations_population_positive")
        ),
        sa.ForeignKeyConstraint(
            ["council_id"],
            ["councils.id"],
            name=op.f("fk_council_populations_council_id_councils"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_populations")),
        sa.UniqueConstraint("council_id", "year", name=op.f("uq_council_populations_council_id")),
    )
    op.create_table(
        "council_successions",
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "predecessor_id <> successor_id", name=op.f("ck_council_successions_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["predecessor_id"],
            ["councils.id"],
            name=op.f("fk_council_successions_predecessor_id_councils"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["successor_id"],
            ["councils.id"],
            name=op.f("fk_council_successions_successor_id_councils"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "predecessor_id", "successor_id", name=op.f("pk_council_successions")
        ),
    )
    op.create_table(
        "survey_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=120), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("conducted_on", sa.Date(), nullable=True),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "answered >= 0 AND answered <= sent", name=op.f("ck_survey_rounds_answered_within_sent")
        ),
        sa.CheckConstraint("sent > 0", name=op.f("ck_survey_rounds_sent_positive")),
        sa.ForeignKeyConstraint(
            ["council_id"], ["councils.id"], name=op.f("fk_survey_rounds_council_id_councils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_rounds")),
        sa.UniqueConstraint(
            "council_id", "year", "audience", name=op.f("uq_survey_rounds_council_id")
        ),
    )
    with op.batch_alter_table("survey_rounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_rounds_council_id"), ["council_id"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "coordinator",
                "reader",
                "police",
                name="user_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("council_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(role = 'coordinator' AND council_id IS NOT NULL) OR role <> 'coordinator'",
            name=op.f("ck_users_coordinator_has_council"),
        ),
        sa.ForeignKeyConstraint(
            ["council_id"], ["councils.id"], name=op.f("fk_users_council_id_councils")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "section",
            sa.Enum(
                "preventive",
                "preventing",
                "grants_premises",
                "competence",
                name="activity_section",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column(
            "schedule",
            sa.Enum(
                "deadline",
                "continuous",
                name="activity_schedule",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("schedule_text", sa.Text(), nullable=False),
        sa.Column(
            "follow_up",
            sa.Enum(
                "t1",
                "t2",
                "vb",
                "ordinary",
                "plan_update",
                name="follow_up_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("follow_up_text", sa.Text(), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "ongoing",
                "done",
                "delayed",
                "cancelled",
                name="activity_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("last_update_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("carried_from_id", sa.Integer(), nullable=True),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(schedule = 'deadline' AND deadline IS NOT NULL) OR (schedule = 'continuous' AND deadline IS NULL)",
            name=op.f("ck_activities_schedule_has_deadline"),
        ),
        sa.CheckConstraint(
            "completed_on IS NULL OR status = 'done'",
            name=op.f("ck_activities_completed_only_when_done"),
        ),
        sa.ForeignKeyConstraint(
            ["carried_from_id"],
            ["activities.id"],
            name=op.f("fk_activities_carried_from_id_activities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["action_plans.id"],
            name=op.f("fk_activities_plan_id_action_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activities_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_activities_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("council_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["council_id"], ["councils.id"], name=op.f("fk_audit_log_council_id_councils")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_audit_log_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column(
            "date_precision",
            sa.Enum(
                "day",
                "month",
                name="date_precision",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=False),
        sa.Column("tertial", sa.SmallInteger(), nullable=False),
        sa.Column("sub_area", sa.String(length=120), nullable=True),
        sa.Column(
            "source",
            sa.Enum(
                "ia",
                "traffic_office",
                "sisab",
                "form",
                "police",
                "social_services",
                "school",
                "survey",
                "other",
                name="incident_source",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "graffiti",
                "stickers",
                "demonstration",
                "concern",
                "threat_violence",
                "school_incident",
                "propaganda",
                "other",
                name="incident_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "milieu",
            sa.Enum(
                "white_power",
                "autonomous",
                "islamist",
                "unclear",
                "not_vbe",
                name="milieu",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("severity", sa.SmallInteger(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("import_key", sa.String(length=64), nullable=True),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 1", name=op.f("ck_incidents_count_positive")),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_incidents_month_range")),
        sa.CheckConstraint(
            "severity IS NULL OR severity BETWEEN 1 AND 4", name=op.f("ck_incidents_severity_range")
        ),
        sa.CheckConstraint("tertial BETWEEN 1 AND 3", name=op.f("ck_incidents_tertial_range")),
        sa.ForeignKeyConstraint(
            ["council_id"], ["councils.id"], name=op.f("fk_incidents_council_id_councils")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_incidents_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("import_key", name=op.f("uq_incidents_import_key")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incidents_year_council_milieu",
            ["year", "council_id", "milieu", "month", "count"],
            unique=False,
        )

    op.create_table(
        "survey_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column(
            "indicator",
            sa.Enum(
                "knows_plan",
                "believes_staff_know_plan",
                "knows_coordinator",
                "knows_form",
                "knows_support_material",
                "knowledge_adequate",
                "observed_incident",
                name="survey_indicator",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("percent", sa.Numeric(precision=5, scale=1, asdecimal=False), nullable=False),
        sa.CheckConstraint(
            "percent >= 0 AND percent <= 100", name=op.f("ck_survey_results_percent_range")
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["survey_rounds.id"],
            name=op.f("fk_survey_results_round_id_survey_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_results")),
        sa.UniqueConstraint("round_id", "indicator", name=op.f("uq_survey_results_round_id")),
    )
    op.create_table(
        "activity_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "old_status",
            sa.Enum(
                "not_started",
                "ongoing",
                "done",
                "delayed",
                "cancelled",
                name="update_old_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "new_status",
            sa.Enum(
                "not_started",
                "ongoing",
                "done",
                "delayed",
                "cancelled",
                name="update_new_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_updates_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_activity_updates_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_updates")),
    )
    with op.batch_alter_table("activity_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_updates_activity_id"), ["activity_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("activity_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_updates_activity_id"))

    op.drop_table("activity_updates")
    op.drop_table("survey_results")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_year_council_milieu")

    op.drop_table("incidents")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activities_plan_id"))
        batch_op.drop_index(batch_op.f("ix_activities_deadline"))

    op.drop_table("activities")
    op.drop_table("users")
    with op.batch_alter_table("survey_rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_rounds_council_id"))

    op.drop_table("survey_rounds")
    op.drop_table("council_successions")
    op.drop_table("council_populations")
    op.drop_table("council_police_areas")
    with op.batch_alter_table("cooperation_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cooperation_meetings_council_id"))

    op.drop_table("cooperation_meetings")
    with op.batch_alter_table("action_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_plans_council_id"))

    op.drop_table("action_plans")
    op.drop_table("police_areas")
    op.drop_table("councils")
    op.drop_table("app_meta")
