"""The domain's rules, each in one place: which years exist, how a council is looked up, the
follow-up periods and when an activity is open, overdue, done late, stale or carried over.

No Dash or Flask import: pages, the API, the CLI, the import and the exports all call these,
so they cannot disagree.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from models.base import stockholm_midnight
from models.council import Council, CouncilSuccession
from models.enums import ActivityStatus, Schedule
from models.plan import Activity, ActivityUpdate

# --- years -----------------------------------------------------------------------------------

FIRST_YEAR = 2017  # the first local plans were approved by KS in June 2017
MAX_CODE_LENGTH = 16


def offered_years(today: date) -> list[int]:
    """The years a page offers, newest first: from the first plans to this year."""
    return list(range(today.year, FIRST_YEAR - 1, -1))


def parse_year(value: object, today: date) -> int | None:
    """An offered year from a URL, form or API value; None for anything else (text, a
    5 000-digit number, a year before the first plans or after this one)."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not (0 < len(text) <= 4 and text.isascii() and text.isdecimal()):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= today.year else None


MAX_ROW_ID_DIGITS = 9  # far below an INTEGER column's limit, so no id overflows a query


def parse_row_id(value: object) -> int | None:
    """A row's id as a browser, an address or the API sends it: an int (not a bool) or a string
    of at most nine ASCII digits, above zero; None for anything else ("abc", "²", 10**20, a
    list), so a forged value is refused in Swedish instead of failing in int() or the database.
    """
    if isinstance(value, bool):
        return None
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not (0 < len(text) <= MAX_ROW_ID_DIGITS and text.isascii() and text.isdecimal()):
        return None
    number = int(text)
    return number if number > 0 else None


def council_years(council: Council, today: date) -> list[int]:
    """The offered years in which the council existed, newest first."""
    return [
        y
        for y in offered_years(today)
        if council.valid_from.year <= y and (council.valid_to is None or y <= council.valid_to.year)
    ]


# --- councils --------------------------------------------------------------------------------


def normalise_code(code: object) -> str | None:
    """A council code as stored (upper case), or None when it cannot be one."""
    if not isinstance(code, str):
        return None
    text = code.strip()
    if not (0 < len(text) <= MAX_CODE_LENGTH and text.isascii() and text.isalnum()):
        return None
    return text.upper()


MAX_NAME_LENGTH = 120


def find_council(session: Session, code: object, or_name: bool = False) -> Council | None:
    """The council with this code, case-insensitively; None for anything else. With `or_name`
    (the import's Nämnd column) also the council whose whole name this is, in any case: never a
    pattern, so "%" or "Öster" is no council."""
    wanted = normalise_code(code)
    if wanted is not None:
        council = session.scalar(select(Council).where(func.upper(Council.code) == wanted))
        if council is not None or not or_name:
            return council
    if not (or_name and isinstance(code, str) and 0 < len(code.strip()) <= MAX_NAME_LENGTH):
        return None
    # Compared in Python: SQLite's lower() leaves Å, Ä and Ö alone. There are a few dozen councils.
    name = code.strip().casefold()
    return next((c for c in session.scalars(select(Council)) if c.name.casefold() == name), None)


# --- successor councils ----------------------------------------------------------------------
#
# From the day of a merger the successor's coordinator follows up what its predecessors left open
# in the year of the merger (Norra innerstaden, from 1 July 2023: Norrmalm's and Östermalm's plans
# for 2023). The rule, exactly: a successor may record a status follow-up of an activity when
#   1. the activity's plan is a direct predecessor's (a CouncilSuccession edge),
#   2. the plan is of the merger's year (effective_on's year; Östermalm 2022 is not),
#   3. the day is on or after the merger (effective_on), and
#   4. the activity is open (ej påbörjad, pågår, försenad), or its latest follow-up was made for
#      this successor (so the successor can correct its own mark); what the predecessor itself
#      finished or cancelled stays as it left it.
# It is a follow-up only: the predecessor's plan (texts, activity definitions, approval) is never
# the successor's to edit.


