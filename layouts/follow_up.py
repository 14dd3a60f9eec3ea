"""Uppföljning: the tertial/VB follow-up of one council or the whole city, as it stood on the
period's last day, with the same report as the Excel and Word exports
(dashboard/services/follow_up.py), so page and files cannot disagree.

The filters live in the address (`?year=2026&period=t1&council=OST`, `council=all` for the whole
city). Year and period are always written, so a shared link still shows the same report next
year, and a bad value is kept as it came: the report service says in Swedish what is wrong with
it, instead of the page silently showing another report.
"""

from datetime import date
from typing import Any
from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.formatting import fmt_int, fmt_percent
from dashboard.services.follow_up import CouncilReport, FollowUpReport
from dashboard.url_filters import UrlFilter
from layouts.components import GRID_COLUMN_DEFAULTS, WRAP, aria, grid_locale, loading
from models import rules
from models.base import in_stockholm, stockholm_today
from models.enums import Milieu, Schedule, Section, label
from models.queries.follow_up import STANDING_LABELS, ActivityAsOf, Counts, Standing

CITY = "all"  # the council select's value for the whole city
AUTO = "follow-up-council-default"  # the council chosen by default, while no one has chosen
CITY_ALIASES = frozenset({CITY, "alla", "staden", "hela staden"})


def _year(raw: str, today: date) -> str | None:
    """An offered year as such; anything else kept as it came, for the service to refuse."""
    year = rules.parse_year(raw, today)
    return str(year) if year is not None else raw.strip() or None


def _period(raw: str, _today: date) -> str | None:
    return rules.parse_period_code(raw) or raw.strip() or None


def _council(raw: str, _today: date) -> str | None:
    text = raw.strip()
    if text.lower() in CITY_ALIASES:
        return CITY
    return rules.normalise_code(text) or text or None


def _no_council(_today: date) -> None:
    """No council in the address: the callback picks one by role (a coordinator's own)."""
    return None


YEAR = UrlFilter("year", "follow-up-year", _year, lambda t: str(rules.latest_ended(t).year))
PERIOD = UrlFilter("period", "follow-up-period", _period, lambda t: rules.latest_ended(t).code)
COUNCIL = UrlFilter("council", "follow-up-council", _council, _no_council)
FILTERS = (YEAR, PERIOD, COUNCIL)

PERIOD_OPTIONS = [
    {"label": f"{'Helår/VB' if code == 'vb' else p.name} (per {p.end.day} {_month})", "value": code}
    for code in rules.PERIOD_CODES
    if (p := rules.period(2001, code)) and (_month := rules.MONTH_NAMES[p.end.month - 1])
]
UNKNOWN = "Ogiltigt val"


def with_unknown(options: list[dict[str, Any]], value: str | None, name: str) -> list[Any]:
    """The options, and the chosen value as a disabled option when it is not one of them (a bad
    address): the select then shows what was asked for beside the service's message."""
    if value in (None, "") or any(o["value"] == value for o in options):
        return options
    return [*options, {"label": name, "value": value, "disabled": True}]


def _select(
    label_text: str, control_id: str, options: list[Any], value: str | None, xs: int
) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(label_text, html_for=control_id, className="mb-1"),
            dbc.Select(id=control_id, options=options, value=value),
        ],
        xs=xs,
        md=3,
        lg=2,
        className="mb-2",
    )


def layout(params: dict[str, str | None], today: date | None = None) -> html.Div:
    """`params`: year, period and council from the address (kept as they came when bad)."""
    today = today or stockholm_today()
    years = [{"label": str(y), "value": str(y)} for y in rules.offered_years(today)]
    filters = dbc.Row(
        [
            _select(
                "År",
                YEAR.control_id,
                with_unknown(years, params["year"], UNKNOWN),
                params["year"],
                4,
            ),
            _select(
                "Period",
                PERIOD.control_id,
                with_unknown(PERIOD_OPTIONS, params["period"], UNKNOWN),
                params["period"],
                8,
            ),
            dbc.Col(
                [
                    dbc.Label("Nämnd", html_for=COUNCIL.control_id, className="mb-1"),
                    dbc.Select(id=COUNCIL.control_id, value=params["council"]),
                ],
                xs=12,
                md=6,
                lg=4,
                className="mb-2",
            ),
        ],
        className="mb-2",
    )
    return html.Div(
        [
            html.H1("Uppföljning", className="h3"),
            html.P(
                "Tertialrapport (T1 per 30 april, T2 per 31 augusti) eller verksamhetsberättelse "
                "(helår per 31 december), för en nämnd eller hela staden.",
                className="text-body-secondary",
            ),
            dcc.Store(id=AUTO),
            html.Section(filters, className="lb-follow-up-filters", **aria("label", "Filter")),
            loading(html.Div(id="follow-up-report")),
        ]
    )


