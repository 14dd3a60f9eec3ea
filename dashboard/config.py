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


@dataclass
class Config:
    database_url: str
    secret_key: str
    demo_mode: bool = False
    port: int = 8050
    secure_cookies: bool = False
    query_cache: bool = True
    testing: bool = False
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
        )
