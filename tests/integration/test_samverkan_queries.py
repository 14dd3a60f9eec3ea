"""Samverkan's figures: a police area sums its councils as they were on each date (Skärholmen
with Hägersten-Liljeholmen and Älvsjö before 1 July 2020, Hägersten-Älvsjö after; Kungsholmen
in Norrmalm until the split at 2024's end, in Lidingö-Kungsholmen from 2025), a council in two
areas counts in both and the page says so, forms and concerns are counted once, and activities
involving the police are found by their Ansvarig and Uppföljning wording. The agenda service
refuses bad addresses in Swedish, and the Word agenda/minutes follow the meeting's order."""

import io
from datetime import date, timedelta

import pytest
from docx import Document
from flask.testing import FlaskClient
from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from dashboard.db import Database
from dashboard.services import samverkan as service
from dashboard.services.errors import ServiceError
from models import ActionPlan, Activity, CooperationMeeting, Council, Incident, PoliceArea
from models.enums import (
    ActivityStatus,
    FollowUp,
    IncidentCategory,
    IncidentSource,
    Milieu,
    Schedule,
    Section,
)
from models.queries import samverkan as q

TODAY = date(2026, 11, 26)


def council(session: Session, code: str) -> Council:
    return session.scalars(select(Council).where(Council.code == code)).one()


def area(session: Session, name: str) -> q.Scope:
    found = session.scalars(select(PoliceArea).where(PoliceArea.name == name)).one()
    return q.area_scope(session, found)


def summed(session: Session, *terms: object) -> int:
    """SUM(count) of the incidents matching any of (council code, first, last)."""
    conditions = [
        and_(Incident.council_id == council(session, code).id, Incident.occurred_on.between(a, b))
        for code, a, b in terms  # type: ignore[misc]
    ]
    total = session.scalar(
        select(func.coalesce(func.sum(Incident.count), 0)).where(or_(*conditions))
    )
    return int(total or 0)


def by_council(summary: q.IncidentSummary) -> dict[str, int]:
    return {c.key: c.count for c in summary.by_council}


def test_skarholmen_sums_its_councils_as_they_were_across_the_2020_reform(
    demo_db: Database,
) -> None:
    first, last = date(2020, 1, 1), date(2020, 12, 31)
    before, after = date(2020, 6, 30), date(2020, 7, 1)
    with demo_db.session() as session:
        summary = q.incident_summary(session, area(session, "Skärholmen"), first, last)
        expected = summed(
            session,
            ("SKH", first, last),
            ("HAL", first, before),
            ("ALV", first, before),
            ("HAE", after, last),
        )
        assert summary.total == expected > 0
        assert set(by_council(summary)) <= {"SKH", "HAL", "ALV", "HAE"}
        assert by_council(summary).get("HAE", 0) == summed(session, ("HAE", after, last))
        assert by_council(summary).get("HAL", 0) == summed(session, ("HAL", first, before))
        # The groupings are the same incidents cut differently: each adds up to the total.
        for grouping in (summary.by_category, summary.by_milieu, summary.by_source):
            assert sum(c.count for c in grouping) == summary.total
        assert sum(c.count for c in summary.by_sub_area) == summary.total


def test_hagersten_alvsjo_counts_in_both_skarholmen_and_globen_and_the_page_says_so(
    demo_db: Database,
) -> None:
    first, last = date(2025, 1, 1), date(2025, 12, 31)
    with demo_db.session() as session:
        skarholmen = area(session, "Skärholmen")
        globen = area(session, "Globen")
        in_skarholmen = by_council(q.incident_summary(session, skarholmen, first, last))
        in_globen = by_council(q.incident_summary(session, globen, first, last))
        hae = summed(session, ("HAE", first, last))
        assert hae > 0
        assert in_skarholmen["HAE"] == in_globen["HAE"] == hae
        assert set(in_skarholmen) == {"SKH", "HAE"}
        assert set(in_globen) <= {"HAE", "SKA", "EAV"}
        texts = [s.text for s in q.shared_councils(session, skarholmen, first, last)]
        assert texts == [
            "Hägersten-Älvsjö samverkar också med Globen; dess händelser räknas i båda områdena"
        ]
        scope = q.council_scope(council(session, "HAE"))
        assert q.council_areas(session, scope, first, last) == ["Globen", "Skärholmen"]
        assert q.shared_councils(session, scope, first, last) == []


def _incident(session: Session, code: str, day: date, count: int, **fields: object) -> None:
    incident = Incident(
        council_id=council(session, code).id,
        source=fields.get("source", IncidentSource.IA),
        category=fields.get("category", IncidentCategory.GRAFFITI),
        milieu=fields.get("milieu", Milieu.WHITE_POWER),
        count=count,
        description="Testhändelse.",
    )
    incident.set_date(day)
    session.add(incident)