# --- the report --------------------------------------------------------------------------------


def report_query(report: FollowUpReport, council_code: str | None = None) -> str:
    """year=2026&period=t1[&council=OST]: the report's own, valid values."""
    values = {"year": str(report.period.year), "period": report.period.code}
    code = council_code or (report.council.code if report.council else None)
    if code:
        values["council"] = code
    return urlencode(values)


def page_href(report: FollowUpReport, council_code: str) -> str:
    return f"/uppfoljning?{report_query(report, council_code)}"


def _button(text: str, href: str, button_id: str) -> html.A:
    """A plain link: the file comes as an attachment, and a refusal (a Swedish page) shows in
    the browser instead of being saved as a file."""
    return html.A(text, href=href, id=button_id, className="btn btn-outline-primary me-2 mb-2")


def downloads(report: FollowUpReport) -> html.Nav:
    """The exports of exactly this report, as plain links (the routes are dashboard/exports)."""
    query = report_query(report)
    links = [
        _button("Ladda ner Excel", f"/export/uppfoljning.xlsx?{query}", "follow-up-xlsx"),
        _button("Ladda ner Word", f"/export/uppfoljning.docx?{query}", "follow-up-docx"),
    ]
    if report.council is not None:
        plans = report.councils[0].plans if report.councils else []
        for i, plan in enumerate(plans):
            own = len(plans) == 1
            text = "Handlingsplanen som Word" + ("" if own else f" ({plan.council.name})")
            href = "/export/handlingsplan.docx?" + urlencode(
                {"council": plan.council.code, "year": str(plan.year)}
            )
            links.append(_button(text, href, "follow-up-plan-docx" + ("" if own else f"-{i}")))
    return html.Nav(links, className="lb-follow-up-downloads mb-3", **aria("label", "Ladda ner"))


def as_of(report: FollowUpReport) -> html.Div:
    """The moment the report describes, first and large: what a reader must not miss."""
    return html.Div(
        [
            html.P(
                # "kl. 23.59" stays on one line on a phone
                report.as_of_text.replace("kl. ", "kl.\u00a0"),
                id="follow-up-as-of",
                className="lb-as-of mb-1",
            ),
            html.P(
                "Status, bedömning och kommentarer visas som de stod vid den tidpunkten, även "
                "om aktiviteten har ändrats senare. Händelserna räknas från 1 januari till "
                "periodens slut och jämförs med samma period året innan.",
                className="small mb-0",
            ),
        ],
        className="lb-as-of-box mb-3",
    )


def _percent(value: float | None) -> str:
    return "–" if value is None else fmt_percent(value, 0)


def _summary_row(
    name: str, counts: Counts, last: Counts, incidents: tuple[int, int]
) -> dict[str, Any]:
    return {
        "council": name,
        "due": counts.due,
        "done": counts.done,
        "done_late": counts[Standing.DONE_LATE],
        "delayed": counts[Standing.DELAYED],
        "cancelled": counts[Standing.CANCELLED],
        "continuous_updated": counts[Standing.CONTINUOUS_UPDATED],
        "continuous_stale": counts[Standing.CONTINUOUS_STALE],
        "carried_over": counts[Standing.CARRIED_OVER],
        # Numbers, so the column sorts as numbers; the grid shows them as "67 %".
        "completion": counts.completion,
        "completion_last_year": last.completion,
        "incidents": incidents[0],
        "incidents_last_year": incidents[1],
    }


# A share in the grid, Swedish style: "67 %", "–" when nothing was due.
PERCENT = {"function": "params.value == null ? '–' : Math.round(params.value) + '\u00a0%'"}


def _number(field: str, header: str, min_width: int = 100) -> dict[str, Any]:
    """A count column: it shares the grid's width on a desktop and keeps `min_width` on a phone,
    where the grid scrolls sideways beside the pinned council names."""
    return {
        "field": field,
        "headerName": header,
        "flex": 1,
        "minWidth": min_width,
        "type": "rightAligned",
        "wrapHeaderText": True,
        "autoHeaderHeight": True,
    }


