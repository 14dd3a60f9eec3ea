"""The `lagesbild` command, run as a user would (through click's runner)."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from dashboard.cli import main
from dashboard.db import Database
from models import Incident, User
from models.enums import Role


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    return Database(url)


def test_init_db_then_seed_demo_is_idempotent(cli_env: Database) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init-db"]).exit_code == 0
    first = runner.invoke(main, ["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Demodata inläst" in first.output
    with cli_env.session() as session:
        incidents = session.scalar(select(func.count(Incident.id)))
    second = runner.invoke(main, ["seed-demo"])
    assert "finns redan" in second.output
    with cli_env.session() as session:
        assert session.scalar(select(func.count(Incident.id))) == incidents


def test_seed_demo_only_if_empty_leaves_a_used_database_alone(cli_env: Database) -> None:
    runner = CliRunner()
    runner.invoke(main, ["init-db"])
    runner.invoke(
        main,
        ["create-user", "ks2", "--role", "reader", "--password-stdin"],
        input="hemligt-ord-92\n",
    )
    result = runner.invoke(main, ["seed-demo", "--only-if-empty"])
    assert "lästes inte in" in result.output
    with cli_env.session() as session:
        assert session.scalar(select(func.count(Incident.id))) == 0


def test_create_user_reads_password_from_stdin_and_hashes_it(cli_env: Database) -> None:
    runner = CliRunner()
    runner.invoke(main, ["init-db"])
    runner.invoke(main, ["seed-demo"])
    result = runner.invoke(
        main,
        ["create-user", "anna", "--role", "coordinator", "--council", "ska", "--password-stdin"],
        input="ett-langt-losenord\n",
    )
    assert result.exit_code == 0, result.output
    with cli_env.session() as session:
        user = session.scalar(select(User).where(User.username == "anna"))
        assert user is not None and user.role is Role.COORDINATOR
        assert user.council is not None and user.council.code == "SKA"
        assert "ett-langt-losenord" not in user.password_hash
        assert user.check_password("ett-langt-losenord")


def test_create_user_prompts_for_password(cli_env: Database) -> None:
    runner = CliRunner()
    runner.invoke(main, ["init-db"])
    result = runner.invoke(
        main, ["create-user", "ks2", "--role", "reader"], input="hemligt-ord-92\nhemligt-ord-92\n"
    )
    assert result.exit_code == 0, result.output
    assert "hemligt-ord-92" not in result.output


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "reader"], "kort\n", "minst 12 tecken"),
        (["--role", "coordinator"], "ett-langt-losenord\n", "kopplas till en nämnd"),
        (["--role", "coordinator", "--council", "XYZ"], "ett-langt-losenord\n", "Ingen nämnd"),
    ],
)
def test_create_user_refuses_bad_input_in_swedish(
    cli_env: Database, args: list[str], stdin: str, message: str
) -> None:
    runner = CliRunner()
    runner.invoke(main, ["init-db"])
    result = runner.invoke(main, ["create-user", "ny", *args, "--password-stdin"], input=stdin)
    assert result.exit_code != 0
    assert message in result.output
    with cli_env.session() as session:
        assert session.scalar(select(func.count(User.id))) == 0


def test_password_is_never_an_argument() -> None:
    result = CliRunner().invoke(main, ["create-user", "--help"])
    assert "--password " not in result.output and "--password=" not in result.output
