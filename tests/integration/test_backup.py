"""`lagesbild backup` / `restore` (dashboard/backup.py) on SQLite and PostgreSQL: a restore gives
back every row of every table exactly, and every refusal changes nothing."""

import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, MetaData, Table, select, text

from dashboard import backup
from dashboard.cli import main
from dashboard.db import Database
from models import Base
from models.engine import make_engine
from tests.conftest import PG_URL


def content(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the models (and alembic_version), in primary-key order."""
    alembic = Table("alembic_version", MetaData(), autoload_with=engine)
    tables = [*Base.metadata.sorted_tables, alembic]
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(
                    select(table).order_by(*(table.primary_key.columns or table.columns))
                )
            ]
            for table in tables
        }


def backup_name(database: Database, tmp_path: Path) -> Path:
    return tmp_path / ("backup.db" if database.engine.dialect.name == "sqlite" else "backup.dump")


def change_everything(engine: Engine) -> None:
    """What an unlucky day does: rows changed, deleted and added, and a login."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE incidents SET description = 'ändrad', version = version + 1"))
        conn.execute(text("DELETE FROM meeting_follow_ups"))
        conn.execute(
            text(
                "DELETE FROM activity_updates WHERE id IN "
                "(SELECT id FROM activity_updates ORDER BY id LIMIT 50)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO data_notes (council_id, year, text) "
                "SELECT id, 2030, 'en ny anteckning' FROM councils"
            )
        )
        conn.execute(text("UPDATE app_meta SET value = 'efter' WHERE key = 'data_version'"))


def add_session(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO user_sessions (id, user_id, data, created, last_seen) "
                "VALUES ('abc', 1, '{}', 1, 1)"
            )
        )


def test_restore_gives_back_every_row_of_every_table(
    demo_db_writable: Database, tmp_path: Path
) -> None:
    engine = demo_db_writable.engine
    before = content(engine)
    assert sum(map(len, before.values())) > 5_000  # the demo data, not an empty database
    add_session(engine)  # a login at backup time: sessions are not part of a backup
    file = backup_name(demo_db_writable, tmp_path)

    info = backup.backup(engine, file)

    assert info.revision == backup.head_revision()
    assert file.stat().st_mode & 0o077 == 0  # password hashes: the owner's eyes only
    change_everything(engine)
    assert content(engine) != before
    backup.restore(engine, file, force=True)
    after = content(engine)
    assert after == before  # every table, every row, every value
    # New rows after the restore get fresh ids (PostgreSQL: the sequences came back too).
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO data_notes (council_id, year, text)"
                " SELECT MIN(id), 2031, 'x' FROM councils"
            )
        )
        new_id = conn.execute(text("SELECT MAX(id) FROM data_notes")).scalar()
    assert new_id == max((row[0] for row in before["data_notes"]), default=0) + 1


def test_restore_into_an_empty_database(demo_db_writable: Database, tmp_path: Path) -> None:
    """The disaster case: a new, empty database (on PostgreSQL: the same schema, emptied)."""
    engine = demo_db_writable.engine
    before = content(engine)
    file = backup_name(demo_db_writable, tmp_path)
    backup.backup(engine, file)
    if engine.dialect.name == "sqlite":
        target = Database(f"sqlite:///{tmp_path / 'new' / 'restored.db'}")
    else:
        with engine.begin() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar()
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        target = demo_db_writable
    backup.restore(target.engine, file)  # no --force needed: nothing to overwrite
    assert content(target.engine) == before


def test_a_non_empty_database_needs_force_and_stays_as_it_was(
    demo_db_writable: Database, tmp_path: Path
) -> None:
    engine = demo_db_writable.engine
    file = backup_name(demo_db_writable, tmp_path)
    backup.backup(engine, file)
    change_everything(engine)
    changed = content(engine)
    with pytest.raises(backup.BackupError, match=r"Databasen har redan data.*--force"):
        backup.restore(engine, file)
    assert content(engine) == changed


