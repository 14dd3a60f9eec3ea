"""The read cache for query results, keyed by the versions of the topics a query reads.

KS and the coordinators open the same views again and again between writes. A result is keyed
by the function, its arguments and the data versions of the topics it declared
(models.data_version.reads): an incident write renews the incident version only, so survey and
plan results stay cached, and no cached figure outlives a change to what it read.

Two levels: each worker's own LRU and, with REDIS_URL set, Redis shared by every worker and host
(get: local → Redis → compute, then store in both). Keys are versioned, so nothing is ever
deleted: a stale entry is simply never asked for again and expires with its TTL (Redis should
run with `maxmemory-policy allkeys-lru`). A Redis that is down or slow never breaks a page: the
value is computed, a warning logged, and Redis left alone for a while.

Values in Redis are pickled and signed with the app's secret key, so a value someone else wrote
to Redis is never unpickled. Keys also hold a digest of the application's source, so a new
release never reads what an older one computed (a changed query, a changed dataclass)."""

import hashlib
import hmac
import importlib.util
import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar, cast

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy.orm import Session

from models import data_version

T = TypeVar("T")
log = logging.getLogger(__name__)

TTL_SECONDS = 3600  # an hour: ample between writes, and a bound on what stale keys occupy
REDIS_PAUSE_SECONDS = 30.0  # after a Redis error, compute locally this long before trying again
_PACKAGES = ("models", "dashboard", "callbacks", "layouts")
_MAC_SIZE = 32  # HMAC-SHA256


def _release_digest() -> str:
    """A digest of the application's Python source: new code, new keys."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        for root in (spec.submodule_search_locations or []) if spec else []:
            for path in sorted(Path(root).rglob("*.py")):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


RELEASE = _release_digest()


class QueryCache:
    def __init__(
        self,
        maxsize: int = 512,
        enabled: bool = True,
        redis: Redis | None = None,
        prefix: str = "lagesbild:",
        secret: str = "",
        ttl_seconds: int = TTL_SECONDS,
    ) -> None:
        self.maxsize = maxsize
        self.enabled = enabled
        self.redis = redis
        self.prefix = f"{prefix}query:{RELEASE}:"
        self.ttl_seconds = ttl_seconds
        self._secret = hashlib.sha256(b"lagesbild-query-cache:" + secret.encode()).digest()
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._redis_paused_until = 0.0

    def get(self, session: Session, fn: Callable[..., T], *args: Hashable) -> T:
        """`fn(session, *args)`, computed once per version of the topics `fn` reads (all topics
        when it declared none). Results must not be mutated."""
        if not self.enabled or data_version.has_pending(session):
            # After a write in this transaction, a result may miss the transaction's later
            # writes, which the versions it commits stand for: compute, keep nothing.
            return fn(session, *args)
        versions = data_version.current(session)
        topics = data_version.topics_of(fn)
        key = (
            fn.__module__,
            fn.__qualname__,
            args,
            tuple(sorted((t.value, versions[t]) for t in topics)),
        )
        found, value = self._local_get(key)
        if found:
            return cast(T, value)
        shared_key = self._shared_key(key)
        if shared_key is not None:
            found, value = self._redis_get(shared_key)
            if found:
                self._local_put(key, value)
                return cast(T, value)
        value = fn(session, *args)
        self._local_put(key, value)
        if shared_key is not None and self._redis_usable():
            self._redis_put(shared_key, value)
        return value

    def clear(self) -> None:
        """Empties this process's level (Redis keys expire by themselves)."""
        with self._lock:
            self._data.clear()

    # --- this process ----------------------------------------------------------------------

    def _local_get(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return True, self._data[key]
        return False, None

    def _local_put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    # --- Redis -----------------------------------------------------------------------------

    def _redis_usable(self) -> bool:
        return self.redis is not None and time.monotonic() >= self._redis_paused_until

    def _redis_failed(self, doing: str, error: Exception) -> None:
        self._redis_paused_until = time.monotonic() + REDIS_PAUSE_SECONDS
        log.warning(
            "Query cache: Redis %s failed (%s); computing locally for %.0f s",
            doing,
            error,
            REDIS_PAUSE_SECONDS,
        )

    def _shared_key(self, key: tuple[Any, ...]) -> str | None:
        """The Redis key: a digest of the pickled local key (arguments whose pickles are equal
        are equal; unlike repr, which may leave fields out). None when Redis is not in use or
        the arguments cannot be pickled."""
        if not self._redis_usable():
            return None
        try:
            raw = pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PickleError, TypeError, AttributeError) as error:
            log.warning("Query cache: arguments of %s cannot be shared: %s", key[1], error)
            return None
        return self.prefix + hashlib.sha256(raw).hexdigest()

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()

    def _redis_get(self, shared_key: str) -> tuple[bool, Any]:
        assert self.redis is not None
        try:
            stored = cast(bytes | None, self.redis.get(shared_key))
        except RedisError as error:
            self._redis_failed("read", error)
            return False, None
        if stored is None:
            return False, None
        mac, payload = stored[:_MAC_SIZE], stored[_MAC_SIZE:]
        if not hmac.compare_digest(mac, self._sign(payload)):
            log.warning("Query cache: ignored a Redis value with a wrong signature")
            return False, None
        try:
            return True, pickle.loads(payload)
        except Exception as error:  # whatever unpickling raises, the value is computed anew
            log.warning("Query cache: could not read a Redis value: %s", error)
            return False, None

    def _redis_put(self, shared_key: str, value: Any) -> None:
        assert self.redis is not None
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PickleError, TypeError, AttributeError, RecursionError) as error:
            log.warning("Query cache: a result cannot be shared (kept locally): %s", error)
            return
        try:
            self.redis.set(shared_key, self._sign(payload) + payload, ex=self.ttl_seconds)
        except RedisError as error:
            self._redis_failed("write", error)


def redis_client(url: str) -> Redis:
    """A client that gives up quickly: a slow Redis must cost a page milliseconds, not seconds."""
    return Redis.from_url(
        url, socket_connect_timeout=0.5, socket_timeout=0.5, health_check_interval=30
    )
