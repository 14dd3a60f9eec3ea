"""Successor councils: from the day of a merger the successor's coordinator follows up the
predecessors' open activities of the merger year (models.rules), through the service, the API and
the Mina aktiviteter form, and the history says who did it for which council."""

import json
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import activities, plans
from dashboard.services.errors import PermissionDenied
from models import ActionPlan, Activity, ActivityUpdate, Council, CouncilSuccession, User, rules
from models.enums import ActivityStatus, Role
from models.queries.audit import audit_rows
from tests.dash_calls import call
from tests.integration.test_api import Api
from tests.rows import activity as _activity
from tests.rows import council as _council

MERGER = date(2023, 7, 1)
AFTER = date(2023, 9, 1)
READ_ONLY_FOR_NIN = (
    "Som samordnare för Norra innerstaden följer du från 1 juli 2023 upp Norrmalms och "
    "Östermalms aktiviteter i planerna för 2023 som ännu inte var genomförda eller inställda. "
    "Den här aktiviteten kan du bara läsa."
)


def _user(session: Session, name: str, role: Role, council: Council | None = None) -> User:
    user = User(username=name, role=role, council=council)
    user.set_password("x")
    session.add(user)
    return user


@pytest.fixture
def world(empty_db: Database) -> Database:
    """Norrmalm and Östermalm merged into Norra innerstaden on 1 July 2023; Bromma beside them."""
    with empty_db.session() as session:
        nor = _council("NOR", "Norrmalm", valid_to=date(2023, 6, 30))
        ost = _council("OST", "Östermalm", valid_to=date(2023, 6, 30))
        nin = _council("NIN", "Norra innerstaden", valid_from=MERGER)
        bro = _council("BRO", "Bromma")
        session.add_all([nor, ost, nin, bro])
        session.flush()
        session.add_all(
            CouncilSuccession(predecessor=p, successor=nin, effective_on=MERGER) for p in (nor, ost)
        )
        session.add_all(
            [
                ActionPlan(
                    council=ost,
                    year=2023,
                    activities=[
                        _activity("Påminnelser till enhetschefer", ActivityStatus.DELAYED, None),
                        _activity("Informationstillfälle", ActivityStatus.DONE, date(2023, 3, 31)),
                    ],
                ),
                ActionPlan(
                    council=ost,
                    year=2022,
                    activities=[_activity("Workshops 2022", ActivityStatus.ONGOING, None)],
                ),
                ActionPlan(
                    council=bro,
                    year=2023,
                    activities=[_activity("Brommas samverkan", ActivityStatus.ONGOING, None)],
                ),
            ]
        )
        _user(session, "nin", Role.COORDINATOR, nin)
        _user(session, "ost", Role.COORDINATOR, ost)
        _user(session, "ks", Role.READER)
    return empty_db


def _get(session: Session, username: str) -> User:
    return session.scalars(select(User).where(User.username == username)).one()


def _activity_named(session: Session, description: str) -> Activity:
    return session.scalars(select(Activity).where(Activity.description == description)).one()


def _updates(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(ActivityUpdate)) or 0)


def test_the_successor_follows_up_the_predecessors_from_the_merger_day(world: Database) -> None:
    with world.session() as session:
        nin = _get(session, "nin")
        assert rules.inherited_plans(session, nin.council_id or 0, date(2023, 6, 30)) == []
        inherited = rules.inherited_plans(session, nin.council_id or 0, MERGER)
        assert [(c.name, day) for c, day in inherited] == [
            ("Norrmalm", MERGER),
            ("Östermalm", MERGER),
        ]


def test_successor_marks_an_open_activity_of_the_merger_year(world: Database) -> None:
    with world.session() as session:
        nin = _get(session, "nin")
        target = _activity_named(session, "Påminnelser till enhetschefer")
        saved = activities.update_activity(
            session,
            nin,
            target.id,
            {"status": "done", "outcome": "Två påminnelser skickade", "version": target.version},
            today=AFTER,
        )
        assert saved.status is ActivityStatus.DONE and saved.completed_on == AFTER
        (update, username), *_ = activities.history(session, target.id)
        assert update.acting_council_id == nin.council_id
        text = activities.describe_update(update, username)
        assert "nin (Norra innerstaden) för Östermalm: Försenad → Genomförd" in text
        assert "utfall: Två påminnelser skickade" in text
        # The log (Logg) says for which council, on the predecessor's row.
        (row,) = audit_rows(session)
        assert (row["user"], row["council"]) == ("nin", "Östermalm")
        assert "Uppföljd som samordnare för: Norra innerstaden" in row["detail"]
        # Closed by the successor itself, it may still be corrected by it.
        activities.update_activity(
            session, nin, target.id, {"status": "ongoing", "version": saved.version}, today=AFTER
        )
        assert target.status is ActivityStatus.ONGOING


