"""A council's action plan as a Word document, in the form of the plans the councils send to KS:
title, Dnr and decisions, the local lägesbild with its sources and analysis, the four sections'
activity tables (Aktivitet · Ansvarig · Tidplan · Uppföljning) and the next revision.

It writes the plan as it stands now; what stood at a period's end is the follow-up's business
(follow_up_docx). The section titles and the plan's header lines live here and are shared with it.
"""

from collections.abc import Sequence
from datetime import date

from docx.document import Document as DocumentObject
from docx.table import Table
from sqlalchemy.orm import Session

from dashboard.exports import word
from dashboard.formatting import fmt_day, genitive
from dashboard.services.errors import NotFound, ServiceError
from models import ActionPlan, Activity, rules
from models.enums import PlanStatus, Schedule, Section, label
from models.queries.council_page import merged_from
from models.queries.plan_document import PlanDocument, plan_document

# The headings the city's plans use for the four sections (the seed plans' own words).
SECTION_TITLES = {
    Section.PREVENTIVE: "Förebyggande arbete",
    Section.PREVENTING: "Förhindrande arbete",
    Section.GRANTS_PREMISES: "Föreningsbidrag och upplåtande av lokaler",
    Section.COMPETENCE: "Kompetenshöjande insatser inom förvaltningen",
}
NO_ACTIVITIES = "Planen har inga aktiviteter i det här avsnittet."

PLAN_HEADERS = ("Aktivitet", "Ansvarig", "Tidplan", "Uppföljning")
PLAN_WIDTHS_CM = (6.6, 4.2, 3.2, 3.0)  # A4 portrait: 17 cm between the margins


def plan_title(year: int) -> str:
    return f"Handlingsplan mot våldsbejakande extremism {year}"


def approval_text(plan: ActionPlan) -> str:
    """Godkänd av KS 7 juni 2023 (nämndbehandlad 23 februari 2023); Utkast for a draft."""
    council_day = (
        f"nämndbehandlad {fmt_day(plan.council_approved_on)}" if plan.council_approved_on else ""
    )
    if plan.status is PlanStatus.KS_APPROVED and plan.ks_approved_on:
        text = f"Godkänd av KS {fmt_day(plan.ks_approved_on)}"
        return f"{text} ({council_day})" if council_day else text
    if plan.status is PlanStatus.COUNCIL_APPROVED and plan.council_approved_on:
        return f"Nämndbehandlad {fmt_day(plan.council_approved_on)}, ej godkänd av KS"
    return label(plan.status)


def schedule_text(schedule: Schedule, deadline: date | None, own_words: str) -> str:
    """The plan's own wording, else the deadline as a Swedish date, else Löpande."""
    if own_words.strip():
        return own_words.strip()
    if schedule is Schedule.DEADLINE and deadline is not None:
        return fmt_day(deadline)
    return "Löpande"


def activity_text(description: str, target: str | None) -> str:
    """The activity, with its quantitative target on a line of its own where the plan sets one."""
    if target and target.strip():
        return f"{description.strip()}\nMål: {target.strip()}"
    return description.strip()


def follow_up_text(activity: Activity) -> str:
    return activity.follow_up_text.strip() or label(activity.follow_up)


def texts(doc: DocumentObject, text: str) -> None:
    """Running text with its paragraphs kept: a blank line starts a new paragraph."""
    for part in text.replace("\r\n", "\n").split("\n\n"):
        if part.strip():
            word.paragraph(doc, part.strip())


def find_plan(session: Session, council: object, year: object, today: date) -> PlanDocument:
    """The plan a URL asks for; a Swedish ServiceError/NotFound for what cannot be one."""
    if council in (None, ""):
        raise ServiceError("Välj en nämnd.")
    chosen_year = rules.parse_year(year, today)
    if chosen_year is None:
        raise ServiceError(f"Välj ett år mellan {rules.FIRST_YEAR} och {today.year}.")
    found = rules.find_council(session, council)
    if found is None:
        raise NotFound("Nämnden finns inte. Välj en nämnd i listan.")
    wanted = plan_document(session, found, chosen_year)
    if wanted is None:
        predecessors = [c for c, day in merged_from(session, found.id) if day.year == chosen_year]
        message = f"{found.name} har ingen handlingsplan för {chosen_year}."
        if predecessors:
            names = " och ".join(genitive(c.name) for c in predecessors)
            message += f" Det året gäller {names} planer."
        raise NotFound(message)
    return wanted


