"""gunicorn's production defaults for Lägesbild, read by `gunicorn wsgi:server` from the
working directory (or `-c gunicorn.conf.py`). `make run` and `make loadtest` use it too.

Every setting can be changed by an environment variable (below) or on gunicorn's command line,
which wins over this file.
"""

import os
import sys
from typing import Any

# LAGESBILD_BIND (default 127.0.0.1:8050): where gunicorn listens. Only on the loopback: the HTTPS
# proxy on the same machine is the only way in (see README, Produktion), since the app trusts
# X-Forwarded-For from whoever reaches gunicorn when LAGESBILD_PROXY_COUNT is set.
bind = os.environ.get("LAGESBILD_BIND", "127.0.0.1:8050")

# gthread, not the default sync worker: a sync worker serves one connection at a time and a
# browser opens connections before it needs them (and keeps them open between requests), so two
# idle browser sockets are enough to stall two sync workers until their timeout (measured: GET
# /login 61 s; bench/idle_connections.py). A gthread worker gives a new connection one of its
# threads for at most 5 s (gunicorn 27; older versions until the client sends) and then parks it
# in its poller, where kept-alive connections wait too: the same GET took 6 ms.
worker_class = "gthread"


def _default_workers() -> int:
    """Two processes per core, at least 2 and at most 8. Processes are what runs Python in
    parallel (the GIL lets one thread of a process run at a time); two per core because part of
    each request waits for PostgreSQL, Redis or the disk. The cap bounds memory: a worker holds
    ~130 MB at national scale (make bench, worker_rss_mb) and its own query cache."""
    return max(2, min(2 * (os.cpu_count() or 1), 8))


# WEB_CONCURRENCY (default above: 4 on a 2-core machine): worker processes. With SQLite keep it
# small (make run uses 2): every writer waits for the one database lock.
workers = int(os.environ.get("WEB_CONCURRENCY") or _default_workers())

# GUNICORN_THREADS (default 4): threads per worker. They overlap waits (the database, a slow
# client, an idle socket's first seconds), not CPU; four per worker keep a few parked browser
# connections from delaying anyone without making a worker take on more CPU work than it can do.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# GUNICORN_TIMEOUT (default 60 s): a worker whose main loop has not reported for this long is
# killed and replaced. With gthread the main loop keeps reporting while a thread works, so this
# catches a hung process, not a slow request (the slowest, the city report, runs in a background
# job; a Word export takes some seconds at national scale).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))

# GUNICORN_GRACEFUL_TIMEOUT (default 30 s): on a restart or shutdown (SIGTERM, SIGHUP, or
# max_requests below), how long running requests get to finish before the worker is killed.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))

# GUNICORN_KEEPALIVE (default 75 s): how long an idle connection is kept open. Longer than the
# proxy's own idle timeout for its upstream connections (nginx's keepalive_timeout is 60 s), so
# gunicorn never closes a connection just as the proxy sends a request on it. Parked idle
# connections cost a gthread worker a file descriptor, not a thread (worker_connections, 1 000
# by default, bounds them).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))

# GUNICORN_MAX_REQUESTS (default 5 000, with a jitter of a tenth): a worker is replaced after so
# many requests, so memory that a worker gathers (fragmentation, its caches) stays bounded. The
# jitter keeps the workers from restarting together. 0 turns it off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10

# The app is loaded once in the master and forked, so a new worker (after max_requests) starts
# in milliseconds instead of importing Dash, pandas and plotly again on a busy machine. Safe:
# loading opens no database connection, Redis connection or thread (dashboard/db.py connects
# on first use; redis-py reconnects in a forked process), and post_fork below discards any
# pooled database connection all the same, so no connection is ever shared across a fork.
# A deploy restarts gunicorn (SIGHUP alone would keep the old code).
preload_app = True


def post_fork(_server: object, _worker: object) -> None:
    """Each worker gets its own database connections: drop any the master's pool holds, without
    closing them (the master's would be closed under it)."""
    app_module = sys.modules.get("wsgi")  # loaded by preload_app; without it nothing to drop
    if app_module is not None:
        app_module.server.extensions["lagesbild_db"].engine.dispose(close=False)


# The access log on stdout, with the request's time in milliseconds last (%(M)s), so the log
# shows slow requests without a profiler. Errors go to stderr (gunicorn's default).
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(a)s" %(M)sms'

# forwarded_allow_ips is not set here: gunicorn reads FORWARDED_ALLOW_IPS (default 127.0.0.1,::1,
# the proxy on the same machine), which decides whom it believes about the scheme (X-Forwarded-
# Proto). The client's address is the app's business (LAGESBILD_PROXY_COUNT).

# No control socket (gunicorn ≥ 25.1): its default path is one per user account
# ($XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl), so two gunicorns on one machine (a test run
# beside the app, make loadtest) would take it from each other. Stop and reload with signals.
control_socket_disable = True


def post_worker_init(worker: Any) -> None:
    """One request through the app before the worker takes connections. Dash finishes setting
    itself up (registers its script files) on a worker's first request, and a gthread worker's
    second request served meanwhile found nothing registered: the script answered 500 and the
    page stayed blank. GET /login stores nothing and reads no database."""
    app = getattr(worker, "wsgi", None)
    if hasattr(app, "test_client"):
        app.test_client().get("/login")
