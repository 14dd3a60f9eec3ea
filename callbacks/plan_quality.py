"""Plankvalitet callbacks: the year's plans (chart, grid) and one plan's checklist."""

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, html, no_update

from callbacks.common import cached, query_string
from dashboard.figures.common import figure
from dashboard.formatting import fmt_int, fmt_percent
from layouts.components import chosen_year
from models.enums import label
from models.queries.plan_quality import PlanQuality, plan_quality

BAR_COLOUR = "#08519c"  # dark enough to read as a solid bar when printed in grey-scale


def _missing_text(plan: PlanQuality) -> str:
    return ", ".join(item.label for item in plan.missing) or "–"


def grid_rows(plans: list[PlanQuality]) -> list[dict[str, Any]]:
    return [
        {
            "code": p.council_code,
            "council": p.council_name,
            "status": label(p.status),
            "score": f"{p.passed} av {p.total}",
            "percent": round(p.percent),
            "missing": _missing_text(p),
        }
        for p in plans
    ]


def score_chart(plans: list[PlanQuality]) -> dict[str, Any]:
    """One horizontal bar per plan, best first; the figure is printed inside every bar so the
    chart reads without colour."""
    bars = {
        "type": "bar",
        "orientation": "h",
        "x": [round(p.percent) for p in plans],
        "y": [p.council_name for p in plans],
        "marker": {"color": BAR_COLOUR},
        "text": [f"{round(p.percent)}\u00a0% ({p.passed}/{p.total})" for p in plans],
        "textposition": "inside",
        "insidetextanchor": "end",
        "textfont": {"color": "#fff"},
        "customdata": [[p.council_code, p.passed, p.total] for p in plans],
        "hovertemplate": "%{y}: %{customdata[1]} av %{customdata[2]} punkter"
        " (%{x}\u00a0%)<extra></extra>",
    }
    return figure(
        [bars],
        height=max(220, 90 + 30 * len(plans)),
        # Room at the top for the mode bar, so it never covers the best plan's bar.
        margin={"l": 10, "r": 20, "t": 36, "b": 10},
        showlegend=False,
        yaxis={
            "autorange": "reversed",
            "tickformat": "",
            "showgrid": False,
            "automargin": True,
        },
        xaxis={
            "range": [0, 100],
            "automargin": True,
            "ticksuffix": "\u00a0%",
            "gridcolor": "#e9ecef",
            "tickformat": ",d",
            "title": {"text": "Andel uppfyllda punkter"},
        },
    )


def summary(plans: list[PlanQuality], year: int) -> str:
    if not plans:
        return f"Inga handlingsplaner registrerade för {year}."
    average = sum(p.percent for p in plans) / len(plans)
    complete = sum(p.passed == p.total for p in plans)
    return (
        f"{fmt_int(len(plans))} planer för {year}: i genomsnitt {fmt_percent(average, 0)} av "
        f"punkterna uppfyllda, {fmt_int(complete)} uppfyller alla."
    )


def checklist(plan: PlanQuality) -> list[Any]:
    rows = [
        html.Tr(
            [
                html.Th(item.label, scope="row", className="fw-normal"),
                html.Td(
                    [
                        html.Span("✓ " if item.passed else "✗ ", **{"aria-hidden": "true"}),
                        "Uppfyllt" if item.passed else "Saknas",
                    ],
                    className="fw-semibold text-nowrap "
                    + ("text-success-emphasis" if item.passed else "text-danger-emphasis"),
                ),
                html.Td(item.detail),
            ],
            id=f"quality-item-{item.key}",
        )
        for item in plan.items
    ]
    return [
        html.H3(
            f"{plan.council_name} {plan.year}: {plan.passed} av {plan.total} punkter uppfyllda "
            f"({fmt_percent(plan.percent, 0)})",
            className="h6",
            id="quality-detail-heading",
        ),
        html.P(f"Status: {label(plan.status)}.", className="small text-body-secondary"),
        dbc.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th("Krav", scope="col"),
                            html.Th("Resultat", scope="col"),
                            html.Th("Vad som finns eller saknas", scope="col"),
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            size="sm",
            className="mb-0 align-middle",
            id="quality-checklist",
        ),
    ]


def _no_plan_chosen() -> html.P:
    return html.P(
        "Välj en plan i tabellen, i diagrammet eller i listan Nämnd för att se dess checklista.",
        className="mb-0 text-body-secondary",
    )


def register(app: dash.Dash) -> None:
    @app.callback(
        Output("quality-grid", "rowData"),
        Output("quality-chart", "figure"),
        Output("quality-council", "options"),
        Output("quality-summary", "children"),
        Input("quality-year", "value"),
    )
    def load_year(selected: str | None):  # type: ignore[no-untyped-def]
        year = chosen_year(selected)
        plans = cached(plan_quality, year)
        by_name = sorted(plans, key=lambda p: p.council_name)
        options = [{"label": p.council_name, "value": p.council_code} for p in by_name]
        return grid_rows(plans), score_chart(plans), options, summary(plans, year)

    @app.callback(
        Output("quality-council", "value"),
        Output("quality-grid", "selectedRows"),
        Output("quality-detail", "children"),
        Output("url-query", "search", allow_duplicate=True),
        Input("quality-grid", "rowData"),
        Input("quality-grid", "selectedRows"),
        Input("quality-council", "value"),
        Input("quality-chart", "clickData"),
        State("quality-year", "value"),
        prevent_initial_call=True,
    )
    def choose_plan(  # type: ignore[no-untyped-def]
        rows: list[dict[str, Any]] | None,
        selected_rows: list[dict[str, Any]] | None,
        council: str | None,
        click: dict[str, Any] | None,
        selected_year: str | None,
    ):
        """One place decides the chosen plan, whether it came from the grid, the select, a bar
        or the URL, and keeps the other two in step with it."""
        year = chosen_year(selected_year)
        codes = {row["code"] for row in rows or []}
        trigger = next(iter(ctx.triggered_prop_ids), "")
        from_grid = trigger == "quality-grid.selectedRows"
        if from_grid:
            code = selected_rows[0]["code"] if selected_rows else ""
            if code == (council or ""):
                return no_update, no_update, no_update, no_update  # the grid echoing us
        elif trigger == "quality-chart.clickData" and click:
            code = click["points"][0]["customdata"][0]
        else:
            code = council or ""
        if code not in codes:
            code = ""
        plans = cached(plan_quality, year, code) if code else []
        return (
            code if code != (council or "") else no_update,
            no_update if from_grid else ({"ids": [code]} if code else []),
            checklist(plans[0]) if plans else _no_plan_chosen(),
            query_string(year=year, council=code),
        )
