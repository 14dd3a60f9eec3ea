"""Översikt callbacks."""

from datetime import date

import dash
from dash import Input, Output

from dashboard.db import db_session
from dashboard.figures import overview as figures
from dashboard.formatting import fmt_int
from layouts.components import kpi_card
from models.enums import ActivityStatus
from models.queries import overview as q


def register(app: dash.Dash) -> None:
    @app.callback(
        Output("overview-kpis", "children"),
        Output("overview-incidents", "figure"),
        Output("overview-activities", "figure"),
        Input("overview-year", "value"),
    )
    def update_overview(selected: str | None):  # type: ignore[no-untyped-def]
        today = date.today()
        year = int(selected) if selected and selected.isdigit() else today.year
        session = db_session()
        # Compare like with like: for the current year, the same months of last year.
        months = today.month if year == today.year else 12
        this_year = q.incident_total(session, year, months)
        last_year = q.incident_total(session, year - 1, months)
        statuses = q.activity_status_counts(session, year)
        total = sum(statuses.values())
        approval = q.plan_approval(session, year)
        overdue = q.overdue_activity_count(session, year, today)
        period = "hittills i år" if months < 12 else "helår"
        kpis = [
            kpi_card(
                f"Händelser {year} ({period})",
                fmt_int(this_year),
                f"Samma period {year - 1}: {fmt_int(last_year)}",
                "kpi-incidents",
            ),
            kpi_card(
                "Aktiviteter genomförda",
                f"{fmt_int(statuses[ActivityStatus.DONE])} av {fmt_int(total)}",
                f"Planår {year}",
                "kpi-activities",
            ),
            kpi_card(
                "Förfallna aktiviteter",
                fmt_int(overdue),
                "Deadline passerad, ej genomförd eller inställd",
                "kpi-overdue",
            ),
            kpi_card(
                "Planer godkända av KS",
                f"{fmt_int(approval.ks_approved)} av {fmt_int(approval.councils)}",
                f"Nämnder {year}",
                "kpi-plans",
            ),
        ]
        years = list(range(year - 7, year + 1))
        incidents = q.incidents_by_year_and_milieu(session, years[0], years[-1])
        return (
            kpis,
            figures.incidents_by_year(incidents, years),
            figures.activities_by_status(statuses),
        )
