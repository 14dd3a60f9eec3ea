"""Login, logout and the one global guard that every route passes through."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import select
from werkzeug.wrappers import Response

from dashboard.db import db_session
from models import User

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()

# The only endpoints a visitor without a session may reach: the login page, its stylesheet and
# the accessibility statement (dashboard/public.py, no data).
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "public.accessibility"})
LOGIN_FAILED = "Fel användarnamn eller lösenord."


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


def safe_next(target: str | None) -> str:
    """Only same-site relative paths, so the login page cannot be used as an open redirect."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    config = current_app.config["LAGESBILD_CONFIG"]
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(next_url)
        return render_template("login.html", next_url=next_url, demo=config.demo_mode)
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    user = db_session().scalar(select(User).where(User.username == username))
    if user is None or not user.active or not user.check_password(password):
        return (
            render_template(
                "login.html",
                next_url=next_url,
                demo=config.demo_mode,
                error=LOGIN_FAILED,
                username=username,
            ),
            401,
        )
    login_user(user)
    return redirect(next_url)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    logout_user()
    return redirect(url_for("auth.login"))


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    app.before_request(require_login)  # first: no other hook sees an anonymous request
    csrf.init_app(app)
    app.register_blueprint(bp)

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