@pytest.mark.parametrize(
    ("description", "day", "message"),
    [
        # Finished by Östermalm itself before the merger: stays as Östermalm left it.
        ("Informationstillfälle", AFTER, READ_ONLY_FOR_NIN),
        # Open, but of 2022: not the merger year's plan.
        ("Workshops 2022", AFTER, READ_ONLY_FOR_NIN),
        # The merger year's open activity, but the day before the merger.
        ("Påminnelser till enhetschefer", date(2023, 6, 30), READ_ONLY_FOR_NIN),
        # Not a predecessor at all.
        ("Brommas samverkan", AFTER, "Du kan bara ändra uppgifter för din egen nämnd."),
    ],
)
def test_successor_is_refused_everything_else(
    world: Database, description: str, day: date, message: str
) -> None:
    with world.session() as session:
        target = _activity_named(session, description)
        before = (target.status, target.version, _updates(session))
        with pytest.raises(PermissionDenied) as refused:
            activities.update_activity(
                session,
                _get(session, "nin"),
                target.id,
                {"status": "cancelled", "version": target.version},
                today=day,
            )
        assert refused.value.message == message
        assert (target.status, target.version, _updates(session)) == before


def test_predecessor_keeps_its_own_and_successor_never_edits_its_plan(world: Database) -> None:
    with world.session() as session:
        ost, nin = _get(session, "ost"), _get(session, "nin")
        for description in ("Informationstillfälle", "Workshops 2022"):
            target = _activity_named(session, description)
            activities.update_activity(
                session, ost, target.id, {"status": "ongoing", "version": target.version}, AFTER
            )
            (update, username), *_ = activities.history(session, target.id)
            assert update.acting_council_id is None
            assert "ost: " in activities.describe_update(update, username)
        with pytest.raises(PermissionDenied, match="Din roll"):
            target = _activity_named(session, "Påminnelser till enhetschefer")
            activities.update_activity(
                session, _get(session, "ks"), target.id, {"status": "done", "version": 1}, AFTER
            )
        # A follow-up only: the predecessor's plan itself is not the successor's to edit.
        plan = _activity_named(session, "Påminnelser till enhetschefer").plan
        with pytest.raises(PermissionDenied, match="egen nämnd"):
            plans.update_texts(session, nin, plan.id, {"analysis": "Ny", "version": plan.version})
        with pytest.raises(PermissionDenied, match="egen nämnd"):
            plans.set_status(session, nin, plan.id, "council_approved", plan.version)


# --- the demo data, through the API and the Dash form ----------------------------------------


def _demo_activity(database: Database, code: str, year: int, open_only: bool = True) -> Activity:
    with database.session() as session:
        stmt = (
            select(Activity)
            .join(ActionPlan)
            .join(Council)
            .where(Council.code == code, ActionPlan.year == year)
            .order_by(Activity.position)
        )
        if open_only:
            stmt = stmt.where(Activity.status.in_(rules.OPEN_STATUSES))
        found = session.scalars(stmt).first()
        assert found is not None
        session.expunge(found)
        return found


