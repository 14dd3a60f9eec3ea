"""How large a request body each route may send, set per request before anything reads it, and
the Swedish answer (413) to one that is larger.

A body is read in full before it is validated, so an uncapped route lets anyone logged in (a
reader too) make a worker read and parse megabytes. Each route gets what its largest legitimate
request needs, with a wide margin:

- the JSON API: a write is a handful of fields, the largest a plan's three texts of 20 000
  characters each (360 kB even if a client escapes every character as \\uXXXX, about 70 kB
  as plain UTF-8); 512 kB;
- Dash's callbacks for a role that writes: the import page's upload travels base64-encoded
  through a callback (a 20 MB file is 27 MB), so the app's ceiling, MAX_CONTENT_LENGTH (40 MB);
- Dash's callbacks for a reader or the police, who upload nothing: the largest they send is a
  grid's rows sent back as a callback's input (the activities and plan-quality grids: at most
  7 kB for any plan of the demo data; a plan of 100 activities with 4 000-character texts would
  be about 0.6 MB); 2 MB;
- any other route (the login form, exports' addresses): 64 kB.

A JSON body under its cap may still be nested deeper than Python's parser goes ("[" * 100 000
is 100 kB): the app's JSON provider reads that as a body that is not JSON, for every
`get_json` in the app, Dash's included.
"""

from typing import Any

from flask import Flask, Response, jsonify, request
from flask.json.provider import DefaultJSONProvider
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.auth import wants_json
from dashboard.formatting import fmt_size
from models.enums import Role

API_CAP = 512 * 1024
DASH_READER_CAP = 2 * 1024 * 1024
FORM_CAP = 64 * 1024
DASH_CALLBACK = "/_dash-update-component"
TOO_LARGE = "Förfrågan är för stor ({size}). Största tillåtna storlek här är {cap}."


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, but a body nested deeper than the parser goes is a ValueError (a body that
    is not JSON: `get_json(silent=True)` gives None, the caller's Swedish 4xx) instead of a
    RecursionError, which no caller catches (a 500)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def cap_for_request(upload_cap: int) -> int:
    """The body cap of the current request, by its path and (for Dash) the user's role."""
    path = request.path
    if path.startswith("/api/"):
        return API_CAP
    if path == DASH_CALLBACK:
        writes = current_user.is_authenticated and current_user.role in (
            Role.ADMIN,
            Role.COORDINATOR,
        )
        return upload_cap if writes else DASH_READER_CAP
    return FORM_CAP


def init_app(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    upload_cap = int(app.config["MAX_CONTENT_LENGTH"])

    @app.before_request
    def _cap_body() -> None:
        request.max_content_length = cap_for_request(upload_cap)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_error: RequestEntityTooLarge) -> tuple[Response | str, int]:
        cap = request.max_content_length or upload_cap
        size = request.content_length or 0
        message = TOO_LARGE.format(
            size=fmt_size(size) if size else "okänd storlek", cap=fmt_size(cap)
        )
        if wants_json():
            return jsonify(error=message), 413
        page = (
            '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
            "<title>För stor förfrågan – Lägesbild</title></head><body><main>"
            f"<h1>För stor förfrågan</h1><p>{message}</p>"
            '<p><a href="/">Till startsidan</a></p></main></body></html>'
        )
        return page, 413