def inherited_plans(session: Session, council_id: int, day: date) -> list[tuple[Council, date]]:
    """(predecessor, merger day) whose open activities of the merger year (the day's year) the
    council's coordinator follows up on `day`: Norra innerstaden on or after 2023-07-01 →
    [(Norrmalm, 2023-07-01), (Östermalm, 2023-07-01)]; before it, none."""
    stmt = (
        select(Council, CouncilSuccession.effective_on)
        .join(CouncilSuccession, CouncilSuccession.predecessor_id == Council.id)
        .where(CouncilSuccession.successor_id == council_id, CouncilSuccession.effective_on <= day)
        .order_by(Council.name)
    )
    return [(council, effective_on) for council, effective_on in session.execute(stmt)]


def successor_map(session: Session, until: date) -> dict[int, int]:
    """predecessor id → successor id, for mergers in effect by `until`."""
    return dict(
        session.execute(
            select(CouncilSuccession.predecessor_id, CouncilSuccession.successor_id).where(
                CouncilSuccession.effective_on <= until
            )
        ).all()
    )


def reporting_id(successors: dict[int, int], council_id: int) -> int:
    """The council a council's figures count under: itself, or its successor (however many
    mergers on) when it had been merged by the day `successors` was taken."""
    seen = {council_id}
    while council_id in successors and successors[council_id] not in seen:
        council_id = successors[council_id]
        seen.add(council_id)
    return council_id


def successor_may_follow_up(
    session: Session, council_id: int, activity: Activity, day: date
) -> bool:
    """Whether the coordinator of council `council_id` may follow up the activity of a
    predecessor's plan on `day` (the rule above)."""
    plan = activity.plan
    inherited = {(c.id, merger.year) for c, merger in inherited_plans(session, council_id, day)}
    if (plan.council_id, plan.year) not in inherited:
        return False
    if activity.status in OPEN_STATUSES:
        return True
    latest = session.scalar(
        select(ActivityUpdate.acting_council_id)
        .where(ActivityUpdate.activity_id == activity.id)
        .order_by(ActivityUpdate.at.desc(), ActivityUpdate.id.desc())
        .limit(1)
    )
    return latest == council_id


# --- periods ---------------------------------------------------------------------------------

# The city's follow-up reports (domain.md): T1 as of 30 April, T2 as of 31 August (cumulative
# from 1 January), the VB as of 31 December (the whole year). Sep–Dec has no report of its own.
# code → (Swedish name, first month of the report's news, last month)
PERIOD_CODES = ("t1", "t2", "vb")
_PERIODS: dict[str, tuple[str, int, int]] = {
    "t1": ("T1", 1, 4),
    "t2": ("T2", 5, 8),
    "vb": ("helår (VB)", 9, 12),
}
MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS = tuple(name[:3] for name in MONTH_NAMES)  # jan, feb, … as the period filter shows them


@dataclass(frozen=True)
class Period:
    """One follow-up report of a year: its figures run from 1 January (`start`) to its last day
    (`end`), and say how things stood on that day."""

    year: int
    code: str  # t1 | t2 | vb
    start: date
    end: date

    @property
    def name(self) -> str:
        """Swedish name: T1, T2, helår (VB)."""
        return _PERIODS[self.code][0]

    @property
    def months(self) -> tuple[int, int]:
        return self.start.month, self.end.month

    @property
    def months_text(self) -> str:
        """jan–aug."""
        return f"{_MONTHS[self.start.month - 1]}–{_MONTHS[self.end.month - 1]}"

    @property
    def since(self) -> date:
        """The day after the previous report (1 Jan, 1 May, 1 Sep): what is new in this one, e.g.
        the updates a löpande activity needs to not be stale."""
        return date(self.year, _PERIODS[self.code][1], 1)

    def as_of(self, today: date) -> date:
        """The day the report looks from: the day after its last one, or today while it runs.
        An activity is overdue in the report when its deadline is before this day."""
        return min(today, self.end + timedelta(days=1))


def parse_period_code(value: object) -> str | None:
    """t1, t2 or vb from a URL or form value; "year" (the old URL value of helår) means vb."""
    if not isinstance(value, str) or len(value) > 8:
        return None
    code = value.strip().lower()
    code = "vb" if code in ("year", "helår") else code
    return code if code in PERIOD_CODES else None


