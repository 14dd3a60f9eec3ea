"""Small pieces shared by the form callbacks."""

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

from flask import current_app
from flask_login import current_user

from dashboard.cache import QueryCache
from dashboard.db import db_session
from models import Council, rules
from models.enums import Role
from models.queries.activities import council_options

Options = list[dict[str, str]]  # a select's options: [{"label": ..., "value": ...}, ...]


def council_choice(requested: str | None = None) -> tuple[Options, str | None, bool]:
    """Options, value and disabled-flag of a council select: a coordinator gets only their own
    council (the server decides, whatever the browser sends), others choose."""
    user: Any = current_user
    if user.role is Role.COORDINATOR:
        council = user.council
        return [{"label": council.name, "value": council.code}], council.code, True
    options = council_options(db_session())
    values = [o["value"] for o in options]
    value = requested if requested in values else (values[0] if values else None)
    return options, value, user.role is not Role.ADMIN


def form_council(code: str | None) -> Council | None:
    """The council a form works on: a coordinator always their own, whatever the page asked for."""
    user: Any = current_user
    if user.role is Role.COORDINATOR:
        council: Council | None = user.council
        return council
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
