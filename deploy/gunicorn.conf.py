"""gunicorn configuration for Confianza (deploy/systemd/confianza.service starts it).

Worker class and count were chosen by measurement on a 2-core machine (docs/benchmarks.md,
"Choosing the workers"): sync workers, because every request is short CPU work in Python (pages,
WeasyPrint PDFs) and a sync worker holds one database connection; more threads would only queue
for the same two cores under the GIL. Override with GUNICORN_WORKERS; keep one PostgreSQL
connection per worker in mind (max_connections >= app servers x workers + the purge and backup).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A handout packet renders in seconds, never minutes: a worker stuck longer is killed and restarted.
timeout = 60
graceful_timeout = 30
# Recycle workers now and then: WeasyPrint's font and layout caches only grow.
max_requests = 2000
max_requests_jitter = 200
# Load Django once in the master, then fork: workers share its memory pages.
preload_app = True
# The heartbeat file lives in memory (the service's file system is read-only).
worker_tmp_dir = "/dev/shm"  # noqa: S108 - private to the service (PrivateTmp, PrivateDevices)
# Only the local reverse proxy may set X-Forwarded-* for gunicorn itself.
forwarded_allow_ips = "127.0.0.1,::1"

# Access log: no query string, no referrer, no user agent; health probes are not logged.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s'
logger_class = "clinic.serving.QuietHealthLogger"
errorlog = "-"
loglevel = "info"


def on_starting(server):
    """Warn at start-up when proxy headers are trusted but gunicorn is reachable without the proxy."""
    from clinic.serving import warn_if_proxy_headers_exposed

    warn_if_proxy_headers_exposed(server)
