"""A small in-process cache for read-side query results, keyed by the data version.

KS and the coordinators open the same views again and again between writes; each worker keeps
the latest results and asks the database only for the version token (one primary-key lookup).
Any write renews the token, so no cached figure outlives a change (models.data_version).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from models import data_version

T = TypeVar("T")


class QueryCache:
    def __init__(self, maxsize: int = 512, enabled: bool = True) -> None:
        self.maxsize = maxsize
        self.enabled = enabled
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session: Session, fn: Callable[..., T], *args: Hashable) -> T:
        """`fn(session, *args)`, computed once per data version. Results must not be mutated."""
        if not self.enabled:
            return fn(session, *args)
        key = (fn.__module__, fn.__qualname__, args, data_version.current(session))
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                hit: T = self._data[key]
                return hit
        value = fn(session, *args)
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