def test_api_lets_the_successor_mark_ostermalm_2023_and_nothing_else(
    app_writable: Flask, demo_db_writable: Database
) -> None:
    api = Api(app_writable, "norrainnerstaden")
    target = _demo_activity(demo_db_writable, "OST", 2023)
    path = f"/api/v1/activities/{target.id}"
    response = api.patch(path, {"status": "done", "version": target.version})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "done"
    latest = api.get(f"{path}/history").get_json()[0]
    assert (latest["user"], latest["acting_council"], latest["new_status"]) == (
        "norrainnerstaden",
        "NIN",
        "done",
    )
    for code, year in (("BRO", 2023), ("OST", 2022)):
        other = _demo_activity(demo_db_writable, code, year)
        refused = api.patch(f"/api/v1/activities/{other.id}", {"status": "done", "version": 1})
        assert refused.status_code == 403, (code, year)
        with demo_db_writable.session() as session:
            stored = session.get(Activity, other.id)
            assert stored is not None and stored.status is other.status
    # Östermalm's own coordinator still follows up its own, in its own name.
    own = _demo_activity(demo_db_writable, "OST", 2022)
    mine = Api(app_writable, "ostermalm").patch(
        f"/api/v1/activities/{own.id}", {"status": "delayed", "version": own.version}
    )
    assert mine.status_code == 200
    assert api.get(f"/api/v1/activities/{own.id}/history").get_json()[0]["acting_council"] is None


FORM_FIELDS = ("activity-status", "activity-outcome", "activity-completed-on", "activity-comment")


def _save(client: Any, activity: Activity, status: str) -> dict[str, Any]:
    state = [
        {"id": "activity-status", "property": "value", "value": status},
        {"id": "activity-outcome", "property": "value", "value": None},
        {"id": "activity-completed-on", "property": "value", "value": None},
        {"id": "activity-comment", "property": "value", "value": None},
        {
            "id": "activity-form-state",
            "property": "data",
            "value": {"id": activity.id, "version": activity.version},
        },
        {"id": "activities-refresh", "property": "data", "value": 0},
    ]
    inputs = [{"id": "activity-save", "property": "n_clicks", "value": 1}]
    return call(client, None, inputs, state, output_has="activity-save-result")


def _select(client: Any, activity: Activity) -> dict[str, Any]:
    inputs = [{"id": "activities-grid", "property": "selectedRows", "value": [{"id": activity.id}]}]
    state = [
        {"id": "activity-form-state", "property": "data", "value": None},
        {"id": "activity-form", "property": "is_open", "value": False},
    ]
    return call(client, None, inputs, state, output_has="activity-form.is_open")


def councils_offered(client: Any, requested: str | None) -> dict[str, Any]:
    inputs = [{"id": "activities-refresh", "property": "id", "value": "activities-refresh"}]
    state = [{"id": "activities-council", "property": "value", "value": requested}]
    return call(client, None, inputs, state, output_has="activities-council")


def test_mina_aktiviteter_offers_the_predecessors_and_saves_for_them(
    login_as_writable: Any, demo_db_writable: Database
) -> None:
    client = login_as_writable("norrainnerstaden")
    offered = councils_offered(client, "OST")
    select_box = offered["activities-council"]
    assert [o["value"] for o in select_box["options"]] == ["NIN", "NOR", "OST"]
    assert select_box["options"][2]["label"] == "Östermalm (föregångare)"
    assert select_box["value"] == "OST" and select_box["disabled"] is False
    # Any other council asked for in the address falls back to the coordinator's own.
    assert councils_offered(client, "BRO")["activities-council"]["value"] == "NIN"

    target = _demo_activity(demo_db_writable, "OST", 2023)
    assert _select(client, target)["activity-save"]["disabled"] is False
    result = _save(client, target, "done")
    assert "Sparat." in json.dumps(result["activity-save-result"], ensure_ascii=False)
    history = json.dumps(result["activity-history"], ensure_ascii=False)
    assert "norrainnerstaden (Norra innerstaden) för Östermalm: " in history
    with demo_db_writable.session() as session:
        stored = session.get(Activity, target.id)
        assert stored is not None and stored.status is ActivityStatus.DONE

    # Östermalm 2022 opens read-only, and a forged save is refused all the same.
    old = _demo_activity(demo_db_writable, "OST", 2022)
    opened = _select(client, old)
    assert opened["activity-save"]["disabled"] is True
    assert "kan du bara läsa" in json.dumps(opened["activity-save-result"], ensure_ascii=False)
    refused = _save(client, old, "done")
    assert "kan du bara läsa" in json.dumps(refused["activity-save-result"], ensure_ascii=False)
    with demo_db_writable.session() as session:
        stored = session.get(Activity, old.id)
        assert stored is not None and (stored.status, stored.version) == (old.status, old.version)
