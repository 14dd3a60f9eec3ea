"""Lägesbild för Stockholms stad: the city-wide picture KS presents once a year (the KS memo of
2017: the plans are revised with T1 and KS then presents one lägesbild for the whole city).

`gather` reads everything from the existing queries and the follow-up service (the same figures
Översikt, Uppföljning, Enkäter and Plankvalitet show), `document` writes the Word file, and
`build` does both, drawing the charts in one kaleido session. A year that has ended is reported as
its VB (31 December); the current year as the latest period that has ended (T2 per 31 August,
T1 per 30 April), or T1 while it runs.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from docx.document import Document as DocumentObject
from docx.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.exports import charts, word
from dashboard.figures import overview as overview_figures
from dashboard.figures.city_report import this_and_last
from dashboard.figures.plan_quality import score_chart
from dashboard.figures.surveys import heatmap
from dashboard.formatting import fmt_day, fmt_int, fmt_percent, genitive
from dashboard.services import follow_up
from dashboard.services.errors import ServiceError
from models import ActionPlan, Council, Incident, rules, tertial_of
from models.base import in_stockholm
from models.enums import CouncilKind, IncidentSource, Milieu, PlanStatus, SurveyIndicator, label
from models.queries import council_page
from models.queries import overview as overview_queries
from models.queries.follow_up import ActivityAsOf, Counts, Standing
from models.queries.plan_quality import SHORT_LABELS, PlanQuality, plan_quality
from models.queries.survey_results import LOW_RESPONSE_RATE, CouncilSurvey, SurveyYear, survey_year
from models.queries.survey_shares import indicator_shares

log = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
TREND_YEARS = 5
FIGURES = (1, 2, 3)  # the right-aligned columns of a "this year, last year, change" table
MAX_CHART_ROWS = 40  # bars per chart; Stockholm has 16 councils
EXCERPT_CHARS = 700  # a council's lägesbild: its first paragraphs up to about this length
VBE_MILIEUS = [m for m in Milieu if m is not Milieu.NOT_VBE]
SHY = "\u00ad"  # a soft hyphen: where a long word in a narrow column header may break
SURVEY_HEADERS = {
    SurveyIndicator.KNOWS_PLAN: f"Känner till hand{SHY}lings{SHY}planen",
    SurveyIndicator.BELIEVES_STAFF_KNOW_PLAN: f"Tror med{SHY}arbetarna känner till planen",
    SurveyIndicator.KNOWS_COORDINATOR: f"Känner till sam{SHY}ord{SHY}naren",
    SurveyIndicator.KNOWS_FORM: f"Känner till blan{SHY}ketten",
    SurveyIndicator.KNOWS_SUPPORT_MATERIAL: f"Känner till stöd{SHY}mate{SHY}rialet",
    SurveyIndicator.KNOWLEDGE_ADEQUATE: "Tillräcklig egen kunskap",
    SurveyIndicator.OBSERVED_INCIDENT: f"Har obser{SHY}verat händelse",
}


def _silent(_percent: int, _message: str) -> None:
    return None


# --- what the report covers --------------------------------------------------------------------


def parse_year(value: object, today: date) -> int:
    year = rules.parse_year(value, today)
    if year is None:
        raise ServiceError(
            f"Välj ett år mellan {rules.FIRST_YEAR} och {today.year}, t.ex. ?year={today.year}."
        )
    return year


# --- gathering ---------------------------------------------------------------------------------


@dataclass
class CouncilSection:
    report: follow_up.CouncilReport
    quality: list[PlanQuality]
    survey: CouncilSurvey | None
    merged_from: list[tuple[Council, date]]

    @property
    def council(self) -> Council:
        return self.report.council

    @property
    def delayed(self) -> list[ActivityAsOf]:
        """Overdue at the period's end: a deadline passed, neither done nor cancelled."""
        return [a for a in self.report.activities if a.standing is Standing.DELAYED]


@dataclass
class CityReport:
    year: int
    follow_up: follow_up.FollowUpReport
    sections: list[CouncilSection]
    trend: list[tuple[int, int, Milieu, int]]
    trend_years: list[int]
    surveys: SurveyYear
    survey_last_year: dict[SurveyIndicator, float]
    quality: list[PlanQuality]
    notes: list[council_page.FigureNote]
    demo: bool
    synthetic_plans: int
    synthetic_incidents: tuple[int, int]  # (synthetic, all) of the period's incidents
    made_at: datetime
    councils_without_plan: list[str] = field(default_factory=list)

    @property
    def period(self) -> rules.Period:
        return self.follow_up.period

    @property
    def title(self) -> str:
        return f"Lägesbild för Stockholms stad {self.year}"

    @property
    def plans(self) -> list[ActionPlan]:
        return [p for s in self.sections for p in s.report.plans]

    @property
    def has_demo_data(self) -> bool:
        """The demo seed was loaded, or some of the report's plans or incidents are synthetic."""
        return self.demo or self.synthetic_plans > 0 or self.synthetic_incidents[0] > 0

    @property
    def months_text(self) -> str:
        """1 januari–31 augusti 2026."""
        first = rules.MONTH_NAMES[0]
        return f"1 {first}–{fmt_day(self.period.end)}"


