"""Councils with their history (mergers), police areas and population."""

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, code_enum
from models.enums import CouncilKind

# A council works with a local police area over a period. The link's own dates are optional:
# its effective period is the overlap of its dates, the council's and the police area's (so
# Kungsholmen's link to Norrmalm ends when the Norrmalm police area was split at 2024's end).
# See models.queries.police_areas for the one place that applies it.
council_police_areas = Table(
    "council_police_areas",
    Base.metadata,
    Column("council_id", ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True),
    Column("police_area_id", ForeignKey("police_areas.id", ondelete="CASCADE"), primary_key=True),
    Column("valid_from", Date, nullable=True),
    Column("valid_to", Date, nullable=True),
)


class Council(Base):
    __tablename__ = "councils"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[CouncilKind] = mapped_column(code_enum(CouncilKind, "council_kind"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    police_areas: Mapped[list["PoliceArea"]] = relationship(
        secondary=council_police_areas, back_populates="councils"
    )
    successions: Mapped[list["CouncilSuccession"]] = relationship(
        foreign_keys="CouncilSuccession.predecessor_id", back_populates="predecessor"
    )
    predecessions: Mapped[list["CouncilSuccession"]] = relationship(
        foreign_keys="CouncilSuccession.successor_id", back_populates="successor"
    )

    @property
    def predecessors(self) -> list["Council"]:
        return [s.predecessor for s in self.predecessions]

    @property
    def successors(self) -> list["Council"]:
        return [s.successor for s in self.successions]

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class CouncilSuccession(Base):
    """One edge of a merger: the predecessor's area and open work pass to the successor."""

    __tablename__ = "council_successions"
    __table_args__ = (CheckConstraint("predecessor_id <> successor_id", name="not_self"),)

    predecessor_id: Mapped[int] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True
    )
    successor_id: Mapped[int] = mapped_column(
        ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True
    )
    effective_on: Mapped[date] = mapped_column(Date)

    predecessor: Mapped[Council] = relationship(
        foreign_keys=[predecessor_id], back_populates="successions"
    )
    successor: Mapped[Council] = relationship(
        foreign_keys=[successor_id], back_populates="predecessions"
    )


class PoliceArea(Base):
    """A local police area (lokalpolisområde) within police area City, Nord or Syd."""

    __tablename__ = "police_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    region_area: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    councils: Mapped[list[Council]] = relationship(
        secondary=council_police_areas, back_populates="police_areas"
    )

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class CouncilPopulation(Base):
    __tablename__ = "council_populations"
    __table_args__ = (
        UniqueConstraint("council_id", "year"),
        CheckConstraint("population > 0", name="population_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    population: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
