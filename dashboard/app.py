"""The app factory: one Flask server, Dash mounted on it, every route behind the login guard."""

from flask import Flask

from dashboard import api, auth, body_limits, db, health, public, security_headers, sessions
from dashboard.cache import QueryCache, redis_client
from dashboard.config import INSTANCE_DIR, Config
from dashboard.dash_app import create_dash
from dashboard.exports import routes as exports


def create_app(
    config: Config | None = None,
    database: db.Database | None = None,
    session_store: sessions.SessionStore | None = None,
) -> Flask:
    config = config or Config.from_env()
    server = Flask(__name__, static_folder="static", template_folder="templates")
    server.config.update(
        SECRET_KEY=config.secret_key,
        TESTING=config.testing,
        LAGESBILD_CONFIG=config,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=config.secure_cookies,
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=config.secure_cookies,
        MAX_CONTENT_LENGTH=40 * 1024 * 1024,  # an upload travels base64-encoded
    )
    server.config.update({"IMPORT_DIR": str(INSTANCE_DIR / "imports"), **config.extra})
    database = database or db.Database(config.database_url)
    db.init_app(server, database)
    # Server-side sessions; `session_store` lets tests keep them out of a read-only database.
    server.session_interface = sessions.make_interface(config, database, session_store)
    # Per process, and shared by every worker and host through Redis when REDIS_URL is set.
    server.extensions["lagesbild_cache"] = QueryCache(
        enabled=config.query_cache,
        redis=redis_client(config.redis_url) if config.redis_url else None,
        prefix=config.redis_prefix,
        secret=config.secret_key,
    )
    body_limits.init_app(server)  # before the login guard and CSRF, which read forms
    auth.init_app(server)
    server.register_blueprint(api.bp)
    server.register_blueprint(public.bp)
    server.register_blueprint(health.bp)  # /halsa: public, see dashboard/health.py
    server.register_blueprint(exports.bp)
    security_headers.init_app(server)
    # This server's own Dash app: dash.get_app() answers whichever app last served a request in
    # the thread, which need not be this one (tests create many apps).
    server.extensions["lagesbild_dash"] = create_dash(server)
    return server
