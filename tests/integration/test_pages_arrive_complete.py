"""A page arrives complete: the router's one answer already holds what the page's prefill
callbacks show, so the browser draws it without a chain of further round trips."""

from datetime import date
from typing import Any

from flask.testing import FlaskClient

from tests.dash_calls import call


def _render(client: FlaskClient, path: str, search: str = "") -> dict[str, Any]:
    return call(
        client,
        None,
        [{"id": "url", "property": "pathname", "value": path}],
        [{"id": "url", "property": "search", "value": search}],
    )


def _by_id(node: Any) -> dict[str, dict[str, Any]]:
    """Every component with a string id in a layout as Dash sends it, by id."""
    found: dict[str, dict[str, Any]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict) and "props" in value:
            props = value["props"]
            key = props.get("id")
            if isinstance(key, str):
                found[key] = props
            elif isinstance(key, dict):
                found[str(sorted(key.items()))] = props
            for child in props.values():
                walk(child)

    walk(node)
    return found


def _prefilled(client: FlaskClient) -> set[str]:
    """The outputs of callbacks that the browser does not fire when a page loads."""
    return {
        d["output"]
        for d in client.get("/_dash-dependencies").get_json()
        if d.get("prevent_initial_call")
    }


def test_oversikt_arrives_with_its_figures(login_as: Any, today: date) -> None:
    client = login_as("ks")
    answer = _render(client, "/")
    page = _by_id(answer["page"]["children"])
    assert "kpi-incidents" in page and "kpi-awareness" in page  # the key figures' cards
    councils = page[str(sorted({"type": "chart", "name": "overview-councils"}.items()))]
    bars = councils["figure"]["data"][0]
    assert bars["type"] == "bar" and "Bromma" in bars["y"]
    trend = page[str(sorted({"type": "chart", "name": "overview-trend"}.items()))]
    assert trend["figure"]["data"], "the trend arrives drawn"
    assert page["overview-overdue"]["rowData"], "the overdue activities arrive in the grid"
    assert "Nämnderna jämförda" in page["overview-councils-title"]["children"]
    # The address names the year shown, so that it shows the same view next year too.
    assert answer["url-query"]["search"] == f"?year={today.year}"
    # ... so the browser does not ask for them again.
    prefilled = _prefilled(client)
    assert any("overview-kpis.children" in key for key in prefilled)
    assert any("overview-overdue.rowData" in key for key in prefilled)


def test_council_page_arrives_with_its_years_and_plan(login_as: Any) -> None:
    client = login_as("ks")
    page = _by_id(_render(client, "/namnd/BRO", "?year=2020")["page"]["children"])
    assert page["council-year"]["value"] == "2020"
    assert {"label": "2020", "value": "2020"} in page["council-year"]["options"]
    assert "Bromma" in str(page["council-header"]["children"])
    assert "Blackeberg" in str(page["council-lagesbild"]["children"])


def test_a_dissolved_council_opens_on_its_last_year_and_the_address_says_so(
    login_as: Any,
) -> None:
    client = login_as("ks")
    answer = _render(client, "/namnd/ost", "?year=2026")
    assert _by_id(answer["page"]["children"])["council-year"]["value"] == "2023"
    assert answer["url-query"]["search"] == "?year=2023"


def test_a_page_the_role_may_not_open_runs_none_of_its_prefills(login_as: Any) -> None:
    answer = _render(login_as("polis"), "/logg")
    assert answer["page-title"]["data"] == "Ingen behörighet"
    assert "kpi-incidents" not in str(answer["page"])
