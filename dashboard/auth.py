"""Login, logout and the one global guard that every route passes through."""

import hashlib
import ipaddress
import math
import time
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.wrappers import Response as FlaskResponse
from flask_limiter import Limiter, RequestLimit
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from limits import parse as parse_limit
from sqlalchemy import select
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from dashboard import sessions
from dashboard.config import Config
from dashboard.db import db_session
from models import User

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()

# The only endpoints a visitor without a session may reach: the login page, its stylesheet,
# the accessibility statement (dashboard/public.py, no data) and the load balancer's health
# check (dashboard/health.py: "ok" or "fel", nothing else).
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "public.accessibility", "health.health"})
LOGIN_FAILED = "Fel användarnamn eller lösenord."
LOCKED_OUT = "För många misslyckade inloggningar. Försök igen om {wait}."
USERNAME_MAX_LENGTH = 150  # no account has a longer name (models/user.py: 64)


def _load_user(user_id: str) -> User | None:
    if not user_id.isdecimal():
        return None
    user = db_session().get(User, int(user_id))
    return user if user is not None and user.active else None


login_manager.user_loader(_load_user)  # not as a decorator: flask_login is untyped


def wants_json() -> bool:
    """Dash's XHRs and the API get 401 JSON; a redirect would send the XHR to the login page."""
    path = request.path
    if path.startswith(("/_dash-", "/api/", "/_reload-hash", "/_favicon")):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" or request.is_json


def require_login() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    if wants_json():
        response = jsonify(error="Inloggning krävs.")
        response.status_code = 401
        return response
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _plain_path(target: str) -> bool:
    """A path on this site and nothing a browser could read as another host: browsers treat a
    backslash as a slash and drop tabs and newlines, so `/\\evil.com` and `/\t/evil.com` mean
    `//evil.com`."""
    if not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None) -> str:
    """Only plain same-site paths, so the login page cannot be used as an open redirect. The
    percent-decoded form is checked too, in case something on the way decodes it once more."""
    if not target or not _plain_path(target) or not _plain_path(unquote(target)):
        return "/"
    return target


@cache
def _dummy_hash() -> str:
    """A hash made the way real ones are (same method and cost), checked when the username is
    unknown: otherwise a quick refusal tells which usernames exist."""
    dummy = User()  # never added to a session
    dummy.set_password("lagesbild-dummy-password")
    return dummy.password_hash


def normalise_username(raw: str) -> str:
    """The name as login looks it up (surrounding spaces dropped); the throttle keys on it too."""
    return raw.strip()


def possible_username(username: str) -> bool:
    """False for a name no account can have: too long, or with control characters or lone
    surrogates (a NUL makes PostgreSQL refuse the query; a surrogate cannot even be encoded)."""
    return len(username) <= USERNAME_MAX_LENGTH and not any(
        unicodedata.category(c) in ("Cc", "Cs") for c in username
    )


def verify_password(user: User | None, password: str) -> bool:
    """One hash check whatever the username: a known and an unknown one take the same time."""
    matches = check_password_hash(user.password_hash if user else _dummy_hash(), password)
    return user is not None and user.active and matches


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    config = current_app.config["LAGESBILD_CONFIG"]
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(next_url)
        return render_template("login.html", next_url=next_url, demo=config.demo_mode)
    username = normalise_username(request.form.get("username", ""))
    password = request.form.get("password", "")
    possible = possible_username(username)
    # An impossible name is never looked up, but still costs the dummy hash check and gets the
    # ordinary 401 (which the throttle counts).
    user = db_session().scalar(select(User).where(User.username == username)) if possible else None
    if not verify_password(user, password):
        return (
            render_template(
                "login.html",
                next_url=next_url,
                demo=config.demo_mode,
                error=LOGIN_FAILED,
                username=username if possible else "",
            ),
            401,
        )
    sessions.rotate()  # a new session id and CSRF token: nothing from before the login
    login_user(user)
    return redirect(next_url)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    logout_user()
    session.clear()  # the server-side session is deleted, the cookie with it
    return redirect(url_for("auth.login"))


@bp.route("/logout/overallt", methods=["POST"])
def logout_everywhere() -> Response:
    """Ends every session of the user: other browsers and devices too."""
    user_id = int(current_user.id)
    logout_user()
    session.clear()
    sessions.end_all(user_id)
    return redirect(url_for("auth.login"))


def account_key(username: str) -> str:
    """The name as login looks it up, case-folded too (so `Admin` and ` admin` count against
    `admin`: stricter, never looser), as a digest: a 60 kB name is a 64-character key."""
    name = normalise_username(username).casefold()
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
    return "account:" + digest


def _account_key() -> str:
    return account_key(request.form.get("username", ""))


