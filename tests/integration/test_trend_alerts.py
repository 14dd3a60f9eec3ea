"""Trend alerts on the demo data: a rise inserted in a council shows for the council and for its
police area, with the link to its incidents; Järva is judged against Rinkeby-Kista's history; a
review is kept, audited and refused to those who may not make it."""

import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from docx import Document
from flask.testing import FlaskClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import alert_reviews
from dashboard.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from models import AuditEntry, Council, Incident, Revision, TrendAlertReview, User
from models.council import council_police_areas
from models.enums import (
    AlertScope,
    AuditAction,
    AuditEntity,
    IncidentCategory,
    IncidentSource,
    Milieu,
)
from models.queries.alerts import TrendAlert, current_alerts
from models.queries.police_areas import areas_of_council
from models.rules import MONTH_NAMES
from tests.dash_calls import call


def _last_month(today: date) -> date:
    return today.replace(day=1) - timedelta(days=1)


def _council(session: Session, code: str) -> Council:
    return session.scalars(select(Council).where(Council.code == code)).one()


def _user(session: Session, name: str) -> User:
    return session.scalars(select(User).where(User.username == name)).one()


def _add(session: Session, council: Council, day: date, milieu: Milieu, count: int) -> None:
    incident = Incident(
        council=council,
        source=IncidentSource.TRAFFIC_OFFICE,
        category=IncidentCategory.GRAFFITI,
        milieu=milieu,
        count=count,
        description="Klotter, sanerat.",
    )
    incident.set_date(day)
    session.add(incident)


def _find(alerts: list[TrendAlert], milieu: Milieu, day: date) -> TrendAlert | None:
    return next(
        (a for a in alerts if (a.milieu, a.year, a.month) == (milieu, day.year, day.month)), None
    )


@pytest.fixture
def bromma_rise(demo_db_writable: Database, today: date) -> Database:
    """40 Islamist-milieu incidents in Bromma last month: far above anything usual."""
    with demo_db_writable.session() as session:
        _add(session, _council(session, "BRO"), _last_month(today).replace(day=10),
             Milieu.ISLAMIST, 40)  # fmt: skip
    return demo_db_writable


def test_a_rise_in_a_council_is_an_alert_with_a_link_to_its_incidents(
    bromma_rise: Database, today: date
) -> None:
    month = _last_month(today)
    with bromma_rise.session() as session:
        bromma = _council(session, "BRO")
        alerts = current_alerts(session, today, AlertScope.COUNCIL, bromma.id)
        everyone = current_alerts(session, today)
    alert = _find(alerts, Milieu.ISLAMIST, month)
    assert alert is not None
    assert alert.scope is AlertScope.COUNCIL and alert.scope_name == "Bromma"
    assert alert.count >= 40 and alert.count > alert.limit >= alert.usual_high
    assert alert.probability < 0.01
    assert alert.text.startswith(f"Islamistiska miljön i Bromma: {alert.count} händelser i ")
    first = month.replace(day=1) if alert.months == 1 else (month.replace(day=1) - timedelta(1))
    assert alert.incidents_href == (
        f"/handelser?council=BRO&from={first.replace(day=1).isoformat()}"
        f"&to={month.isoformat()}&milieu=islamist"
    )
    assert alert.review is None
    assert alert in everyone and everyone[0].surprise >= everyone[-1].surprise


def test_the_rise_shows_in_the_police_area_the_council_belongs_to(
    bromma_rise: Database, today: date
) -> None:
    month = _last_month(today)
    with bromma_rise.session() as session:
        (area,) = areas_of_council(session, _council(session, "BRO").id, month)
        alerts = current_alerts(session, today, AlertScope.POLICE_AREA, area.id)
        others = [
            a
            for other in areas_of_council(session, _council(session, "SOD").id, month)
            for a in current_alerts(session, today, AlertScope.POLICE_AREA, other.id)
        ]
    alert = _find(alerts, Milieu.ISLAMIST, month)
    assert alert is not None
    assert alert.scope is AlertScope.POLICE_AREA and alert.scope_name == area.name == "Vällingby"
    assert f"/handelser?area={area.id}&from=" in alert.incidents_href
    assert alert.text.startswith("Islamistiska miljön i Vällingby: ")
    elsewhere = _find(others, Milieu.ISLAMIST, month)  # Södermalm's area: not Bromma's rise
    assert elsewhere is None or elsewhere.count < 40


def test_without_the_rise_there_is_no_such_alert(demo_db: Database, today: date) -> None:
    with demo_db.session() as session:
        alerts = current_alerts(session, today, AlertScope.COUNCIL, _council(session, "BRO").id)
    # The same series as in `bromma_rise`, without the 40: an ordinary month.
    assert _find(alerts, Milieu.ISLAMIST, _last_month(today)) is None