def summary_columns(report: FollowUpReport) -> list[dict[str, Any]]:
    year, last = report.period.year, report.period.year - 1
    months = report.period.months_text
    return [
        {
            "field": "council",
            "headerName": "Nämnd",
            "width": 200,
            "minWidth": 130,
            "pinned": "left",
            "cellRenderer": "CouncilLink",  # assets/lagesbild.js: a link to council_href
            **WRAP,
        },
        _number("due", "Att genomföra i perioden"),
        _number("done", "Genomförda"),
        _number("done_late", "varav efter tidplan"),
        _number("delayed", "Försenade"),
        _number("cancelled", "Inställda"),
        _number("continuous_updated", "Löpande, uppföljda"),
        _number("continuous_stale", "Löpande, ej uppföljda"),
        _number("carried_over", "Överförda till nästa år"),
        _number("completion", "Andel genomförda") | {"valueFormatter": PERCENT},
        _number("completion_last_year", f"Andel genomförda {last}") | {"valueFormatter": PERCENT},
        _number("incidents", f"Händelser {months} {year}"),
        _number("incidents_last_year", f"Händelser {months} {last}"),
    ]


def city_summary(report: FollowUpReport) -> list[Component]:
    """One row per council of the period, each name a link to the council's own report."""
    rows = []
    for r in report.councils:
        row = _summary_row(r.council.name, r.counts.total, r.last_year, r.incidents.total)
        row["council_href"] = page_href(report, r.council.code)
        rows.append(row)
    total = _summary_row(
        "Hela staden", report.total, report.total_last_year, report.incidents.total
    )
    grid = dag.AgGrid(
        id="follow-up-city-grid",
        columnDefs=summary_columns(report),
        rowData=rows,
        defaultColDef=GRID_COLUMN_DEFAULTS,
        dashGridOptions={
            "domLayout": "autoHeight",
            "pinnedBottomRowData": [total],
            "suppressColumnVirtualisation": True,
            "localeText": grid_locale("Inga nämnder i perioden"),
        },
        className="ag-theme-quartz",
        style={"width": "100%"},
    )
    return [
        html.H2(f"Nämnderna {report.period.name} {report.period.year}", className="h5"),
        html.P(
            f"{fmt_int(len(report.councils))} nämnder fanns den sista dagen i perioden. "
            "Andel genomförda: av de aktiviteter som skulle vara klara i perioden. Händelser "
            "räknas från 1 januari. Välj en nämnd för dess aktiviteter.",
            className="small text-body-secondary",
        ),
        grid,
    ]


# --- one council -------------------------------------------------------------------------------


def plans_line(report: CouncilReport, year: int) -> html.P:
    """Planer: Norrmalm 2023 (Dnr NOR 2022/270), Östermalm 2023 (Dnr OST 2022/949)."""
    if not report.plans:
        return html.P(
            f"Ingen handlingsplan för {year} är registrerad.",
            id="follow-up-plans",
            className="mb-2",
        )
    names = [
        f"{p.council.name} {p.year}" + (f" (Dnr {p.dnr})" if p.dnr else " (Dnr saknas)")
        for p in report.plans
    ]
    title = "Planer" if len(names) > 1 else "Plan"
    return html.P(f"{title}: " + ", ".join(names), id="follow-up-plans", className="mb-2")


def counts_text(counts: Counts) -> str:
    """Att genomföra i perioden 3 · genomförda 2 (varav 1 efter tidplan) · försenade 1 · …"""
    late = counts[Standing.DONE_LATE]
    stale = counts[Standing.CONTINUOUS_STALE]
    continuous = counts[Standing.CONTINUOUS_UPDATED] + stale
    parts = [
        f"Att genomföra i perioden {fmt_int(counts.due)}",
        f"genomförda {fmt_int(counts.done)}"
        + (f" (varav {fmt_int(late)} efter tidplan)" if late else ""),
        f"försenade {fmt_int(counts[Standing.DELAYED])}",
        f"inställda {fmt_int(counts[Standing.CANCELLED])}",
        f"löpande {fmt_int(continuous)} (ej uppföljda {fmt_int(stale)})",
    ]
    if counts[Standing.CARRIED_OVER]:
        parts.append(f"överförda till nästa års plan {fmt_int(counts[Standing.CARRIED_OVER])}")
    return " · ".join(parts) + "."


