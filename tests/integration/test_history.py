"""History of plan texts and activity definitions, through the API, the service and the pages'
history lists; the incident API's status codes."""

import json
from typing import Any

from flask import Flask
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import func, select

from callbacks.activities import _history_items
from callbacks.plan_editor import _history as plan_history
from dashboard.db import Database
from dashboard.history import entry
from dashboard.services import plans
from dashboard.text_diff import Segment
from layouts.incidents import FIELDS, field_id
from models import ActionPlan, Activity, Incident, Revision, User
from models.base import stockholm_today
from models.enums import AuditEntity
from models.queries.revisions import revisions
from seed.plans.skarpnack_2021 import PLAN as SKARPNACK_2021
from tests.conftest import login
from tests.dash_calls import post_callback
from tests.integration.test_api import Api
from tests.unit.test_personal_data import generated_numbers

ANALYSIS = SKARPNACK_2021["analysis"]  # ends "… beslutas av kommunfullmäktige."
ADDED = "Klottret i Skarpnäck har dock ökat."


def _json(component: Any) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder, ensure_ascii=False)


def _skarpnack_2021(api: Api) -> dict[str, Any]:
    plans_found = api.get("/api/v1/plans?council=SKA&year=2021").get_json()
    assert [p["dnr"] for p in plans_found] == ["SKA 2021/165"]
    plan: dict[str, Any] = plans_found[0]
    return plan