def test_a_backup_from_a_newer_revision_is_refused(
    demo_db_writable: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = demo_db_writable.engine
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    file = backup_name(demo_db_writable, tmp_path)
    # A newer release's backup: that release knows revision 0999.
    with monkeypatch.context() as newer:
        newer.setattr(backup, "known_revisions", lambda: {"0999"})
        backup.backup(engine, file)
    with pytest.raises(backup.BackupError, match=r"0999.*inte känner till.*Uppdatera Lägesbild"):
        backup.inspect_backup(file)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE alembic_version SET version_num = '{backup.head_revision()}'"))
    change_everything(engine)
    changed = content(engine)
    with pytest.raises(backup.BackupError, match="0999"):
        backup.restore(engine, file, force=True)
    assert content(engine) == changed


def test_a_file_that_is_not_a_backup_is_refused(demo_db_writable: Database, tmp_path: Path) -> None:
    engine = demo_db_writable.engine
    text_file = tmp_path / "anteckningar.txt"
    text_file.write_text("inte en säkerhetskopia")
    plain_sqlite = tmp_path / "annan.db"
    with make_engine(f"sqlite:///{plain_sqlite}").begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    before = content(engine)
    for file, message in (
        (text_file, "ingen säkerhetskopia från Lägesbild"),
        (plain_sqlite, "SQLite-databas men ingen säkerhetskopia"),
        (tmp_path / "saknas.db", "finns inte"),
    ):
        with pytest.raises(backup.BackupError, match=message):
            backup.restore(engine, file, force=True)
    assert content(engine) == before


def test_backup_does_not_overwrite_a_file_without_force(
    demo_db_writable: Database, tmp_path: Path
) -> None:
    file = backup_name(demo_db_writable, tmp_path)
    file.write_text("en tidigare kopia")
    with pytest.raises(backup.BackupError, match="finns redan"):
        backup.backup(demo_db_writable.engine, file)
    assert file.read_text() == "en tidigare kopia"
    backup.backup(demo_db_writable.engine, file, overwrite=True)
    assert backup.inspect_backup(file).revision == backup.head_revision()


def test_a_backup_of_the_other_database_kind_is_refused(
    demo_db_writable: Database, tmp_path: Path
) -> None:
    file = backup_name(demo_db_writable, tmp_path)
    backup.backup(demo_db_writable.engine, file)
    if demo_db_writable.engine.dialect.name == "sqlite":
        other = make_engine("postgresql+psycopg://lagesbild@db.invalid/lagesbild")
        message = "från SQLite, men databasen är PostgreSQL"
    else:
        other = make_engine(f"sqlite:///{tmp_path / 'annan.db'}")
        message = "från PostgreSQL, men databasen är SQLite"
    with pytest.raises(backup.BackupError, match=message):
        backup.restore(other, file, force=True)  # refused before any connection is made


@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL")
def test_postgresql_password_goes_through_the_environment_not_argv(
    demo_db_writable: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if demo_db_writable.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    # The test server trusts local connections, so any password works and must still be passed.
    url = demo_db_writable.engine.url.set(password="hemligt-lösen-42")
    with demo_db_writable.engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar()
    engine = make_engine(
        url.render_as_string(hide_password=False),
        connect_args={"options": f"-csearch_path={schema}"},
    )
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def spy(args: list[str], **kwargs: Any) -> Any:
        calls.append((args, kwargs["env"]))
        assert "shell" not in kwargs
        return real_run(args, **kwargs)

    monkeypatch.setattr(backup.subprocess, "run", spy)
    file = tmp_path / "backup.dump"
    backup.backup(engine, file)
    backup.restore(engine, file, force=True)
    engine.dispose()
    tools = {Path(args[0]).name for args, _ in calls}
    assert {"pg_dump", "pg_restore"} <= tools
    for args, _ in calls:
        assert not any("hemligt" in arg for arg in args)
    assert {env.get("PGPASSWORD") for args, env in calls if "--dbname" in " ".join(args)} == {
        "hemligt-lösen-42"
    }


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def sqlite_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    database = Database(url)
    database.migrate()
    with database.engine.begin() as conn:
        conn.execute(text("INSERT INTO app_meta (key, value) VALUES ('data_version', 'v1')"))
    return database


def test_cli_backup_and_restore_messages(sqlite_env: Database, tmp_path: Path) -> None:
    runner = CliRunner()
    file = tmp_path / "kopia.db"
    done = runner.invoke(main, ["backup", str(file)])
    assert done.exit_code == 0, done.output
    assert f"Säkerhetskopian är sparad i {file} (schemarevision" in done.output

    again = runner.invoke(main, ["backup", str(file)])
    assert again.exit_code == 1
    assert "finns redan" in again.output

    refused = runner.invoke(main, ["restore", str(file)])
    assert refused.exit_code == 1
    assert "Databasen har redan data" in refused.output and "--force" in refused.output

    restored = runner.invoke(main, ["restore", "--force", str(file)])
    assert restored.exit_code == 0, restored.output
    assert "Databasen är återställd" in restored.output

    not_a_backup = tmp_path / "lista.csv"
    not_a_backup.write_text("a;b\n1;2\n")
    wrong = runner.invoke(main, ["restore", "--force", str(not_a_backup)])
    assert wrong.exit_code == 1
    assert "ingen säkerhetskopia från Lägesbild" in wrong.output
    assert "Traceback" not in wrong.output


def test_cli_says_when_the_postgresql_tools_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No server is contacted: the tools are looked for first.
    monkeypatch.setenv("DATABASE_URL", "postgresql://lagesbild:hemligt@db.invalid/lagesbild")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["backup", str(tmp_path / "kopia.dump")])
    assert result.exit_code == 1
    assert "Programmet pg_dump finns inte i PATH" in result.output
    assert "hemligt" not in result.output


def test_cli_refuses_a_damaged_pg_dump_file(sqlite_env: Database, tmp_path: Path) -> None:
    file = tmp_path / "kopia.dump"
    file.write_bytes(b"PGDMP\x01\x0e\x00")  # a pg_dump file's first bytes, and no more
    result = CliRunner().invoke(main, ["restore", "--force", str(file)])
    assert result.exit_code == 1
    assert "kan inte läsas av pg_restore" in result.output


def test_cli_restore_ends_the_logins_kept_in_redis(
    sqlite_env: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session in Redis could outlive its user, or pass to a user who gets its id again."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    url = "redis://127.0.0.1:6379/0"
    redis = Redis.from_url(url)
    try:
        redis.ping()
    except RedisDown:  # pragma: no cover - machines without Redis
        pytest.skip("Redis is not running")
    prefix = f"lagesbild-test:{uuid.uuid4().hex}*[x]:"  # glob characters are literal here
    other = prefix.replace("lagesbild-test:", "lagesbild-other:")
    keys = [f"{prefix}session:abc", f"{prefix}user-sessions:1"]
    kept = [f"{prefix}login/account:x", f"{other}session:abc", f"{prefix[:-5]}ZZx:session:abc"]
    for key in keys + kept:
        redis.set(key, "1", ex=60)
    try:
        file = tmp_path / "kopia.db"
        runner = CliRunner()
        assert runner.invoke(main, ["backup", str(file)]).exit_code == 0
        monkeypatch.setenv("REDIS_URL", url)
        monkeypatch.setenv("LAGESBILD_REDIS_PREFIX", prefix)
        result = runner.invoke(main, ["restore", "--force", str(file)])
        assert result.exit_code == 0, result.output
        assert "Alla inloggningar har upphört" in result.output
        assert redis.exists(*keys) == 0
        assert redis.exists(*kept) == len(kept)
    finally:
        redis.delete(*keys, *kept)


def test_sqlite_backup_runs_beside_an_open_write_and_holds_only_committed_rows(
    demo_db_writable: Database, tmp_path: Path
) -> None:
    """The app keeps running during a backup: a transaction in progress neither blocks it nor
    ends up in it."""
    if demo_db_writable.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only (pg_dump reads one snapshot by design)")
    engine = demo_db_writable.engine
    before = content(engine)
    with engine.connect() as writer:
        writer.execute(text("UPDATE incidents SET description = 'halvfärdig'"))  # not committed
        file = tmp_path / "backup.db"
        backup.backup(engine, file)
        writer.rollback()
    restored = Database(f"sqlite:///{tmp_path / 'restored.db'}")
    backup.restore(restored.engine, file)
    assert content(restored.engine) == before


def test_cli_refuses_to_write_the_backup_over_the_database(sqlite_env: Database) -> None:
    live = Path(sqlite_env.engine.url.database or "")
    before = content(sqlite_env.engine)
    result = CliRunner().invoke(main, ["backup", "--force", str(live)])
    assert result.exit_code == 1
    assert "kan inte skrivas över själva databasen" in result.output
    assert content(sqlite_env.engine) == before


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump on PATH")
def test_cli_a_database_that_does_not_answer_is_one_swedish_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://lagesbild:hemligt@127.0.0.1:1/lagesbild")
    result = CliRunner().invoke(main, ["backup", str(tmp_path / "kopia.dump")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: Säkerhetskopieringen misslyckades: ")
    assert "Traceback" not in result.output and "hemligt" not in result.output
    assert list(tmp_path.iterdir()) == []  # no half-written file left behind


def test_cli_restore_says_when_redis_cannot_end_the_logins(
    sqlite_env: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "kopia.db"
    runner = CliRunner()
    assert runner.invoke(main, ["backup", str(file)]).exit_code == 0
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    result = runner.invoke(main, ["restore", "--force", str(file)])
    assert result.exit_code == 1
    assert "Databasen är återställd, men inloggningarna i Redis kunde inte avslutas" in (
        result.output
    )
    assert "Traceback" not in result.output