def key_figures(report: CouncilReport, period: rules.Period) -> dbc.Row:
    total, last = report.counts.total, report.last_year
    cards = [
        ("Andel genomförda", _percent(total.completion),
         (f"{fmt_int(total.done_due)} av {fmt_int(total.due)} som skulle vara klara"
          if total.due else "Inget skulle vara klart i perioden")
         + f"; samma period {period.year - 1}: {_percent(last.completion)}",
         "follow-up-completion"),
        ("Försenade", fmt_int(total[Standing.DELAYED]),
         "Slutdatum passerat, varken genomförd eller inställd", "follow-up-delayed"),
        ("Löpande utan uppföljning", fmt_int(total[Standing.CONTINUOUS_STALE]),
         f"Ingen uppdatering sedan {period.since.isoformat()}", "follow-up-stale"),
        ("Händelser", fmt_int(report.incidents.total[0]),
         f"{period.months_text} {period.year}; samma period {period.year - 1}: "
         f"{fmt_int(report.incidents.total[1])}", "follow-up-incidents"),
    ]  # fmt: skip
    return dbc.Row(
        [
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.Div(value, className="lb-kpi-value"),
                            html.Div(title, className="lb-kpi-label"),
                            html.Div(detail, className="small text-body-secondary mt-1"),
                        ]
                    ),
                    className="lb-kpi h-100",
                    id=card_id,
                ),
                xs=6,
                lg=3,
                className="mb-3",
            )
            for title, value, detail, card_id in cards
        ]
    )


def schedule_cell(a: ActivityAsOf) -> str:
    if a.schedule_text:
        return a.schedule_text
    if a.schedule is Schedule.DEADLINE and a.deadline:
        return a.deadline.isoformat()
    return label(a.schedule)


def outcome_cell(a: ActivityAsOf) -> str:
    return " – ".join(t for t in (a.outcome, a.comment) if t)


def activity_row(a: ActivityAsOf) -> dict[str, Any]:
    delayed = a.standing is Standing.DELAYED
    return {
        "id": a.id,
        "plan": f"{a.plan_council} {a.plan_year}",
        "description": a.description,
        "responsible": a.responsible,
        "schedule": schedule_cell(a),
        "follow_up": a.follow_up_text or label(a.follow_up),
        "status": label(a.status),
        # The word itself says it (and a mark before it), not only the row's colour.
        "standing": ("⚠ " if delayed else "") + STANDING_LABELS[a.standing],
        "outcome": outcome_cell(a),
        "last_update": in_stockholm(a.last_update_at).date().isoformat()
        if a.last_update_at
        else "–",
        "delayed": delayed,
    }


