"""The page registry: path → layout function. Kept as data so routing is plain and testable.

A page path may end in `<code>`, e.g. `/namnd/<code>`: the segment reaches the layout as
`params["code"]`, together with the query-string parameters (filters live in the URL, so a link
reproduces a view).
"""

from collections.abc import Callable
from dataclasses import dataclass

from dash.development.base_component import Component

from layouts import (
    activities,
    audit_log,
    council,
    effect_indicators,
    import_page,
    incident_form,
    overview,
    plan_editor,
    plan_quality,
    survey_form,
    survey_results,
    todo,
)
from models.enums import Role


@dataclass(frozen=True)
class Page:
    key: str
    path: str
    title: str
    layout: Callable[[dict[str, str]], Component]
    in_navbar: bool = True
    group: str | None = None  # pages of a group share a dropdown in the navbar
    roles: frozenset[Role] | None = None  # who sees it in the navbar; the server checks anyway

    def match(self, path: str) -> dict[str, str] | None:
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


REGISTER = "Registrera"
WRITERS = frozenset({Role.ADMIN, Role.COORDINATOR})

PAGES: tuple[Page, ...] = (
    Page("oversikt", "/", "Översikt", overview.layout),
    Page("namnd", "/namnd/<code>", "Nämnd", council.layout, in_navbar=False),
    Page("enkater", "/enkater", "Enkäter", survey_results.layout),
    Page("plankvalitet", "/plankvalitet", "Plankvalitet", plan_quality.layout),
    Page("effekt", "/effekt", "Effektindikatorer", effect_indicators.layout),
    Page("att-gora", "/att-gora", "Att göra", todo.layout, roles=frozenset({Role.COORDINATOR})),
    Page("aktiviteter", "/aktiviteter", "Aktiviteter", activities.layout, group=REGISTER),
    Page(
        "ny-handelse",
        "/ny-handelse",
        "Ny händelse",
        incident_form.layout,
        group=REGISTER,
        roles=WRITERS,
    ),
    Page(
        "enkatresultat",
        "/enkatresultat",
        "Enkätresultat",
        survey_form.layout,
        group=REGISTER,
        roles=WRITERS,
    ),
    Page("handlingsplan", "/handlingsplan", "Handlingsplan", plan_editor.layout, group=REGISTER),
    Page("import", "/import", "Import", import_page.layout, group=REGISTER, roles=WRITERS),
    Page("logg", "/logg", "Logg", audit_log.layout, group=REGISTER, roles=frozenset({Role.ADMIN})),
)


def page_for(path: str | None) -> tuple[Page, dict[str, str]] | None:
    for page in PAGES:
        params = page.match(path or "/")
        if params is not None:
            return page, params
    return None


def page_titles() -> dict[str, str]:
    """Path pattern → title, for the browser tab (each page its own, WCAG 2.4.2)."""
    return {p.path: p.title for p in PAGES}


def navbar_pages(role: Role) -> list[Page]:
    return [p for p in PAGES if p.in_navbar and (p.roles is None or role in p.roles)]
