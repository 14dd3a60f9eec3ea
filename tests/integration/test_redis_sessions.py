"""With REDIS_URL set, sessions and the login throttle live in Redis (127.0.0.1:6379 here;
skipped only when it cannot be reached, and never in CI, which starts it). Every test has a key
prefix of its own."""

import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from redis import Redis

from dashboard.db import Database
from dashboard.sessions import RedisSessionStore, ServerSideSessions, SessionRecord
from tests.conftest import REDIS_URL, login, make_app


@pytest.fixture
def prefix(redis_prefix: str) -> str:
    return redis_prefix


@pytest.fixture
def redis_app(demo_db: Database, prefix: str) -> Flask:
    return make_app(
        demo_db,
        redis_url=REDIS_URL,
        redis_prefix=prefix,
        login_limit_account="2 per 15 minutes",
    )


def _logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _csrf(client: FlaskClient) -> str:
    token: str = client.get("/api/v1/session").get_json()["csrf_token"]
    return token


def _interface(app: Flask) -> ServerSideSessions:
    interface = app.session_interface
    assert isinstance(interface, ServerSideSessions)
    assert isinstance(interface.store, RedisSessionStore)
    return interface


def test_sessions_are_kept_in_redis_with_an_expiry(redis_app: Flask, prefix: str) -> None:
    _interface(redis_app)
    client = _logged_in(redis_app, "ks")
    assert client.get("/api/v1/session").status_code == 200
    redis = Redis.from_url(REDIS_URL)
    keys = list(redis.scan_iter(f"{prefix}session:*"))
    assert len(keys) == 1
    assert 0 < redis.ttl(keys[0]) <= 31 * 60


def test_logout_and_logout_everywhere_end_redis_sessions(redis_app: Flask) -> None:
    first, second = _logged_in(redis_app, "bromma"), _logged_in(redis_app, "bromma")
    other_user = _logged_in(redis_app, "ks")
    cookie = first.get_cookie("session")
    assert cookie is not None
    assert first.post("/logout/overallt", data={"csrf_token": _csrf(first)}).status_code == 302
    assert second.get("/api/v1/session").status_code == 401
    replay = redis_app.test_client()
    replay.set_cookie("session", cookie.value)
    assert replay.get("/api/v1/session").status_code == 401
    assert other_user.get("/api/v1/session").status_code == 200
    assert other_user.post("/logout", data={"csrf_token": _csrf(other_user)}).status_code == 302
    assert other_user.get("/api/v1/session").status_code == 401


def test_an_idle_redis_session_is_dead(redis_app: Flask) -> None:
    interface = _interface(redis_app)
    client = _logged_in(redis_app, "ostermalm")
    cookie = client.get_cookie("session")
    assert cookie is not None
    key = interface.key_for_cookie(redis_app, cookie.value)
    assert key is not None
    interface.store.touch(key, time.time() - interface.idle_seconds - 1)
    assert client.get("/api/v1/session").status_code == 401


def test_failed_logins_are_counted_in_redis(
    redis_app: Flask, demo_db: Database, prefix: str
) -> None:
    client = redis_app.test_client()
    for _ in range(2):
        assert login(client, "skarpnack", "fel").status_code == 401
    assert login(client, "skarpnack", "demo").status_code == 429
    assert list(Redis.from_url(REDIS_URL).scan_iter(f"*{prefix}login*"))
    # Another app on the same Redis (a second worker process) sees the same lockout.
    second_worker = make_app(
        demo_db, redis_url=REDIS_URL, redis_prefix=prefix, login_limit_account="2 per 15 minutes"
    )
    assert login(second_worker.test_client(), "skarpnack", "demo").status_code == 429


def test_the_redis_store_does_not_bring_an_ended_session_back(prefix: str) -> None:
    store = RedisSessionStore(Redis.from_url(REDIS_URL), prefix, 60)
    now = time.time()
    store.save("a", SessionRecord(7, {"_user_id": "7"}, now, now))
    store.save("b", SessionRecord(8, {"_user_id": "8"}, now, now))
    store.delete_user(7)
    assert store.load("a") is None and store.load("b") is not None
    store.save("a", SessionRecord(7, {"x": 1}, now, now), create=False)
    store.touch("a", now)
    assert store.load("a") is None


def test_visitors_without_a_login_store_nothing_in_redis(redis_app: Flask, prefix: str) -> None:
    redis = Redis.from_url(REDIS_URL)
    for _ in range(50):
        assert redis_app.test_client().get("/login").status_code == 200
    assert list(redis.scan_iter(f"{prefix}session:*")) == []
    client = _logged_in(redis_app, "ks")
    assert len(list(redis.scan_iter(f"{prefix}session:*"))) == 1
    assert client.get("/api/v1/session").status_code == 200


def test_a_touch_never_undoes_a_change_saved_meanwhile(
    prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two requests of one session: one saves a new CSRF token while the other's "last seen"
    touch is under way (its read came before that save). The new token stays."""
    store = RedisSessionStore(Redis.from_url(REDIS_URL), prefix, 60)
    now = time.time()
    store.save("a", SessionRecord(7, {"_user_id": "7", "csrf_token": "old"}, now - 90, now - 90))
    stale = store.load("a")
    store.save(
        "a", SessionRecord(7, {"_user_id": "7", "csrf_token": "new"}, now - 90, now), create=False
    )
    monkeypatch.setattr(store, "load", lambda key: stale)  # the touch read before that save
    store.touch("a", now + 1)
    monkeypatch.undo()
    record = store.load("a")
    assert record is not None
    assert record.data["csrf_token"] == "new"
    assert record.last_seen == pytest.approx(now + 1)
    assert record.user_id == 7 and record.created == pytest.approx(now - 90)
    assert 0 < store.client.ttl(f"{prefix}session:a") <= 60


def test_a_session_kept_by_an_older_release_is_simply_gone(prefix: str) -> None:
    """Before sessions were hashes each was a JSON string: such a key is no session (the user
    logs in again), and a new login under it replaces it."""
    store = RedisSessionStore(Redis.from_url(REDIS_URL), prefix, 60)
    store.client.set(f"{prefix}session:old", '{"user_id": 7}', ex=60)
    assert store.load("old") is None
    store.touch("old", time.time())
    now = time.time()
    store.save("old", SessionRecord(7, {"_user_id": "7"}, now, now))
    record = store.load("old")
    assert record is not None and record.user_id == 7