def _synthetic_incidents(session: Session, period: rules.Period) -> tuple[int, int]:
    stmt = select(
        func.sum(func.coalesce(Incident.count, 0)).filter(Incident.is_synthetic.is_(True)),
        func.sum(Incident.count),
    ).where(Incident.year == period.year, Incident.month.between(1, period.end.month))
    synthetic, total = session.execute(stmt).one()
    return int(synthetic or 0), int(total or 0)


def gather(session: Session, year: int, now: datetime) -> CityReport:
    """Everything the report holds, from the queries the pages use."""
    today = in_stockholm(now).date()
    period = rules.year_report(year, today)
    request = follow_up.ReportRequest(period, None)
    report = follow_up.build_report(session, request, now)
    quality = plan_quality(session, year)
    quality_by_plan = {q.plan_id: q for q in quality}
    surveys = survey_year(session, year)
    survey_by_code = {c.code: c for c in surveys.councils}
    mergers = council_page.mergers(session)
    sections = [
        CouncilSection(
            r,
            [quality_by_plan[p.id] for p in r.plans if p.id in quality_by_plan],
            survey_by_code.get(r.council.code),
            mergers.get(r.council.id, []),
        )
        for r in report.councils
    ]
    trend_years = list(range(year - TREND_YEARS + 1, year + 1))
    trend = overview_queries.incident_trend(
        session, overview_queries.OverviewFilter(year, "vb"), trend_years[0]
    )
    # Only the months the report covers: a T2 report's trend stops at August.
    trend = [row for row in trend if row[0] < year or row[1] <= tertial_of(period.end.month)]
    ever = rules.successor_map(session, date.max)
    reported = {r.council.id for r in report.councils}
    lineage_ids = reported | {c for c in ever if rules.reporting_id(ever, c) in reported}
    notes = council_page.data_notes(session, sorted(lineage_ids), year - 1, year)
    plans = [p for r in report.councils for p in r.plans]
    return CityReport(
        year=year,
        follow_up=report,
        sections=sections,
        trend=trend,
        trend_years=trend_years,
        surveys=surveys,
        survey_last_year=indicator_shares(session, year - 1),
        quality=quality,
        notes=notes,
        demo=overview_queries.demo_data_loaded(session),
        synthetic_plans=sum(p.is_synthetic for p in plans),
        synthetic_incidents=_synthetic_incidents(session, period),
        made_at=now,
        councils_without_plan=[r.council.name for r in report.councils if not r.plans],
    )


# --- formatting ----------------------------------------------------------------------------------


def _diff(now: float, before: float, unit: str = "") -> str:
    delta = now - before
    if round(delta, 1) == 0:
        return "±0" + unit
    sign = "+" if delta > 0 else "−"
    text = fmt_int(abs(delta)) if isinstance(delta, int) else f"{abs(delta):.1f}".replace(".", ",")
    return f"{sign}{text}{unit}"


def _pct(value: float | None) -> str:
    return fmt_percent(value, 0) if value is not None else "–"


def _completion(counts: Counts) -> str:
    if not counts.due:
        return "inget förföll"
    return f"{fmt_int(counts.done_due)} av {fmt_int(counts.due)} ({_pct(counts.completion)})"


def _done_sentence(counts: Counts, end: date) -> str:
    if not counts.due:
        return f"Inga aktiviteter förföll till {fmt_day(end)}."
    return (
        f"Av de aktiviteter som förföll till {fmt_day(end)} var {_completion(counts)} genomförda."
    )


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "–"


def _plan_status(plan: ActionPlan) -> str:
    parts = [label(plan.status)]
    if plan.council_approved_on:
        parts.append(f"nämndbehandlad {fmt_day(plan.council_approved_on)}")
    if plan.ks_approved_on:
        parts.append(f"godkänd av KS {fmt_day(plan.ks_approved_on)}")
    return ", ".join(parts)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> tuple[str, bool]:
    """The first paragraphs of a text up to about `limit` characters (at least one paragraph,
    cut at a sentence when even that is long), and whether anything was left out."""
    paragraphs = [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]
    if not paragraphs:
        return "", False
    kept = [paragraphs[0]]
    for p in paragraphs[1:]:
        if sum(len(k) for k in kept) + len(p) > limit:
            break
        kept.append(p)
    if len(kept[0]) > 2 * limit:
        cut = kept[0].rfind(". ", 0, 2 * limit)
        kept[0] = kept[0][: cut + 1 if cut > 0 else 2 * limit] + " …"
        return kept[0], True
    return "\n\n".join(kept), len(kept) < len(paragraphs)


