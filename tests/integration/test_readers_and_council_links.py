"""Readers and police choose any council on Mina aktiviteter and Handlingsplan and meet no enabled
save button; council pages link a merger's councils; Översikt links the facknämnder."""

import json
import re
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from dashboard.db import Database
from layouts.chart_table import chart_id
from layouts.plan_editor import SAVE_BUTTONS, read_only_prop
from layouts.plan_editor import TEXTS as PLAN_TEXTS
from models import ActionPlan, Council
from tests.dash_calls import call, council_page
from tests.integration.test_successor_follow_up import councils_offered

DATE_FIELDS = ("plan-council-approved-on", "plan-ks-approved-on")
TEXTS = [name for name, _ in PLAN_TEXTS]


def _plan_page(client: Any, code: str, year: int) -> dict[str, Any]:
    inputs = [
        {"id": "plan-council", "property": "value", "value": code},
        {"id": "plan-year", "property": "value", "value": str(year)},
        {"id": "plan-refresh", "property": "data", "value": 0},
    ]
    state = [
        {"id": "plan-state", "property": "data", "value": None},
        *[{"id": f"plan-{name}", "property": "value", "value": None} for name in TEXTS],
    ]
    return call(client, None, inputs, state, output_has="plan-state.data")


def _plan_councils(client: Any, requested: str) -> dict[str, Any]:
    outputs = [
        ("plan-council", "options"),
        ("plan-council", "value"),
        ("plan-council", "disabled"),
    ]
    inputs = [{"id": "plan-state", "property": "id", "value": "plan-state"}]
    state = [{"id": "plan-council", "property": "value", "value": requested}]
    return call(client, outputs, inputs, state)["plan-council"]


def _bromma_plan(database: Database) -> tuple[int, int]:
    """Bromma's latest plan: (year, one of its activities)."""
    with database.session() as session:
        plan = session.scalars(
            select(ActionPlan)
            .join(Council)
            .where(Council.code == "BRO", ActionPlan.activities.any())
            .order_by(ActionPlan.year.desc())
        ).first()
        assert plan is not None
        return plan.year, plan.activities[0].id


@pytest.mark.parametrize("username", ["ks", "polis"])
def test_readers_choose_any_council_and_meet_no_enabled_save(
    login_as: Any, demo_db: Database, username: str
) -> None:
    client = login_as(username)
    year, activity_id = _bromma_plan(demo_db)

    aktiviteter = councils_offered(client, "BRO")["activities-council"]
    assert aktiviteter["disabled"] is False and aktiviteter["value"] == "BRO"
    assert {"BRO", "SKA", "OST", "NIN", "IDR"} <= {o["value"] for o in aktiviteter["options"]}
    opened = call(
        client,
        None,
        [{"id": "activities-grid", "property": "selectedRows", "value": [{"id": activity_id}]}],
        [
            {"id": "activity-form-state", "property": "data", "value": None},
            {"id": "activity-form", "property": "is_open", "value": False},
        ],
        output_has="activity-form.is_open",
    )
    assert opened["activity-form"]["is_open"] is True
    assert opened["activity-save"]["disabled"] is True
    assert "får bara läsa" in json.dumps(opened["activity-save-result"], ensure_ascii=False)

    handlingsplan = _plan_councils(client, "SKA")
    assert handlingsplan["disabled"] is False and handlingsplan["value"] == "SKA"
    page = _plan_page(client, "BRO", year)
    assert page["plan-existing"]["style"] == {"display": "block"}, "the plan is shown"
    for control in (*SAVE_BUTTONS, *DATE_FIELDS):
        assert page[control]["disabled"] is True, control
    for name in TEXTS:
        assert page[f"plan-{name}"][read_only_prop(name)] is True, name