def test_editing_a_plans_texts_keeps_old_and_new_and_shows_the_difference(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "skarpnack")
    plan = _skarpnack_2021(api)
    assert plan["analysis"] == ANALYSIS
    response = api.patch(
        f"/api/v1/plans/{plan['id']}",
        {"analysis": f"{ANALYSIS} {ADDED}", "dnr": "SKA 2021/166", "version": plan["version"]},
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["version"] == plan["version"] + 1

    history = api.get(f"/api/v1/plans/{plan['id']}").get_json()["history"]
    changed = {h["field"]: (h["old_value"], h["new_value"], h["user"]) for h in history}
    # One revision per changed field; the untouched lägesbild and sources have none.
    assert changed == {
        "analysis": (ANALYSIS, f"{ANALYSIS} {ADDED}", "skarpnack"),
        "dnr": ("SKA 2021/165", "SKA 2021/166", "skarpnack"),
    }

    with demo_db_writable.session() as session:
        stored = session.get(ActionPlan, plan["id"])
        assert stored is not None and stored.lagesbild == SKARPNACK_2021["lagesbild"]
        assert stored.lagesbild_revised_on != stockholm_today(), (
            "the lägesbild itself was not revised"
        )
    # Handlingsplan's Historik: the added sentence alone is marked as inserted, nothing deleted.
    with app_writable.test_request_context():
        shown = _json(plan_history(plan["id"]))
    assert '"type": "Ins"' in shown and ADDED in shown
    assert "[borttaget: " not in shown.split("Analys")[1].split("Dnr")[0]
    with demo_db_writable.session() as session:
        (row,) = [
            r
            for r in revisions(session, AuditEntity.ACTION_PLAN, plan["id"])
            if r.field == "analysis"
        ]
        # The long unchanged analysis is cut to its last twelve words before the addition.
        assert ANALYSIS.endswith(
            "för stadens arbete med föreningsbidrag och upplåtande av lokaler beslutas av "
            "kommunfullmäktige."
        )
        assert entry(row).diff == [
            Segment(
                "equal",
                "… för stadens arbete med föreningsbidrag och upplåtande av lokaler beslutas av "
                "kommunfullmäktige. ",
            ),
            Segment("insert", ADDED),
        ]


def test_a_stale_plan_save_is_a_conflict_and_keeps_no_history(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "skarpnack")
    plan = _skarpnack_2021(api)
    response = api.patch(
        f"/api/v1/plans/{plan['id']}", {"analysis": "Ny analys.", "version": plan["version"] - 1}
    )
    assert response.status_code == 409
    assert api.get(f"/api/v1/plans/{plan['id']}").get_json()["analysis"] == ANALYSIS
    assert (
        Api(app_writable, "bromma")
        .patch(
            f"/api/v1/plans/{plan['id']}", {"analysis": "Ny analys.", "version": plan["version"]}
        )
        .status_code
        == 403
    )
    with demo_db_writable.session() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == 0


def test_editing_an_activitys_definition_keeps_the_old_values(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    """Skarpnäck 2021's parental support was löpande, with two responsible units."""
    with demo_db_writable.session() as session:
        activity = session.scalars(
            select(Activity).where(Activity.description.startswith("Förebyggande föräldrastöd"))
        ).one()
        assert activity.responsible == "Enhetschef för familjeenheten resp. förskolans enhet"
        user = session.scalars(select(User).where(User.username == "skarpnack")).one()
        plans.save_activity_definition(
            session,
            user,
            activity.plan_id,
            {
                "id": activity.id,
                "version": activity.version,
                "section": "preventive",
                "description": activity.description,
                "responsible": "Enhetschef för familjeenheten",
                "schedule": "deadline",
                "deadline": "2021-12-31",
                "follow_up": "ordinary",
                "target": None,
            },
        )
        activity_id = activity.id
    with demo_db_writable.session() as session:
        changed = {
            r.field: (r.old_value, r.new_value)
            for r in revisions(session, AuditEntity.ACTIVITY, activity_id)
        }
    assert changed == {
        "responsible": (
            "Enhetschef för familjeenheten resp. förskolans enhet",
            "Enhetschef för familjeenheten",
        ),
        "schedule": ("continuous", "deadline"),
        "deadline": (None, "2021-12-31"),
        # The plan's "Löpande" no longer describes a deadline: cleared, and kept here.
        "schedule_text": ("Löpande", ""),
    }
    # The activity's history on Aktiviteter lists the change beside its follow-ups.
    with app_writable.test_request_context():
        shown = _json(_history_items(activity_id))
    assert "Ansvarig" in shown and "Löpande" in shown and "2021-12-31" in shown
    assert "resp. förskolans enhet" in shown


def test_incident_api_status_codes(app_writable: Flask, demo_db_writable: Database) -> None:
    admin = Api(app_writable, "admin")
    incident = admin.get("/api/v1/incidents?council=BRO&year=2024").get_json()[0]
    path = f"/api/v1/incidents/{incident['id']}"
    other_milieu = "not_vbe" if incident["milieu"] != "not_vbe" else "unclear"
    reclassify = {"milieu": other_milieu, "reason": "Granskad.", "version": incident["version"]}

    assert Api(app_writable, "skarpnack").patch(path, reclassify).status_code == 403
    assert Api(app_writable, "ks").patch(path, reclassify).status_code == 403
    assert admin.patch("/api/v1/incidents/999999", reclassify).status_code == 404
    no_reason = admin.patch(path, {"milieu": other_milieu, "version": incident["version"]})
    assert no_reason.status_code == 422
    assert "motivering" in no_reason.get_json()["errors"]["reason"]
    number = generated_numbers(1)[0]
    personal = admin.patch(path, {"description": number, "version": incident["version"]})
    assert personal.status_code == 422 and "description" in personal.get_json()["errors"]
    stale = admin.patch(path, reclassify | {"version": incident["version"] + 5})
    assert stale.status_code == 409 and stale.get_json()["current"]["milieu"] == incident["milieu"]

    saved = Api(app_writable, "bromma").patch(path, reclassify)
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["milieu"] == other_milieu
    read = admin.get(path).get_json()
    assert read["version"] == incident["version"] + 1
    assert [(h["field"], h["old_value"], h["new_value"], h["reason"], h["user"])
            for h in read["history"]] == [
        ("milieu", incident["milieu"], other_milieu, "Granskad.", "bromma")
    ]  # fmt: skip
    with demo_db_writable.session() as session:
        assert session.get(Incident, incident["id"]) is not None


def _forged_save(client: Any, incident: Incident, milieu: str) -> Any:
    """The Händelser page's save callback, as a forged request for any incident."""
    fields = [field_id(name) for name in FIELDS]
    outputs = [
        ("correct-result", "children"),
        *[(f, "invalid") for f in fields],
        *[(f"{f}-feedback", "children") for f in fields],
        ("correct-state", "data"),
        ("correct-history", "children"),
        ("correct-reason", "value"),
        ("incidents-refresh", "data"),
    ]
    values = {
        "date": incident.occurred_on.isoformat(),
        "source": incident.source.value,
        "category": incident.category.value,
        "milieu": milieu,
        "severity": str(incident.severity or ""),
        "count": incident.count,
        "sub_area": incident.sub_area or "",
        "description": incident.description,
        "reason": "Granskad.",
    }
    state = [
        {"id": "correct-state", "property": "data", "value": {"id": incident.id, "version": 1}},
        {"id": "correct-month-only", "property": "value", "value": False},
        *[{"id": field_id(n), "property": "value", "value": values[n]} for n in FIELDS],
        {"id": "incidents-refresh", "property": "data", "value": 0},
    ]
    return post_callback(
        client, outputs, [{"id": "correct-save", "property": "n_clicks", "value": 1}], state
    )


def test_forged_corrections_on_handelser_change_nothing(app: Flask, demo_db: Database) -> None:
    """Readers, the police and another council's coordinator are refused by the service, in
    Swedish, whatever the browser sends."""
    with demo_db.session() as session:
        incident = session.scalars(
            select(Incident)
            .where(Incident.council.has(code="FAR"), Incident.milieu != "not_vbe")
            .order_by(Incident.id)
        ).first()
        assert incident is not None
        session.expunge(incident)

    def client(username: str) -> Any:
        logged_in = app.test_client()
        login(logged_in, username)
        return logged_in

    for username, refusal in (
        ("ks", "får bara läsa"),
        ("polis", "får bara läsa"),
        ("skarpnack", "din egen nämnd"),
    ):
        response = _forged_save(client(username), incident, "not_vbe")
        assert response.status_code == 200
        assert refusal in json.dumps(response.get_json(), ensure_ascii=False), username
    with demo_db.session() as session:
        stored = session.get(Incident, incident.id)
        assert stored is not None and stored.milieu == incident.milieu


def test_a_reset_to_draft_keeps_the_decision_dates_in_the_history(
    demo_db_writable: Database,
) -> None:
    with demo_db_writable.session() as session:
        plan = session.scalars(
            select(ActionPlan).where(ActionPlan.dnr == SKARPNACK_2021["dnr"])
        ).one()
        council_day, ks_day = plan.council_approved_on, plan.ks_approved_on
        assert council_day and ks_day, "the demo's Skarpnäck 2021 is approved by KS"
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        plans.set_status(session, admin, plan.id, "draft", plan.version)
        plan_id = plan.id
    with demo_db_writable.session() as session:
        changed = {
            r.field: (r.old_value, r.new_value)
            for r in revisions(session, AuditEntity.ACTION_PLAN, plan_id)
        }
    assert changed == {
        "council_approved_on": (council_day.isoformat(), None),
        "ks_approved_on": (ks_day.isoformat(), None),
    }