def client_address() -> str:
    """The client's address: behind N trusted proxies (LAGESBILD_PROXY_COUNT) the Nth entry from
    the right of X-Forwarded-For, else the connection's. Entries further left are the client's
    own claims and are never trusted; without this every login behind a proxy shares one address.
    """
    proxies: int = current_app.config["LAGESBILD_CONFIG"].proxy_count
    forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.remote_addr or "okänd"


def throttled_address(address: str) -> str:
    """The unit the address limit counts: an IPv4 address, or an IPv6 address's /64 (one
    connection usually has a whole /64 to pick addresses from)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:  # not an address (a misconfigured proxy count): bounded all the same
        return "other-" + hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _address_key() -> str:
    return "address:" + throttled_address(client_address())


def _login_failed(response: Response) -> bool:
    """Only refused logins count: hundreds of successful ones never lock anybody out."""
    return response.status_code == 401


def wait_text(reset_at: float) -> str:
    """Swedish minutes until a limit's window frees a try ("1 minut", "15 minuter")."""
    # reset_at is rounded up to the next whole second: take that second back.
    minutes = max(1, math.ceil((reset_at - 1 - time.time()) / 60))
    return "1 minut" if minutes == 1 else f"{minutes} minuter"


def _locked_out(limit: RequestLimit) -> FlaskResponse:
    wait = wait_text(limit.reset_at)
    username = normalise_username(request.form.get("username", ""))
    page = render_template(
        "login.html",
        next_url=safe_next(request.values.get("next")),
        demo=current_app.config["LAGESBILD_CONFIG"].demo_mode,
        error=LOCKED_OUT.format(wait=wait),
        username=username if possible_username(username) else "",
    )
    return make_response(page, 429)  # Flask-Limiter sends it only if it is a flask.Response


def _init_throttling(app: Flask, config: Config) -> None:
    """Failed logins per account and per address (Flask-Limiter; Redis when REDIS_URL is set,
    else this process's memory). The check runs before the password is looked at, so during a
    lockout even the right password is refused."""
    limiter = Limiter(
        key_func=_address_key,
        storage_uri=config.redis_url or "memory://",
        key_prefix=f"{config.redis_prefix}login",
        strategy="moving-window",
    )
    limiter.init_app(app)
    view: Any = app.view_functions["auth.login"]
    for limit, key in (
        (config.login_limit_account, _account_key),
        (config.login_limit_address, _address_key),
    ):
        view = limiter.limit(
            limit,
            key_func=key,
            methods=["POST"],
            deduct_when=_login_failed,
            on_breach=_locked_out,
        )(view)
    app.view_functions["auth.login"] = view
    app.extensions["lagesbild_limiter"] = limiter


class AccountAttempts:
    """The login's per-account budget of failed password checks, for other places that check a
    user's password (the "Byt lösenord" form): a wrong password there counts against the same
    account as a failed login, so neither can be used to guess beyond the one limit. The
    counter is the one Flask-Limiter keeps for the login view (same storage, key and scope)."""

    SCOPE = "auth.login"  # Flask-Limiter's scope of a route limit: the view's endpoint

    def __init__(self, app: Flask) -> None:
        config: Config = app.config["LAGESBILD_CONFIG"]
        self.limiter: Limiter = app.extensions["lagesbild_limiter"]
        self.limit = parse_limit(config.login_limit_account)
        self.prefix = f"{config.redis_prefix}login"

    def _args(self, username: str) -> tuple[str, str, str]:
        return self.prefix, account_key(username), self.SCOPE

    def locked_for(self, username: str) -> str | None:
        """How long the account is locked out, in Swedish; None while a try is left."""
        args = self._args(username)
        if self.limiter.limiter.test(self.limit, *args):
            return None
        return wait_text(self.limiter.limiter.get_window_stats(self.limit, *args).reset_time)

    def failed(self, username: str) -> None:
        self.limiter.limiter.hit(self.limit, *self._args(username))


def account_attempts() -> AccountAttempts:
    return AccountAttempts(current_app)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # Before CSRF and every hook registered after this (Dash's, the security headers', the
    # throttle's): none of them sees an anonymous request to a non-public endpoint. Only
    # body_limits._cap_body runs earlier (dashboard/app.py), and it only sets the body cap.
    app.before_request(require_login)
    csrf.init_app(app)
    app.register_blueprint(bp)
    _init_throttling(app, app.config["LAGESBILD_CONFIG"])

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> tuple[str | Response, int]:
        if wants_json():
            return jsonify(error="CSRF-token saknas eller är ogiltig. Ladda om sidan."), 400
        return (
            render_template(
                "login.html",
                next_url="/",
                demo=app.config["LAGESBILD_CONFIG"].demo_mode,
                error="Sidan hade gått ut. Försök igen.",
            ),
            400,
        )
