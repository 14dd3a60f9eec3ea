"""Text pasted from Word can carry control characters (Shift+Enter is U+000B). XML cannot hold
them: the services turn them into line breaks or drop them, and the Word exports never stop
on one already stored."""

import io
from datetime import date

from docx import Document
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.db import Database
from dashboard.services import activities
from models import ActionPlan, Activity, Council, User


def _ostermalm_2023(session):  # type: ignore[no-untyped-def]
    return session.scalars(
        select(Activity)
        .join(ActionPlan)
        .join(Council)
        .where(Council.code == "OST", ActionPlan.year == 2023)
        .order_by(Activity.position)
    ).first()


def test_a_follow_up_pasted_from_word_is_saved_with_line_breaks(
    demo_db_writable: Database,
) -> None:
    with demo_db_writable.session() as session:
        activity = _ostermalm_2023(session)
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        activities.update_activity(
            session,
            admin,
            activity.id,
            {"status": "ongoing", "version": activity.version, "comment": "Rad ett\x0bRad\x01 två"},
            today=date(2026, 11, 26),
        )
        session.commit()
        assert activity.comment == "Rad ett\nRad två"


def test_the_word_exports_survive_a_control_character_already_stored(
    demo_db_writable: Database,
    login_as_writable,  # type: ignore[no-untyped-def]
) -> None:
    with demo_db_writable.session() as session:
        activity = _ostermalm_2023(session)
        activity.comment = "Före\x0bEfter\x02"
        activity.description = "Start\x02" + activity.description
        session.commit()
    client: FlaskClient = login_as_writable("ks")
    for address in (
        "/export/uppfoljning.docx?year=2023&period=vb&council=NIN",
        "/export/handlingsplan.docx?council=OST&year=2023",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
        assert "Handlingsplan" in text or "Uppföljning" in text
