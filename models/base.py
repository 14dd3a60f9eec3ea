"""Declarative base with a naming convention, so migrations name constraints alike on every DB."""

from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, Dialect, Enum, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


STOCKHOLM = ZoneInfo("Europe/Stockholm")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Instants are stored in UTC; SQLite hands them back without a zone."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def in_stockholm(value: datetime) -> datetime:
    """The officials read and filter by Stockholm's clock."""
    return as_utc(value).astimezone(STOCKHOLM)


def stockholm_today() -> date:
    """Today on Stockholm's clock (the server may run on UTC)."""
    return datetime.now(STOCKHOLM).date()


def stockholm_midnight(day: date) -> datetime:
    """The UTC instant a Stockholm day begins, for filtering stored instants by day."""
    return datetime.combine(day, time.min, STOCKHOLM).astimezone(UTC)


def code_enum(enum_cls: type[StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint listing the stable codes."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        validate_strings=True,
        values_callable=lambda cls: [member.value for member in cls],
    )


class CodeString(TypeDecorator[str]):
    """A plain VARCHAR (no CHECK, no migration) whose known values come back as the enum's
    members; a value written before the enum knew it comes back as text."""

    impl = String
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum], length: int) -> None:
        super().__init__(length)
        self.enum_cls = enum_cls

    def process_bind_param(self, value: object, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        member = self.enum_cls._value2member_map_.get(value)
        return member if isinstance(member, str) else value


TIMESTAMP = DateTime(timezone=True)