# --- charts ------------------------------------------------------------------------------------


@dataclass
class ReportChart:
    chart: charts.Chart
    alt_text: str
    # Printed when the chart cannot be drawn and no table beside it has its figures.
    fallback: tuple[list[str], list[list[str]]] | None = None


def _pairs_text(names: Sequence[str], pairs: Sequence[tuple[int, int]], year: int) -> str:
    return "; ".join(
        f"{n} {fmt_int(a)} ({year - 1}: {fmt_int(b)})"
        for n, (a, b) in zip(names, pairs, strict=True)
    )


def build_charts(data: CityReport) -> dict[str, ReportChart]:
    year, fu = data.year, data.follow_up
    months = data.months_text
    milieu_pairs = [fu.incidents.by_milieu[m] for m in VBE_MILIEUS]
    milieu_names = [label(m) for m in VBE_MILIEUS]
    sources = [s for s in IncidentSource if any(fu.incidents.by_source[s])]
    source_pairs = [fu.incidents.by_source[s] for s in sources]
    source_names = [label(s) for s in sources]
    councils = [s.report for s in data.sections]
    council_pairs = [r.incidents.total for r in councils]
    council_names = [r.council.name for r in councils]

    def comparison(
        kind: str, by: str, names: list[str], pairs: list[tuple[int, int]]
    ) -> ReportChart:
        """This year against last year per `by`, with the figures in its alt text."""
        this, last = [a for a, _ in pairs], [b for _, b in pairs]
        return ReportChart(
            charts.Chart(
                this_and_last(names, this, last, year, horizontal=kind != "Stapeldiagram")
            ),
            f"{kind}: VBE-relaterade händelser per {by} {months} jämfört med samma period"
            f" {year - 1}. {_pairs_text(names, pairs, year)}.",
        )

    result = {
        "milieu": comparison("Stapeldiagram", "miljö", milieu_names, milieu_pairs),
        "source": comparison("Liggande stapeldiagram", "källa", source_names, source_pairs),
        "councils": comparison("Liggande stapeldiagram", "nämnd", council_names, council_pairs),
    }
    # Översikt's trend chart: per tertial and milieu over five years.
    totals: dict[int, int] = {}
    for y, _tertial, milieu, n in data.trend:
        if milieu is not Milieu.NOT_VBE:
            totals[y] = totals.get(y, 0) + n
    trend_rows = [
        [f"{y} T{t}", *(str(_trend_value(data.trend, y, t, m)) for m in Milieu)]
        for y in data.trend_years
        for t in range(1, 4)
        if y < year or t <= tertial_of(data.period.end.month)
    ]
    trend = overview_figures.incident_trend(data.trend, data.trend_years, "tertial")
    later = {f"{year} T{t}" for t in range(tertial_of(data.period.end.month) + 1, 4)}
    for trace in trend["data"]:  # the tertials after the report's period have no figures yet
        kept = [(x, y) for x, y in zip(trace["x"], trace["y"], strict=True) if x not in later]
        trace["x"], trace["y"] = [x for x, _ in kept], [y for _, y in kept]
    result["trend"] = ReportChart(
        charts.Chart(trend),
        f"Staplat stapeldiagram: händelser per tertial och miljö {data.trend_years[0]}–{year}. "
        "VBE-relaterade händelser per år: "
        + "; ".join(f"{y}: {fmt_int(totals.get(y, 0))}" for y in data.trend_years)
        + (f" (till och med {data.period.name})." if data.period.code != "vb" else "."),
        (["Tertial", *(label(m) for m in Milieu)], trend_rows),
    )
    figures = [
        overview_queries.CouncilFigures(
            r.council.code,
            r.council.name,
            r.council.kind,
            r.incidents.total[0],
            None,
            r.counts.total.due,
            r.counts.total.done_due,
            r.counts.total[Standing.DELAYED],
        )
        for r in councils
    ]
    shown = [f for f in figures if f.completion is not None]
    result["completion"] = ReportChart(
        charts.Chart(overview_figures.council_comparison(figures, "completion")),
        f"Liggande stapeldiagram: andel genomförda av de aktiviteter som förföll till "
        f"{fmt_day(data.period.end)}, per nämnd. "
        + "; ".join(f"{f.name} {_pct(f.completion)}" for f in shown)
        + f". Hela staden {_pct(fu.total.completion)}.",
    )
    if data.surveys.councils:
        result["survey"] = ReportChart(
            charts.Chart(heatmap(data.surveys)),
            f"Värmekarta: enkätens indikatorer {year} per nämnd och stadens viktade snitt, i "
            "procent. Staden: "
            + "; ".join(
                f"{label(i)} {_pct(v)}"
                for i in SurveyIndicator
                if (v := data.surveys.city.get(i)) is not None
            )
            + ".",
        )
    if data.quality:
        result["quality"] = ReportChart(
            charts.Chart(score_chart(data.quality)),
            f"Liggande stapeldiagram: andel av KS-promemorians punkter som varje plan {year} "
            "uppfyller. "
            + "; ".join(f"{q.council_name} {q.passed} av {q.total}" for q in data.quality)
            + ".",
        )
    for key in too_many_for_a_chart(data):
        result.pop(key, None)
    return result


