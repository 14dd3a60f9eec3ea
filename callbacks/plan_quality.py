"""Plankvalitet callbacks: the year's plans (chart, grid) and one plan's checklist."""

from typing import Any

from dash import Input, NoUpdate, Output, State, ctx, html, no_update

from callbacks.common import (
    Callbacks,
    Options,
    cached,
    clicked,
    rows_of,
    selected_row,
    text_value,
)
from dashboard.figures.plan_quality import score_chart
from layouts.plan_quality import FILTERS, checklist, grid_rows, no_plan_chosen, summary
from models.queries.plan_quality import plan_quality

YEAR = FILTERS[0]


def _clicked_code(click: object) -> object:
    """The council code of the clicked bar (its customdata is [code, ...])."""
    data = clicked(click)
    return data[0] if isinstance(data, list) and data else None


def register(app: Callbacks) -> None:
    @app.callback(
        Output("quality-grid", "rowData"),
        Output("quality-chart", "figure"),
        Output("quality-council", "options"),
        Output("quality-summary", "children"),
        Input("quality-year", "value"),
    )
    def load_year(
        selected: str | None,
    ) -> tuple[list[dict[str, Any]], dict[str, Any], Options, str]:
        year = int(YEAR.parse(selected) or 0)
        plans = cached(plan_quality, year)
        by_name = sorted(plans, key=lambda p: p.council_name)
        options = [{"label": p.council_name, "value": p.council_code} for p in by_name]
        return grid_rows(plans), score_chart(plans), options, summary(plans, year)

    @app.callback(
        Output("quality-council", "value"),
        Output("quality-grid", "selectedRows"),
        Output("quality-detail", "children"),
        Input("quality-grid", "rowData"),
        Input("quality-grid", "selectedRows"),
        Input("quality-council", "value"),
        Input("quality-chart", "clickData"),
        State("quality-year", "value"),
        prevent_initial_call=True,
    )
    def choose_plan(
        rows: list[dict[str, Any]] | None,
        selected_rows: list[dict[str, Any]] | None,
        council: str | None,
        click: dict[str, Any] | None,
        selected_year: str | None,
    ) -> tuple[
        str | NoUpdate, dict[str, list[str]] | list[Any] | NoUpdate, list[Any] | html.P | NoUpdate
    ]:
        """One place decides the chosen plan, whether it came from the grid, the select, a bar
        or the URL, and keeps the other two in step with it."""
        year = int(YEAR.parse(selected_year) or 0)
        # Rows, selection and click come from the browser: a forged one names no plan.
        codes = {row.get("code") for row in rows_of(rows)}
        council = text_value(council)
        trigger = next(iter(ctx.triggered_prop_ids), "")
        from_grid = trigger == "quality-grid.selectedRows"
        code: object
        if from_grid:
            chosen = selected_row(selected_rows)
            code = chosen.get("code") if chosen else ""
            if code == (council or ""):
                return no_update, no_update, no_update  # the grid echoing us
        elif trigger == "quality-chart.clickData" and click:
            code = _clicked_code(click)
        else:
            code = council or ""
        if not isinstance(code, str):
            code = ""
        if code not in codes:
            code = ""
        plans = cached(plan_quality, year, code) if code else []
        return (
            code if code != (council or "") else no_update,
            no_update if from_grid else ({"ids": [code]} if code else []),
            checklist(plans[0]) if plans else no_plan_chosen(),
        )
