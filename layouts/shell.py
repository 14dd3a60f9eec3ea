"""The page frame: skip link, navbar with the user and role (behind a "Meny" button on narrow
screens), demo banner, page container, the print-only header and the footer with help and the
accessibility statement."""

import json
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from dashboard.db import db_session
from dashboard.pages import PAGES, Page, navbar_pages
from layouts.account import LOGOUT_CSRF, LOGOUT_EVERYWHERE_CSRF
from layouts.components import aria
from models.enums import Role, label
from models.queries.overview import demo_data_loaded


def nav_items(pages: list[Page]) -> list[Component]:
    """Top-level pages as links; the pages of a group in one dropdown where the group first
    appears in the registry."""
    items: list[Component] = []
    seen: set[str] = set()
    for page in pages:
        if page.group is None:
            link = dbc.NavLink(page.title, href=page.path, id=f"nav-{page.key}", active="exact")
            items.append(dbc.NavItem(link))
        elif page.group not in seen:
            seen.add(page.group)
            members = [p for p in pages if p.group == page.group]
            items.append(
                dbc.DropdownMenu(
                    [
                        dbc.DropdownMenuItem(p.title, href=p.path, id=f"nav-{p.key}")
                        for p in members
                    ],
                    label=page.group,
                    nav=True,
                    in_navbar=True,
                )
            )
    return items


def _post_button(
    text: str, action: str, csrf_token: str, class_name: str, token_id: str, form_class: str = ""
) -> html.Form:
    """A plain form POST with the CSRF token: logout must not be a link anyone can trigger."""
    return html.Form(
        [
            dcc.Input(type="hidden", name="csrf_token", value=csrf_token, id=token_id),
            html.Button(text, type="submit", className=class_name),
        ],
        action=action,
        method="post",
        className=f"d-flex {form_class}".strip(),
    )


def navbar(username: str, role: Role, council_name: str | None) -> dbc.Navbar:
    # Two short lines rather than one long one, so nine pages fit beside them from 1200 px.
    role_text = label(role) + (f" · {council_name}" if council_name else "")
    token = generate_csrf()
    who = [
        html.Span(username, className="d-block pe-3"),  # room for the menu's caret
        html.Span(" · ", className="visually-hidden"),  # read as one line, as before
        html.Span(role_text, className="d-block"),
    ]
    # The account menu: "Byt lösenord" (layouts/account.py) and "Logga ut överallt", which ends
    # the user's sessions in every browser and device (dashboard/auth.py). It sits in a small
    # menu beside "Logga ut": as buttons they would push the navbar past the window's edge at
    # 1366 px. On wide screens the menu shows only its caret, beside the user's name and no
    # wider than the role line under it (its name is there for screen readers); in the folded
    # menu it reads in full.
    more = "Ditt konto"
    password = next(p for p in PAGES if p.key == "konto-losenord")
    account = dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(password.title, href=password.path, id=f"nav-{password.key}"),
            dbc.DropdownMenuItem(divider=True),
            # Plain text: dbc's header item has role="heading" without a level (axe: serious).
            html.P("Inloggad på flera datorer eller mobilen?", className="dropdown-header mb-0"),
            _post_button(
                "Logga ut överallt",
                "/logout/overallt",
                token,
                "dropdown-item",
                LOGOUT_EVERYWHERE_CSRF,
            ),
        ],
        label=[
            html.Span(more, className="d-xl-none"),
            html.Span(more, className="d-none d-xl-inline visually-hidden"),
        ],
        color="link",
        align_end=True,
        id="account-menu",
        className="position-absolute top-0 end-0",
        toggle_class_name="p-0 border-0 text-white text-decoration-none lh-1",
    )
    links = nav_items(navbar_pages(role))
    logout = _post_button(
        "Logga ut", "/logout", token, "btn btn-outline-light btn-sm", LOGOUT_CSRF, "ms-3"
    )
    # A plain button rather than dbc.NavbarToggler: it names itself ("Meny") and carries
    # aria-expanded/aria-controls, which the toggler cannot (callbacks/shell.py keeps them).
    toggler = html.Button(
        [html.Span(className="navbar-toggler-icon me-1"), "Meny"],
        id="menu-toggle",
        type="button",
        n_clicks=0,
        className="navbar-toggler lb-menu-toggle",
        **aria("expanded", "false"),
        **aria("controls", "menu"),
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Lägesbild", href="/"),
                toggler,
                dbc.Collapse(
                    [
                        dbc.Nav(links, navbar=True, className="me-auto"),
                        html.Div(
                            [html.Span(who, id="current-user"), account],
                            className="navbar-text lb-who position-relative",
                        ),
                        logout,
                    ],
                    id="menu",
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid=True,
        ),
        className="lb-navbar",
        color="#0b3d6b",
        dark=True,
        expand="xl",
        role="navigation",
    )


def print_filters() -> html.Div:
    """Each page's filter controls by path pattern, from the registry: on paper, the print
    header names the filters as their controls show them (layouts/assets/lagesbild.js)."""
    pages = [{"path": p.path, "controls": [f.control_id for f in p.filters]} for p in PAGES]
    data: dict[str, Any] = {"data-filters": json.dumps(pages)}
    return html.Div(id="print-filters", hidden=True, **data)


def footer() -> html.Footer:
    return html.Footer(
        dbc.Container(
            html.Ul(
                [
                    html.Li(dcc.Link("Hjälp: så använder du Lägesbild", href="/hjalp")),
                    html.Li(html.A("Tillgänglighetsredogörelse", href="/tillganglighet")),
                ],
                className="list-inline mb-0",
            ),
            fluid=True,
        ),
        className="lb-footer",
        id="footer",
    )


def demo_banner() -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong("Demodata. "),
            "Databasen innehåller demodata: fyra verkliga handlingsplaner och deras lägesbilder, "
            "kompletterade med påhittade uppgifter för övriga nämnder och år.",
        ],
        color="warning",
        className="mb-0 rounded-0 py-2",
        id="demo-banner",
    )


def serve_layout() -> html.Div:
    """Built per request, so the navbar shows the logged-in user. Dash also calls it once to
    validate the layout, possibly during a public request (the login page): then it is empty."""
    if not current_user.is_authenticated:
        return html.Div(id="page")
    council = current_user.council
    return html.Div(
        [
            html.A("Hoppa till innehållet", href="#main", className="skip-link"),
            dcc.Location(id="url", refresh="callback-nav"),
            dcc.Store(id="page-title"),
            html.Span(id="page-title-set", hidden=True),
            # Pages write their filters here, so the address reproduces the view without a reload.
            dcc.Location(id="url-query", refresh=False),
            html.Header(
                [
                    navbar(
                        current_user.username, current_user.role, council.name if council else None
                    ),
                    demo_banner() if demo_data_loaded(db_session()) else None,
                ]
            ),
            html.Main(
                dbc.Container(
                    [html.Div(id="todo-summary"), html.Div(id="page")], fluid=True, className="py-3"
                ),
                id="main",
            ),
            print_filters(),
            footer(),
        ]
    )