def too_many_for_a_chart(data: CityReport) -> set[str]:
    """Per-council charts with more bars than a page holds (a national data set, not the
    city's 16 councils): left out, their tables carry the figures."""
    rows = {
        "councils": len(data.sections),
        "completion": len(data.sections),
        "survey": len(data.surveys.councils),
        "quality": len(data.quality),
    }
    return {key for key, n in rows.items() if n > MAX_CHART_ROWS}


def _trend_value(rows: list[tuple[int, int, Milieu, int]], y: int, t: int, m: Milieu) -> int:
    return sum(n for year, tertial, milieu, n in rows if (year, tertial, milieu) == (y, t, m))


# --- the document --------------------------------------------------------------------------------


def _chapter(doc: DocumentObject, title: str) -> None:
    """A Heading 1 that starts a new page (a page break of its own would leave an empty page
    when the previous page happens to end just before it)."""
    word.heading(doc, title, 1).paragraph_format.page_break_before = True


def _table(
    doc: DocumentObject,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    description: str,
    figures: Sequence[int] = (),
    total: bool = False,
) -> Table:
    """word.table with fixed widths; `figures` are right-aligned columns, `total` a bold last
    row."""
    grid = word.table(doc, headers, rows, widths_cm, description)
    if figures:
        word.align_columns_right(grid, figures)
    if total:
        word.emphasise_last_row(grid)
    return grid


