"""Compress each script and style sheet once per worker, not on every request.

Dash compresses its answers with flask-compress, which by default compresses a 4.6 MB
plotly.js anew for every browser that loads it (and for every revalidation, to compute the
ETag). Files under these paths never change while the app runs (Dash fingerprints its bundles,
assets carry their modification time in the address), so their compressed bodies are kept.
flask-compress asks the cache for every answer it compresses: callback answers get no key and
are never kept."""

from flask import Request

STATIC_PATHS = ("/_dash-component-suites/", "/assets/", "/static/")
MAX_ENTRIES = 256  # every file × every compression; a worker serves about 60 files


def cache_key(request: Request) -> str:
    if request.method != "GET" or not request.path.startswith(STATIC_PATHS):
        return ""
    return request.full_path


class StaticCompressionCache:
    """The cache flask-compress calls with `"{algorithm};{cache_key}"`."""

    def __init__(self) -> None:
        self._bodies: dict[str, bytes] = {}

    @staticmethod
    def _kept(key: str) -> bool:
        return not key.endswith(";")  # an empty cache_key: not a static file

    def get(self, key: str) -> bytes | None:
        return self._bodies.get(key) if self._kept(key) else None

    def set(self, key: str, value: bytes) -> None:
        if self._kept(key) and (key in self._bodies or len(self._bodies) < MAX_ENTRIES):
            self._bodies[key] = value
