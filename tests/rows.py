"""Hand-made rows shared by the integration tests."""

import io
from datetime import UTC, date, datetime

from openpyxl import Workbook

from models import Activity, Council
from models.enums import ActivityStatus, CouncilKind, FollowUp, Schedule, Section


def activity(
    text: str,
    status: ActivityStatus,
    deadline: date | None,
    completed: date | None = None,
    updated: date | datetime | None = None,
    section: Section = Section.PREVENTIVE,
) -> Activity:
    """A deadline activity, or löpande without a deadline. A done one is completed on its
    deadline unless `completed` says otherwise; `updated` is its last update (a day means
    midnight UTC)."""
    if updated is not None and not isinstance(updated, datetime):
        updated = datetime(updated.year, updated.month, updated.day, tzinfo=UTC)
    if completed is None and status is ActivityStatus.DONE:
        completed = deadline
    return Activity(
        section=section,
        description=text,
        responsible="Samordnare",
        schedule=Schedule.DEADLINE if deadline else Schedule.CONTINUOUS,
        deadline=deadline,
        follow_up=FollowUp.VB,
        status=status,
        completed_on=completed,
        last_update_at=updated,
    )


def council(
    code: str,
    name: str,
    valid_from: date = date(2007, 1, 1),
    valid_to: date | None = None,
    kind: CouncilKind = CouncilKind.DISTRICT,
) -> Council:
    """A council, a district council existing since 2007 unless said otherwise."""
    return Council(code=code, name=name, kind=kind, valid_from=valid_from, valid_to=valid_to)


def xlsx(rows: list[list[object]]) -> bytes:
    """An Excel file of one sheet with these rows, as an upload sends it."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