def document(wanted: PlanDocument) -> bytes:
    plan, council = wanted.plan, wanted.council
    title = plan_title(plan.year)
    doc = word.new_document(f"{title} – {council.name}", f"Handlingsplan {council.name}")
    word.heading(doc, title, 0)
    word.paragraph(doc, f"{genitive(council.name)} handlingsplan mot våldsbejakande extremism")
    word.labelled(doc, "Nämnd", council.name)
    word.labelled(doc, "Planår", str(plan.year))
    word.labelled(doc, "Dnr", plan.dnr or "saknas")
    word.labelled(doc, "Status", approval_text(plan))

    word.heading(doc, "Lokal lägesbild", 1)
    if plan.lagesbild_revised_on:
        word.paragraph(doc, f"Lägesbilden reviderad {fmt_day(plan.lagesbild_revised_on)}.")
    texts(doc, plan.lagesbild or "Lägesbilden är inte ifylld.")
    word.heading(doc, "Kartläggning", 2)
    texts(doc, plan.sources or "Källorna är inte ifyllda.")
    word.heading(doc, "Analys", 2)
    texts(doc, plan.analysis or "Analysen är inte ifylld.")

    section_tables(
        doc,
        1,
        {
            section: [
                [
                    activity_text(a.description, a.target),
                    a.responsible,
                    schedule_text(a.schedule, a.deadline, a.schedule_text),
                    follow_up_text(a),
                ]
                for a in wanted.activities
                if a.section is section
            ]
            for section in Section
        },
        PLAN_HEADERS,
        PLAN_WIDTHS_CM,
        "planens aktiviteter med ansvarig, tidplan och uppföljning",
    )

    word.heading(doc, "Uppföljning", 1)
    word.paragraph(
        doc,
        "Handlingsplanen följs upp i tertialrapporterna och verksamhetsberättelsen och revideras"
        " årligen utifrån aktuell lägesbild, tillsammans med polisen.",
    )
    revision = fmt_day(plan.next_revision) if plan.next_revision else "inte bestämd"
    word.labelled(doc, "Nästa revidering", revision)
    return word.to_bytes(doc)


def section_tables(
    doc: DocumentObject,
    level: int,
    rows: dict[Section, list[list[str]]],
    headers: Sequence[str],
    widths_cm: Sequence[float],
    described: str,
) -> None:
    """The plan's four sections in its order, each a heading and its table (or a line saying
    it has no activities): the plan document and the follow-up document alike."""
    for section in Section:
        word.heading(doc, SECTION_TITLES[section], level)
        if not rows[section]:
            word.paragraph(doc, NO_ACTIVITIES, italic=True)
            continue
        grid = word.table(
            doc, headers, rows[section], widths_cm, f"{SECTION_TITLES[section]}: {described}"
        )
        bold_targets(grid)


def bold_targets(grid: Table, column: int = 0) -> None:
    """Sets "Mål:" in bold where an activity cell carries its target (see `activity_text`), so
    the target reads as the plan's own line, not as part of the description."""
    for row in list(grid.rows)[1:]:
        para = row.cells[column].paragraphs[0]
        if "\nMål: " not in para.text or not para.runs:
            continue
        description, target = para.text.split("\nMål: ", 1)
        size = para.runs[0].font.size
        for run in list(para.runs):
            run._r.getparent().remove(run._r)
        first = para.add_run(description)
        first.add_break()
        label_run = para.add_run("Mål: ")
        label_run.bold = True
        last = para.add_run(target)
        for run in (first, label_run, last):
            run.font.size = size
