"""The page registry: one entry per page, and the one place that says who may open it.

An entry names the page's path pattern, Swedish title, the roles that may open it, the URL
filters it accepts and the function that registers its callbacks. The router renders a page only
for its roles (another role gets a refusal and no data), parses the page's filters from the
address before the layout is built, and registers the page's callbacks so that each of them also
runs only for those roles, whatever a forged request asks for. Adding a page touches its own
modules and one line below.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dash.development.base_component import Component

import callbacks.activities
import callbacks.audit_log
import callbacks.council
import callbacks.effect_indicators
import callbacks.import_page
import callbacks.incident_form
import callbacks.overview
import callbacks.plan_editor
import callbacks.plan_quality
import callbacks.survey_form
import callbacks.survey_results
import callbacks.todo
import layouts.activities
import layouts.audit_log
import layouts.council
import layouts.effect_indicators
import layouts.import_page
import layouts.incident_form
import layouts.overview
import layouts.plan_editor
import layouts.plan_quality
import layouts.survey_form
import layouts.survey_results
import layouts.todo
from callbacks.common import Callbacks
from dashboard.url_filters import UrlFilter
from models.enums import Role

Layout = Callable[[dict[str, Any]], Component]
Register = Callable[[Callbacks], None]

EVERYONE = frozenset(Role)
WRITERS = frozenset({Role.ADMIN, Role.COORDINATOR})
REGISTER = "Registrera"


@dataclass(frozen=True)
class Page:
    key: str
    path: str  # may end in a `<name>` segment, e.g. /namnd/<code>
    title: str
    layout: Layout
    register: Register | None = None
    roles: frozenset[Role] = EVERYONE
    filters: tuple[UrlFilter, ...] = ()
    in_navbar: bool = True
    group: str | None = None  # pages of a group share a dropdown in the navbar
    path_params: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        names = tuple(s[1:-1] for s in self.path.split("/") if s.startswith("<"))
        object.__setattr__(self, "path_params", names)

    def allows(self, role: Role | None) -> bool:
        return role in self.roles

    def match(self, path: str) -> dict[str, str] | None:
        """The path's `<name>` segments if the path is this page's, else None."""
        pattern, actual = self.path.strip("/").split("/"), path.strip("/").split("/")
        if len(pattern) != len(actual):
            return None
        params: dict[str, str] = {}
        for want, got in zip(pattern, actual, strict=True):
            if want.startswith("<") and want.endswith(">"):
                if not got:
                    return None
                params[want[1:-1]] = got
            elif want != got:
                return None
        return params

    def tab_title(self, params: dict[str, Any]) -> str:
        """The browser tab's title (WCAG 2.4.2), naming the path's code, e.g. "Nämnd SKA"."""
        named = [str(params[p]).upper() for p in self.path_params if params.get(p)]
        return " ".join([self.title, *named])


PAGES: tuple[Page, ...] = (
    Page(
        "oversikt",
        "/",
        "Översikt",
        layouts.overview.layout,
        callbacks.overview.register,
        filters=layouts.overview.FILTERS,
    ),
    Page(
        "namnd",
        "/namnd/<code>",
        "Nämnd",
        layouts.council.layout,
        callbacks.council.register,
        filters=layouts.council.FILTERS,
        in_navbar=False,
    ),
    Page(
        "enkater",
        "/enkater",
        "Enkäter",
        layouts.survey_results.layout,
        callbacks.survey_results.register,
        filters=layouts.survey_results.FILTERS,
    ),
    Page(
        "plankvalitet",
        "/plankvalitet",
        "Plankvalitet",
        layouts.plan_quality.layout,
        callbacks.plan_quality.register,
        filters=layouts.plan_quality.FILTERS,
    ),
    Page(
        "effekt",
        "/effekt",
        "Effektindikatorer",
        layouts.effect_indicators.layout,
        callbacks.effect_indicators.register,
        filters=layouts.effect_indicators.FILTERS,
    ),
    Page(
        "att-gora",
        "/att-gora",
        "Att göra",
        layouts.todo.layout,
        callbacks.todo.register,
        roles=frozenset({Role.COORDINATOR}),
    ),
    Page(
        "aktiviteter",
        "/aktiviteter",
        "Aktiviteter",
        layouts.activities.layout,
        callbacks.activities.register,
        filters=layouts.activities.FILTERS,
        group=REGISTER,
    ),
    Page(
        "ny-handelse",
        "/ny-handelse",
        "Ny händelse",
        layouts.incident_form.layout,
        callbacks.incident_form.register,
        roles=WRITERS,
        group=REGISTER,
    ),
    Page(
        "enkatresultat",
        "/enkatresultat",
        "Enkätresultat",
        layouts.survey_form.layout,
        callbacks.survey_form.register,
        roles=WRITERS,
        group=REGISTER,
    ),
    Page(
        "handlingsplan",
        "/handlingsplan",
        "Handlingsplan",
        layouts.plan_editor.layout,
        callbacks.plan_editor.register,
        filters=layouts.plan_editor.FILTERS,
        group=REGISTER,
    ),
    Page(
        "import",
        "/import",
        "Import",
        layouts.import_page.layout,
        callbacks.import_page.register,
        roles=WRITERS,
        group=REGISTER,
    ),
    Page(
        "logg",
        "/logg",
        "Logg",
        layouts.audit_log.layout,
        callbacks.audit_log.register,
        roles=frozenset({Role.ADMIN}),
        group=REGISTER,
    ),
)


def page_for(path: str | None) -> tuple[Page, dict[str, str]] | None:
    for page in PAGES:
        params = page.match(path or "/")
        if params is not None:
            return page, params
    return None


def navbar_pages(role: Role) -> list[Page]:
    return [p for p in PAGES if p.in_navbar and p.allows(role)]
