"""Aggregates for one council's page. A council formed by a merger is shown for its whole area:
its predecessors' incidents continue its lines (Järva before July 2023 = Rinkeby-Kista +
Spånga-Tensta)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import ActionPlan, Activity, Council, CouncilSuccession, DataNote, Incident
from models.enums import SurveyIndicator
from models.plan import section_order
from models.queries.survey_shares import indicator_shares
from models.survey import SurveyRound


def lineage(session: Session, council_id: int) -> list[Council]:
    """The council and every council merged into it, however many steps back."""
    edges = session.execute(
        select(CouncilSuccession.successor_id, CouncilSuccession.predecessor_id)
    ).all()
    ids, frontier = {council_id}, [council_id]
    while frontier:
        current = frontier.pop()
        for successor, predecessor in edges:
            if successor == current and predecessor not in ids:
                ids.add(predecessor)
                frontier.append(predecessor)
    return list(session.scalars(select(Council).where(Council.id.in_(ids)).order_by(Council.id)))


def successors(session: Session, council_id: int) -> list[Council]:
    stmt = (
        select(Council)
        .join(CouncilSuccession, CouncilSuccession.successor_id == Council.id)
        .where(CouncilSuccession.predecessor_id == council_id)
    )
    return list(session.scalars(stmt))


def merged_from(session: Session, council_id: int) -> list[tuple[Council, date]]:
    """The councils merged into this one, with the day of the merger: Norra innerstaden →
    [(Norrmalm, 2023-07-01), (Östermalm, 2023-07-01)]."""
    return mergers(session, council_id).get(council_id, [])


def mergers(
    session: Session, successor_id: int | None = None
) -> dict[int, list[tuple[Council, date]]]:
    """`merged_from` per successor: for one council, or for every council at once (a report
    over all councils)."""
    stmt = (
        select(CouncilSuccession.successor_id, Council, CouncilSuccession.effective_on)
        .join(CouncilSuccession, CouncilSuccession.predecessor_id == Council.id)
        .order_by(Council.name)
    )
    if successor_id is not None:
        stmt = stmt.where(CouncilSuccession.successor_id == successor_id)
    found: dict[int, list[tuple[Council, date]]] = {}
    for successor, council, day in session.execute(stmt):
        found.setdefault(successor, []).append((council, day))
    return found


def merged_into(session: Session, council_id: int) -> list[tuple[Council, date]]:
    """The council(s) this one was merged into, with the day: Östermalm → [(Norra innerstaden,
    2023-07-01)]."""
    stmt = (
        select(Council, CouncilSuccession.effective_on)
        .join(CouncilSuccession, CouncilSuccession.successor_id == Council.id)
        .where(CouncilSuccession.predecessor_id == council_id)
        .order_by(Council.name)
    )
    return [(c, day) for c, day in session.execute(stmt)]


def first_incident_year(session: Session) -> int | None:
    """The first year with any incident in the city: before it nothing was recorded, so the
    charts leave those years out rather than show them as zero."""
    return session.scalar(select(func.min(Incident.year)))


def incidents_by(
    session: Session, column: str, council_ids: list[int], first_year: int, last_year: int
) -> list[tuple[int, Any, int]]:
    """(year, milieu or source, incidents) for the councils' area over the years."""
    key = {"milieu": Incident.milieu, "source": Incident.source}[column]
    stmt = (
        select(Incident.year, key, func.sum(Incident.count))
        .where(Incident.council_id.in_(council_ids), Incident.year.between(first_year, last_year))
        .group_by(Incident.year, key)
    )
    return [(int(y), k, int(n)) for y, k, n in session.execute(stmt)]


def incidents_by_sub_area(
    session: Session, council_ids: list[int], first_year: int, last_year: int
) -> list[tuple[str, int, int]]:
    """(sub-area, year, incidents) where the report names a sub-area, e.g. Blackeberg."""
    stmt = (
        select(Incident.sub_area, Incident.year, func.sum(Incident.count))
        .where(
            Incident.council_id.in_(council_ids),
            Incident.year.between(first_year, last_year),
            Incident.sub_area.is_not(None),
            Incident.sub_area != "",
        )
        .group_by(Incident.sub_area, Incident.year)
        .order_by(Incident.sub_area, Incident.year)
    )
    return [(str(a), int(y), int(n)) for a, y, n in session.execute(stmt)]


@dataclass(frozen=True)
class FigureNote:
    year: int
    council: str
    text: str


def data_notes(
    session: Session, council_ids: list[int], first_year: int, last_year: int
) -> list[FigureNote]:
    """What to know about the figures of these years ("Om siffrorna"): where the data knowingly
    differs from, or fills in, what the plan says."""
    stmt = (
        select(DataNote.year, Council.name, DataNote.text)
        .join(Council, DataNote.council_id == Council.id)
        .where(DataNote.council_id.in_(council_ids), DataNote.year.between(first_year, last_year))
        .order_by(DataNote.year, Council.name, DataNote.id)
    )
    return [FigureNote(int(y), str(c), str(t)) for y, c, t in session.execute(stmt)]


def plan_of(session: Session, council_id: int, year: int) -> ActionPlan | None:
    return session.scalar(
        select(ActionPlan).where(ActionPlan.council_id == council_id, ActionPlan.year == year)
    )


def activities_in_plan_order(session: Session, plan_id: int) -> list[Activity]:
    stmt = (
        select(Activity)
        .where(Activity.plan_id == plan_id)
        .order_by(section_order(), Activity.position)
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class IndicatorComparison:
    indicator: SurveyIndicator
    council: float | None
    city: float | None
    previous_year: float | None


def survey_comparison(session: Session, council_id: int, year: int) -> list[IndicatorComparison]:
    """The council's indicators against the city average and its own previous year."""
    own = indicator_shares(session, year, council_id)
    city = indicator_shares(session, year)
    before = indicator_shares(session, year - 1, council_id)
    return [
        IndicatorComparison(i, own.get(i), city.get(i), before.get(i))
        for i in SurveyIndicator
        if i in own or i in before
    ]


def response_rate(session: Session, council_id: int, year: int) -> tuple[int, int] | None:
    sent, answered = session.execute(
        select(func.sum(SurveyRound.sent), func.sum(SurveyRound.answered)).where(
            SurveyRound.council_id == council_id, SurveyRound.year == year
        )
    ).one()
    return (int(sent), int(answered)) if sent else None
