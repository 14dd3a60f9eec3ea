"""`lagesbild create-user` applies the password policy (dashboard/passwords.py), on both
databases, run as an administrator would (click's runner)."""

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from dashboard.cli import main
from dashboard.db import Database
from dashboard.passwords import CONTAINS_USERNAME, GUESSABLE, TOO_SHORT
from models import User

STRONG = "gurka tåg moln sjunger"


@pytest.fixture
def cli_db(empty_db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The command's DATABASE_URL pointing at the test's empty database (on PostgreSQL its
    schema, through the connection's search_path)."""
    url = make_url(empty_db.url)
    if url.get_backend_name() == "postgresql":
        with empty_db.engine.connect() as conn:
            schema = conn.exec_driver_sql("SHOW search_path").scalar()
        url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    return empty_db


def _users(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(User.id))) or 0


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("anna", "hemligt-ord", TOO_SHORT),  # 11: the old rule (8) let it through
        ("anna", "Stockholm2024", GUESSABLE),
        ("anna", "password1234", GUESSABLE),
        ("annika", "annika-gurka-tåg", CONTAINS_USERNAME),
    ],
)
def test_create_user_refuses_a_weak_password_in_swedish(
    cli_db: Database, username: str, password: str, message: str
) -> None:
    result = CliRunner().invoke(
        main, ["create-user", username, "--role", "reader", "--password-stdin"], input=password
    )
    assert result.exit_code != 0
    assert message in result.output
    assert password not in result.output
    assert _users(cli_db) == 0


def test_create_user_accepts_a_strong_password_from_the_prompt(cli_db: Database) -> None:
    result = CliRunner().invoke(
        main, ["create-user", "anna", "--role", "reader"], input=f"{STRONG}\n{STRONG}\n"
    )
    assert result.exit_code == 0, result.output
    assert STRONG not in result.output
    with cli_db.session() as session:
        user = session.scalar(select(User).where(User.username == "anna"))
        assert user is not None and user.check_password(STRONG)
