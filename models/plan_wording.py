"""The plans' own wording of an activity's Tidplan and Uppföljning, read as codes.

One rule, used by the import and by the demo seed: "Senast 31 dec 2026" is a deadline of
2026-12-31, "Löpande under året" is continuous, "I ordinarie verksamhetsuppföljning" is the
ordinary follow-up, "VB 2021" the annual report. The original wording is kept beside the codes
(`Activity.schedule_text`, `follow_up_text`); wording that names no single day or channel
("Hösten 2026", "Vår och höst") is refused with a Swedish message rather than guessed.

Pure: no database, Dash or Flask. Input is length-checked and every pattern is a full match
without nested repetition, so reading is linear in the input.
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from models.enums import FollowUp, Schedule, from_label_or_code
from models.rules import MONTH_NAMES, period

MAX_LENGTH = 300

# "jan" and "januari" (and "sept"), as the plans write them.
_MONTHS: dict[str, int] = {
    name: number for number, full in enumerate(MONTH_NAMES, start=1) for name in (full[:3], full)
} | {"sept": 9}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# "Senast", "T.o.m.", "Till och med", "Klart" may stand before a day.
_BY = r"(?:(?:senast|t\.?\s?o\.?\s?m\.?|till och med|klar[t]?|färdigt?)\s+)?"
_ISO = re.compile(_BY + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_DAY_MONTH = re.compile(_BY + r"(?P<d>\d{1,2})\s+" + _MONTH + r"(?:\s+(?P<y>\d{4}))?")
_MONTH_ONLY = re.compile(
    _BY + r"(?:(?:under|i|utgången av)\s+)?" + _MONTH + r"(?:\s+(?P<y>\d{4}))?"
)
_YEAR = re.compile(r"(?:(?:under|senast|t\.?\s?o\.?\s?m\.?)\s+)?(?:året\s+)?(?P<y>\d{4})")
_REPORT = re.compile(
    r"(?:(?:i|till|senast|inför|vid|återrapporteras(?: i)?)\s+)?"
    r"(?P<report>t1|t2|tertialrapport\s?[12]|tertial\s?[12]|vb|verksamhetsberättelse(?:n)?|"
    r"helår|helåret|årsskiftet)(?:\s+(?P<y>\d{4}))?"
)
_CONTINUOUS = re.compile(r"(?:sker\s+)?löpande(?:\b.*)?", re.DOTALL)

_FOLLOW_UP_WORDS: tuple[tuple[re.Pattern[str], FollowUp], ...] = (
    (re.compile(r"(?:i\s+)?(?:t1|tertialrapport\s?1|tertial\s?1)(?:\s+\d{4})?"), FollowUp.T1),
    (re.compile(r"(?:i\s+)?(?:t2|tertialrapport\s?2|tertial\s?2)(?:\s+\d{4})?"), FollowUp.T2),
    (
        re.compile(r"(?:i\s+)?(?:vb|verksamhetsberättelse(?:n)?|helår(?:et)?)(?:\s+\d{4})?"),
        FollowUp.VB,
    ),
    # "I ordinarie verksamhetsuppföljning i VB" names the report: that is the VB.
    (
        re.compile(r"(?:i\s+)?(?:den\s+)?ordinarie\s+verksamhetsuppföljning(?:en)?\s+i\s+vb"),
        FollowUp.VB,
    ),
    (
        re.compile(r"(?:i\s+)?(?:den\s+)?ordinarie\s+verksamhet(?:suppföljning(?:en)?)?|löpande"),
        FollowUp.ORDINARY,
    ),
    (
        re.compile(
            r"(?:vid\s+|i\s+)?(?:uppdatering(?:en)?|revidering(?:en)?)\s+(?:av\s+)?"
            r"(?:den\s+lokala\s+)?handlingsplan(?:en)?(?:\s+mot\s+vbe)?"
        ),
        FollowUp.PLAN_UPDATE,
    ),
)


class WordingError(ValueError):
    """The wording cannot be read as one schedule or follow-up; the message is Swedish."""


@dataclass(frozen=True)
class ScheduleWording:
    schedule: Schedule
    deadline: date | None
    text: str  # the wording as written (trimmed)


def _normalise(value: str, what: str) -> str:
    if len(value) > MAX_LENGTH:
        raise WordingError(f"{what} får vara högst {MAX_LENGTH} tecken.")
    text = " ".join(value.split()).lower().rstrip(" .")
    if not text:
        raise WordingError(f"{what} måste fyllas i.")
    return text


def _day(year: int, month: int, day: int, wording: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise WordingError(f"Tidplanen ”{wording}” anger ett datum som inte finns.") from None


def _report_end(report: str, year: int) -> date:
    """T1 and T2 end on their report's last day; the VB, helår and årsskiftet on 31 December."""
    code = "t1" if report.endswith("1") else "t2" if report.endswith("2") else "vb"
    return period(year, code).end


def parse_schedule(value: str, plan_year: int) -> ScheduleWording:
    """A plan's Tidplan wording as (schedule, deadline). A month means its last day, a year or
    the VB its 31 December, T1/T2 the report's last day (30 April, 31 August); a day, month or
    report without a year is in the plan's year."""
    wording = " ".join(value.split())
    text = _normalise(value, "Tidplan")
    code = from_label_or_code(Schedule, text)
    if code is Schedule.CONTINUOUS or _CONTINUOUS.fullmatch(text):
        return ScheduleWording(Schedule.CONTINUOUS, None, wording)
    if match := _ISO.fullmatch(text):
        day = _day(int(match["y"]), int(match["m"]), int(match["d"]), wording)
    elif match := _DAY_MONTH.fullmatch(text):
        year = int(match["y"]) if match["y"] else plan_year
        day = _day(year, _MONTHS[match["month"]], int(match["d"]), wording)
    elif match := _MONTH_ONLY.fullmatch(text):
        year = int(match["y"]) if match["y"] else plan_year
        month = _MONTHS[match["month"]]
        day = date(year, month, monthrange(year, month)[1])
    elif match := _REPORT.fullmatch(text):
        year = int(match["y"]) if match["y"] else plan_year
        day = _report_end(match["report"], year)
    elif match := _YEAR.fullmatch(text):
        day = date(int(match["y"]), 12, 31)
    else:
        raise WordingError(
            f"Tidplanen ”{wording}” går inte att tolka som ett slutdatum. Skriv ett datum "
            "(”Senast 31 dec 2026”, ”T.o.m. 2026-12-31”), en månad (”december 2026”), ett år, "
            "T1, T2, VB eller ”Löpande”."
        )
    if not 2000 <= day.year <= 2100:
        raise WordingError(f"Tidplanen ”{wording}” anger ett orimligt år.")
    return ScheduleWording(Schedule.DEADLINE, day, wording)


def parse_follow_up(value: str) -> FollowUp:
    """A plan's Uppföljning wording as a channel: T1, T2, VB, ordinary follow-up or the plan's
    update. A channel may be followed by a comma and an explanation ("VB, följer upp hur många
    avhoppare …"); the codes and Swedish labels are accepted too."""
    wording = " ".join(value.split())
    text = _normalise(value, "Uppföljning")
    code = from_label_or_code(FollowUp, text)
    if code is not None:
        return code
    head = text.split(",", 1)[0].strip()
    for pattern, channel in _FOLLOW_UP_WORDS:
        if pattern.fullmatch(head):
            return channel
    raise WordingError(
        f"Uppföljningen ”{wording}” går inte att tolka. Skriv T1, T2, VB, ”I ordinarie "
        "verksamhetsuppföljning” eller ”Vid uppdatering av handlingsplanen”."
    )
