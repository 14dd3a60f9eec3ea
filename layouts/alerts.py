"""Trendlarm: the months in which a milieu's incidents in a council (or police area) were
unusually many for that series, each with its sentence, a link to the incidents behind it and a
review; and `alert_list`, the short list Översikt, the council page and Samverkan show."""

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.url_filters import UrlFilter
from layouts.components import app_link, aria, loading
from models.base import in_stockholm
from models.enums import AlertScope
from models.queries.alerts import TrendAlert, milieu_subject
from models.rules import MONTH_NAMES, parse_row_id

SCOPE_ID = "alerts-scope"


def _scope(raw: str, _today: date) -> str | None:
    """`council-CODE` or `area-ID` (the select's values); anything else is the default."""
    kind, _, rest = raw.partition("-")
    if kind == "council" and rest.isascii() and rest.isalnum() and len(rest) <= 16:
        return f"council-{rest.upper()}"
    area_id = parse_row_id(rest) if kind == "area" else None
    return f"area-{area_id}" if area_id is not None else None


def page_href(scope: AlertScope, key: str | int) -> str:
    """Trendlarm showing one council's (by code) or police area's (by id) alerts."""
    kind = "area" if scope is AlertScope.POLICE_AREA else "council"
    return f"/trendlarm?visa={kind}-{key}"


def _everything(_today: date) -> str:
    return "all"


FILTERS = (UrlFilter("visa", SCOPE_ID, _scope, _everything, omitted="all"),)

INTRO = (
    "Ett trendlarm betyder att en miljös händelser i en nämnd (eller ett lokalpolisområde) "
    "under en månad, eller två månader tillsammans, var fler än seriens egen historik gör "
    "troligt: jämfört med de 24 månaderna före, med hänsyn till årstiden och till att "
    "antalen varierar. Gränsen är satt så att en nämnd utan verklig ökning får högst omkring "
    "ett falsklarm om året. Där en miljö bara har någon enstaka händelse i månaden kan bara "
    "stora toppar upptäckas; en fördubbling syns då oftast inte, och larmtexten säger det."
)


def layout(params: dict[str, Any]) -> html.Div:
    return html.Div(
        [
            html.H1("Trendlarm", className="h3"),
            html.P(INTRO, style={"maxWidth": "60rem"}),
            dbc.Row(
                dbc.Col(
                    [
                        dbc.Label("Visa larm för", html_for=SCOPE_ID),
                        dbc.Select(id=SCOPE_ID, value=params.get("visa") or "all"),
                    ],
                    md=6,
                    lg=4,
                ),
                className="mb-3",
            ),
            loading(html.Div(id="alerts-list", **aria("live", "polite"))),
        ]
    )


def when(alert: TrendAlert) -> str:
    """The months the alert is about: "oktober 2026", "september–oktober 2026"."""
    name = f"{MONTH_NAMES[alert.month - 1]} {alert.year}"
    if alert.months == 2:
        before = MONTH_NAMES[(alert.month - 2) % 12]
        name = f"{before}–{name}" if alert.month > 1 else f"{before} {alert.year - 1}–{name}"
    return name + (" (pågår)" if alert.running else "")


def title(alert: TrendAlert) -> str:
    """What the alert is about: the card's heading, and what its controls are named after."""
    return f"{milieu_subject(alert.milieu)} i {alert.scope_name} – {when(alert)}"


def _hidden(text: str) -> html.Span:
    return html.Span(text, className="visually-hidden")


def review_button_text(alert: TrendAlert, reviewed: bool) -> list[Component]:
    """The review button's text, and for a screen reader which alert it reviews: a page lists
    many alerts, and a list of buttons all named "Markera som granskad" says nothing. The
    alert is in the text, not in an aria-label, so the name still begins with what is seen when
    the text changes after a review."""
    shown = "Uppdatera granskningen" if reviewed else "Markera som granskad"
    # A space before the hidden part: browsers differ in whether they add one around it.
    return [html.Span(shown), _hidden(f" ({title(alert)})")]


