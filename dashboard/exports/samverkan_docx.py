"""The samverkan agenda (dagordning) or, for a logged meeting, its minutes (protokoll) as Word,
in the meeting's order: the same agenda as the page (dashboard/services/samverkan.py), so the
paper and the screen cannot disagree. Participants are roles; texts are de-identified."""

from datetime import datetime

from docx.document import Document as DocumentObject
from docx.shared import Pt

from dashboard.exports import word
from dashboard.formatting import fmt_count, fmt_day, fmt_int
from dashboard.services.samverkan import ACTIVITY_HEADERS, SECTIONS, Agenda, activity_cells
from models import CooperationMeeting, MeetingFollowUp
from models.base import in_stockholm
from models.queries.samverkan import Count

TITLES = dict(SECTIONS)
FOLLOW_UP_HEADERS = ("Åtagande", "Ansvarig roll", "Klart senast", "Klart")
NO_ALERTS = "Inga trendlarm."


def filename(agenda: Agenda) -> str:
    """samverkan-SKA-2026-11-26.docx; a police area by id (its name may have å, ä, ö)."""
    scope = agenda.scope.code if not agenda.scope.is_area else f"omrade-{agenda.scope.id}"
    kind = "protokoll" if agenda.meeting else "dagordning"
    return f"samverkan-{kind}-{scope}-{agenda.last.isoformat()}.docx"


def _label(doc: DocumentObject, title: str) -> None:
    """A bold line above a table, with air between it and the table before."""
    word.paragraph(doc, title, bold=True).paragraph_format.space_before = Pt(8)


def _counts(doc: DocumentObject, title: str, heading: str, counts: list[Count]) -> None:
    _label(doc, title)
    rows = [[c.label, fmt_int(c.count)] for c in counts] or [["Inga", "0"]]
    grid = word.table(doc, [heading, "Antal"], rows, (10, 3), description=title)
    word.align_columns_right(grid, [1])
    word.keep_together(grid)


def _scope_lines(doc: DocumentObject, agenda: Agenda) -> None:
    scope = agenda.scope
    word.labelled(doc, "Gäller", scope.title[:1].upper() + scope.title[1:])
    word.labelled(doc, "Period", f"{agenda.period_text} (sedan förra mötet)")
    if scope.is_area:
        names = list(dict.fromkeys(c.name for c in agenda.councils))
        if names:
            word.labelled(doc, "Nämnder i området", ", ".join(names))
        for shared in agenda.shared:
            word.paragraph(doc, shared.text + ".", italic=True)
    elif len(agenda.council_areas) > 1:
        word.paragraph(
            doc,
            f"{scope.name} samverkar med lokalpolisområdena "
            + " och ".join(agenda.council_areas)
            + "; nämndens händelser räknas i båda områdena.",
            italic=True,
        )


def _meeting_head(doc: DocumentObject, meeting: CooperationMeeting) -> None:
    word.labelled(doc, "Mötesdatum", fmt_day(meeting.held_on))
    word.labelled(doc, "Forum", meeting.forum)
    word.labelled(doc, "Nämnd", meeting.council.name)
    if meeting.police_area:
        word.labelled(doc, "Lokalpolisområde", meeting.police_area.name)
    word.labelled(doc, "VBE på dagordningen", "Ja" if meeting.vbe_on_agenda else "Nej")
    roles = [r for r in meeting.participants.split("\n") if r.strip()]
    word.labelled(doc, "Deltagare (roller)", ", ".join(roles) if roles else "Ej angivet")


def _incidents(doc: DocumentObject, agenda: Agenda) -> None:
    s = agenda.incidents
    word.paragraph(
        doc,
        f"{fmt_count(s.total, 'händelse', 'händelser')} i "
        f"{fmt_count(s.reports, 'rapport', 'rapporter')}, {agenda.period_text}.",
    )
    _counts(doc, "Per kategori", "Kategori", s.by_category)
    _counts(doc, "Per miljö", "Miljö", s.by_milieu)
    _counts(doc, "Per källa", "Källa", s.by_source)
    _counts(doc, "Per delområde", "Delområde", s.by_sub_area)
    if agenda.scope.is_area:
        _counts(doc, "Per nämnd", "Nämnd", s.by_council)


def _forms(doc: DocumentObject, agenda: Agenda) -> None:
    f = agenda.forms
    word.paragraph(
        doc,
        f"Blanketter för avidentifierad information: {fmt_int(f.forms)}. Oro för individ: "
        f"{fmt_int(f.concerns)}. Sammanlagt {fmt_int(f.total)}.",
    )
    if f.rows:
        word.table(
            doc,
            ["Datum", "Nämnd", "Kategori", "Miljö", "Beskrivning (avidentifierad)"],
            [
                [r["date"], r["council"], r["category"], r["milieu"], r["description"]]
                for r in f.rows
            ],
            (2.3, 3, 2.8, 2.8, 6.1),
            description="Blanketter och oro under perioden",
        )