def test_jarva_is_judged_against_its_predecessors_history(demo_db_writable: Database) -> None:
    """Three months after the merger Järva has no history of its own; Rinkeby-Kista's 20 a
    month before it make 25 in September 2023 ordinary, 60 unusual."""
    day = date(2023, 10, 15)
    with demo_db_writable.session() as session:
        rik = _council(session, "RIK")
        for i in range(24):  # July 2021 – June 2023
            month = date(2021 + (6 + i) // 12, (6 + i) % 12 + 1, 5)
            _add(session, rik, month, Milieu.ISLAMIST, 20)
        jarva = _council(session, "JAR")
        _add(session, jarva, date(2023, 7, 5), Milieu.ISLAMIST, 20)
        _add(session, jarva, date(2023, 8, 5), Milieu.ISLAMIST, 20)
        _add(session, jarva, date(2023, 9, 5), Milieu.ISLAMIST, 25)
        ordinary = current_alerts(session, day, AlertScope.COUNCIL, jarva.id)
        _add(session, jarva, date(2023, 9, 6), Milieu.ISLAMIST, 35)
        session.flush()
        raised = current_alerts(session, day, AlertScope.COUNCIL, jarva.id)
    assert _find(ordinary, Milieu.ISLAMIST, date(2023, 9, 1)) is None
    alert = _find(raised, Milieu.ISLAMIST, date(2023, 9, 1))
    assert alert is not None and alert.scope_name == "Järva"
    per_month = 2 if alert.months == 2 else 1
    assert alert.usual_low >= 14 * per_month  # the usual range is Rinkeby-Kista's level


# --- reviews ----------------------------------------------------------------------------------


def _review_data(alert: TrendAlert, comment: str, version: int | None = None) -> dict[str, object]:
    return {
        "scope": alert.scope.value,
        "scope_id": alert.scope_id,
        "milieu": alert.milieu.value,
        "year": alert.year,
        "month": alert.month,
        "comment": comment,
        "version": version,
    }


def _bromma_alert(session: Session, today: date) -> TrendAlert:
    alerts = current_alerts(session, today, AlertScope.COUNCIL, _council(session, "BRO").id)
    alert = _find(alerts, Milieu.ISLAMIST, _last_month(today))
    assert alert is not None
    return alert


def test_the_coordinator_reviews_their_councils_alert_audited_with_history(
    bromma_rise: Database, today: date
) -> None:
    comment = "Granskat: samma klotter rapporterat av flera källor, sanerat."
    with bromma_rise.session() as session:
        alert = _bromma_alert(session, today)
        review = alert_reviews.review_alert(
            session, _user(session, "bromma"), _review_data(alert, comment), today
        )
        review_id = review.id
    with bromma_rise.session() as session:
        shown = _bromma_alert(session, today).review
        assert shown is not None and shown.comment == comment
        assert shown.reviewed_by == "bromma" and shown.version == 1
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == AuditEntity.TREND_ALERT)
        ).one()
        assert entry.action is AuditAction.REVIEW and entry.entity_id == review_id
        assert entry.council_id == _council(session, "BRO").id
        assert comment in entry.detail
        # Reviewing again replaces the comment and keeps the old one.
        alert_reviews.review_alert(
            session,
            _user(session, "bromma"),
            _review_data(_bromma_alert(session, today), "Ny bedömning efter samverkan.", 1),
            today,
        )
    with bromma_rise.session() as session:
        revisions = session.scalars(
            select(Revision)
            .where(Revision.entity == AuditEntity.TREND_ALERT, Revision.entity_id == review_id)
            .order_by(Revision.id)
        ).all()
        assert [(r.old_value, r.new_value) for r in revisions] == [
            (None, comment),
            (comment, "Ny bedömning efter samverkan."),
        ]
        assert _bromma_alert(session, today).review.version == 2  # type: ignore[union-attr]


@pytest.mark.parametrize("username", ["skarpnack", "ks", "polis"])
def test_others_may_not_review_a_councils_alert(
    bromma_rise: Database, today: date, username: str
) -> None:
    with bromma_rise.session() as session:
        alert = _bromma_alert(session, today)
        with pytest.raises(PermissionDenied):
            alert_reviews.review_alert(
                session, _user(session, username), _review_data(alert, "Granskat."), today
            )
        assert session.scalars(select(TrendAlertReview)).all() == []


