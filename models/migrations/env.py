"""Alembic environment: the engine comes from the caller (dashboard.db.upgrade) or DATABASE_URL.

Nothing from `dashboard/` here: the models and their migrations run without the web app."""

from alembic import context

from models import Base
from models.engine import database_url_from_env, make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = make_engine(database_url_from_env())
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations()
