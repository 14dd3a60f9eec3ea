"""Backing up and restoring the database (`lagesbild backup` / `lagesbild restore`).

No click or Dash here: the CLI wraps these functions, and the tests call them directly.

- SQLite: Python's online backup API (`sqlite3.Connection.backup`), a consistent copy while the
  app keeps running (readers never block in WAL mode). The copy gets a small table of its own,
  `lagesbild_backup` (format, Alembic revision, time, app version), which is what marks a file
  as a Lägesbild backup; a restore copies the file back with the same API, without that table.
- PostgreSQL: `pg_dump --format=custom` of the app's schema, `pg_restore --clean --if-exists
  --no-owner --single-transaction` back into it (all or nothing). The connection details go to
  the tools through libpq's environment (PGHOST, PGPASSWORD, ...), never on the command line,
  where `ps` shows them to every user of the machine. The revision is read back from the dump's
  own `alembic_version` data.

Login sessions (`user_sessions`) are left out of every backup: they live minutes, and a restore
that brought back sessions ended after the backup ("Logga ut överallt") would reopen them. After
a restore everybody logs in again.

A backup holding an Alembic revision this code does not know (a newer release's) is refused:
the schema would not match the models. An older one is restored as it is; `lagesbild init-db`
then migrates it to head.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from redis import Redis
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from models.base import Base
from models.engine import PROJECT_ROOT

MIGRATIONS_DIR = PROJECT_ROOT / "models" / "migrations"
MARKER_TABLE = "lagesbild_backup"
FORMAT_VERSION = "1"
SESSIONS_TABLE = "user_sessions"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# libpq reads these from the environment: every URL query parameter we pass on, by name.
LIBPQ_ENV = {
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "gssencmode": "PGGSSENCMODE",
    "channel_binding": "PGCHANNELBINDING",
}
TOOL_TIMEOUT_S = 6 * 3600  # a national-scale dump takes minutes; only a hung tool takes hours


class BackupError(Exception):
    """A refusal or failure, with a Swedish message for the operator; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # "sqlite" or "postgresql"
    revision: str
    schema: str | None = None  # PostgreSQL: the schema the dump holds


def app_version() -> str:
    try:
        return metadata.version("lagesbild")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "okänd"


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the migrations have one head"
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (None: never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def kind_of(engine: Engine) -> str:
    name = engine.dialect.name
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"Databastypen {name} stöds inte (bara SQLite och PostgreSQL).")
    return name


def has_data(engine: Engine) -> bool:
    """Whether any of the app's tables holds a row (login sessions aside: they are not data)."""
    existing = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name not in existing or table.name == SESSIONS_TABLE:
                continue
            if conn.execute(select(table).limit(1)).first() is not None:
                return True
    return False


def _check_revision(revision: str | None, what: str) -> str:
    if revision is None:
        raise BackupError(
            f"{what} har ingen schemarevision (tabellen alembic_version saknas eller är tom): "
            "det är ingen Lägesbild-databas."
        )
    if revision not in known_revisions():
        raise BackupError(
            f"{what} har schemarevision {revision}, som den här versionen av Lägesbild inte "
            f"känner till (den senaste är {head_revision()}). Uppdatera Lägesbild först."
        )
    return revision


def _refuse_existing(target: Path, overwrite: bool) -> None:
    if target.exists() and not overwrite:
        raise BackupError(f"Filen {target} finns redan. Välj ett annat namn eller använd --force.")
    if not target.parent.is_dir():
        raise BackupError(f"Mappen {target.parent} finns inte.")


@contextmanager
def _private_temp_file(beside: Path) -> Iterator[Path]:
    """An empty file readable only by its owner (a backup holds password hashes), next to the
    final name, so the finished backup is renamed into place whole or not at all."""
    temp = beside.with_name(f".{beside.name}.{uuid.uuid4().hex[:8]}.tmp")
    os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


