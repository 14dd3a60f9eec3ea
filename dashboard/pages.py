"""The page registry: one entry per page, and the one place that says who may open it.

An entry names the page's path pattern, Swedish title, the roles that may open it, the URL
filters it accepts and the function that registers its callbacks. The router renders a page only
for its roles (another role gets a refusal and no data), parses the page's filters from the
address before the layout is built, and registers the page's callbacks so that each of them also
runs only for those roles, whatever a forged request asks for. Adding a page touches its own
modules and one line below.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dash.development.base_component import Component

from callbacks.common import Callbacks
from dashboard.url_filters import UrlFilter
from models.enums import Role

Layout = Callable[[dict[str, Any]], Component]
Register = Callable[[Callbacks], None]

EVERYONE = frozenset(Role)
WRITERS = frozenset({Role.ADMIN, Role.COORDINATOR})
COORDINATORS = frozenset({Role.COORDINATOR})
ADMINS = frozenset({Role.ADMIN})
FORMS = {"group": "Registrera"}  # the pages of the navbar's Registrera dropdown


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

    def tab_title(
        self, params: dict[str, Any], name_of: Callable[[str], str | None] | None = None
    ) -> str:
        """The browser tab's title (WCAG 2.4.2): what the path names first, by its name where
        `name_of` knows the code, then the page, e.g. "Skarpnäck – Nämnd"."""
        codes = [str(params[p]).upper() for p in self.path_params if params.get(p)]
        named = [(name_of(code) if name_of else None) or code for code in codes]
        return " – ".join([*named, self.title])


def page(key: str, path: str, title: str, module: str, **options: Any) -> Page:
    """A page from its own two modules, which share a name: `layouts.<module>` (its `layout`,
    and its `FILTERS` if it has any) and `callbacks.<module>` (its `register`)."""
    view = importlib.import_module(f"layouts.{module}")
    wiring = importlib.import_module(f"callbacks.{module}")
    filters = getattr(view, "FILTERS", ())
    return Page(key, path, title, view.layout, wiring.register, filters=filters, **options)


PAGES: tuple[Page, ...] = (
    page("oversikt", "/", "Översikt", "overview"),
    page("namnd", "/namnd/<code>", "Nämnd", "council", in_navbar=False),
    page("enkater", "/enkater", "Enkäter", "survey_results"),
    page("plankvalitet", "/plankvalitet", "Plankvalitet", "plan_quality"),
    page("effekt", "/effekt", "Effektindikatorer", "effect_indicators"),
    page("uppfoljning", "/uppfoljning", "Uppföljning", "follow_up"),
    page("samverkan", "/samverkan", "Samverkan", "samverkan"),
    page("trendlarm", "/trendlarm", "Trendlarm", "alerts"),
    page("att-gora", "/att-gora", "Att göra", "todo", roles=COORDINATORS),
    page("aktiviteter", "/aktiviteter", "Aktiviteter", "activities", **FORMS),
    page("handelser", "/handelser", "Händelser", "incidents", **FORMS),
    page("ny-handelse", "/ny-handelse", "Ny händelse", "incident_form", roles=WRITERS, **FORMS),
    page("enkatresultat", "/enkatresultat", "Enkätresultat", "survey_form", roles=WRITERS, **FORMS),
    page("handlingsplan", "/handlingsplan", "Handlingsplan", "plan_editor", **FORMS),
    page("import", "/import", "Import", "import_page", roles=WRITERS, **FORMS),
    page("logg", "/logg", "Logg", "audit_log", roles=ADMINS, **FORMS),
    page("hjalp", "/hjalp", "Hjälp", "help", in_navbar=False),
    page("konto-losenord", "/konto/losenord", "Byt lösenord", "account", in_navbar=False),
)  # fmt: skip


def page_for(path: str | None) -> tuple[Page, dict[str, str]] | None:
    for p in PAGES:
        params = p.match(path or "/")
        if params is not None:
            return p, params
    return None


def navbar_pages(role: Role) -> list[Page]:
    return [p for p in PAGES if p.in_navbar and p.allows(role)]
