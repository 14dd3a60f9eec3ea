"""HTTP security headers on every response, and the Dash endpoint's same-origin check."""

from urllib.parse import urlsplit

from flask import Flask, Request, Response, jsonify, request

# Dash injects inline styles; scripts are limited to our own origin plus the hashes of Dash's
# inline start-up scripts (set in dash_app). No 'unsafe-eval': Dash 4 runs clientside callbacks
# as functions from our assets and plotly.js draws our trace types without eval (checked with
# every page in headless Chromium: no CSP violation).
CSP_TEMPLATE = (
    "default-src 'self'; "
    "script-src 'self' {script_hashes}; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; "
    "font-src 'self' data:; "
    "connect-src 'self'; "
    "frame-ancestors 'none'; "
    "form-action 'self'; "
    "base-uri 'self'; "
    "object-src 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"
DASH_PREFIX = "/_dash-"
CROSS_ORIGIN = "Anropet kom från en annan webbplats och avvisades."
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _origins(req: Request, served_over_https: bool) -> set[str]:
    """The origins that are ours: the request's own scheme and host, and, when the app is known
    to be served over HTTPS (SESSION_COOKIE_SECURE), the https one even if a TLS-terminating
    proxy handed the request on as http."""
    schemes = {req.scheme} | ({"https"} if served_over_https else set())
    return {f"{scheme}://{req.host}".lower() for scheme in schemes}


def is_same_origin(req: Request, served_over_https: bool) -> bool:
    """Whether a state-changing request comes from a page of ours. Browsers send Origin on
    every POST, and Sec-Fetch-Site too; a request with neither (a script, the tests' client) is
    no cross-site page's, and still needs the session."""
    origin = req.headers.get("Origin")
    fetch_site = req.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    if origin is None:
        return True
    parts = urlsplit(origin)
    if not parts.scheme or not parts.netloc or parts.path not in ("", "/"):
        return False  # "null" (a sandboxed frame, a data: page) or not an origin at all
    return f"{parts.scheme}://{parts.netloc}".lower() in _origins(req, served_over_https)


def init_app(app: Flask) -> None:
    @app.before_request
    def _same_origin_dash_calls() -> tuple[Response, int] | None:
        """Dash's POSTs answer only pages of our own origin: the session cookie alone (SameSite
        Lax) is no proof, as a same-site page on another subdomain would send it too."""
        if request.method in SAFE_METHODS or not request.path.startswith(DASH_PREFIX):
            return None
        if is_same_origin(request, bool(app.config.get("SESSION_COOKIE_SECURE"))):
            return None
        return jsonify({"error": CROSS_ORIGIN}), 403

    @app.after_request
    def _add_headers(response: Response) -> Response:
        hashes = " ".join(app.config.get("CSP_SCRIPT_HASHES", []))
        response.headers.setdefault(
            "Content-Security-Policy", CSP_TEMPLATE.format(script_hashes=hashes)
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers["Strict-Transport-Security"] = HSTS
        if response.mimetype == "text/html" or response.is_json:
            response.headers.setdefault("Cache-Control", "no-store")
        return response
