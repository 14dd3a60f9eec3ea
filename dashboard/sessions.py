"""Server-side sessions: the cookie of a logged-in user carries only a signed random id, the
data lives in a store (the app's database, or Redis when REDIS_URL is set). So logout, "log out
everywhere", an idle timeout and an absolute lifetime really end a session: a copied cookie is
worth nothing after.

A visitor who is not logged in has nothing worth ending: the little they have (the login form's
CSRF token) is kept in a signed cookie, as Flask does by default, and nothing is stored until the
login. Otherwise every cookieless GET of the login page would add a row anyone could multiply.

A request that changes nothing writes nothing, except a "last seen" touch at most once a minute:
Dash sends many XHRs per page and hundreds of users work at once. A store that is busy (SQLite's
write lock held by a long import) skips that touch; a login it cannot save answers 503."""

import hashlib
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, cast

from flask import Flask, Request, current_app, g, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from itsdangerous import BadSignature, Signer, URLSafeTimedSerializer
from redis import Redis
from redis.exceptions import RedisError, ResponseError
from sqlalchemy import Engine, Table, delete, insert, or_, select, update
from sqlalchemy.exc import OperationalError
from werkzeug.wrappers import Response

from dashboard.config import Config
from dashboard.db import Database
from models.session import UserSession

TOUCH_EVERY_SECONDS = 60
PURGE_EVERY_SECONDS = 300
_SERIALIZER = TaggedJSONSerializer()  # Flask's own: keeps bytes, tuples and the like intact
USER_KEY = "_user_id"  # Flask-Login's: a session with it is kept on the server
# A store that cannot answer now: SQLite's write lock held past busy_timeout, a database or Redis
# that is down or restarting.
STORE_BUSY: tuple[type[Exception], ...] = (OperationalError, RedisError)
BUSY_MESSAGE = "Tjänsten är upptagen, försök igen om en stund."
log = logging.getLogger(__name__)


def store_key(session_id: str) -> str:
    """The store keeps a digest, not the id: a leaked table or Redis dump opens no session."""
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass
class SessionRecord:
    user_id: int | None
    data: dict[str, Any]
    created: float  # epoch seconds
    last_seen: float


class SessionStore(Protocol):
    def load(self, key: str) -> SessionRecord | None: ...
    def save(self, key: str, record: SessionRecord, create: bool = True) -> None: ...
    def touch(self, key: str, last_seen: float) -> None: ...
    def delete(self, key: str) -> None: ...
    def delete_user(self, user_id: int) -> None: ...
    def purge(self, seen_before: float, created_before: float) -> None: ...


class SqlSessionStore:
    """The user_sessions table (migration 0007), in the app's database or another."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.table = cast(Table, UserSession.__table__)

    def load(self, key: str) -> SessionRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(self.table).where(self.table.c.id == key)).first()
        if row is None:
            return None
        return SessionRecord(
            row.user_id, _SERIALIZER.loads(row.data), float(row.created), float(row.last_seen)
        )

    def save(self, key: str, record: SessionRecord, create: bool = True) -> None:
        """`create=False` only updates: a session ended meanwhile (logout elsewhere) stays dead."""
        values = {
            "user_id": record.user_id,
            "data": _SERIALIZER.dumps(record.data),
            "created": int(record.created),
            "last_seen": int(record.last_seen),
        }
        with self.engine.begin() as conn:
            updated = conn.execute(update(self.table).where(self.table.c.id == key), values)
            if updated.rowcount == 0 and create:
                conn.execute(insert(self.table), {"id": key, **values})

    def touch(self, key: str, last_seen: float) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(self.table).where(self.table.c.id == key), {"last_seen": int(last_seen)}
            )

    def delete(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(self.table).where(self.table.c.id == key))

    def delete_user(self, user_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(self.table).where(self.table.c.user_id == user_id))

    def purge(self, seen_before: float, created_before: float) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(self.table).where(
                    or_(
                        self.table.c.last_seen < int(seen_before),
                        self.table.c.created < int(created_before),
                    )
                )
            )


# Sets a session's fields and its expiry, and adds it to its user's set (KEYS[2]); with
# ARGV[2] = "0" only if the session still exists (a session ended meanwhile stays ended). A key
# of another type (an older release's string) is replaced.
_SAVE_SCRIPT = """
local exists = redis.call('TYPE', KEYS[1])['ok'] == 'hash'
if not exists and ARGV[2] == '0' then return 0 end
if not exists then redis.call('DEL', KEYS[1]) end
redis.call('HSET', KEYS[1], 'data', ARGV[3], 'user_id', ARGV[4], 'created', ARGV[5],
           'last_seen', ARGV[6])
