"""The tertial/VB follow-up as a Word document: what a coordinator pastes into the city's
tertial report or VB (Stratsys), as it stood on the period's last day.

Per council: the header of each plan it reports (after a merger, its predecessors' plans), the
summary figures, then each plan's own table per section with the status at the period's end and
the outcome, and the incidents from 1 January against the same months last year. The whole city
gets a first page with one row per council and a part per council after a page break. Landscape
A4: the six columns need the width.
"""

from collections.abc import Sequence

from docx.document import Document as DocumentObject

from dashboard.exports import word
from dashboard.exports.plan_docx import (
    activity_text,
    approval_text,
    schedule_text,
    section_tables,
)
from dashboard.formatting import fmt_day, fmt_int, fmt_percent, genitive
from dashboard.services.follow_up import CouncilReport, FollowUpReport
from models import ActionPlan, rules
from models.enums import ActivityStatus, Milieu, Section, label
from models.queries.follow_up import ActivityAsOf, Counts, IncidentCounts, Standing

HEADERS = ("Aktivitet", "Ansvarig", "Tidplan", "Uppföljning", "Status", "Utfall/kommentar")
WIDTHS_CM = (6.8, 4.2, 3.4, 2.8, 3.5, 5.0)  # A4 landscape: 25.7 cm between the margins
INCIDENT_WIDTHS_CM = (7.0, 3.4, 3.4, 2.6)
SUMMARY_WIDTHS_CM = (4.5, 2.4, 2.3, 2.3, 2.2, 2.1, 2.4, 2.4, 2.5, 2.6)


def status_text(a: ActivityAsOf) -> str:
    """The status at the period's end in words, saying when it is late: "Pågår – försenad",
    "Genomförd 12 maj 2026 (efter tidplan)", "Pågår – löpande, uppföljd i perioden"."""
    text = label(a.status)
    if a.status is ActivityStatus.DONE and a.completed_on:
        text = f"{text} {fmt_day(a.completed_on)}"
    if a.standing is Standing.DONE_LATE:
        return f"{text} (efter tidplan)"
    if a.standing is Standing.DELAYED and a.status is not ActivityStatus.DELAYED:
        return f"{text} – försenad"
    if a.standing is Standing.CONTINUOUS_UPDATED:
        return f"{text} – löpande, uppföljd i perioden"
    if a.standing is Standing.CONTINUOUS_STALE:
        return f"{text} – löpande, ingen uppföljning i perioden"
    if a.standing is Standing.CARRIED_OVER:
        return f"{text} – överförd till planen {a.plan_year + 1}"
    return text


def outcome_text(a: ActivityAsOf) -> str:
    parts = [p.strip() for p in (a.outcome, a.comment) if p and p.strip()]
    return "\n".join(parts)


def follow_up_text(a: ActivityAsOf) -> str:
    return a.follow_up_text.strip() or label(a.follow_up)


def completion_text(counts: Counts) -> str:
    return fmt_percent(counts.completion) if counts.completion is not None else "–"


def summary_text(counts: Counts, last_year: Counts, period: rules.Period) -> str:
    """One line of figures: due, done (and late), delayed, cancelled, löpande, completion."""
    done = counts.done
    completion = (
        completion_text(counts)
        if counts.completion is not None
        else "– (ingen aktivitet hade förfallit)"
    )
    return (
        f"Per {fmt_day(period.end)} skulle {fmt_int(counts.due)} aktiviteter vara genomförda. "
        f"Genomförda: {fmt_int(done)}, varav {fmt_int(counts[Standing.DONE_LATE])} efter tidplan. "
        f"Försenade: {fmt_int(counts[Standing.DELAYED])}. "
        f"Inställda: {fmt_int(counts[Standing.CANCELLED])}. "
        f"Löpande: {fmt_int(counts[Standing.CONTINUOUS_UPDATED])} uppföljda i perioden, "
        f"{fmt_int(counts[Standing.CONTINUOUS_STALE])} utan uppföljning. "
        + (
            f"Överförda till nästa års plan: {fmt_int(counts[Standing.CARRIED_OVER])}. "
            if counts[Standing.CARRIED_OVER]
            else ""
        )
        + f"Andel genomförda av de förfallna: {completion}"
        f" ({period.name} {period.year - 1}: {completion_text(last_year)})."
    )


def _change(now: int, before: int) -> str:
    diff = now - before
    return f"+{fmt_int(diff)}" if diff > 0 else ("±0" if diff == 0 else f"−{fmt_int(-diff)}")


def incident_table(doc: DocumentObject, incidents: IncidentCounts, period: rules.Period) -> None:
    """Incidents by milieu from 1 January against the same months last year; those found not
    to be VBE on review are shown apart and left out of the total."""
    this, last = f"{period.months_text} {period.year}", f"{period.months_text} {period.year - 1}"
    rows = [
        [label(m), fmt_int(n), fmt_int(b), _change(n, b)]
        for m, (n, b) in incidents.by_milieu.items()
        if m is not Milieu.NOT_VBE
    ]
    now, before = incidents.total
    rows.append(["Summa VBE-kopplade", fmt_int(now), fmt_int(before), _change(now, before)])
    n, b = incidents.by_milieu[Milieu.NOT_VBE]
    rows.append([f"{label(Milieu.NOT_VBE)} (ingår inte i summan)", fmt_int(n), fmt_int(b), ""])
    grid = word.table(
        doc,
        ("Miljö", this, last, "Förändring"),
        rows,
        INCIDENT_WIDTHS_CM,
        f"Händelser per miljö {this} jämfört med {last}",
    )
    word.align_columns_right(grid, (1, 2, 3))
    word.keep_together(grid)