def test_the_police_review_their_own_areas_alert_only(
    demo_db_writable: Database, today: date
) -> None:
    month = _last_month(today)
    with demo_db_writable.session() as session:
        _add(session, _council(session, "SKH"), month.replace(day=12), Milieu.WHITE_POWER, 40)
        _add(session, _council(session, "BRO"), month.replace(day=12), Milieu.WHITE_POWER, 60)
        police = _user(session, "polis")
        assert police.police_area is not None and police.police_area.name == "Skärholmen"
        own = _find(
            current_alerts(session, today, AlertScope.POLICE_AREA, police.police_area_id),
            Milieu.WHITE_POWER,
            month,
        )
        (vallingby,) = areas_of_council(session, _council(session, "BRO").id, month)
        other = _find(
            current_alerts(session, today, AlertScope.POLICE_AREA, vallingby.id),
            Milieu.WHITE_POWER,
            month,
        )
        assert own is not None and other is not None
        with pytest.raises(PermissionDenied):
            alert_reviews.review_alert(session, police, _review_data(other, "Granskat."), today)
        review = alert_reviews.review_alert(
            session, police, _review_data(own, "Känt i polisens lägesbild."), today
        )
        assert review.scope is AlertScope.POLICE_AREA and review.scope_id == own.scope_id


def test_personal_data_in_the_comment_is_refused_and_nothing_is_saved(
    bromma_rise: Database, today: date
) -> None:
    with bromma_rise.session() as session:
        alert = _bromma_alert(session, today)
        with pytest.raises(ValidationFailed) as refused:
            alert_reviews.review_alert(
                session,
                _user(session, "admin"),
                _review_data(alert, "Ring anmälaren på 070-123 45 67."),
                today,
            )
        assert "comment" in refused.value.errors
        with pytest.raises(ValidationFailed):
            alert_reviews.review_alert(
                session, _user(session, "admin"), _review_data(alert, "  "), today
            )
        assert session.scalars(select(TrendAlertReview)).all() == []
        assert (
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity == AuditEntity.TREND_ALERT)
            ).all()
            == []
        )


def test_a_review_on_a_stale_version_is_a_conflict(bromma_rise: Database, today: date) -> None:
    with bromma_rise.session() as session:
        alert = _bromma_alert(session, today)
        admin = _user(session, "admin")
        alert_reviews.review_alert(session, admin, _review_data(alert, "Första."), today)
        with pytest.raises(Conflict):  # someone reviewed it after this user opened the page
            alert_reviews.review_alert(session, admin, _review_data(alert, "Andra."), today)
        with pytest.raises(Conflict):
            alert_reviews.review_alert(session, admin, _review_data(alert, "Andra.", 7), today)
    with bromma_rise.session() as session:
        shown = _bromma_alert(session, today).review
        assert shown is not None and shown.comment == "Första."


def test_only_a_current_alert_can_be_reviewed(bromma_rise: Database, today: date) -> None:
    """A month that is not among the judged ones (two years ago) has no alert to review."""
    with bromma_rise.session() as session:
        alert = _bromma_alert(session, today)
        data = _review_data(alert, "Granskat.") | {"year": alert.year - 2}
        with pytest.raises(NotFound):
            alert_reviews.review_alert(session, _user(session, "admin"), data, today)
        assert session.scalars(select(TrendAlertReview)).all() == []


def test_a_council_that_left_its_area_mid_month_counts_only_its_days_there(
    demo_db_writable: Database, today: date
) -> None:
    """Bromma leaves Vällingby on the 15th of last month: its 40 incidents of the 10th still
    count in the area, its 30 of the 20th (and any other of its incidents after the 15th) not."""
    month = _last_month(today)
    with demo_db_writable.session() as session:
        bromma = _council(session, "BRO")
        (area,) = areas_of_council(session, bromma.id, month)
        _add(session, bromma, month.replace(day=10), Milieu.ISLAMIST, 40)
        _add(session, bromma, month.replace(day=20), Milieu.ISLAMIST, 30)
        session.flush()
        after_15th = session.scalar(
            select(func.sum(Incident.count)).where(
                Incident.council_id == bromma.id,
                Incident.milieu == Milieu.ISLAMIST,
                Incident.occurred_on.between(month.replace(day=16), month),
            )
        )
        whole = _find(
            current_alerts(session, today, AlertScope.POLICE_AREA, area.id), Milieu.ISLAMIST, month
        )
        session.execute(
            update(council_police_areas)
            .where(
                council_police_areas.c.council_id == bromma.id,
                council_police_areas.c.police_area_id == area.id,
            )
            .values(valid_to=month.replace(day=15))
        )
        part = _find(
            current_alerts(session, today, AlertScope.POLICE_AREA, area.id), Milieu.ISLAMIST, month
        )
    assert whole is not None and part is not None and whole.months == part.months
    assert after_15th is not None and after_15th >= 30
    assert whole.count - part.count == after_15th