redis.call('EXPIRE', KEYS[1], ARGV[1])
if ARGV[4] ~= '' then
  redis.call('SADD', KEYS[2], ARGV[7])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
return 1
"""
# Only "last seen" and the expiry, and only of a session that exists: never the data.
_TOUCH_SCRIPT = """
if redis.call('TYPE', KEYS[1])['ok'] ~= 'hash' then return 0 end
redis.call('HSET', KEYS[1], 'last_seen', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
"""


class RedisSessionStore:
    """One hash per session (data, user_id, created, last_seen), expiring by itself; a set per
    user for "log out everywhere". A touch sets last_seen alone, so it cannot overwrite data
    another request of the same session saved meanwhile."""

    def __init__(self, client: Redis, prefix: str, ttl_seconds: int) -> None:
        self.client = client
        self.prefix = prefix
        self.ttl = ttl_seconds
        self._save_script = client.register_script(_SAVE_SCRIPT)
        self._touch_script = client.register_script(_TOUCH_SCRIPT)

    def _key(self, key: str) -> str:
        return f"{self.prefix}session:{key}"

    def _user_key(self, user_id: int) -> str:
        return f"{self.prefix}user-sessions:{user_id}"

    def load(self, key: str) -> SessionRecord | None:
        try:
            stored = cast(dict[bytes, bytes], self.client.hgetall(self._key(key)))
        except ResponseError:  # WRONGTYPE: an older release's string; the user logs in again
            return None
        try:
            user_id = stored[b"user_id"].decode()
            return SessionRecord(
                int(user_id) if user_id else None,
                _SERIALIZER.loads(stored[b"data"].decode()),
                float(stored[b"created"]),
                float(stored[b"last_seen"]),
            )
        except KeyError:  # no such session (HGETALL gives {})
            return None

    def save(self, key: str, record: SessionRecord, create: bool = True) -> None:
        """`create=False` only updates: a session ended meanwhile (logout elsewhere) stays dead."""
        user_key = self._user_key(record.user_id) if record.user_id is not None else ""
        self._save_script(
            keys=[self._key(key), user_key or self._key(key)],
            args=[
                self.ttl,
                "1" if create else "0",
                _SERIALIZER.dumps(record.data),
                "" if record.user_id is None else str(record.user_id),
                repr(float(record.created)),
                repr(float(record.last_seen)),
                key,
            ],
        )

    def touch(self, key: str, last_seen: float) -> None:
        self._touch_script(keys=[self._key(key)], args=[self.ttl, repr(float(last_seen))])

    def delete(self, key: str) -> None:
        self.client.delete(self._key(key))

    def delete_user(self, user_id: int) -> None:
        user_key = self._user_key(user_id)
        members = cast(set[bytes], self.client.smembers(user_key))
        keys = [self._key(k.decode()) for k in members]
        self.client.delete(*keys, user_key)

    def purge(self, seen_before: float, created_before: float) -> None:
        """Redis expires idle sessions itself."""


class ServerSession(dict[str, Any], SessionMixin):
    """The request's session; remembers whether it changed, so an unchanged one is not saved."""

    def __init__(
        self, session_id: str, record: SessionRecord | None = None, *, replaced: str | None = None
    ) -> None:
        super().__init__(record.data if record else {})
        self.session_id = session_id
        self.record = record  # as loaded; None for a new session
        self.replaced = replaced  # a dead or rotated id whose row is to go
        self.modified = False
        self.accessed = False

    def _changed(self) -> None:
        self.modified = True
        self.accessed = True

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._changed()

    def clear(self) -> None:
        super().clear()
        self._changed()

    def pop(self, key: str, *default: Any) -> Any:
        value = super().pop(key, *default)
        self._changed()
        return value

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self._changed()
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        super().update(*args, **kwargs)
        self._changed()

    def rotate(self) -> None:
        """A new id for the same data (at login: no session fixation); the old row goes."""
        if self.record is not None:
            self.replaced = store_key(self.session_id)
        self.session_id = new_session_id()
        self.record = None
        self._changed()


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


class ServerSideSessions(SessionInterface):
    """Flask's session interface over a `SessionStore`."""

    def __init__(
        self,
        store: SessionStore,
        idle_seconds: int,
        max_age_seconds: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.idle_seconds = idle_seconds
        self.max_age_seconds = max_age_seconds
        self.clock = clock
        self._last_purge = 0.0

    def _signer(self, app: Flask) -> Signer:
        return Signer(str(app.secret_key), salt="lagesbild-session")

    def _anonymous_serializer(self, app: Flask) -> URLSafeTimedSerializer:
        """The signed cookie of a visitor who is not logged in (a salt of its own: neither
        cookie can pass for the other)."""
        return URLSafeTimedSerializer(
            str(app.secret_key),
            salt="lagesbild-anonymous-session",
            serializer=_SERIALIZER,
            signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha256},
        )

    def _anonymous_data(self, app: Flask, cookie: str) -> dict[str, Any]:
        try:
            data = self._anonymous_serializer(app).loads(cookie, max_age=self.max_age_seconds)
        except BadSignature:
            return {}
        if not isinstance(data, dict):
            return {}
        data.pop(USER_KEY, None)  # a login is only ever a server-side session
        return data

    def session_id(self, app: Flask, cookie: str) -> str | None:
        try:
            return self._signer(app).unsign(cookie).decode()
        except BadSignature:
            return None

    def key_for_cookie(self, app: Flask, cookie: str) -> str | None:
        """The store's key for a cookie value (tests and diagnostics)."""
        session_id = self.session_id(app, cookie)
        return store_key(session_id) if session_id else None

    def _alive(self, record: SessionRecord, now: float) -> bool:
        return (
            now - record.last_seen <= self.idle_seconds
            and now - record.created <= self.max_age_seconds
        )

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return ServerSession(new_session_id())
        session_id = self.session_id(app, cookie)
        if session_id is None:
            anonymous = ServerSession(new_session_id())
            dict.update(anonymous, self._anonymous_data(app, cookie))  # not a change
            return anonymous
        key = store_key(session_id)
        record = self.store.load(key)
        if record is None:
            return ServerSession(new_session_id())
        if not self._alive(record, self.clock()):
            return ServerSession(new_session_id(), replaced=key)
        return ServerSession(session_id, record)

    def save_session(  # type: ignore[override]
        self, app: Flask, session: ServerSession, response: Response
    ) -> None:
        try:
            self._save(app, session, response)
        except STORE_BUSY as error:
            # Nothing was saved (a login, a logout, a new CSRF token): say so, not a bare 500.
            log.warning("Session store busy, the session was not saved: %s", error)
            _answer_busy(response)

    def _save(self, app: Flask, session: ServerSession, response: Response) -> None:
        now = self.clock()
        if session.replaced is not None:
            self.store.delete(session.replaced)
        self._purge(now)
        name, domain, path = (
            self.get_cookie_name(app),
            self.get_cookie_domain(app),
            self.get_cookie_path(app),
        )
        key = store_key(session.session_id)
        if not session:
            if session.record is not None:
                self.store.delete(key)
            if session.record is not None or session.replaced is not None or session.modified:
                response.delete_cookie(name, domain=domain, path=path)
            return
        user_id = str(session.get(USER_KEY) or "")
        if not user_id:
            # Not logged in: the data goes to a signed cookie, nothing to the store.
            if session.record is not None:
                self.store.delete(key)
            if session.modified or session.record is not None or session.replaced is not None:
                cookie = self._anonymous_serializer(app).dumps(dict(session))
                self._set_cookie(app, response, cookie)
            response.vary.add("Cookie")
            return
        if session.modified or session.record is None:
            created = session.record.created if session.record else now
            self.store.save(
                key,
                SessionRecord(
                    int(user_id) if user_id.isdecimal() else None,
                    dict(session),
                    created,
                    now,
                ),
                create=session.record is None,
            )
            self._set_cookie(app, response, self._signer(app).sign(session.session_id).decode())
        elif now - session.record.last_seen >= TOUCH_EVERY_SECONDS:
            try:
                self.store.touch(key, now)
            except STORE_BUSY as error:
                # Only "last seen": the next request a minute on tries again.
                log.warning("Session store busy, 'last seen' not updated: %s", error)
        response.vary.add("Cookie")

    def _set_cookie(self, app: Flask, response: Response, value: str) -> None:
        response.set_cookie(
            self.get_cookie_name(app),
            value,
            httponly=self.get_cookie_httponly(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
        )

    def _purge(self, now: float) -> None:
        """Dead rows go now and then (per process), not on every request."""
        if now - self._last_purge < PURGE_EVERY_SECONDS:
            return
        self._last_purge = now
        try:
            self.store.purge(now - self.idle_seconds, now - self.max_age_seconds)
        except STORE_BUSY as error:
            log.warning("Session store busy, dead sessions not purged: %s", error)


def _answer_busy(response: Response) -> None:
    """Turns the finished response into a Swedish 503 (the session interface cannot return a
    response of its own): no redirect, no cookie, a retry hint."""
    from dashboard.auth import wants_json  # dashboard.auth imports this module

    response.status_code = 503
    response.headers["Retry-After"] = "10"
    for header in ("Location", "Set-Cookie", "Content-Disposition"):
        response.headers.pop(header, None)
    response.direct_passthrough = False
    if wants_json():
        response.mimetype = "application/json"
        response.set_data(json.dumps({"error": BUSY_MESSAGE}, ensure_ascii=False))
        return
    response.mimetype = "text/html"
    response.set_data(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        "<title>Upptaget – Lägesbild</title></head><body><main>"
        f"<h1>Upptaget</h1><p>{BUSY_MESSAGE}</p>"
        '<p><a href="/login">Till inloggningen</a></p></main></body></html>'
    )


def make_interface(
    config: Config, database: Database, store: SessionStore | None = None
) -> ServerSideSessions:
    """The store from the configuration: Redis when REDIS_URL is set, else the app's database."""
    idle, max_age = config.session_idle_minutes * 60, config.session_max_hours * 3600
    if store is None:
        if config.redis_url:
            store = RedisSessionStore(
                Redis.from_url(config.redis_url), config.redis_prefix, idle + TOUCH_EVERY_SECONDS
            )
        else:
            store = SqlSessionStore(database.engine)
    return ServerSideSessions(store, idle, max_age)


def rotate() -> None:
    """At login: a new session id and a new CSRF token, so nothing from before carries over
    (a session id or token planted or seen before the login is worth nothing after it)."""
    current = getattr(session, "_get_current_object", lambda: session)()
    if isinstance(current, ServerSession):
        current.rotate()
    session.pop("csrf_token", None)
    g.pop("csrf_token", None)  # Flask-WTF's copy for this request


def end_all(user_id: int) -> None:
    """ "Log out everywhere": every session of this user, this one included."""
    interface = current_app.session_interface
    if isinstance(interface, ServerSideSessions):
        interface.store.delete_user(user_id)
