"""The read cache answers repeated views; a write through the services renews only the versions
of what it changed, so results that read something else stay cached. With REDIS_URL set, every
app instance (worker or host) shares the results: one computes, the others read them."""

import functools
import json
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from flask import Flask
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from callbacks import follow_up as follow_up_callbacks
from callbacks.common import cached
from dashboard.cache import QueryCache, redis_client
from dashboard.db import Database, db_session
from dashboard.services import audit
from dashboard.services.incidents import create_incident
from layouts import follow_up as follow_up_view
from models import Council, Incident, User, data_version
from models.enums import AuditEntity, CouncilKind, IncidentSource, Role
from models.queries import effect_indicators, survey_results
from tests.conftest import REDIS_URL, login, make_app
from tests.dash_calls import call

DOWN_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
INCIDENT = {"date": "2024-03-01", "source": "form", "category": "graffiti", "milieu": "unclear"}


def _total(session: Session, year: int) -> int:
    return int(session.scalar(select(func.sum(Incident.count)).where(Incident.year == year)) or 0)


def counted(fn: Callable[..., Any], calls: list[tuple[Any, ...]]) -> Callable[..., Any]:
    """`fn` that records each computation; keeps its name and declared topics (functools.wraps
    copies them), so the cache keys it as `fn`."""

    @functools.wraps(fn)
    def wrapper(session: Session, *args: Any) -> Any:
        calls.append(args)
        return fn(session, *args)

    return wrapper


def _form_reports(rows: list[tuple[int, IncidentSource, int]], year: int) -> int:
    return next((n for y, s, n in rows if y == year and s is IncidentSource.FORM), 0)


def _admin(session: Session) -> User:
    return session.scalars(select(User).where(User.username == "admin")).one()


