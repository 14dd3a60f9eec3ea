"""Configuration from the environment."""

from pathlib import Path

import pytest

from dashboard.config import Config, ConfigError


def test_secret_key_is_required_outside_demo_mode(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        Config.from_env({"LAGESBILD_INSTANCE": str(tmp_path)})


def test_demo_mode_generates_a_secret_key_once_and_keeps_it(tmp_path: Path) -> None:
    env = {"LAGESBILD_DEMO": "1", "LAGESBILD_INSTANCE": str(tmp_path)}
    first = Config.from_env(env)
    second = Config.from_env(env)
    assert len(first.secret_key) >= 32
    assert first.secret_key == second.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_defaults_to_sqlite_under_instance_and_port_8050(tmp_path: Path) -> None:
    config = Config.from_env({"SECRET_KEY": "k", "LAGESBILD_INSTANCE": str(tmp_path)})
    assert config.database_url == f"sqlite:///{tmp_path / 'lagesbild.db'}"
    assert config.port == 8050
    assert not config.demo_mode


def test_postgres_urls_use_psycopg3() -> None:
    config = Config.from_env(
        {"SECRET_KEY": "k", "DATABASE_URL": "postgres://u@db/lagesbild", "PORT": "9000"}
    )
    assert config.database_url == "postgresql+psycopg://u@db/lagesbild"
    assert config.port == 9000