def _plan_header(doc: DocumentObject, plan: ActionPlan) -> None:
    word.heading(doc, f"{genitive(plan.council.name)} handlingsplan {plan.year}", 2)
    para = word.labelled(doc, "Dnr", plan.dnr or "saknas")
    para.add_run("   Status: ").bold = True
    para.add_run(approval_text(plan))


def _activity_rows(activities: Sequence[ActivityAsOf]) -> list[list[str]]:
    return [
        [
            activity_text(a.description, a.target),
            a.responsible,
            schedule_text(a.schedule, a.deadline, a.schedule_text),
            follow_up_text(a),
            status_text(a),
            outcome_text(a),
        ]
        for a in activities
    ]


def _plan_tables(doc: DocumentObject, plan: ActionPlan, activities: list[ActivityAsOf]) -> None:
    section_tables(
        doc,
        3,
        {s: _activity_rows([a for a in activities if a.section is s]) for s in Section},
        HEADERS,
        WIDTHS_CM,
        f"{genitive(plan.council.name)} plan {plan.year}, aktiviteter med status och utfall"
        " vid periodens slut",
    )


def council_part(
    doc: DocumentObject, report: FollowUpReport, part: CouncilReport, new_page: bool = False
) -> None:
    period = report.period
    title = word.heading(doc, part.council.name, 1)
    title.paragraph_format.page_break_before = new_page  # no empty paragraph atop the page
    own = [p for p in part.plans if p.council_id == part.council.id]
    if part.plans and not own:
        names = " och ".join(genitive(p.council.name) for p in part.plans)
        word.paragraph(
            doc,
            f"{part.council.name} redovisar {names} handlingsplaner {period.year}"
            " (nämnderna har gått samman).",
        )
    for plan in part.plans:
        word.labelled(
            doc,
            "Handlingsplan",
            f"{plan.council.name} {plan.year}, Dnr {plan.dnr or 'saknas'}",
        )
    word.paragraph(doc, report.as_of_text, italic=True)
    word.paragraph(doc, summary_text(part.counts.total, part.last_year, period))
    if not part.plans:
        word.paragraph(doc, f"Ingen handlingsplan för {period.year} finns i Lägesbild.")
    for plan in part.plans:
        _plan_header(doc, plan)
        _plan_tables(doc, plan, [a for a in part.activities if a.plan_council == plan.council.name])
    word.heading(doc, f"Händelser {period.months_text} {period.year}", 2)
    incident_table(doc, part.incidents, period)


def city_summary(doc: DocumentObject, report: FollowUpReport) -> None:
    period = report.period
    last = f"{period.name} {period.year - 1}"
    word.heading(doc, "Sammanställning per nämnd", 1)
    word.paragraph(doc, report.as_of_text, italic=True)

    def row(name: str, c: Counts, before: Counts) -> list[str]:
        return [
            name,
            fmt_int(c.due),
            fmt_int(c.done),
            fmt_int(c[Standing.DONE_LATE]),
            fmt_int(c[Standing.DELAYED]),
            fmt_int(c[Standing.CANCELLED]),
            fmt_int(c[Standing.CONTINUOUS_UPDATED]),
            fmt_int(c[Standing.CONTINUOUS_STALE]),
            completion_text(c),
            completion_text(before),
        ]

    rows = [row(p.council.name, p.counts.total, p.last_year) for p in report.councils]
    rows.append(row("Hela staden", report.total, report.total_last_year))
    grid = word.table(
        doc,
        (
            "Nämnd",
            "Skulle vara genomförda",
            "Genomförda",
            "varav efter tidplan",
            "Försenade",
            "Inställda",
            "Löpande, uppföljda",
            "Löpande, ej uppföljda",
            "Andel genomförda",
            f"Andel genomförda {last}",
        ),
        rows,
        SUMMARY_WIDTHS_CM,
        f"Aktiviteternas läge per nämnd, {period.name} {period.year}, med genomförandegraden"
        f" {last}",
    )
    word.align_columns_right(grid, range(1, len(SUMMARY_WIDTHS_CM)))
    word.emphasise_last_row(grid)
    word.heading(doc, f"Händelser i hela staden {period.months_text} {period.year}", 2)
    incident_table(doc, report.incidents, period)


def document(report: FollowUpReport) -> bytes:
    doc = word.new_document(
        report.title, f"Uppföljning av handlingsplanerna mot VBE {report.period.year}"
    )
    word.landscape(doc)
    word.heading(doc, report.title, 0)
    word.paragraph(doc, f"{report.made_text}.")
    if report.council is None:
        city_summary(doc, report)
        for part in report.councils:
            council_part(doc, report, part, new_page=True)
    else:
        for part in report.councils:
            council_part(doc, report, part)
    return word.to_bytes(doc)