def review_text(alert: TrendAlert) -> Component:
    review = alert.review
    if review is None:
        return html.P("Inte granskad.", className="small text-body-secondary mb-2")
    at = in_stockholm(review.reviewed_at).strftime("%Y-%m-%d %H:%M")
    who = review.reviewed_by or "okänd användare"
    return html.P(
        [html.Strong("Granskad "), f"av {who} {at}: ", review.comment],
        className="small mb-2 lb-alert-review",
    )


def alert_card(alert: TrendAlert, can_review: bool) -> dbc.Card:
    """One alert: its sentence, the link to its incidents, its review and (for those who may)
    the review form."""
    key = alert.key
    body: list[Component] = [
        html.H2(
            title(alert),
            className="h6 mb-1",
            id=f"alert-title-{key}",
        ),
        html.P(alert.text, className="mb-2"),
        html.P(
            app_link(
                "Visa händelserna",
                alert.incidents_href,
                **aria(
                    "label", f"Visa händelserna bakom larmet: {alert.scope_name}, {when(alert)}"
                ),
            ),
            className="mb-2",
        ),
        html.Div(review_text(alert), id={"type": "alert-review-shown", "key": key}),
    ]
    if can_review:
        body.append(
            html.Div(
                [
                    dcc.Store(
                        id={"type": "alert-state", "key": key},
                        data={
                            "scope": alert.scope.value,
                            "scope_id": alert.scope_id,
                            "milieu": alert.milieu.value,
                            "year": alert.year,
                            "month": alert.month,
                            "version": alert.review.version if alert.review else None,
                        },
                    ),
                    # The label wraps its textarea: a pattern-matching id cannot be named
                    # by a label's `for`.
                    html.Label(
                        [
                            html.Span(
                                ["Kommentar", _hidden(f" till larmet {title(alert)}")],
                                className="form-label d-block mb-1",
                            ),
                            html.Span(
                                "Vad granskningen visade, utan personuppgifter.",
                                className="small text-body-secondary d-block mb-1",
                            ),
                            dbc.Textarea(
                                id={"type": "alert-comment", "key": key},
                                value="",
                                rows=2,
                                maxLength=2000,
                            ),
                        ],
                        className="d-block mb-2 w-100",
                    ),
                    dbc.Button(
                        review_button_text(alert, alert.review is not None),
                        id={"type": "alert-review-save", "key": key},
                        color="primary",
                        size="sm",
                    ),
                    html.Div(id={"type": "alert-review-result", "key": key}, role="status"),
                ],
                className="lb-alert-form",
            )
        )
    return dbc.Card(dbc.CardBody(body), className="mb-3 lb-alert", id=f"alert-{key}")


def alert_page_list(alerts: list[TrendAlert], reviewable: set[str], what: str) -> Component:
    if not alerts:
        return html.P(f"Inga trendlarm för {what} de senaste tre månaderna.", id="alerts-empty")
    count = f"{len(alerts)} larm" if len(alerts) != 1 else "1 larm"
    return html.Div(
        [
            html.P(f"{count} för {what}, det mest ovanliga först.", id="alerts-count"),
            *[alert_card(a, a.key in reviewable) for a in alerts],
        ]
    )


def alert_list(alerts: list[TrendAlert], limit: int | None, href: str = "/trendlarm") -> Component:
    """A short list (the `limit` most surprising) for another page, with a link to all."""
    shown = alerts if limit is None else alerts[:limit]
    items = [
        html.Li(
            [
                a.text,
                " ",
                app_link(
                    "Visa händelserna",
                    a.incidents_href,
                    **aria("label", f"Visa händelserna: {a.scope_name}, {when(a)}"),
                ),
                html.Span(" · granskad", className="text-body-secondary") if a.review else "",
            ],
            className="mb-1",
        )
        for a in shown
    ]
    body: list[Component] = [html.H2("Trendlarm", className="h5")]
    if items:
        body.append(html.Ul(items, className="mb-2"))
    else:
        body.append(html.P("Inga ovanliga ökningar de senaste tre månaderna.", className="mb-2"))
    more = f"Alla trendlarm ({len(alerts)})" if alerts else "Om trendlarmen"
    body.append(app_link(more, href))
    card: Component = dbc.Card(dbc.CardBody(body), className="mb-3 lb-alert-list")
    return card
