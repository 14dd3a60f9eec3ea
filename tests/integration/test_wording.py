"""Swedish for the user: the API's 422 and 403 texts name labels, every chart shares one
configuration (Swedish, no cloud button), and a council's page names the council in its tab."""

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dashboard.db import Database
from dashboard.pages import PAGES, Page
from layouts.chart_table import GRAPH_CONFIG
from models.enums import Role
from tests.accounts import ACCOUNTS
from tests.conftest import login
from tests.integration.test_api import INCIDENT, Api, _ost_activity
from tests.integration.test_dash_permissions import call


def test_a_missing_choice_is_asked_for_by_its_label(app: Flask, demo_db: Database) -> None:
    api = Api(app, "ostermalm")
    response = api.post("/api/v1/incidents", INCIDENT | {"source": None, "milieu": "nazi"})
    assert response.status_code == 422
    body = response.get_json()
    assert body["errors"]["source"] == "Välj källa."
    assert body["errors"]["milieu"].startswith(
        "Miljö: 'nazi' finns inte. Välj något av: Vit makt-miljön, Autonoma miljön"
    )
    for code in ("traffic_office", "white_power", "autonomous", "None"):
        assert code not in body["error"]


def test_an_unknown_status_lists_the_statuses_by_name(app: Flask) -> None:
    api = Api(app, "ostermalm")
    activity = _ost_activity(api)
    response = api.patch(
        f"/api/v1/activities/{activity['id']}", {"status": "klar", "version": activity["version"]}
    )
    assert response.status_code == 422
    assert response.get_json()["errors"]["status"] == (
        "Status: 'klar' finns inte. Välj något av: Ej påbörjad, Pågår, Genomförd, Försenad, "
        "Inställd."
    )


def test_a_reader_is_told_their_role_by_its_label(app: Flask) -> None:
    api = Api(app, "ks")
    activity = _ost_activity(api)
    response = api.patch(
        f"/api/v1/activities/{activity['id']}", {"status": "done", "version": activity["version"]}
    )
    assert response.status_code == 403
    assert response.get_json()["error"] == "Din roll (Läsare) får bara läsa uppgifter i Lägesbild."


def _render(client: FlaskClient, path: str) -> dict[str, Any]:
    return call(
        client,
        None,
        [{"id": "url", "property": "pathname", "value": path}],
        [{"id": "url", "property": "search", "value": ""}],
    )


def _components(node: Any) -> Iterator[dict[str, Any]]:
    """Every component in a layout as Dash sends it (type, namespace, props)."""
    if isinstance(node, list):
        for child in node:
            yield from _components(child)
    elif isinstance(node, dict) and "props" in node:
        yield node
        for value in node["props"].values():
            yield from _components(value)


def _path(page: Page) -> str:
    return page.path.replace("<code>", "OST")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_every_chart_uses_the_shared_configuration(app: Flask, page: Page) -> None:
    role = next(r for r in (Role.ADMIN, Role.COORDINATOR) if page.allows(r))
    client = app.test_client()
    assert login(client, ACCOUNTS[role]).status_code == 302
    layout = _render(client, _path(page))["page"]["children"]
    graphs = [c for c in _components(layout) if c["type"] == "Graph"]
    for graph in graphs:
        config = graph["props"].get("config")
        assert config == GRAPH_CONFIG, (page.key, graph["props"].get("id"))
    if page.key == "oversikt":
        assert len(graphs) == 3  # trend, map, councils compared


def test_the_shared_configuration_is_swedish_and_keeps_data_at_home() -> None:
    assert GRAPH_CONFIG["locale"] == "sv"
    assert GRAPH_CONFIG["locales"]["sv"]["dictionary"]["Reset axes"] == "Återställ axlarna"
    assert GRAPH_CONFIG["showSendToCloud"] is False
    assert GRAPH_CONFIG["showEditInChartStudio"] is False
    assert GRAPH_CONFIG["displaylogo"] is False
    # Two buttons: download as PNG and reset the axes (two tab stops per chart, not ten).
    assert GRAPH_CONFIG["modeBarButtons"] == [["toImage", "resetScale2d"]]


def test_a_council_page_names_the_council_in_its_tab(app: Flask) -> None:
    client = app.test_client()
    assert login(client, "ks").status_code == 302
    assert _render(client, "/namnd/OST")["page-title"]["data"] == "Östermalm – Nämnd"
    assert _render(client, "/namnd/ska")["page-title"]["data"] == "Skarpnäck – Nämnd"
    assert _render(client, "/")["page-title"]["data"] == "Översikt"
