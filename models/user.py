"""Users, the audit log and the small key/value table that records whether demo data is loaded."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from models.base import TIMESTAMP, Base, CodeString, code_enum, utcnow
from models.council import Council, PoliceArea
from models.enums import AuditAction, AuditEntity, Role


class User(UserMixin, Base):  # type: ignore[misc]  # flask_login has no type information
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "(role = 'coordinator' AND council_id IS NOT NULL) OR role <> 'coordinator'",
            name="coordinator_has_council",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(code_enum(Role, "user_role"))
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"))
    # A police user's local police area: they may add and close meeting follow-ups there.
    police_area_id: Mapped[int | None] = mapped_column(ForeignKey("police_areas.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow)

    council: Mapped[Council | None] = relationship()
    police_area: Mapped[PoliceArea | None] = relationship()

    @property
    def is_active(self) -> bool:  # flask-login refuses inactive users
        return self.active

    def set_password(self, password: str) -> None:
        # werkzeug's default is scrypt, a memory-hard KDF.
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class AuditEntry(Base):
    """Every change, with who made it; `detail` is JSON text of old and new values."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(TIMESTAMP, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id"))
    action: Mapped[AuditAction | str] = mapped_column(CodeString(AuditAction, 40))
    entity: Mapped[AuditEntity | str] = mapped_column(CodeString(AuditEntity, 40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="{}")

    user: Mapped[User | None] = relationship()


class AppMeta(Base):
    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