def period(year: int, code: str) -> Period:
    """The report `code` (t1|t2|vb) of `year`; anything else is helår."""
    code = code if code in PERIOD_CODES else "vb"
    last = _PERIODS[code][2]
    return Period(year, code, date(year, 1, 1), date(year, last, monthrange(year, last)[1]))


def latest_ended(today: date) -> Period:
    """The newest report whose last day has passed: on 26 November 2026 T2 2026, on
    15 January 2027 the VB of 2026."""
    running = period_of(today)
    index = PERIOD_CODES.index(running.code)
    if index == 0:
        return period(today.year - 1, PERIOD_CODES[-1])
    return period(today.year, PERIOD_CODES[index - 1])


def year_report(year: int, today: date) -> Period:
    """The report that tells a year: its VB once the year has ended; in the current year the
    latest report that has ended, or T1 while it runs (nothing of the year reported yet)."""
    ended = latest_ended(today)
    if ended.year > year:
        return period(year, "vb")
    return ended if ended.year == year else period(year, "t1")


def revision_window(year: int) -> tuple[date, date]:
    """When the plan of `year` is next followed up and revised: with the next year's T1
    ("i samband med tertialrapport 1", as the plans and the KS memo say), 1 January–30 April."""
    t1 = period(year + 1, "t1")
    return t1.start, t1.end


def next_revision(year: int) -> date:
    """The default next revision of a plan of `year`: T1's last day of the next year."""
    return revision_window(year)[1]


def period_of(day: date) -> Period:
    """The report a day is followed up in: T1 until 30 April, T2 until 31 August, then the VB."""
    code = next(c for c in PERIOD_CODES if day.month <= _PERIODS[c][2])
    return period(day.year, code)


# --- activities ------------------------------------------------------------------------------

# An activity is open until it is done or cancelled: open ones can be overdue, carried over to
# next year's plan and listed on Att göra.
OPEN_STATUSES = (ActivityStatus.NOT_STARTED, ActivityStatus.ONGOING, ActivityStatus.DELAYED)


def is_open() -> ColumnElement[bool]:
    return Activity.status.in_(OPEN_STATUSES)


def carried_over() -> ColumnElement[bool]:
    """The activity was copied into a later plan (`carried_from_id`): the copy is the one
    followed up, so the original is never overdue, due or stale anywhere."""
    copy = aliased(Activity)
    return exists().where(copy.carried_from_id == Activity.id)


def followed_up() -> ColumnElement[bool]:
    """Not carried over into a later plan."""
    return ~carried_over()


def may_carry_over() -> ColumnElement[bool]:
    """Offered for next year's plan: open, or löpande and not cancelled, and not already
    carried over."""
    return and_(
        or_(is_open(), Activity.schedule == Schedule.CONTINUOUS),
        Activity.status != ActivityStatus.CANCELLED,
        followed_up(),
    )


def due_between(first: date, last: date) -> ColumnElement[bool]:
    """A deadline in [first, last] (löpande activities have none)."""
    return and_(Activity.schedule == Schedule.DEADLINE, Activity.deadline.between(first, last))


def overdue(as_of: date) -> ColumnElement[bool]:
    """Deadline before `as_of`, neither done nor cancelled, and not carried over."""
    return and_(
        Activity.schedule == Schedule.DEADLINE,
        Activity.deadline < as_of,
        is_open(),
        followed_up(),
    )


def done_late() -> ColumnElement[bool]:
    """Done, with a completion date after the deadline."""
    return and_(
        Activity.schedule == Schedule.DEADLINE,
        Activity.status == ActivityStatus.DONE,
        Activity.completed_on > Activity.deadline,
    )


def stale(since: date) -> ColumnElement[bool]:
    """Löpande and open, with no update since `since` (a Stockholm day; see Period.since)."""
    return and_(
        Activity.schedule == Schedule.CONTINUOUS,
        is_open(),
        followed_up(),
        or_(Activity.last_update_at.is_(None), Activity.last_update_at < stockholm_midnight(since)),
    )


def years_text(years: tuple[int, int] | None) -> str:
    """ "planerna 2020–2026", "planen 2026", or "" without plans."""
    if years is None:
        return ""
    first, last = years
    return f"planen {first}" if first == last else f"planerna {first}–{last}"
