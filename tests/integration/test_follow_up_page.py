"""Uppföljning through its callbacks, as the browser calls them: the report as it stood at the
period's end (not as the activities stand now), the councils of the period, the exports of
exactly the report shown, and the service's Swedish message for a bad address."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.db import Database
from dashboard.services import follow_up as service
from models import Activity, rules
from models.base import stockholm_today
from models.enums import label
from models.queries.follow_up import STANDING_LABELS, Standing, reporting_councils
from tests.conftest import login
from tests.dash_calls import call


@pytest.fixture
def login_as(app: Flask):  # type: ignore[no-untyped-def]
    """A new client per user, so one test can compare what several roles see."""

    def _login(username: str) -> FlaskClient:
        client = app.test_client()
        assert login(client, username).status_code == 302, username  # type: ignore[attr-defined]
        return client

    return _login


CONTROLS = ("follow-up-year", "follow-up-period", "follow-up-council")


def _inputs(year: object, period: object, council: object) -> list[dict[str, Any]]:
    return [
        {"id": control, "property": "value", "value": value}
        for control, value in zip(CONTROLS, (year, period, council), strict=True)
    ]


def report(client: FlaskClient, year: object, period: object, council: object) -> Any:
    """The report callback's children (the address-writing callback takes the same inputs)."""
    answer = call(client, None, _inputs(year, period, council), [], output_has="follow-up-report")
    return answer["follow-up-report"]["children"]


def councils(
    client: FlaskClient,
    year: object,
    period: object,
    requested: str | None,
    default: str | None = None,
) -> dict[str, Any]:
    """The council select for a period, given what it holds and what was chosen by default."""
    inputs = _inputs(year, period, None)[:2]
    state = [
        {"id": "follow-up-council", "property": "value", "value": requested},
        {"id": "follow-up-council-default", "property": "data", "value": default},
    ]
    answer = call(client, None, inputs, state, output_has="follow-up-council.options")
    chosen: dict[str, Any] = answer["follow-up-council"]
    chosen["default"] = answer["follow-up-council-default"]["data"]
    return chosen


def nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component of a serialised Dash tree."""
    if isinstance(tree, list):
        for child in tree:
            yield from nodes(child)
    elif isinstance(tree, dict) and "props" in tree:
        yield tree
        yield from nodes(tree["props"].get("children"))


def text(tree: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str | int | float):
            parts.append(str(node))
        elif isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            walk(node.get("props", {}).get("children"))

    walk(tree)
    return " ".join(parts)


def by_id(tree: Any, component_id: str) -> dict[str, Any]:
    found = [n for n in nodes(tree) if n["props"].get("id") == component_id]
    assert found, f"{component_id} not in the page"
    return found[0]["props"]


def as_of(tree: Any) -> str:
    return str(by_id(tree, "follow-up-as-of")["children"]).replace("\u00a0", " ")


def grid_rows(tree: Any) -> list[dict[str, Any]]:
    return [row for n in nodes(tree) if n.get("type") == "AgGrid" for row in n["props"]["rowData"]]


def expected(database: Database, year: int, period: str, code: str | None) -> Any:
    with database.session() as session:
        wanted = service.parse_request(session, year, period, code, stockholm_today())
        built = service.build_report(session, wanted, datetime.now(UTC))
        ids = [a.id for r in built.councils for a in r.activities]
        current = {
            a.id: a.status for a in session.scalars(select(Activity).where(Activity.id.in_(ids)))
        }
        names = [c.name for c in reporting_councils(session, built.period.end)]
        return built, current, names


def test_a_council_shows_its_activities_as_they_stood_at_the_period_end(
    login_as: Any, demo_db: Database
) -> None:
    client = login_as("ostermalm")
    page = report(client, "2023", "t1", "OST")
    built, current, _ = expected(demo_db, 2023, "t1", "OST")
    activities = built.councils[0].activities

    assert as_of(page) == "Läge per 30 april 2023 kl. 23.59"
    assert "Uppföljning T1 2023 – Östermalm" in text(page)
    assert by_id(page, "follow-up-plans")["children"] == "Plan: Östermalm 2023 (Dnr OST 2022/949)"

    rows = {row["id"]: row for row in grid_rows(page)}
    assert set(rows) == {a.id for a in activities} and rows
    for a in activities:
        row = rows[a.id]
        assert row["description"] == a.description
        assert row["status"] == label(a.status)
        assert row["standing"].endswith(STANDING_LABELS[a.standing])
    # Activities done, delayed or cancelled since then still read as they stood on 30 April.
    changed = [a for a in activities if current[a.id] is not a.status]
    assert changed, "the demo data changes some of Östermalm's activities after T1 2023"
    for a in changed:
        assert rows[a.id]["status"] != label(current[a.id])
    # The plan's four sections, in the plan's order, each with its counts.
    sections = [
        n["props"]["id"]
        for n in nodes(page)
        if str(n["props"].get("id", "")).startswith("follow-up-section-")
        and not n["props"]["id"].endswith("-grid")
    ]
    assert sections == [
        "follow-up-section-preventive",
        "follow-up-section-preventing",
        "follow-up-section-grants_premises",
        "follow-up-section-competence",
    ]


def test_the_downloads_are_of_the_report_shown(login_as: Any, demo_db: Database) -> None:
    page = report(login_as("ostermalm"), "2023", "t1", "ost")
    query = "year=2023&period=t1&council=OST"
    assert by_id(page, "follow-up-xlsx")["href"] == f"/export/uppfoljning.xlsx?{query}"
    assert by_id(page, "follow-up-docx")["href"] == f"/export/uppfoljning.docx?{query}"
    assert (
        by_id(page, "follow-up-plan-docx")["href"]
        == "/export/handlingsplan.docx?council=OST&year=2023"
    )
    city = report(login_as("ks"), "2023", "t2", "all")
    assert by_id(city, "follow-up-xlsx")["href"] == "/export/uppfoljning.xlsx?year=2023&period=t2"
    assert "handlingsplan.docx" not in str(city)


def test_a_merged_council_reports_its_predecessors_plans(login_as: Any, demo_db: Database) -> None:
    page = report(login_as("norrainnerstaden"), "2023", "t2", "NIN")
    built, _, _ = expected(demo_db, 2023, "t2", "NIN")
    plans = by_id(page, "follow-up-plans")["children"]
    assert (
        plans.startswith("Planer: Norrmalm 2023 (Dnr NOR") and ", Östermalm 2023 (Dnr OST" in plans
    )
    rows = grid_rows(page)
    assert {r["plan"] for r in rows} == {"Norrmalm 2023", "Östermalm 2023"}
    assert len(rows) == len(built.councils[0].activities)
    delayed = [r for r in rows if r["delayed"]]
    assert delayed and all(r["standing"] == "⚠ Försenad" for r in delayed)
    links = {by_id(page, f"follow-up-plan-docx-{i}")["href"] for i in range(2)}
    assert links == {
        "/export/handlingsplan.docx?council=NOR&year=2023",
        "/export/handlingsplan.docx?council=OST&year=2023",
    }


@pytest.mark.parametrize("username", ["ks", "admin"])
def test_the_city_table_names_every_council_of_the_period(
    login_as: Any, demo_db: Database, username: str
) -> None:
    page = report(login_as(username), "2023", "t2", "all")
    built, _, names = expected(demo_db, 2023, "t2", None)
    rows = grid_rows(page)
    assert [r["council"] for r in rows] == names
    assert "Norra innerstaden" in names and "Östermalm" not in names
    norra = next(r for r in rows if r["council"] == "Norra innerstaden")
    assert norra["council_href"] == "/uppfoljning?year=2023&period=t2&council=NIN"
    nin = next(r for r in built.councils if r.council.code == "NIN")
    assert norra["due"] == nin.counts.total.due
    assert norra["delayed"] == nin.counts.total[Standing.DELAYED]
    assert norra["completion"] == nin.counts.total.completion
    assert norra["completion_last_year"] == nin.last_year.completion
    assert norra["incidents"] == nin.incidents.total[0]
    assert norra["incidents_last_year"] == nin.incidents.total[1]
    total = by_id(page, "follow-up-city-grid")["dashGridOptions"]["pinnedBottomRowData"][0]
    assert total["council"] == "Hela staden" and total["due"] == built.total.due
    assert as_of(page) == "Läge per 31 augusti 2023 kl. 23.59"


@pytest.mark.parametrize(
    ("year", "period", "council", "message"),
    [
        ("2023", "t1", "ZZZ", "Nämnden finns inte. Välj en nämnd i listan."),
        ("2023", "t2", "OST", "Östermalm gick upp i Norra innerstaden den 1 juli 2023."),
        ("abc", "t1", "all", "Välj ett år mellan 2017 och"),
        ("2023", "x", "all", "Välj period: T1 (t1), T2 (t2) eller helår (vb)."),
    ],
)
def test_a_bad_choice_gets_the_services_swedish_message(
    login_as: Any, year: str, period: str, council: str, message: str
) -> None:
    page = report(login_as("ks"), year, period, council)
    assert message in by_id(page, "follow-up-error")["children"]
    assert grid_rows(page) == []


@pytest.mark.parametrize(
    "forged", [["2023"], {"year": 2023}, "9" * 5000, "<script>alert(1)</script>", None]
)
def test_forged_values_get_a_message_or_the_default_never_a_crash(
    login_as: Any, forged: object
) -> None:
    client = login_as("ks")
    for values in ((forged, "t1", "all"), ("2023", forged, "all"), ("2023", "t1", forged)):
        page = report(client, *values)
        shown = [n["props"].get("id") for n in nodes(page)]
        assert "follow-up-error" in shown or "follow-up-as-of" in shown, values
    chosen = councils(client, "2023", "t1", forged, forged)  # type: ignore[arg-type]
    assert chosen["options"][0] == {"label": "Hela staden", "value": "all"}


def test_coordinators_start_on_their_own_council_if_it_existed(login_as: Any) -> None:
    assert councils(login_as("ks"), "2023", "t1", None)["value"] == "all"
    ostermalm = councils(login_as("ostermalm"), "2023", "t1", None)
    assert ostermalm["value"] == "OST"
    assert {"OST", "NOR", "all"} <= {o["value"] for o in ostermalm["options"]}
    assert "NIN" not in {o["value"] for o in ostermalm["options"]}

    # Östermalm's coordinator opens the page on a period after the merger: the city. Going
    # back to 2023 the default follows to Östermalm; a council chosen by hand stays.
    after = councils(login_as("ostermalm"), "2024", "t2", None)
    assert after["value"] == "all" and after["default"] == "all"
    back = councils(login_as("ostermalm"), "2023", "t1", "all", default="all")
    assert back["value"] == "OST" and back["default"] == "OST"
    chosen = councils(login_as("ostermalm"), "2023", "t1", "BRO", default="all")
    assert chosen["value"] == "BRO" and chosen["default"] is None

    norra = login_as("norrainnerstaden")
    assert councils(norra, "2023", "t2", None)["value"] == "NIN"
    # Norra innerstaden was formed on 1 July 2023: in T1 its coordinator starts on the city.
    assert councils(norra, "2023", "t1", None)["value"] == "all"
    # A council the period did not have stays chosen, named, so the message has its context.
    kept = councils(norra, "2023", "t2", "OST")
    assert kept["value"] == "OST"
    assert {"label": "Östermalm (fanns inte i perioden)", "value": "OST", "disabled": True} in kept[
        "options"
    ]


def _opened(client: FlaskClient, search: str) -> Any:
    answer = call(
        client,
        None,
        [{"id": "url", "property": "pathname", "value": "/uppfoljning"}],
        [{"id": "url", "property": "search", "value": search}],
    )
    return answer["page"]["children"]


def test_the_address_chooses_the_report_and_defaults_to_the_latest_ended_period(
    login_as: Any,
) -> None:
    client = login_as("ks")
    shared = _opened(client, "?year=2023&period=t1&council=ost")
    assert by_id(shared, "follow-up-year")["value"] == "2023"
    assert by_id(shared, "follow-up-period")["value"] == "t1"
    assert by_id(shared, "follow-up-council")["value"] == "OST"

    latest = rules.latest_ended(stockholm_today())
    plain = _opened(client, "")
    assert by_id(plain, "follow-up-year")["value"] == str(latest.year)
    assert by_id(plain, "follow-up-period")["value"] == latest.code

    bad = _opened(client, "?year=abc&period=x")
    year = by_id(bad, "follow-up-year")
    assert year["value"] == "abc"
    assert {"label": "Ogiltigt val", "value": "abc", "disabled": True} in year["options"]