def activity_columns(with_plan: bool) -> list[dict[str, Any]]:
    columns: list[dict[str, Any]] = [
        {"field": "description", "headerName": "Aktivitet", "flex": 3, "minWidth": 220, **WRAP},
        {"field": "responsible", "headerName": "Ansvarig", "flex": 1, "minWidth": 200, **WRAP},
        {"field": "schedule", "headerName": "Tidplan", "width": 140, **WRAP},
        {"field": "follow_up", "headerName": "Uppföljning", "width": 140, **WRAP},
        {"field": "status", "headerName": "Status", "width": 115, **WRAP},
        {
            "field": "standing",
            "headerName": "Bedömning",
            "width": 150,
            "cellClass": "lb-standing",
            **WRAP,
        },
        {"field": "outcome", "headerName": "Utfall/kommentar", "flex": 2, "minWidth": 180, **WRAP},
        {
            "field": "last_update",
            "headerName": "Senast uppföljd",
            "width": 120,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
    ]
    if with_plan:
        columns.insert(0, {"field": "plan", "headerName": "Plan", "width": 130, **WRAP})
    return columns


def activity_grid(grid_id: str, activities: list[ActivityAsOf], with_plan: bool) -> dag.AgGrid:
    return dag.AgGrid(
        id=grid_id,
        columnDefs=activity_columns(with_plan),
        rowData=[activity_row(a) for a in activities],
        defaultColDef=GRID_COLUMN_DEFAULTS,
        getRowId="params.data.id",
        rowClassRules={"lb-row-delayed": "params.data.delayed"},
        dashGridOptions={
            "domLayout": "autoHeight",
            "suppressColumnVirtualisation": True,
            "localeText": grid_locale("Inga aktiviteter i avsnittet"),
        },
        className="ag-theme-quartz",
        style={"width": "100%"},
    )


def sections(report: CouncilReport) -> list[Component]:
    """The plan's four sections in order: counts, then the activities as they stood."""
    with_plan = len({a.plan_council for a in report.activities}) > 1
    out: list[Component] = []
    for section in Section:
        mine = [a for a in report.activities if a.section is section]
        counts = report.counts.by_section[section]
        section_id = f"follow-up-section-{section.value}"
        body: list[Component] = [
            html.H3(f"{label(section)} ({fmt_int(len(mine))})", className="h6 mb-1"),
            html.P(counts_text(counts), className="small mb-2"),
        ]
        if mine:
            body.append(activity_grid(f"{section_id}-grid", mine, with_plan))
        else:
            body.append(html.P("Inga aktiviteter i detta avsnitt.", className="small"))
        out.append(html.Section(body, id=section_id, className="mb-4"))
    return out


def _pair_table(
    table_id: str, caption: str, rows: list[tuple[str, tuple[int, int]]], year: int
) -> html.Div:
    table = dbc.Table(
        [
            html.Caption(caption, className="caption-top fw-semibold text-body"),
            html.Thead(
                html.Tr(
                    [
                        html.Th("", scope="col"),
                        html.Th(str(year), scope="col", className="text-end"),
                        html.Th(str(year - 1), scope="col", className="text-end"),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Th(name, scope="row", className="fw-normal"),
                            html.Td(fmt_int(now), className="text-end"),
                            html.Td(fmt_int(before), className="text-end"),
                        ]
                    )
                    for name, (now, before) in rows
                ]
                or [html.Tr(html.Td("Inga händelser.", colSpan=3))]
            ),
        ],
        size="sm",
        striped=True,
        className="mb-0",
        id=table_id,
    )
    return html.Div(table, className="table-responsive")


def incident_tables(report: CouncilReport, period: rules.Period) -> dbc.Row:
    """This period's incidents by milieu and by source, against the same months last year."""
    incidents = report.incidents
    milieu = [(label(m), v) for m, v in incidents.by_milieu.items() if m is not Milieu.NOT_VBE]
    milieu.append(("Totalt (VBE)", incidents.total))
    not_vbe = incidents.by_milieu.get(Milieu.NOT_VBE, (0, 0))
    if any(not_vbe):
        milieu.append((label(Milieu.NOT_VBE) + " (ingår inte i totalen)", not_vbe))
    sources = [(label(s), v) for s, v in incidents.by_source.items() if any(v)]
    months = f"{period.months_text} {period.year}"
    return dbc.Row(
        [
            dbc.Col(
                _pair_table("follow-up-by-milieu", f"Per miljö, {months}", milieu, period.year),
                md=6,
                className="mb-3",
            ),
            dbc.Col(
                _pair_table("follow-up-by-source", f"Per källa, {months}", sources, period.year),
                md=6,
                className="mb-3",
            ),
        ]
    )


def council_report(report: FollowUpReport) -> list[Component]:
    r = report.councils[0]
    period = report.period
    return [
        plans_line(r, period.year),
        html.P(counts_text(r.counts.total), id="follow-up-counts", className="small"),
        key_figures(r, period),
        html.H2("Aktiviteter per avsnitt", className="h5 mt-2"),
        *sections(r),
        html.H2("Händelser", className="h5"),
        html.P(
            f"Från 1 januari till periodens slut, mot samma period {period.year - 1}"
            + (" (för en sammanslagen nämnd hela området)." if len(r.plans) > 1 else "."),
            className="small text-body-secondary",
        ),
        incident_tables(r, period),
    ]


def report_view(report: FollowUpReport) -> list[Component]:
    body = council_report(report) if report.council else city_summary(report)
    return [
        html.H2(report.title, className="h4 mb-2", id="follow-up-title"),
        as_of(report),
        downloads(report),
        *body,
    ]


def refusal(message: str) -> list[Component]:
    """A bad address or choice: the service's own Swedish words, and the page goes on."""
    return [dbc.Alert(message, color="warning", id="follow-up-error", className="mb-3")]
