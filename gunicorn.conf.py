"""gunicorn's settings, the one place they are kept: the Dockerfile, docker-compose.yml, the benchmarks and
the fault tests all start gunicorn with ``-c gunicorn.conf.py`` (values below can be overridden on the
command line or with the GUNICORN_* variables of .env.example).
"""

import os

# As the WSGI module does; set before the portal's log formatter is imported below.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.production")

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Threads (gthread): part of every request is spent waiting on PostgreSQL, and a dashboard whose figures
# are not yet kept waits seconds; a sync worker would serve nobody meanwhile. Processes still give the
# parallelism (one per core or so); threads fill the waits (benchmarks/README.md, ADR 0017).
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"

# A request still running after this many seconds is ended and its worker restarted. Long work (reports,
# large imports) runs in jobs, so a page taking a minute is a fault, not a workload.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On a restart or redeploy (SIGTERM, SIGHUP), requests in progress get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Kept-alive connections outlive the proxy's own idle timeout (60 s for nginx upstreams), so the proxy,
# not gunicorn, closes them, and no request is sent on a connection gunicorn is closing.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Each worker is replaced after about this many requests (the jitter keeps them from restarting together),
# so memory a long-lived process accumulates is given back without anyone noticing.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# The access log and gunicorn's own messages in the portal's JSON lines, on standard output: one line per
# request with its request id, user id, path (never the query string), status and duration.
accesslog = "-"
errorlog = "-"
_format = "text" if os.environ.get("DEBUG", "").lower() in ("1", "true", "yes", "on") else "json"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "recovery_portal.logs.JSONFormatter"},
        "text": {"()": "recovery_portal.logs.TextFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": _format, "stream": "ext://sys.stdout"},
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": _format,
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}
