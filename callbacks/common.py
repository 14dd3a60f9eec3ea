"""Small pieces shared by the form callbacks."""

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

from flask import current_app
from flask_login import current_user

from dashboard.cache import QueryCache
from dashboard.db import db_session
from dashboard.services.permissions import follow_up_councils
from models import Council, rules
from models.base import stockholm_today
from models.enums import Role
from models.queries.activities import council_options

Options = list[dict[str, str]]  # a select's options: [{"label": ..., "value": ...}, ...]


def _coordinator_councils(user: Any, inherited: bool) -> list[Council]:
    """A coordinator's own council, and with `inherited` the predecessors whose open activities
    of the merger year they follow up (models.rules, successor councils)."""
    own: list[Council] = [user.council]
    if not inherited:
        return own
    return own + follow_up_councils(db_session(), user, stockholm_today())


def council_choice(
    requested: str | None = None, inherited: bool = False
) -> tuple[Options, str | None, bool]:
    """Options, value and disabled-flag of a council select. A coordinator gets only their own
    council, and with `inherited` (Mina aktiviteter) also the predecessors their council follows
    up; the server decides, whatever the browser sends. Admin, readers and police choose any
    council (readers only read: the services refuse their writes)."""
    user: Any = current_user
    if user.role is Role.COORDINATOR:
        councils = _coordinator_councils(user, inherited)
        options = [
            {
                "label": c.name + ("" if c.id == user.council_id else " (föregångare)"),
                "value": c.code,
            }
            for c in councils
        ]
        codes = [c.code for c in councils]
        value = requested if requested in codes else user.council.code
        return options, value, len(options) == 1
    options = council_options(db_session())
    values = [o["value"] for o in options]
    value = requested if requested in values else (values[0] if values else None)
    return options, value, False


def form_council(code: str | None, inherited: bool = False) -> Council | None:
    """The council a form works on: a coordinator always their own (with `inherited`, or one of
    the predecessors it follows up), whatever the page asked for."""
    user: Any = current_user
    if user.role is Role.COORDINATOR:
        councils = _coordinator_councils(user, inherited)
        return next((c for c in councils if c.code == code), councils[0])
    return rules.find_council(db_session(), code)


def store(value: object) -> dict[str, Any]:
    """A dcc.Store's dict, or an empty one: a forged request may send a list, a string or a
    number where a store holds a dict."""
    return value if isinstance(value, dict) else {}


def store_id(value: object, key: str = "id") -> int | None:
    """The row id a store holds under `key`; None when it holds none, or a forged request sent
    something no store can hold (a list, "x", 10**20)."""
    return rules.parse_row_id(store(value).get(key))


def selected_row(rows: object) -> dict[str, Any] | None:
    """A grid's first selected (or loaded) row, if the value is one (a forged request may send
    anything)."""
    first = rows[0] if isinstance(rows, list) and rows else None
    return first if isinstance(first, dict) else None


def rows_of(value: object) -> list[dict[str, Any]]:
    """A grid's rows: the dicts of a list, nothing else."""
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def text_value(value: object) -> str | None:
    """A control's text, or None where a forged request sent something else."""
    return value if isinstance(value, str) else None


def clicked(click: object) -> object:
    """The customdata of a chart's first clicked point (Plotly's clickData), None where there is
    none or a forged request sent another shape."""
    points = store(click).get("points")
    first = points[0] if isinstance(points, list) and points else None
    return store(first).get("customdata")


MAX_REFRESH = 10**9  # a page's refresh counter stays far below any limit


def next_refresh(refresh: object) -> int:
    """A page's refresh counter moved on, so its lists reload; a forged counter (a string, a
    list, 10**20) starts again at 1."""
    if isinstance(refresh, bool) or not isinstance(refresh, int):
        return 1
    return refresh + 1 if 0 <= refresh < MAX_REFRESH else 1


T = TypeVar("T")


def cached(fn: Callable[..., T], *args: Hashable) -> T:
    """`fn(session, *args)` through the app's query cache (dashboard.cache), kept until a write
    renews a topic `fn` declared with models.data_version.reads (every topic if none)."""
    cache: QueryCache = current_app.extensions["lagesbild_cache"]
    return cache.get(db_session(), fn, *args)


class Callbacks(Protocol):
    """What a page's `register` receives: Dash's callback methods, guarded by the page's roles
    (callbacks/routing.py PageCallbacks)."""

    def callback(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]: ...

    def clientside_callback(self, *args: Any, **kwargs: Any) -> None: ...
