"""user sessions: server-side login sessions

Sessions lived only in Flask's signed cookie: logout could not end them, a copied cookie
worked for 31 days. Now the cookie carries a signed random id and the data lives here (or in
Redis when REDIS_URL is set), so logout, "log out everywhere", the idle timeout and the
absolute lifetime end a session on the server.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 15:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created", sa.BigInteger(), nullable=False),
        sa.Column("last_seen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
    )
    op.create_index(op.f("ix_user_sessions_user_id"), "user_sessions", ["user_id"])
    op.create_index(op.f("ix_user_sessions_created"), "user_sessions", ["created"])
    op.create_index(op.f("ix_user_sessions_last_seen"), "user_sessions", ["last_seen"])


def downgrade() -> None:
    op.drop_index(op.f("ix_user_sessions_last_seen"), table_name="user_sessions")
    op.drop_index(op.f("ix_user_sessions_created"), table_name="user_sessions")
    op.drop_index(op.f("ix_user_sessions_user_id"), table_name="user_sessions")
    op.drop_table("user_sessions")
