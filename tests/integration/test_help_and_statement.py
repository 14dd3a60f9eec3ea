"""The help page's text per role and page, and the accessibility statement: public, with a
role address and no data."""

from flask import Flask
from flask.testing import FlaskClient

from dashboard.pages import PAGES
from dashboard.public import CONTACT_EMAIL, DIGG_REPORT_URL
from layouts.help import PAGE_PURPOSES, ROLE_GUIDES, role_pages
from models.enums import Role


def test_every_registered_page_says_what_it_is_for(app: Flask) -> None:
    """A page added to the registry without a line of help fails here, not in front of a user."""
    assert set(PAGE_PURPOSES) == {p.key for p in PAGES}
    assert all(purpose.strip() for purpose in PAGE_PURPOSES.values())
    assert set(ROLE_GUIDES) == set(Role)


def test_each_role_is_shown_exactly_the_pages_it_may_open(app: Flask) -> None:
    titles = {role: [p.title for p in role_pages(role)] for role in Role}
    assert "Logg" in titles[Role.ADMIN] and "Logg" not in titles[Role.COORDINATOR]
    assert "Att göra" in titles[Role.COORDINATOR] and "Att göra" not in titles[Role.ADMIN]
    assert "Ny händelse" not in titles[Role.READER] + titles[Role.POLICE]
    assert titles[Role.READER] == titles[Role.POLICE]
    assert titles[Role.READER][:2] == ["Översikt", "Nämnd"]


def test_statement_is_public_and_names_a_role_address_and_digg(client: FlaskClient) -> None:
    response = client.get("/tillganglighet")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ):
        assert f">{heading}</h2>" in html, heading
    assert f'href="mailto:{CONTACT_EMAIL}"' in html and CONTACT_EMAIL == "lagesbild@stockholm.se"
    assert f'href="{DIGG_REPORT_URL}"' in html
    assert "WCAG 2.1 på nivå AA" in html
    assert "26 november 2026" in html
    # Without a session it offers the login, never the help behind it.
    assert 'href="/hjalp"' not in html and ">Logga in<" in html


def test_login_page_links_the_statement(client: FlaskClient) -> None:
    assert 'href="/tillganglighet"' in client.get("/login").get_data(as_text=True)
