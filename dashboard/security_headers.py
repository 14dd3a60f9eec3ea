"""HTTP security headers on every response."""

from flask import Flask, Response

# Dash injects inline styles and Plotly needs eval for some trace types; scripts are otherwise
# limited to our own origin plus the hashes of Dash's inline start-up script (set in dash_app).
CSP_TEMPLATE = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-eval' {script_hashes}; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; "
    "font-src 'self' data:; "
    "connect-src 'self'; "
    "frame-ancestors 'none'; "
    "form-action 'self'; "
    "base-uri 'self'; "
    "object-src 'none'"
)


def init_app(app: Flask) -> None:
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
        if response.mimetype == "text/html" or response.is_json:
            response.headers.setdefault("Cache-Control", "no-store")
        return response