def _activities(doc: DocumentObject, agenda: Agenda) -> None:
    a = agenda.activities
    word.paragraph(
        doc,
        "Öppna aktiviteter där Ansvarig eller Uppföljning nämner polisen: förfallna och de som "
        f"förfaller till och med {fmt_day(a.due_until)}.",
    )
    for title, rows in (("Förfallna", a.overdue), ("Förfaller snart", a.due)):
        _label(doc, f"{title} ({len(rows)})")
        if rows:
            word.table(
                doc,
                ACTIVITY_HEADERS,
                activity_cells(rows),
                (2.2, 2.2, 4.4, 3.8, 2.4, 2),
                description=f"Aktiviteter med polisen: {title.lower()}",
            )


def _follow_up_rows(follow_ups: list[MeetingFollowUp]) -> list[list[str]]:
    return [
        [
            f.what,
            f.owner_role or "",
            f.due_on.isoformat() if f.due_on else "",
            f.done_on.isoformat() if f.done_on else "Öppen",
        ]
        for f in follow_ups
    ]


def _follow_ups(doc: DocumentObject, agenda: Agenda) -> None:
    # The minutes' previous meeting is the one before it; the agenda's the latest logged.
    latest = agenda.meetings[0] if agenda.meetings else None
    previous = agenda.last_meeting if agenda.meeting else latest
    shown: list[MeetingFollowUp] = []
    if previous is not None:
        word.paragraph(doc, f"Från mötet {fmt_day(previous.held_on)} ({previous.forum})", bold=True)
        shown = list(previous.follow_ups)
        if shown:
            word.table(
                doc,
                FOLLOW_UP_HEADERS,
                _follow_up_rows(shown),
                (8, 3.5, 2.75, 2.75),
                description="Förra mötets åtaganden",
            )
        else:
            word.paragraph(doc, "Mötet kom inte överens om några åtaganden.")
    ids = {f.id for f in shown}
    older = [f for f in agenda.open_follow_ups if f.id not in ids]
    if agenda.meeting:
        older = [f for f in older if f.meeting_id != agenda.meeting.id]
    if older:
        _label(doc, f"Äldre öppna åtaganden ({len(older)})")
        word.table(
            doc,
            FOLLOW_UP_HEADERS,
            _follow_up_rows(list(older)),
            (8, 3.5, 2.75, 2.75),
            description="Äldre öppna åtaganden",
        )


def _log(doc: DocumentObject, agenda: Agenda) -> None:
    meeting = agenda.meeting
    if meeting is None:
        word.paragraph(
            doc,
            "Mötets anteckningar, beslut och åtaganden förs in i mötesloggen på sidan "
            "Samverkan; laddar du ner protokollet för mötet därifrån står de här.",
        )
        return
    word.paragraph(doc, "Anteckningar", bold=True)
    word.paragraph(doc, meeting.notes or "Inga anteckningar.")
    word.paragraph(doc, "Beslut", bold=True)
    word.paragraph(doc, meeting.decisions or "Inga beslut.")
    word.paragraph(doc, "Åtaganden", bold=True)
    if meeting.follow_ups:
        word.table(
            doc,
            FOLLOW_UP_HEADERS,
            _follow_up_rows(list(meeting.follow_ups)),
            (8, 3.5, 2.75, 2.75),
            description="Mötets åtaganden",
        )
    else:
        word.paragraph(doc, "Inga åtaganden.")


WRITERS = {
    "incidents": _incidents,
    "forms": _forms,
    "activities": _activities,
    "follow-ups": _follow_ups,
    "log": _log,
}


def document(agenda: Agenda, made: datetime, alerts: list[str] | None = None) -> bytes:
    """The agenda, or the minutes of `agenda.meeting`; `alerts` are the scope's current trend
    alerts' sentences (alerts are not kept, so minutes say that they are today's)."""
    kind = "Protokoll" if agenda.meeting else "Dagordning"
    title = f"{kind} samverkan – {agenda.scope.title}"
    doc = word.new_document(title, "Samverkan med polisen")
    word.heading(doc, title, 0)
    if agenda.meeting:
        _meeting_head(doc, agenda.meeting)
    _scope_lines(doc, agenda)
    word.paragraph(
        doc,
        f"Ur Lägesbild {in_stockholm(made):%Y-%m-%d %H.%M}. Inga personuppgifter: händelser "
        "och anteckningar är avidentifierade, deltagare anges som roller.",
        italic=True,
    )
    for number, (key, name) in enumerate(SECTIONS, start=1):
        word.heading(doc, f"{number}. {name}", 1)
        if key == "alerts":
            if agenda.meeting:
                word.paragraph(
                    doc,
                    f"Trendlarm när filen skapades ({in_stockholm(made):%Y-%m-%d}).",
                    italic=True,
                )
            for line in alerts or [NO_ALERTS]:
                word.paragraph(doc, line)
        else:
            WRITERS[key](doc, agenda)
    return word.to_bytes(doc)
