"""What a history entry says: who changed which field when (Stockholm time), from what to what,
with a word-level difference for free text. Plain data, no Dash (layouts/history.py shows it)."""

from dataclasses import dataclass
from enum import StrEnum

from dashboard.text_diff import Segment, condense, word_diff
from models.base import in_stockholm
from models.enums import (
    FollowUp,
    IncidentCategory,
    IncidentSource,
    Milieu,
    RevisionField,
    Schedule,
    Section,
    label,
)
from models.queries.revisions import RevisionRow

F = RevisionField
CODED: dict[str, type[StrEnum]] = {
    F.SECTION: Section,
    F.SCHEDULE: Schedule,
    F.FOLLOW_UP: FollowUp,
    F.SOURCE: IncidentSource,
    F.CATEGORY: IncidentCategory,
    F.MILIEU: Milieu,
}
# Free text: shown as a word-level difference rather than "old → new".
TEXT_FIELDS = frozenset(
    {
        F.LAGESBILD,
        F.SOURCES,
        F.ANALYSIS,
        F.DESCRIPTION,
        F.RESPONSIBLE,
        F.SCHEDULE_TEXT,
        F.FOLLOW_UP_TEXT,
        F.TARGET,
        F.SUB_AREA,
    }
)
NOTHING = "(tomt)"


@dataclass(frozen=True)
class HistoryEntry:
    when: str  # "2026-11-26 08:15", Stockholm time
    who: str
    field: str  # the field's Swedish name
    old: str  # for display: labels for codes, "(tomt)" for nothing
    new: str
    diff: list[Segment] | None  # free text: the changed words in their context, else None
    reason: str | None


def field_label(name: str) -> str:
    try:
        return label(RevisionField(name))
    except ValueError:
        return name


def display_value(name: str, value: str | None) -> str:
    if value in (None, ""):
        return NOTHING
    enum = CODED.get(name)
    if enum is not None:
        try:
            return label(enum(value))
        except ValueError:
            return value
    return value


def _diff(row: RevisionRow) -> list[Segment]:
    return condense(word_diff(row.old_value, row.new_value))


def entry(row: RevisionRow) -> HistoryEntry:
    who = row.username or "okänd användare"
    if row.acting_council:
        who += f" (för {row.acting_council})"
    return HistoryEntry(
        when=in_stockholm(row.at).strftime("%Y-%m-%d %H:%M"),
        who=who,
        field=field_label(row.field),
        old=display_value(row.field, row.old_value),
        new=display_value(row.field, row.new_value),
        diff=_diff(row) if row.field in TEXT_FIELDS else None,
        reason=row.reason,
    )


def entries(rows: list[RevisionRow]) -> list[HistoryEntry]:
    return [entry(row) for row in rows]