def test_the_norrmalm_split_puts_december_in_norrmalm_and_january_in_the_new_areas(
    demo_db_writable: Database,
) -> None:
    first, last = date(2024, 12, 1), date(2025, 1, 31)
    with demo_db_writable.session() as session:
        ids = [council(session, c).id for c in ("KUN", "NIN")]
        session.execute(
            delete(Incident).where(
                Incident.council_id.in_(ids), Incident.occurred_on.between(first, last)
            )
        )
        _incident(session, "KUN", date(2024, 12, 31), 3)
        _incident(session, "KUN", date(2025, 1, 1), 5)
        _incident(session, "NIN", date(2024, 12, 5), 4)
        _incident(session, "NIN", date(2025, 1, 7), 2)
    with demo_db_writable.session() as session:

        def sums(name: str) -> dict[str, int]:
            return by_council(q.incident_summary(session, area(session, name), first, last))

        assert sums("Norrmalm") == {"NIN": 4, "KUN": 3}
        assert sums("Lidingö-Kungsholmen") == {"KUN": 5}
        assert sums("Norra innerstaden") == {"NIN": 2}
        kun = q.council_scope(council(session, "KUN"))
        assert q.incident_summary(session, kun, first, last).total == 8
        # Kungsholmen moved areas; it was never in two at once, so nothing is counted twice.
        assert q.shared_councils(session, area(session, "Norrmalm"), first, last) == []
        councils = q.scope_councils(session, area(session, "Norrmalm"), first, last)
        assert {(c.code, c.last) for c in councils} == {
            ("KUN", date(2024, 12, 31)),
            ("NIN", date(2024, 12, 31)),
        }


def test_forms_and_concerns_are_summed_and_a_row_that_is_both_counts_once(
    demo_db_writable: Database,
) -> None:
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    with demo_db_writable.session() as session:
        ska = council(session, "SKA")
        session.execute(
            delete(Incident).where(
                Incident.council_id == ska.id, Incident.occurred_on.between(first, last)
            )
        )
        _incident(session, "SKA", date(2026, 3, 2), 2, source=IncidentSource.FORM)
        _incident(
            session,
            "SKA",
            date(2026, 3, 9),
            1,
            source=IncidentSource.FORM,
            category=IncidentCategory.CONCERN,
        )
        _incident(
            session,
            "SKA",
            date(2026, 3, 20),
            1,
            source=IncidentSource.SOCIAL_SERVICES,
            category=IncidentCategory.CONCERN,
        )
        _incident(session, "SKA", date(2026, 3, 25), 6)  # graffiti from IA: neither
    with demo_db_writable.session() as session:
        scope = q.council_scope(council(session, "SKA"))
        found = q.forms_and_concerns(session, scope, first, last)
        assert (found.forms, found.concerns, found.total) == (3, 2, 4)
        assert [r["date"] for r in found.rows] == ["2026-03-20", "2026-03-09", "2026-03-02"]
        assert found.listed_all
        assert q.incident_summary(session, scope, first, last).total == 10


def _activity(
    plan: ActionPlan, text: str, responsible: str, deadline: date, **fields: object
) -> None:
    plan.activities.append(
        Activity(
            section=Section.PREVENTIVE,
            description=text,
            responsible=responsible,
            schedule=Schedule.DEADLINE,
            deadline=deadline,
            follow_up=FollowUp.VB,
            follow_up_text=fields.get("follow_up_text", ""),
            status=fields.get("status", ActivityStatus.NOT_STARTED),
            completed_on=fields.get("completed_on"),
            position=900,
        )
    )


def test_activities_involving_the_police_are_found_by_their_wording(
    demo_db_writable: Database,
) -> None:
    with demo_db_writable.session() as session:
        ska = council(session, "SKA")
        plan = session.scalars(
            select(ActionPlan)
            .where(ActionPlan.council_id == ska.id)
            .order_by(ActionPlan.year.desc())
        ).first()
        assert plan is not None
        past, soon, later = (
            TODAY - timedelta(days=10),
            TODAY + timedelta(days=30),
            TODAY + timedelta(days=200),
        )
        _activity(plan, "Test: trygghetsvandring", "Kommunpolis och fältassistenter", past)
        _activity(plan, "Test: POLISENS lägesbild", "POLISEN", soon)
        _activity(
            plan,
            "Test: gemensam genomgång",
            "Samordnare",
            soon,
            follow_up_text="Avstäms med lokalpolisområdet i T2",
        )
        _activity(plan, "Test: rektorernas möte", "Rektor", past)  # no police: not listed
        _activity(plan, "Test: långt fram", "Kommunpolis", later)  # beyond the window
        _activity(
            plan,
            "Test: redan klar",
            "Kommunpolis",
            past,
            status=ActivityStatus.DONE,
            completed_on=past,
        )
    with demo_db_writable.session() as session:
        for scope in (q.council_scope(council(session, "SKA")), area(session, "Globen")):
            found = q.police_activities(session, scope, TODAY - timedelta(days=60), TODAY)
            overdue = [
                r["description"] for r in found.overdue if r["description"].startswith("Test")
            ]
            due = [r["description"] for r in found.due if r["description"].startswith("Test")]
            assert overdue == ["Test: trygghetsvandring"]
            assert sorted(due) == ["Test: POLISENS lägesbild", "Test: gemensam genomgång"]
            assert found.due_until == TODAY + timedelta(days=q.DUE_AHEAD_DAYS)
        # Skärholmen's area does not include Skarpnäck.
        other = q.police_activities(session, area(session, "Skärholmen"), TODAY, TODAY)
        assert not [r for r in other.overdue + other.due if r["description"].startswith("Test")]


