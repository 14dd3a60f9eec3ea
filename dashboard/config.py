"""Configuration from the environment; one place that knows the defaults."""

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

# Re-exported: the app's configuration.
from models.engine import INSTANCE_DIR as INSTANCE_DIR
from models.engine import PROJECT_ROOT as PROJECT_ROOT
from models.engine import database_url_from_env as database_url_from_env
from models.engine import normalise_database_url as normalise_database_url


class ConfigError(RuntimeError):
    """Raised at start-up when the environment cannot give a safe configuration."""


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _demo_secret_key(instance_dir: Path) -> str:
    """In demo mode a key is generated once and kept, so sessions survive restarts."""
    path = instance_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _integer(env: dict[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdecimal() or int(raw) < minimum:
        kind = "ett positivt heltal" if minimum == 1 else f"ett heltal från {minimum}"
        raise ConfigError(f"{name} måste vara {kind}, inte {raw!r}.")
    return int(raw)


def _rate_limit(env: dict[str, str], name: str, default: str) -> str:
    """A limit as Flask-Limiter writes it ("5 per 15 minutes"), checked at start-up."""
    from limits import parse

    raw = env.get(name, "").strip() or default
    try:
        parse(raw)
    except ValueError as error:
        raise ConfigError(
            f"{name} ska skrivas som t.ex. '5 per 15 minutes', inte {raw!r}."
        ) from error
    return raw


@dataclass
class Config:
    database_url: str
    secret_key: str
    demo_mode: bool = False
    port: int = 8050
    secure_cookies: bool = False
    query_cache: bool = True
    testing: bool = False
    # Sessions (dashboard/sessions.py) and login throttling (dashboard/auth.py).
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    redis_url: str | None = None  # sessions and throttling in Redis rather than the database
    redis_prefix: str = "lagesbild:"
    login_limit_account: str = "5 per 15 minutes"  # failed logins per username
    login_limit_address: str = "50 per 15 minutes"  # failed logins per client address
    # Reverse proxies in front of the app: the client's address is that many entries from the
    # right in X-Forwarded-For (0: the connection's own address; the header is not trusted).
    proxy_count: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Config":
        env = dict(os.environ if env is None else env)
        demo = _truthy(env.get("LAGESBILD_DEMO"))
        instance_dir = Path(env.get("LAGESBILD_INSTANCE", INSTANCE_DIR))
        secret_key = env.get("SECRET_KEY", "")
        if not secret_key:
            if not demo:
                raise ConfigError(
                    "SECRET_KEY saknas. Sätt SECRET_KEY i miljön "
                    "(eller LAGESBILD_DEMO=1 för demoläge)."
                )
            secret_key = _demo_secret_key(instance_dir)
        return cls(
            database_url=database_url_from_env(env),
            secret_key=secret_key,
            demo_mode=demo,
            port=int(env.get("PORT", "8050")),
            secure_cookies=_truthy(env.get("SESSION_COOKIE_SECURE")),
            query_cache=env.get("LAGESBILD_QUERY_CACHE", "1") != "0",
            session_idle_minutes=_integer(env, "LAGESBILD_SESSION_IDLE_MINUTES", 30),
            session_max_hours=_integer(env, "LAGESBILD_SESSION_MAX_HOURS", 12),
            redis_url=env.get("REDIS_URL", "").strip() or None,
            proxy_count=_integer(env, "LAGESBILD_PROXY_COUNT", 0, minimum=0),
            redis_prefix=env.get("LAGESBILD_REDIS_PREFIX", "lagesbild:"),
            login_limit_account=_rate_limit(
                env, "LAGESBILD_LOGIN_LIMIT_ACCOUNT", "5 per 15 minutes"
            ),
            login_limit_address=_rate_limit(
                env, "LAGESBILD_LOGIN_LIMIT_ADDRESS", "50 per 15 minutes"
            ),
        )
