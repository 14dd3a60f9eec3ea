"""The `lagesbild` command: init-db, seed-demo, create-user, backup, restore, serve."""

import os
import sys
from pathlib import Path

import click
from redis.exceptions import RedisError
from sqlalchemy import select

from dashboard import passwords
from dashboard.config import Config, database_url_from_env
from dashboard.db import Database
from models import User, data_version, rules
from models.enums import Role


def _database() -> Database:
    # The database commands need no secret key, only the URL the app would use.
    return Database(database_url_from_env())


@click.group(help="Lägesbild – uppföljning av lokala handlingsplaner mot VBE.")
def main() -> None:
    pass


@main.command("init-db", help="Skapa eller uppgradera databasschemat (Alembic, till head).")
def init_db() -> None:
    database = _database()
    database.migrate()
    click.echo(f"Databasen är migrerad: {database.engine.url.render_as_string(hide_password=True)}")


@main.command("seed-demo", help="Läs in demodata (idempotent).")
@click.option("--only-if-empty", is_flag=True, help="Gör ingenting om databasen redan har data.")
def seed_demo_command(only_if_empty: bool) -> None:
    from seed.demo import database_is_empty, seed_demo

    database = _database()
    with database.session() as session:
        if only_if_empty and not database_is_empty(session):
            click.echo("Databasen har redan data; demodata lästes inte in.")
            return
        click.echo(seed_demo(session).message)


@main.command(
    "create-user",
    help="Skapa en användare. Lösenordet läses från prompt eller stdin och måste följa "
    "lösenordsregeln: minst 12 tecken och inte lätt att gissa.",
)
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--council", "council_code", help="Nämndens kod (krävs för samordnare), t.ex. OST.")
@click.option("--password-stdin", is_flag=True, help="Läs lösenordet från standard in.")
def create_user(username: str, role: str, council_code: str | None, password_stdin: bool) -> None:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Lösenord", hide_input=True, confirmation_prompt=True)
    refused = passwords.problem(password, username)
    if refused is not None:
        raise click.ClickException(refused)
    if Role(role) is Role.COORDINATOR and not council_code:
        raise click.ClickException("En lokal samordnare måste kopplas till en nämnd (--council).")
    database = _database()
    with database.session() as session:
        if session.scalar(select(User).where(User.username == username)):
            raise click.ClickException(f"Användaren {username} finns redan.")
        council = None
        if council_code:
            council = rules.find_council(session, council_code)
            if council is None:
                raise click.ClickException(f"Ingen nämnd har koden {council_code}.")
        user = User(username=username, role=Role(role), council=council)
        user.set_password(password)
        session.add(user)
        data_version.renew(session, [data_version.Topic.COUNCILS])  # past the audit log
    click.echo(f"Användaren {username} skapades ({role}).")


@main.command(help="Säkerhetskopiera databasen till FILE (SQLite: en kopia, PostgreSQL: pg_dump).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Skriv över FILE om den redan finns.")
def backup(file: Path, force: bool) -> None:
    from dashboard import backup as backups

    database = _database()
    try:
        info = backups.backup(database.engine, file, overwrite=force)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Säkerhetskopian är sparad i {info.path} (schemarevision {info.revision}).")


@main.command(help="Återställ databasen från en säkerhetskopia gjord med lagesbild backup.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Ersätt innehållet i en databas som redan har data.")
def restore(file: Path, force: bool) -> None:
    from dashboard import backup as backups

    database = _database()
    try:
        info = backups.restore(database.engine, file, force=force)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Databasen är återställd från {info.path} (schemarevision {info.revision}).")
    if info.revision != backups.head_revision():
        click.echo("Kör lagesbild init-db för att migrera den till det senaste schemat.")
    redis_url = os.environ.get("REDIS_URL", "").strip()
    if redis_url:  # the database's own sessions were not in the backup; Redis's go too
        prefix = os.environ.get("LAGESBILD_REDIS_PREFIX", Config.redis_prefix)
        try:
            backups.end_redis_sessions(redis_url, prefix)
        except RedisError as error:
            raise click.ClickException(
                "Databasen är återställd, men inloggningarna i Redis kunde inte avslutas "
                f"({error}). Starta om Redis eller töm nycklarna {prefix}session:* innan "
                "appen startas."
            ) from error
    click.echo("Alla inloggningar har upphört; användarna loggar in igen.")


@main.command(help="Starta utvecklingsservern (använd gunicorn i produktion).")
@click.option("--host", default="127.0.0.1")
@click.option("--port", type=int, default=None)
def serve(host: str, port: int | None) -> None:
    from dashboard.app import create_app

    config = Config.from_env()
    create_app(config).run(host=host, port=port or config.port, debug=False)