@contextmanager
def _said_in_swedish(what: str) -> Iterator[None]:
    """A failure on the way (a full disk, a database that does not answer) as a BackupError:
    the operator gets one Swedish line, not a traceback."""
    try:
        yield
    except BackupError:
        raise
    except (OSError, sqlite3.Error, SQLAlchemyError) as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise BackupError(f"{what} misslyckades: {detail}") from error


def backup(engine: Engine, target: Path, *, overwrite: bool = False) -> BackupInfo:
    """Writes a backup of the app's database to `target`."""
    target = Path(target)
    _refuse_existing(target, overwrite)
    with _said_in_swedish("Säkerhetskopieringen"):
        if kind_of(engine) == "sqlite":
            return _sqlite_backup(engine, target)
        return _pg_backup(engine, target)


def inspect_backup(path: Path) -> BackupInfo:
    """What a backup file holds; refuses a file that is not a Lägesbild backup."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Filen {path} finns inte.")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return _sqlite_inspect(path)
    if head.startswith(PG_DUMP_MAGIC):
        return _pg_inspect(path)
    raise BackupError(
        f"Filen {path} är ingen säkerhetskopia från Lägesbild "
        "(varken en SQLite-kopia eller en pg_dump-fil)."
    )


def restore(engine: Engine, source: Path, *, force: bool = False) -> BackupInfo:
    """Replaces the database's content with the backup's. Refuses (changing nothing) a file
    that is not a Lägesbild backup, one of the other database kind, one from a newer revision,
    and, without `force`, a database that already holds data."""
    with _said_in_swedish("Återställningen"):
        return _restore(engine, Path(source), force)


def _restore(engine: Engine, source: Path, force: bool) -> BackupInfo:
    info = inspect_backup(source)
    kind = kind_of(engine)
    if info.kind != kind:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"Säkerhetskopian är från {names[info.kind]}, men databasen är {names[kind]}. "
            "Återställ till samma sorts databas."
        )
    if kind == "sqlite":  # a restore may create the database file
        _sqlite_path(engine).parent.mkdir(parents=True, exist_ok=True)
    if not force and has_data(engine):
        raise BackupError(
            "Databasen har redan data. Återställningen skulle ersätta allt i den; "
            "använd --force om det är meningen."
        )
    if kind == "sqlite":
        _sqlite_restore(engine, info)
    else:
        _pg_restore(engine, info)
    return info


def end_redis_sessions(redis_url: str, prefix: str) -> int:
    """Ends every login kept in Redis (REDIS_URL): after a restore a session could otherwise
    outlive its user, or belong to a user id the restored database gives to someone else. The
    keys are dashboard.sessions.RedisSessionStore's ("{prefix}session:…" and
    "{prefix}user-sessions:…"); the login throttle's counts are left alone."""
    client = Redis.from_url(redis_url)
    escaped = re.sub(r"([*?\[\]\\])", r"\\\1", prefix)  # a glob matching the prefix only
    ended = 0
    for pattern in (f"{escaped}session:*", f"{escaped}user-sessions:*"):
        keys = list(client.scan_iter(match=pattern, count=1000))
        for start in range(0, len(keys), 1000):
            ended += int(client.delete(*keys[start : start + 1000]))
    return ended


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("Bara en SQLite-databas i en vanlig fil kan säkerhetskopieras.")
    return Path(database)