def test_a_coordinator_saves_on_their_own_plan_only(login_as: Any, demo_db: Database) -> None:
    client = login_as("norrainnerstaden")
    handlingsplan = _plan_councils(client, "BRO")
    # Handlingsplan edits plans: a successor's coordinator has their own council only.
    assert handlingsplan["options"] == [{"label": "Norra innerstaden", "value": "NIN"}]
    assert handlingsplan["value"] == "NIN" and handlingsplan["disabled"] is True
    with demo_db.session() as session:
        year = session.scalar(
            select(ActionPlan.year)
            .join(Council)
            .where(Council.code == "NIN")
            .order_by(ActionPlan.year.desc())
        )
        assert year is not None
    page = _plan_page(client, "NIN", year)
    for control in ("plan-save-texts", "plan-activity-new", "plan-activity-save"):
        assert page[control]["disabled"] is False, control
    assert page["plan-lagesbild"]["readOnly"] is False
    # A forged request for Bromma's plan still shows Norra innerstaden's.
    forged = _plan_page(client, "BRO", year)
    assert forged["plan-state"]["data"] == page["plan-state"]["data"]


MARKDOWN_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(<([^>]*)>\)")


def _links(component: Any) -> list[tuple[str, str]]:
    """(text, href) of every link in a serialised Dash component tree."""
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if node.get("type") == "A":
                found.append((props.get("children"), props.get("href")))
            if node.get("type") == "Markdown":  # layouts.components.link_list
                for text, href in MARKDOWN_LINK.findall(props.get("children", "")):
                    found.append((re.sub(r"\\(.)", r"\1", text), href))
                return
            walk(props.get("children"))

    walk(component)
    return found


def _text(component: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            walk(node.get("props", {}).get("children"))

    walk(component)
    return "".join(parts)


def test_council_pages_link_a_merger(login_as: Any, demo_db: Database) -> None:
    client = login_as("ks")
    ostermalm = council_page(client, "OST", 2023)["council-header"]["children"]
    assert "Ersatt av Norra innerstaden från 1 juli 2023." in _text(ostermalm)
    assert _links(ostermalm) == [("Norra innerstaden", "/namnd/NIN")]

    norra = council_page(client, "NIN", 2024)["council-header"]["children"]
    assert "Bildad 1 juli 2023 av Norrmalm och Östermalm." in _text(norra)
    assert _links(norra) == [("Norrmalm", "/namnd/NOR"), ("Östermalm", "/namnd/OST")]

    bromma = council_page(client, "BRO", 2023)["council-header"]["children"]
    assert _links(bromma) == [] and "Ersatt" not in _text(bromma)


def test_oversikt_links_the_specialist_councils(login_as: Any, today: date) -> None:
    client = login_as("ks")
    outputs = [
        (chart_id("overview-councils"), "figure"),
        ("overview-map", "figure"),
        ("overview-council-links", "children"),
        ("overview-population-note", "children"),
        ("overview-councils-title", "children"),
        ("overview-all-councils", "style"),
        ("overview-all-councils", "label"),
    ]
    values = {
        "overview-year": str(today.year),
        "overview-period": "vb",
        "overview-milieu": "all",
        "overview-source": "all",
        "overview-kind": "all",
        "overview-measure": "incidents",
    }
    inputs = [{"id": k, "property": "value", "value": v} for k, v in values.items()]
    inputs.append({"id": "overview-all-councils", "property": "value", "value": False})
    # The address-writing callback takes the same inputs: name this one by its outputs.
    key = next(
        d["output"]
        for d in client.get("/_dash-dependencies").get_json()
        if "overview-council-links.children" in d["output"]
    )
    body = {
        "output": key,
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": inputs,
        "changedPropIds": ["overview-year.value"],
        "state": [],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    links = response.get_json()["response"]["overview-council-links"]["children"]
    specialist = next(g for g in links if g["props"]["id"] == "overview-links-specialist")
    assert _text(specialist).startswith("Facknämnder: ")
    assert _links(specialist) == [
        (name, f"/namnd/{code}?year={today.year}")
        for name, code in (
            ("Arbetsmarknadsnämnden", "AMN"),
            ("Idrottsnämnden", "IDR"),
            ("Kulturnämnden", "KUL"),
            ("Socialnämnden", "SOC"),
            ("Utbildningsnämnden", "UTB"),
        )
    ]
    districts = next(g for g in links if g["props"]["id"] == "overview-links-district")
    assert ("Bromma", f"/namnd/BRO?year={today.year}") in _links(districts)
    assert "/namnd/IDR" not in json.dumps(districts)
