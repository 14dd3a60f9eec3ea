"""Where the database is and how to connect: shared by the web app, the CLI and the Alembic
environment, so the models and their migrations need nothing from `dashboard/`."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("LAGESBILD_INSTANCE", PROJECT_ROOT / "instance"))


def database_url_from_env(env: dict[str, str] | None = None) -> str:
    """DATABASE_URL, or an SQLite file under instance/ (zero set-up)."""
    env = dict(os.environ if env is None else env)
    instance_dir = Path(env.get("LAGESBILD_INSTANCE", INSTANCE_DIR))
    url = env.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'lagesbild.db'}"
    return normalise_database_url(url)


def normalise_database_url(url: str) -> str:
    """Accept the common `postgres://` / `postgresql://` forms and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return url


def make_engine(url: str, **kwargs: object) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)