def _sqlite_revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def _sqlite_backup(engine: Engine, target: Path) -> BackupInfo:
    source = _sqlite_path(engine)
    if not source.is_file():
        raise BackupError(f"Databasfilen {source} finns inte.")
    own_files = {source.name + suffix for suffix in ("", "-wal", "-shm", "-journal")}
    if target.resolve().parent == source.resolve().parent and target.name in own_files:
        raise BackupError("Säkerhetskopian kan inte skrivas över själva databasen.")
    with _private_temp_file(target) as temp:
        with (
            closing(sqlite3.connect(source, timeout=30)) as src,
            closing(sqlite3.connect(temp)) as dst,
        ):
            src.backup(dst)  # one step: a consistent snapshot, writers go on meanwhile (WAL)
            revision = _check_revision(_sqlite_revision(dst), "Databasen")
            with dst:
                if SESSIONS_TABLE in _sqlite_tables(dst):
                    dst.execute(f"DELETE FROM {SESSIONS_TABLE}")
                dst.execute(f"CREATE TABLE {MARKER_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
                dst.executemany(
                    f"INSERT INTO {MARKER_TABLE} VALUES (?, ?)",
                    [
                        ("format", FORMAT_VERSION),
                        ("revision", revision),
                        ("created_at", datetime.now(UTC).isoformat(timespec="seconds")),
                        ("app_version", app_version()),
                    ],
                )
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            dst.execute("VACUUM")  # the sessions' pages are not left in the file
        os.replace(temp, target)
    return BackupInfo(target, "sqlite", revision)


def _sqlite_tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _sqlite_inspect(path: Path) -> BackupInfo:
    not_ours = f"Filen {path} är en SQLite-databas men ingen säkerhetskopia från Lägesbild."
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            if MARKER_TABLE not in _sqlite_tables(conn):
                raise BackupError(not_ours)
            marker = dict(conn.execute(f"SELECT key, value FROM {MARKER_TABLE}").fetchall())
            revision = _sqlite_revision(conn)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"Filen {path} kan inte läsas som SQLite: {error}.") from error
    if marker.get("format") != FORMAT_VERSION or marker.get("revision") != revision:
        raise BackupError(not_ours)
    return BackupInfo(path, "sqlite", _check_revision(revision, "Säkerhetskopian"))


def _sqlite_restore(engine: Engine, info: BackupInfo) -> None:
    target = _sqlite_path(engine)
    with tempfile.TemporaryDirectory(prefix="lagesbild-restore-") as workdir:
        staged = Path(workdir) / "restore.db"
        uri = f"{info.path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as src, closing(sqlite3.connect(staged)) as s:
            src.backup(s)
            with s:
                s.execute(f"DROP TABLE {MARKER_TABLE}")
        engine.dispose()  # the pool's connections would hold the old pages
        with (
            closing(sqlite3.connect(staged)) as src,
            closing(sqlite3.connect(target, timeout=30)) as dst,
        ):
            src.backup(dst)  # the whole file at once, under the target's write lock


# --- PostgreSQL -----------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"Programmet {name} finns inte i PATH. Installera PostgreSQL:s klientprogram "
            "(Debian: postgresql-client) i samma version som servern eller nyare."
        )
    return found