def test_the_agenda_refuses_bad_addresses_in_swedish(demo_db: Database) -> None:
    with demo_db.session() as session:
        with pytest.raises(ServiceError, match="Nämnden 'XYZ' finns inte"):
            service.resolve_scope(session, "XYZ", None, None, TODAY)
        with pytest.raises(ServiceError, match="Lokalpolisområdet '999' finns inte"):
            service.resolve_scope(session, None, "999", None, TODAY)
        for bad in ("igår", "2026-13-01", "26/11/2026"):
            with pytest.raises(ServiceError, match="ÅÅÅÅ-MM-DD"):
                service.parse_since(bad, TODAY)
        with pytest.raises(ServiceError, match="efter i dag"):
            service.parse_since("2026-11-27", TODAY)
        assert service.parse_since("", TODAY) is None
        # A police area named in the address wins over a council.
        scope = service.resolve_scope(session, "SKA", "9", None, TODAY)
        assert scope.is_area and scope.name == "Skärholmen"


def test_the_agenda_starts_at_the_last_meeting(demo_db: Database) -> None:
    with demo_db.session() as session:
        scope = q.council_scope(council(session, "SKA"))
        latest = session.scalars(
            select(CooperationMeeting)
            .where(CooperationMeeting.council_id == scope.id, CooperationMeeting.held_on <= TODAY)
            .order_by(CooperationMeeting.held_on.desc())
        ).first()
        assert latest is not None
        agenda = service.build(session, scope, None, TODAY)
        assert agenda.first == latest.held_on and agenda.last == TODAY
        assert agenda.last_meeting is not None and agenda.last_meeting.held_on == latest.held_on
        chosen = service.build(session, scope, date(2026, 1, 1), TODAY)
        assert chosen.first == date(2026, 1, 1)
        assert chosen.incidents.total == summed(session, ("SKA", date(2026, 1, 1), TODAY))


def _docx_text(content: bytes) -> tuple[list[str], str]:
    doc = Document(io.BytesIO(content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    text = "\n".join(p.text for p in doc.paragraphs)
    text += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    return headings, text


def test_the_word_agenda_and_minutes_follow_the_meetings_order(login_as) -> None:  # type: ignore[no-untyped-def]
    client: FlaskClient = login_as("polis")
    response = client.get("/export/samverkan.docx?area=9&since=2026-01-01")
    assert response.status_code == 200
    assert "samverkan-dagordning-omrade-9-" in response.headers["Content-Disposition"]
    headings, text = _docx_text(response.data)
    assert headings[0] == "Dagordning samverkan – lokalpolisområde Skärholmen"
    assert headings[1:] == [f"{i}. {name}" for i, (_key, name) in enumerate(service.SECTIONS, 1)]
    assert "Hägersten-Älvsjö samverkar också med Globen" in text
    bad = client.get("/export/samverkan.docx?area=9&since=2099-01-01")
    assert bad.status_code == 400 and "efter i dag" in bad.get_data(as_text=True)


def test_the_minutes_hold_the_meetings_roles_notes_and_follow_ups(
    login_as,
    demo_db: Database,  # type: ignore[no-untyped-def]
) -> None:
    with demo_db.session() as session:
        meeting = session.scalars(
            select(CooperationMeeting)
            .where(CooperationMeeting.police_area_id == 9)
            .order_by(CooperationMeeting.held_on.desc())
        ).first()
        assert meeting is not None
        meeting_id, roles = meeting.id, meeting.participants.split("\n")
        whats = [f.what for f in meeting.follow_ups]
        other = session.scalars(
            select(CooperationMeeting.id).where(CooperationMeeting.police_area_id != 9)
        ).first()
    client: FlaskClient = login_as("polis")
    response = client.get(f"/export/samverkan.docx?area=9&meeting={meeting_id}")
    assert response.status_code == 200
    headings, text = _docx_text(response.data)
    assert headings[0].startswith("Protokoll samverkan")
    assert f"Deltagare (roller): {', '.join(roles)}" in text
    assert all(what in text for what in whats)
    refused = client.get(f"/export/samverkan.docx?area=9&meeting={other}")
    assert refused.status_code == 404
    assert "Mötet hör inte till lokalpolisområde Skärholmen" in refused.get_data(as_text=True)