def _post_review(client: FlaskClient, alert: TrendAlert, comment: str) -> str:
    """The Trendlarm page's review callback, posted as the browser would (or a forger)."""
    key = alert.key
    (spec,) = [
        d
        for d in client.get("/_dash-dependencies").get_json()
        if "alert-review-result" in d["output"]
    ]
    outputs = [
        {"id": {"type": t, "key": key}, "property": p}
        for t, p in (
            ("alert-review-result", "children"),
            ("alert-review-shown", "children"),
            ("alert-state", "data"),
            ("alert-comment", "invalid"),
            ("alert-comment", "value"),
            ("alert-review-save", "children"),
        )
    ]
    body = {
        "output": spec["output"],
        "outputs": outputs,
        "inputs": [
            {"id": {"type": "alert-review-save", "key": key}, "property": "n_clicks", "value": 1}
        ],
        "changedPropIds": [
            json.dumps({"key": key, "type": "alert-review-save"}, separators=(",", ":"))
            + ".n_clicks"
        ],
        "state": [
            {"id": {"type": "alert-comment", "key": key}, "property": "value", "value": comment},
            {
                "id": {"type": "alert-state", "key": key},
                "property": "data",
                "value": {k: v for k, v in _review_data(alert, "").items() if k != "comment"},
            },
        ],
    }
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_a_forged_review_by_a_reader_is_refused_by_the_service(
    bromma_rise: Database, login_as_writable: Any, today: date
) -> None:
    with bromma_rise.session() as session:
        alert = _bromma_alert(session, today)
    answer = _post_review(login_as_writable("ks"), alert, "Granskat av läsaren.")
    assert "får bara läsa" in answer
    with bromma_rise.session() as session:
        assert session.scalars(select(TrendAlertReview)).all() == []


def test_the_review_callback_saves_for_the_councils_coordinator(
    bromma_rise: Database, login_as_writable: Any, today: date
) -> None:
    with bromma_rise.session() as session:
        alert = _bromma_alert(session, today)
    answer = _post_review(login_as_writable("bromma"), alert, "Granskat, känd kampanj.")
    assert "Granskningen sparades." in answer and "Granskat, känd kampanj." in answer
    with bromma_rise.session() as session:
        (review,) = session.scalars(select(TrendAlertReview)).all()
        assert review.comment == "Granskat, känd kampanj."


def test_the_council_page_lists_its_alerts_and_a_dissolved_council_none(
    bromma_rise: Database, login_as_writable: Any
) -> None:
    client = login_as_writable("ks")

    def council_alerts(code: str) -> Any:
        body = {  # a single output goes as one object, not a list
            "output": "council-alerts.children",
            "outputs": {"id": "council-alerts", "property": "children"},
            "inputs": [{"id": "council-code", "property": "data", "value": code}],
            "changedPropIds": ["council-code.data"],
            "state": [],
        }
        response = client.post(
            "/_dash-update-component", data=json.dumps(body), content_type="application/json"
        )
        if response.status_code == 204:  # nothing to show
            return None
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()["response"]["council-alerts"]["children"]

    shown = json.dumps(council_alerts("BRO"), ensure_ascii=False)
    assert "Islamistiska miljön i Bromma" in shown
    assert "/trendlarm?visa=council-BRO" in shown
    assert "Skarpnäck" not in shown
    assert council_alerts("OST") is None  # merged into Norra innerstaden in 2023


def test_samverkan_and_its_word_agenda_show_the_police_areas_alert(
    bromma_rise: Database, login_as_writable: Any, today: date
) -> None:
    month = _last_month(today)
    with bromma_rise.session() as session:
        area = areas_of_council(session, _council(session, "BRO").id, today)[0]
        alert = _find(
            current_alerts(session, today, AlertScope.POLICE_AREA, area.id), Milieu.ISLAMIST, month
        )
    assert alert is not None and area.name in alert.text
    client = login_as_writable("ks")
    inputs = [
        {"id": "samverkan-council", "property": "value", "value": None},
        {"id": "samverkan-area", "property": "value", "value": str(area.id)},
        {"id": "samverkan-since", "property": "value", "value": None},
    ]
    shown = json.dumps(
        call(client, None, inputs, [], output_has="samverkan-alerts"), ensure_ascii=False
    )
    assert alert.text in shown and f"/trendlarm?visa=area-{area.id}" in shown
    word = client.get(f"/export/samverkan.docx?area={area.id}")
    assert word.status_code == 200
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(word.data)).paragraphs)
    assert alert.text in paragraphs


def test_a_one_month_spike_is_one_alert_named_by_its_month(
    bromma_rise: Database, today: date
) -> None:
    month = _last_month(today)
    with bromma_rise.session() as session:
        alerts = current_alerts(session, today, AlertScope.COUNCIL, _council(session, "BRO").id)
    spike = [a for a in alerts if a.milieu is Milieu.ISLAMIST]
    assert len(spike) == 1, [a.text for a in spike]
    assert (spike[0].year, spike[0].month) == (month.year, month.month)
    assert f"40 händelser i {MONTH_NAMES[month.month - 1]} {month.year}," in spike[0].text