def libpq_environment(url: URL) -> dict[str, str]:
    """The connection as libpq environment variables (the password too): nothing secret in
    argv. Parameters in the URL's query go to their PG* variable; an unknown one is refused
    rather than silently dropped."""
    env = dict(os.environ)
    parts = {
        "PGHOST": url.host,
        "PGPORT": str(url.port) if url.port else None,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    for key, value in url.query.items():
        if key not in LIBPQ_ENV:
            raise BackupError(
                f"Parametern {key} i DATABASE_URL stöds inte av säkerhetskopieringen."
            )
        parts[LIBPQ_ENV[key]] = value if isinstance(value, str) else value[-1]
    env.update({name: str(value) for name, value in parts.items() if value is not None})
    return env


def _current_schema(engine: Engine) -> str:
    with engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar()
    if not schema:
        raise BackupError("Databasen har inget aktuellt schema (search_path).")
    return str(schema)


def _pattern(name: str) -> str:
    """A schema or table name as pg_dump's pattern: quoted, so it matches that name only."""
    return '"' + name.replace('"', '""') + '"'


def _run(args: list[str], env: dict[str, str], what: str) -> str:
    try:
        done = subprocess.run(  # no shell: every argument is passed as it is
            args, env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(f"{what} blev inte klar inom {TOOL_TIMEOUT_S // 3600} timmar.") from error
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-5:]
        raise BackupError(f"{what} misslyckades: " + " ".join(detail))
    return done.stdout


def _pg_backup(engine: Engine, target: Path) -> BackupInfo:
    pg_dump = _tool("pg_dump")
    _tool("pg_restore")  # to read the revision back
    schema = _current_schema(engine)
    _check_revision(schema_revision(engine), "Databasen")
    env = libpq_environment(engine.url)
    with _private_temp_file(target) as temp:
        _run(
            [
                pg_dump,
                "--format=custom",
                "--no-password",  # never a prompt: a missing password is an error
                f"--schema={_pattern(schema)}",
                f"--exclude-table-data={_pattern(schema)}.{_pattern(SESSIONS_TABLE)}",
                f"--file={temp}",
            ],
            env,
            "pg_dump",
        )
        info = _pg_inspect(temp)  # the revision the dump itself holds (its own snapshot)
        os.replace(temp, target)
    return BackupInfo(target, "postgresql", info.revision, info.schema)


# One line of `pg_restore --list`: "215; 1259 16390 TABLE myschema incidents owner".
TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ")


def _pg_tables(path: Path) -> set[tuple[str, str]]:
    """(schema, table) of every table in the dump, from its table of contents."""
    listing = _run([_tool("pg_restore"), "--list", str(path)], dict(os.environ), "pg_restore")
    return {
        (match.group(1), match.group(2))
        for line in listing.splitlines()
        if (match := TOC_TABLE.match(line))
    }


def _pg_inspect(path: Path) -> BackupInfo:
    not_ours = f"Filen {path} är en pg_dump-fil men ingen säkerhetskopia från Lägesbild."
    try:
        tables = _pg_tables(path)
    except BackupError as error:
        raise BackupError(f"Filen {path} kan inte läsas av pg_restore: {error}") from error
    schemas = {schema for schema, table in tables if table == "alembic_version"}
    if len(schemas) != 1 or len({schema for schema, _ in tables}) != 1:
        raise BackupError(not_ours)
    schema = schemas.pop()
    data = _run(
        [
            _tool("pg_restore"),
            "--data-only",
            f"--schema={schema}",
            "--table=alembic_version",
            "--file=-",
            str(path),
        ],
        dict(os.environ),
        "pg_restore",
    )
    # The COPY block: "COPY schema.alembic_version (version_num) FROM stdin;", rows, "\.".
    lines = data.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("COPY ")), None)
    rows = []
    if start is not None:
        for line in lines[start + 1 :]:
            if line == "\\.":
                break
            rows.append(line)
    revision = rows[0] if len(rows) == 1 else None
    return BackupInfo(path, "postgresql", _check_revision(revision, "Säkerhetskopian"), schema)


def _pg_restore(engine: Engine, info: BackupInfo) -> None:
    pg_restore = _tool("pg_restore")
    schema = _current_schema(engine)
    if info.schema != schema:
        raise BackupError(
            f"Säkerhetskopian gäller schemat {info.schema}, men databasen använder schemat "
            f"{schema}. Återställ till samma schema."
        )
    in_backup = {table for _, table in _pg_tables(info.path)}
    extra = sorted(set(inspect(engine).get_table_names(schema=schema)) - in_backup)
    if extra:
        # --clean drops only the dump's own tables: these would stay, and point at a schema
        # revision that no longer matches. Dropping them first could not be undone.
        raise BackupError(
            "Databasen har tabeller som säkerhetskopian saknar ("
            + ", ".join(extra)
            + "): den är från en nyare version av schemat. Återställ till en tom databas."
        )
    engine.dispose()  # nothing of ours holds a lock on the tables being replaced
    dbname = (engine.url.database or "").replace("\\", "\\\\").replace("'", "\\'")
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",  # all or nothing
            "--no-password",
            f"--schema={schema}",
            f"--dbname=dbname='{dbname}'",  # the rest of the connection comes from PG*
            str(info.path),
        ],
        libpq_environment(engine.url),
        "pg_restore",
    )