class Writer:
    """Writes the report into a python-docx document, chart images where they could be drawn."""

    def __init__(self, data: CityReport, images: dict[str, bytes | None]) -> None:
        self.data = data
        self.images = images
        self.charts = build_charts(data)
        self.too_many = too_many_for_a_chart(data)
        self.doc: DocumentObject = word.new_document(
            data.title, f"Lägesbild för Stockholms stad, {data.period.name} {data.year}"
        )

    def chart(self, key: str) -> None:
        chart = self.charts.get(key)
        if chart is None:
            if key in self.too_many:
                word.paragraph(
                    self.doc,
                    "För många nämnder för ett diagram; siffrorna står i tabellen.",
                    italic=True,
                )
            return
        png = self.images.get(key)
        if png:
            width_cm = 16.0
            word.picture(self.doc, png, chart.alt_text, width_cm=width_cm)
            return
        word.paragraph(
            self.doc,
            "Diagrammet kunde inte ritas på servern; siffrorna står i tabellen.",
            italic=True,
        )
        if chart.fallback:
            headers, rows = chart.fallback
            word.table(self.doc, headers, rows, description=chart.alt_text)

    def write(self) -> bytes:
        self.summary()
        self.incidents()
        self.activities()
        self.survey()
        self.plan_quality()
        self.councils()
        self.sources()
        return word.to_bytes(self.doc)

    # -- summary --

    def summary(self) -> None:
        d, fu, doc = self.data, self.data.follow_up, self.doc
        word.heading(doc, d.title, 0)
        word.labelled(doc, "Period", f"{d.period.name.capitalize()} {d.year}: {d.months_text}")
        word.labelled(doc, "Jämförelse", f"samma period {d.year - 1}")
        word.paragraph(doc, fu.as_of_text + ".", bold=True)
        word.paragraph(doc, f"{fu.made_text} ur Lägesbild.", italic=True)
        if d.has_demo_data:
            self.demo_notice()
        word.heading(doc, "Sammanfattning", 1)
        vbe_now, vbe_before = fu.incidents.total
        plans = d.plans
        council_approved = sum(p.council_approved_on is not None for p in plans)
        ks_approved = sum(p.status is PlanStatus.KS_APPROVED for p in plans)
        word.paragraph(
            doc,
            f"Staden hade {fmt_int(vbe_now)} VBE-relaterade händelser {d.months_text} "
            f"({_diff(vbe_now, vbe_before)} mot samma period {d.year - 1}). "
            f"{fmt_int(ks_approved)} av {fmt_int(len(plans))} handlingsplaner för {d.year} är "
            f"godkända av KS. {_done_sentence(fu.total, d.period.end)}",
        )
        rows: list[list[str]] = [
            ["Händelser, VBE-relaterade", fmt_int(vbe_now), fmt_int(vbe_before),
             _diff(vbe_now, vbe_before)],
        ]  # fmt: skip
        for m in Milieu:
            now, before = fu.incidents.by_milieu[m]
            name = f"– {label(m)}" if m is not Milieu.NOT_VBE else f"{label(m)} (räknas inte ovan)"
            rows.append([name, fmt_int(now), fmt_int(before), _diff(now, before)])
        rows += [
            [
                "Planer nämndbehandlade",
                f"{fmt_int(council_approved)} av {fmt_int(len(plans))}",
                "",
                "",
            ],
            ["Planer godkända av KS", f"{fmt_int(ks_approved)} av {fmt_int(len(plans))}", "", ""],
            [
                f"Aktiviteter genomförda av de förfallna (till {fmt_day(d.period.end)})",
                _completion(fu.total),
                _completion(fu.total_last_year),
                _diff(fu.total.completion or 0, fu.total_last_year.completion or 0, " p.e.")
                if fu.total.due and fu.total_last_year.due
                else "",
            ],
            [
                "Försenade aktiviteter vid periodens slut",
                fmt_int(fu.total[Standing.DELAYED]),
                fmt_int(fu.total_last_year[Standing.DELAYED]),
                _diff(fu.total[Standing.DELAYED], fu.total_last_year[Standing.DELAYED]),
            ],
        ]
        for i in SurveyIndicator:
            now_v, before_v = d.surveys.city.get(i), d.survey_last_year.get(i)
            if now_v is None and before_v is None:
                continue
            rows.append(
                [
                    f"Enkäten, stadens snitt: {label(i).lower()}",
                    _pct(now_v),
                    _pct(before_v),
                    _diff(now_v, before_v, " p.e.")
                    if now_v is not None and before_v is not None
                    else "",
                ]
            )
        _table(
            doc,
            ["Nyckeltal", str(d.year), str(d.year - 1), "Förändring"],
            rows,
            [7.5, 3.5, 3.5, 2.5],
            f"Nyckeltal för Stockholms stad {d.year} jämfört med {d.year - 1}: "
            "händelser per miljö, planernas beslut, aktiviteter och enkätens stadssnitt.",
            FIGURES,
        )
        word.paragraph(
            doc,
            "Händelser räknas från 1 januari till periodens slut; en rapport kan gälla flera "
            "händelser. Händelser som efter granskning saknar VBE-koppling redovisas för sig. "
            "Aktiviteterna visas som de stod vid periodens slut. p.e. = procentenheter.",
            italic=True,
        )
        if d.councils_without_plan:
            word.paragraph(doc, f"Ingen plan för {d.year}: {', '.join(d.councils_without_plan)}.")

    def demo_notice(self) -> None:
        d = self.data
        synthetic, total = d.synthetic_incidents
        para = self.doc.add_paragraph()
        para.add_run("Demodata. ").bold = True
        para.add_run(
            "Databasen innehåller demodata: fyra verkliga handlingsplaner och deras lägesbilder, "
            "kompletterade med påhittade uppgifter för övriga nämnder och år. I den här rapporten "
            f"är {fmt_int(d.synthetic_plans)} av {fmt_int(len(d.plans))} planer och "
            f"{fmt_int(synthetic)} av {fmt_int(total)} händelser påhittade."
        )

    # -- incidents --

    def incidents(self) -> None:
        d, fu, doc = self.data, self.data.follow_up, self.doc
        _chapter(doc, f"Händelser {d.year} jämfört med {d.year - 1}")
        word.paragraph(
            doc,
            f"Händelser {d.months_text} mot samma månader {d.year - 1}, för nämnderna som de "
            f"såg ut {fmt_day(d.period.end)} (en sammanslagen nämnds händelser räknas i den nya "
            "nämnden).",
        )
        word.heading(doc, "Per miljö", 2)
        self.chart("milieu")
        rows = [
            [label(m), fmt_int(a), fmt_int(b), _diff(a, b)]
            for m in VBE_MILIEUS
            for a, b in [fu.incidents.by_milieu[m]]
        ]
        now, before = fu.incidents.total
        rows.append(["Summa VBE-relaterade", fmt_int(now), fmt_int(before), _diff(now, before)])
        now, before = fu.incidents.by_milieu[Milieu.NOT_VBE]
        rows.append(
            [
                f"{label(Milieu.NOT_VBE)} (ingår inte i summan)",
                fmt_int(now),
                fmt_int(before),
                _diff(now, before),
            ]
        )
        grid = _table(
            doc,
            ["Miljö", str(d.year), str(d.year - 1), "Förändring"],
            rows,
            [7.5, 3, 3, 3],
            f"Händelser per miljö {d.months_text} jämfört med {d.year - 1}.",
            FIGURES,
        )
        for cell in grid.rows[-2].cells:  # the sum
            for run in cell.paragraphs[0].runs:
                run.bold = True
        word.heading(doc, "Per källa", 2)
        self.chart("source")
        rows = [
            [label(s), fmt_int(a), fmt_int(b), _diff(a, b)]
            for s in IncidentSource
            for a, b in [fu.incidents.by_source[s]]
        ]
        _table(
            doc,
            ["Källa", str(d.year), str(d.year - 1), "Förändring"],
            rows,
            [7.5, 3, 3, 3],
            f"VBE-relaterade händelser per källa {d.months_text} jämfört med {d.year - 1}.",
            FIGURES,
        )
        word.heading(doc, "Per nämnd", 2)
        self.chart("councils")
        rows = [
            [s.council.name, fmt_int(a), fmt_int(b), _diff(a, b)]
            for s in d.sections
            for a, b in [s.report.incidents.total]
        ]
        _table(
            doc,
            ["Nämnd", str(d.year), str(d.year - 1), "Förändring"],
            rows,
            [7.5, 3, 3, 3],
            f"VBE-relaterade händelser per nämnd {d.months_text} jämfört med {d.year - 1}.",
            FIGURES,
        )
        word.heading(doc, f"Utvecklingen {d.trend_years[0]}–{d.year}", 2)
        self.chart("trend")

    # -- activities and plans --

    def activities(self) -> None:
        d, fu, doc = self.data, self.data.follow_up, self.doc
        word.heading(doc, "Planer och aktiviteter", 1)
        word.paragraph(
            doc,
            f"Aktiviteterna i planerna för {d.year} som de stod {fmt_day(d.period.end)}. "
            f"{_done_sentence(fu.total, d.period.end)} Samma period {d.year - 1}: "
            f"{_completion(fu.total_last_year)}. Försenade vid periodens slut: "
            f"{fmt_int(fu.total[Standing.DELAYED])}.",
        )
        self.chart("completion")
        rows = []
        for s in d.sections:
            c, plans = s.report.counts.total, s.report.plans
            rows.append(
                [
                    s.council.name,
                    "\n".join(p.dnr or "utan dnr" for p in plans) or "Ingen plan",
                    "\n".join(
                        _iso(p.council_approved_on) if p.council_approved_on else label(p.status)
                        for p in plans
                    ),
                    "\n".join(_iso(p.ks_approved_on) for p in plans),
                    _completion(c),
                    fmt_int(c[Standing.DELAYED]),
                    fmt_int(c[Standing.CONTINUOUS_STALE]),
                ]
            )
        headers = [
            "Nämnd",
            "Plan (dnr)",
            "Nämnd\u00adbehandlad",
            "Godkänd av KS",
            "Genomförda av förfallna",
            f"För{SHY}senade",
            f"Löpande utan upp{SHY}följning",
        ]
        table = _table(
            doc,
            headers,
            rows,
            [3.9, 2.6, 2.0, 2.0, 2.5, 1.6, 2.0],
            f"Per nämnd: planens dnr, datum för nämndens och KS beslut, aktiviteter genomförda "
            f"av de förfallna, försenade och löpande utan uppföljning per {fmt_day(d.period.end)}.",
        )
        word.font_size(table, 8)

    # -- survey --

    def survey(self) -> None:
        d, doc = self.data, self.doc
        word.heading(doc, f"Enkäten {d.year}", 1)
        if not d.surveys.councils:
            word.paragraph(doc, f"Ingen enkät är registrerad för {d.year}.")
            return
        word.paragraph(
            doc,
            "Andel av de svarande per indikator; staden är ett snitt viktat med antalet svar. "
            "Inom parentes skillnaden mot stadens snitt i procentenheter. Låg kännedom kan "
            "förklara låg rapportering: läs enkäten och händelserna tillsammans. Svarsfrekvens "
            f"under {fmt_percent(LOW_RESPONSE_RATE, 0)} är markerad med *.",
        )
        self.chart("survey")
        indicators = [i for i in SurveyIndicator if i in d.surveys.city]
        rows = []
        for c in d.surveys.councils:
            rate = _pct(c.response_rate) + (" *" if c.low_response else "")
            values = []
            for i in indicators:
                own, city = c.results.get(i), d.surveys.city.get(i)
                values.append(
                    "–"
                    if own is None
                    else f"{_pct(own)} ({_diff(own, city)})"
                    if city is not None
                    else _pct(own)
                )
            rows.append([c.name, rate, *values])
        rows.append(
            ["Staden (viktat snitt)", "", *(_pct(d.surveys.city.get(i)) for i in indicators)]
        )
        width = (17.0 - 3.0 - 1.6) / max(1, len(indicators))
        table = _table(
            doc,
            ["Nämnd", f"Svars{SHY}frekvens", *(SURVEY_HEADERS[i] for i in indicators)],
            rows,
            [3.0, 1.6, *([width] * len(indicators))],
            f"Enkätens indikatorer {d.year} per nämnd mot stadens snitt.",
        )
        word.font_size(table, 8)

    # -- plan quality --

    def plan_quality(self) -> None:
        d, doc = self.data, self.doc
        word.heading(doc, "Planerna mot KS-promemorian", 1)
        if not d.quality:
            word.paragraph(doc, f"Inga planer för {d.year} är registrerade.")
            return
        word.paragraph(
            doc,
            "KS godkände 2017 alla planer med krav på vad varje plan ska innehålla. Checklistan "
            "bygger på det som är registrerat för planen (datum, enkät, samverkansmöten) och på "
            "sökord i planens texter: den visar att planen nämner något, inte om det är bra. "
            "Punkterna skiljer sig mellan stadsdelsnämnder och facknämnder.",
        )
        self.chart("quality")
        rows = [
            [
                q.council_name,
                f"{q.passed} av {q.total} ({_pct(q.percent)})",
                ", ".join(SHORT_LABELS.get(item.key) or item.label for item in q.missing) or "–",
            ]
            for q in d.quality
        ]
        _table(
            doc,
            ["Plan", "Uppfyllda punkter", "Saknas"],
            rows,
            [4.2, 3.2, 9.6],
            f"KS-promemorians checklista per plan {d.year}: uppfyllda punkter och de som saknas.",
        )

    # -- councils --

    def councils(self) -> None:
        d, doc = self.data, self.doc
        _chapter(doc, "Nämnderna")
        word.paragraph(
            doc,
            f"Varje nämnd som fanns {fmt_day(d.period.end)}: dess lägesbild (de första "
            "styckena), siffror, planens beslut och de aktiviteter som var försenade vid "
            "periodens slut.",
        )
        for kind, title in (
            (CouncilKind.DISTRICT, "Stadsdelsnämnder"),
            (CouncilKind.SPECIALIST, "Facknämnder"),
        ):
            sections = [s for s in d.sections if s.council.kind is kind]
            if not sections:
                continue
            word.heading(doc, title, 2)
            for section in sections:
                self.council(section)

    def council(self, s: CouncilSection) -> None:
        d, doc, r = self.data, self.doc, s.report
        word.heading(doc, s.council.name, 3)
        if s.merged_from:
            names = " och ".join(c.name for c, _ in s.merged_from)
            word.paragraph(
                doc,
                f"Bildad {fmt_day(s.merged_from[0][1])} av {names}; siffrorna gäller hela området.",
                italic=True,
            )
        if not r.plans:
            word.labelled(doc, "Plan", f"ingen plan för {d.year}")
        several = len(r.plans) > 1
        for plan in r.plans:
            prefix = f"{genitive(plan.council.name)} plan" if several else "Plan"
            word.labelled(doc, prefix, f"{plan.dnr or 'utan dnr'}, {_plan_status(plan)}")
        now, before = r.incidents.total
        by_milieu = ", ".join(
            f"{label(m).lower()} {fmt_int(a)} ({fmt_int(b)})"
            for m in VBE_MILIEUS
            for a, b in [r.incidents.by_milieu[m]]
            if a or b
        )
        word.labelled(
            doc,
            "Händelser",
            f"{fmt_int(now)} ({d.year - 1}: {fmt_int(before)})"
            + (f"; per miljö i år (i fjol): {by_milieu}" if by_milieu else ""),
        )
        c = r.counts.total
        word.labelled(
            doc,
            "Aktiviteter",
            f"{_completion(c)} av de förfallna genomförda; {fmt_int(c[Standing.DELAYED])} "
            f"försenade; {fmt_int(c[Standing.CONTINUOUS_UPDATED] + c[Standing.CONTINUOUS_STALE])}"
            f" löpande, varav {fmt_int(c[Standing.CONTINUOUS_STALE])} utan uppföljning i "
            "perioden",
        )
        if s.survey:
            knows = s.survey.results.get(SurveyIndicator.KNOWS_PLAN)
            city = d.surveys.city.get(SurveyIndicator.KNOWS_PLAN)
            word.labelled(
                doc,
                "Enkäten",
                f"svarsfrekvens {_pct(s.survey.response_rate)} "
                f"({fmt_int(s.survey.answered)} av {fmt_int(s.survey.sent)}); känner till "
                f"handlingsplanen {_pct(knows)} (staden {_pct(city)})",
            )
        for q in s.quality:
            missing = ", ".join(SHORT_LABELS.get(i.key) or i.label for i in q.missing)
            who = f" ({q.council_name})" if several else ""
            word.labelled(
                doc,
                f"KS-promemorian{who}",
                f"{q.passed} av {q.total} punkter" + (f"; saknas: {missing}" if missing else ""),
            )
        for plan in r.plans:
            text, cut = excerpt(plan.lagesbild or "")
            if not text:
                continue
            heading = "Lägesbild" + (f" ({plan.council.name})" if several else "")
            word.heading(doc, heading, 4)
            for part in text.split("\n\n"):
                word.paragraph(doc, part)
            if cut:
                word.paragraph(doc, "Utdrag: hela lägesbilden står i planen.", italic=True)
        delayed = s.delayed
        if not delayed:
            word.paragraph(doc, f"Inga försenade aktiviteter per {fmt_day(d.period.end)}.")
            return
        word.heading(doc, f"Försenade aktiviteter per {fmt_day(d.period.end)}", 4)
        _table(
            doc,
            ["Aktivitet", "Avsnitt", "Ansvarig", "Slutdatum", "Kommentar"],
            [
                [
                    a.description + (f" ({a.plan_council})" if several else ""),
                    label(a.section),
                    a.responsible,
                    a.deadline.isoformat() if a.deadline else a.schedule_text,
                    a.comment or "",
                ]
                for a in delayed
            ],
            [5.6, 3.0, 3.0, 2.2, 3.2],
            f"{s.council.name}: aktiviteter som var försenade {fmt_day(d.period.end)}.",
        )

    # -- sources --

    def sources(self) -> None:
        d, doc = self.data, self.doc
        _chapter(doc, "Källor och om siffrorna")
        word.paragraph(
            doc,
            "Rapporten är sammanställd ur Lägesbild: nämndernas handlingsplaner (lägesbild, "
            "källor, analys och aktiviteter med uppföljningshistorik), de avidentifierade "
            "händelserna från stadens incidentrapportering (IA), Trafikkontoret, SISAB, "
            "blanketter för avidentifierad information, polisen, socialtjänsten och skolorna, "
            "samt nämndernas enkäter. Samma siffror visas på sidorna Översikt, Uppföljning, "
            "Enkäter och Plankvalitet.",
        )
        word.heading(doc, "Nämndernas källor", 2)
        for s in d.sections:
            for plan in s.report.plans:
                if plan.sources.strip():
                    word.labelled(doc, plan.council.name, plan.sources.strip())
        if d.notes:
            word.heading(doc, "Om siffrorna", 2)
            for note in d.notes:
                word.labelled(doc, f"{note.year}, {note.council}", note.text)
        if d.has_demo_data:
            word.heading(doc, "Demodata", 2)
            self.demo_notice()


# --- building ------------------------------------------------------------------------------


def document(data: CityReport, images: dict[str, bytes | None] | None = None) -> bytes:
    """The Word file; without `images` (or with None for a chart) its figures stand as tables."""
    return Writer(data, images or {}).write()


def build(
    session: Session,
    year: int,
    now: datetime,
    progress: Progress | None = None,
    with_charts: bool = True,
) -> bytes:
    """The city report for `year` as a .docx (the lead times this in `make bench`)."""
    progress = progress or _silent
    progress(5, "Hämtar uppgifterna")
    data = gather(session, year, now)
    report_charts = build_charts(data)
    keys = list(report_charts)
    images: dict[str, bytes | None] = dict.fromkeys(keys)
    if with_charts:
        progress(25, "Ritar diagrammen")

        def drawn(n: int) -> None:
            progress(25 + 60 * n // len(keys), f"Ritar diagrammen ({n} av {len(keys)})")

        rendered = charts.render([report_charts[k].chart for k in keys], drawn)
        images = dict(zip(keys, rendered, strict=True))
    progress(90, "Skriver dokumentet")
    return document(data, images)


def filename(year: int, extension: str = "docx") -> str:
    return f"lagesbild-stockholms-stad-{year}.{extension}"
