"""Session timeouts, Redis and the login throttle's limits come from the environment."""

import pytest

from dashboard.config import Config, ConfigError

BASE = {"SECRET_KEY": "k"}


def test_defaults_are_30_minutes_idle_12_hours_and_no_redis() -> None:
    config = Config.from_env(BASE)
    assert config.session_idle_minutes == 30
    assert config.session_max_hours == 12
    assert config.redis_url is None
    assert config.login_limit_account == "5 per 15 minutes"
    assert config.login_limit_address == "50 per 15 minutes"
    assert config.proxy_count == 0


def test_the_environment_sets_them() -> None:
    config = Config.from_env(
        BASE
        | {
            "LAGESBILD_SESSION_IDLE_MINUTES": "10",
            "LAGESBILD_SESSION_MAX_HOURS": "8",
            "REDIS_URL": "redis://cache:6379/1",
            "LAGESBILD_LOGIN_LIMIT_ACCOUNT": "3 per 10 minutes",
            "LAGESBILD_LOGIN_LIMIT_ADDRESS": "100 per hour",
            "LAGESBILD_PROXY_COUNT": "1",
        }
    )
    assert (config.session_idle_minutes, config.session_max_hours) == (10, 8)
    assert config.redis_url == "redis://cache:6379/1"
    assert config.login_limit_account == "3 per 10 minutes"
    assert config.login_limit_address == "100 per hour"
    assert config.proxy_count == 1


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("LAGESBILD_SESSION_IDLE_MINUTES", "0", "positivt heltal"),
        ("LAGESBILD_SESSION_IDLE_MINUTES", "en halvtimme", "positivt heltal"),
        ("LAGESBILD_SESSION_MAX_HOURS", "-1", "positivt heltal"),
        ("LAGESBILD_LOGIN_LIMIT_ACCOUNT", "fem", "5 per 15 minutes"),
        ("LAGESBILD_PROXY_COUNT", "-1", "heltal från 0"),
    ],
)
def test_bad_values_stop_the_start_with_a_swedish_message(
    name: str, value: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.from_env(BASE | {name: value})
