"""The load balancer's health check: `GET /halsa` (and `/healthz`, the name such probes expect).

Anyone may ask, without logging in (dashboard.auth.PUBLIC_ENDPOINTS), so the answer says nothing
but `ok` (200) or `fel` (503) as plain text: no version, no error text, no cookie, no session
(a request without a session cookie stores nothing, dashboard/sessions.py). It is healthy when
the database answers `SELECT 1` and, when REDIS_URL is set, Redis answers PING (sessions and the
login throttle live there: without it nobody can log in).

An administrator who is logged in may ask for `?detaljer=1`: the same checks as JSON, with the
database kind, the schema's Alembic revision against the code's head, and the app version.
"""

import logging
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from flask_login import current_user
from redis import Redis
from sqlalchemy import Engine, text

from dashboard import backup
from dashboard.db import get_database
from models.enums import Role

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)
REDIS_TIMEOUT_S = 2.0
_REDIS_CLIENT = "lagesbild_health_redis"


def database_ok(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # any failure is "fel", never a 500 with a traceback
        log.warning("Health check: the database does not answer (%s)", type(error).__name__)
        return False
    return True


def redis_ok() -> bool | None:
    """None when Redis is not configured."""
    url = current_app.config["LAGESBILD_CONFIG"].redis_url
    if not url:
        return None
    client = current_app.extensions.get(_REDIS_CLIENT)
    if client is None:
        client = Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_S, socket_connect_timeout=REDIS_TIMEOUT_S
        )
        current_app.extensions[_REDIS_CLIENT] = client
    try:
        return bool(client.ping())
    except Exception as error:
        log.warning("Health check: Redis does not answer (%s)", type(error).__name__)
        return False


def _admin() -> bool:
    """Only asked for `?detaljer=1`, and only once the database has answered (loading the
    user reads it)."""
    try:
        return bool(current_user.is_authenticated and current_user.role is Role.ADMIN)
    except Exception:
        return False


def _details(engine: Engine, db_ok: bool, redis: bool | None, healthy: bool) -> dict[str, Any]:
    try:
        revision = backup.schema_revision(engine) if db_ok else None
    except Exception:
        revision = None
    head = backup.head_revision()
    return {
        "status": "ok" if healthy else "fel",
        "database": engine.dialect.name,
        "database_ok": db_ok,
        "revision": revision,
        "head_revision": head,
        "at_head": revision == head,
        "redis_ok": redis,  # null: REDIS_URL is not set
        "version": backup.app_version(),
    }


@bp.route("/halsa")
@bp.route("/healthz")
def health() -> Response:
    engine = get_database().engine
    db_ok = database_ok(engine)
    redis = redis_ok()
    healthy = db_ok and redis is not False
    status = 200 if healthy else 503
    if request.args.get("detaljer") == "1" and db_ok and _admin():
        response = jsonify(_details(engine, db_ok, redis, healthy))
        response.status_code = status
    else:
        response = Response("ok" if healthy else "fel", status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response
