"""Small pieces shared by the form callbacks."""

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, Protocol, TypeVar

from flask import current_app
from flask_login import current_user

from dashboard.cache import QueryCache
from dashboard.db import db_session
from dashboard.services.permissions import follow_up_councils
from models import Council, rules
from models.enums import Role
from models.queries.activities import council_options

Options = list[dict[str, str]]  # a select's options: [{"label": ..., "value": ...}, ...]


def _coordinator_councils(user: Any, inherited: bool) -> list[Council]:
    """A coordinator's own council, and with `inherited` the predecessors whose open activities
    of the merger year they follow up (models.rules, successor councils)."""
    own: list[Council] = [user.council]
    if not inherited:
        return own
    return own + follow_up_councils(db_session(), user, date.today())


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


T = TypeVar("T")


def cached(fn: Callable[..., T], *args: Hashable) -> T:
    """`fn(session, *args)` through the app's query cache (dashboard.cache)."""
    cache: QueryCache = current_app.extensions["lagesbild_cache"]
    return cache.get(db_session(), fn, *args)


class Callbacks(Protocol):
    """What a page's `register` receives: Dash's callback methods, guarded by the page's roles
    (callbacks/routing.py PageCallbacks)."""

    def callback(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]: ...

    def clientside_callback(self, *args: Any, **kwargs: Any) -> None: ...