def test_cache_serves_until_a_write_renews_the_version(empty_db: Database) -> None:
    cache = QueryCache()
    with empty_db.session() as session:
        council = Council(
            code="FAR", name="Farsta", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        user = User(username="far", role=Role.COORDINATOR, council=council)
        user.set_password("x")
        session.add_all([council, user])
        session.flush()
        data = {"date": "2026-03-01", "source": "ia", "category": "graffiti", "milieu": "unclear"}
        create_incident(session, user, data | {"count": 2}, date(2026, 11, 1))
    with empty_db.session() as session:
        assert cache.get(session, _total, 2026) == 2
        session.add(
            Incident(
                council_id=1,
                year=2026,
                month=3,
                tertial=1,
                occurred_on=date(2026, 3, 1),
                source="ia",
                category="graffiti",
                milieu="unclear",
                count=5,
            )
        )
        session.flush()
        assert cache.get(session, _total, 2026) == 2  # a write outside the services: not seen
        user = session.scalars(select(User)).one()
        # An audited write, then a read in the same transaction (one request): the new value.
        create_incident(session, user, data | {"count": 1}, date(2026, 11, 1))
        assert cache.get(session, _total, 2026) == 8
        assert QueryCache(enabled=False).get(session, _total, 2026) == 8


def test_the_versions_move_on_once_per_transaction(empty_db: Database) -> None:
    """An import writes thousands of audited rows in one transaction: one renewal per topic is
    enough, and every commit still leaves new versions behind, of what it wrote only."""
    incidents, surveys = data_version.Topic.INCIDENTS, data_version.Topic.SURVEYS
    with empty_db.session() as session:
        before = data_version.current(session)
        data_version.renew(session, [incidents])
        renewed = data_version.current(session)
        data_version.renew(session, [incidents])
        assert data_version.current(session) == renewed
        assert renewed[incidents] != before[incidents]
        assert renewed[surveys] == before[surveys]
    with empty_db.session() as session:
        assert data_version.current(session) == renewed
        data_version.renew(session)
    with empty_db.session() as session:
        now = data_version.current(session)
        assert all(now[t] not in (before[t], renewed[t]) for t in data_version.Topic)


def test_an_incident_write_keeps_survey_results_and_recomputes_incident_figures(
    demo_db_writable: Database,
) -> None:
    cache = QueryCache()
    surveys: list[tuple[Any, ...]] = []
    reports: list[tuple[Any, ...]] = []
    survey_year = counted(survey_results.survey_year, surveys)
    reporting = counted(effect_indicators.reporting_by_year, reports)
    with demo_db_writable.session() as session:
        first_survey = cache.get(session, survey_year, 2024)
        before = _form_reports(cache.get(session, reporting), 2024)
    with demo_db_writable.session() as session:
        create_incident(session, _admin(session), INCIDENT | {"council": "BRO", "count": 3})
    with demo_db_writable.session() as session:
        assert cache.get(session, survey_year, 2024) is first_survey
        assert _form_reports(cache.get(session, reporting), 2024) == before + 3
    assert surveys == [(2024,)], "the survey result was computed once, across the write"
    assert len(reports) == 2, "the incident figures were computed again after the write"


def test_a_function_that_declares_nothing_is_recomputed_after_any_write(
    demo_db_writable: Database,
) -> None:
    cache = QueryCache()
    calls: list[tuple[Any, ...]] = []
    undeclared = counted(_total, calls)
    for topic in data_version.Topic:
        with demo_db_writable.session() as session:
            cache.get(session, undeclared, 2024)
            cache.get(session, undeclared, 2024)
        with demo_db_writable.session() as session:
            data_version.renew(session, [topic])
    with demo_db_writable.session() as session:
        cache.get(session, undeclared, 2024)
    assert len(calls) == len(data_version.Topic) + 1


def test_every_audited_entity_renews_what_it_changes() -> None:
    """A new entity must be mapped to its topics in audit.TOPICS (unmapped renews them all)."""
    assert set(audit.TOPICS) == set(AuditEntity)
    assert audit.TOPICS[AuditEntity.INCIDENT] == {data_version.Topic.INCIDENTS}


def test_the_versions_are_read_once_per_request(demo_db: Database) -> None:
    statements: list[str] = []

    def _record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "app_meta" in statement:
            statements.append(statement)

    cache = QueryCache()
    event.listen(demo_db.engine, "before_cursor_execute", _record)
    try:
        with demo_db.session() as session:
            cache.get(session, survey_results.survey_years)
            cache.get(session, survey_results.survey_year, 2024)
            cache.get(session, effect_indicators.reporting_by_year)
            cache.get(session, survey_results.survey_year, 2024)
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", _record)
    assert len(statements) == 1


# --- shared through Redis ----------------------------------------------------------------------


@pytest.fixture
def prefix(redis_prefix: str) -> str:
    return redis_prefix


def _through(app: Flask, fn: Callable[..., Any], *args: Any) -> Any:
    """`cached(fn, *args)` as a callback of `app` calls it (one request)."""
    with app.app_context():
        return cached(fn, *args)


def test_two_instances_share_results_and_see_each_others_writes(
    demo_db_writable: Database, prefix: str
) -> None:
    first = make_app(demo_db_writable, redis_url=REDIS_URL, redis_prefix=prefix)
    second = make_app(demo_db_writable, redis_url=REDIS_URL, redis_prefix=prefix)
    calls: list[tuple[Any, ...]] = []
    reporting = counted(effect_indicators.reporting_by_year, calls)

    before = _form_reports(_through(first, reporting), 2024)
    assert _form_reports(_through(second, reporting), 2024) == before
    assert len(calls) == 1, "the second instance read the first one's result from Redis"

    with first.app_context():
        session = db_session()
        create_incident(session, _admin(session), INCIDENT | {"council": "BRO", "count": 4})
        session.commit()
    assert _form_reports(_through(second, reporting), 2024) == before + 4
    assert _form_reports(_through(first, reporting), 2024) == before + 4
    assert len(calls) == 2, "computed once after the write, by the instance that read first"


def test_a_value_not_signed_with_the_apps_key_is_never_read(
    demo_db: Database, session_store: Any, prefix: str
) -> None:
    """Whoever can write to Redis cannot make the app unpickle what they wrote."""
    stranger = make_app(
        demo_db, session_store, redis_url=REDIS_URL, redis_prefix=prefix, secret_key="other"
    )
    app = make_app(demo_db, session_store, redis_url=REDIS_URL, redis_prefix=prefix)
    calls: list[tuple[Any, ...]] = []
    years = counted(survey_results.survey_years, calls)
    assert _through(stranger, years) == _through(app, years)
    assert len(calls) == 2


def test_pages_answer_when_redis_is_down(
    demo_db: Database, session_store: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(demo_db, session_store)
    cache: QueryCache = app.extensions["lagesbild_cache"]
    cache.redis = redis_client(DOWN_REDIS_URL)
    client = app.test_client()
    assert login(client, "ks").status_code == 302
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        answer = call(
            client,
            None,
            [{"id": "effects-year", "property": "value", "value": "2024"}],
            [],
            output_has="effects-summary",
        )
    assert "rapporter via blankett och IA" in answer["effects-summary"]["children"]
    assert "Redis read failed" in caplog.text
    # Then Redis is left alone for a while: the next view neither waits for it nor logs again.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        assert _through(app, survey_results.survey_year, 2023).year == 2023
    assert "Redis" not in caplog.text


def test_a_follow_up_report_read_from_redis_renders_as_computed(
    demo_db: Database, session_store: Any, prefix: str, today: date
) -> None:
    """The riskiest value to share: the follow-up report holds ORM objects (councils, plans),
    read after the request that computed them has closed its session."""
    first = make_app(demo_db, session_store, redis_url=REDIS_URL, redis_prefix=prefix)
    second = make_app(demo_db, session_store, redis_url=REDIS_URL, redis_prefix=prefix)
    calls: list[tuple[Any, ...]] = []
    report = counted(follow_up_callbacks._report, calls)
    computed = _through(first, report, today.year - 1, "vb", "NIN", today)
    shared = _through(second, report, today.year - 1, "vb", "NIN", today)
    assert len(calls) == 1 and shared is not computed
    assert shared.councils[0].plans, "Norra innerstaden reports its predecessors' plans"

    def rendered(value: Any) -> str:
        return json.dumps(follow_up_view.report_view(value), cls=PlotlyJSONEncoder)

    assert rendered(shared) == rendered(computed)


def test_a_read_after_a_write_in_one_transaction_sees_the_write(empty_db: Database) -> None:
    """The versions are first read after the write (a form that saves, then shows figures):
    the renewal is not yet in the table, and still counts."""
    cache = QueryCache()
    with empty_db.session() as session:
        council = Council(
            code="FAR", name="Farsta", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        user = User(username="far", role=Role.COORDINATOR, council=council)
        user.set_password("x")
        session.add_all([council, user])
    data = {"date": "2026-03-01", "source": "ia", "category": "graffiti", "milieu": "unclear"}
    with empty_db.session() as session:
        assert cache.get(session, _total, 2026) == 0
    with empty_db.session() as session:
        user = session.scalars(select(User)).one()
        create_incident(session, user, data | {"count": 2}, date(2026, 11, 1))
        assert cache.get(session, _total, 2026) == 2


def test_a_read_between_two_writes_of_one_transaction_is_not_kept(empty_db: Database) -> None:
    """Write, read, write again, commit: the read saw only the first write, so it must not be
    kept under the version the commit leaves behind (every worker would serve it)."""
    cache = QueryCache()
    with empty_db.session() as session:
        council = Council(
            code="FAR", name="Farsta", kind=CouncilKind.DISTRICT, valid_from=date(2007, 1, 1)
        )
        user = User(username="far", role=Role.COORDINATOR, council=council)
        user.set_password("x")
        session.add_all([council, user])
    data = {"date": "2026-03-01", "source": "ia", "category": "graffiti", "milieu": "unclear"}
    with empty_db.session() as session:
        user = session.scalars(select(User)).one()
        create_incident(session, user, data | {"count": 2}, date(2026, 11, 1))
        assert cache.get(session, _total, 2026) == 2
        create_incident(session, user, data | {"count": 3}, date(2026, 11, 1))
    with empty_db.session() as session:
        assert cache.get(session, _total, 2026) == 5


def test_a_rolled_back_write_leaves_the_versions_as_they_were(empty_db: Database) -> None:
    with empty_db.session() as session:
        data_version.renew(session)
    with empty_db.session() as session:
        before = data_version.current(session)
    with empty_db.sessionmaker() as session:
        data_version.renew(session, [data_version.Topic.INCIDENTS])
        session.rollback()
    with empty_db.session() as session:
        assert data_version.current(session) == before


def test_generated_benchmark_data_renews_every_topic(empty_db: Database) -> None:
    """bench/generate.py writes past the audit log: its data gets versions of its own."""
    from bench.generate import Scale, generate

    with empty_db.session() as session:
        before = data_version.current(session)
    generate(empty_db.engine, Scale("tiny", 2, 2, 20, 2), last_year=2026)
    with empty_db.session() as session:
        after = data_version.current(session)
    assert all(after[t] != before[t] for t in data_version.Topic)


def test_two_writers_do_not_wait_for_each_others_version_rows(
    demo_db_writable: Database,
) -> None:
    """PostgreSQL: the versions are written at commit, so a writer holds no version row while
    its transaction runs (one shared version row made every writer wait for the slowest)."""
    if not demo_db_writable.url.startswith("postgresql"):
        pytest.skip("SQLite serialises writers anyway")
    with demo_db_writable.session() as session:
        before = _total(session, 2024)
    with demo_db_writable.sessionmaker() as first, demo_db_writable.sessionmaker() as second:
        create_incident(first, _admin(first), INCIDENT | {"council": "BRO"})
        first.flush()  # as an import does between rows: written, not committed
        second.execute(text("SET LOCAL lock_timeout = '2s'"))
        create_incident(second, _admin(second), INCIDENT | {"council": "SKA"})
        second.commit()
        first.commit()
    with demo_db_writable.session() as session:
        assert _total(session, 2024) == before + 2
