"""Structured logs: every line of a request or job says which request it belongs to.

The request id, the signed-in user's id (never a name) and the path are kept in context variables
while a request runs; a filter adds them to every log record, and the JSON formatter writes one
object per line for the Trust's log platform. A job queued during a request carries that request's
id in its message headers, so the worker's lines name the request that asked for the job.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
path_var: contextvars.ContextVar[str] = contextvars.ContextVar("path", default="")
request_var: contextvars.ContextVar[object | None] = contextvars.ContextVar("request", default=None)

# The Celery message header that carries the request id from the web process to the worker.
REQUEST_ID_HEADER = "recovery_portal_request_id"
# WSGI environ keys the request middleware fills in for gunicorn's access line.
ENVIRON_REQUEST_ID = "recovery_portal.request_id"
ENVIRON_USER_ID = "recovery_portal.user_id"

# Attributes every LogRecord has; anything else given in ``extra=`` is written as a field of its own.
# Django's request logging passes the request itself, whose text includes the query string (searches
# carry NHS numbers): it is left out, as is anything else the line already says.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "user_id",
    "path",
    "request",
    "server_time",
}


def user_id_of(request) -> int | None:
    # Only a user already loaded for the request: a log line must never query the database.
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


class RequestContextFilter(logging.Filter):
    """Adds request_id, user_id and path to every record (empty outside a request or job)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        if not hasattr(record, "path"):
            record.path = path_var.get()
        if not hasattr(record, "user_id"):
            request = request_var.get()
            record.user_id = user_id_of(request) if request is not None else None
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, user_id, path, and extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": "" if record.name == "gunicorn.access" else record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id_var.get(),
            "user_id": getattr(record, "user_id", None),
            "path": getattr(record, "path", "") or path_var.get(),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(_access_fields(record.args))
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def _access_fields(atoms: dict) -> dict:
    """gunicorn's access-log atoms, by name. The path without its query string: searches carry NHS numbers."""

    def atom(name: str) -> str:
        value = atoms.get(name, "")
        return "" if value in (None, "-") else value

    user_id = str(atom("{" + ENVIRON_USER_ID + "}e"))
    return {
        "message": f"{atom('m')} {atom('U')} {atom('s')}",
        "request_id": atom("{" + ENVIRON_REQUEST_ID + "}e"),
        "user_id": int(user_id) if user_id.isdigit() else None,
        "path": atom("U"),
        "method": atom("m"),
        "status": atom("s"),
        "bytes": atom("B"),
        "duration_ms": round(int(atom("D") or 0) / 1000, 1),
        "remote_addr": atom("h"),
    }


class TextFormatter(logging.Formatter):
    """Readable lines for a developer's terminal (DEBUG on), with the request id when there is one."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", "")
        return f"{line} [request {request_id}]" if request_id else line


def logging_config(*, debug: bool, level: str) -> dict:
    """The LOGGING setting: JSON lines on standard output, readable text when DEBUG is on."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "recovery_portal.logs.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "recovery_portal.logs.JSONFormatter"},
            "text": {"()": "recovery_portal.logs.TextFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "text" if debug else "json",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own request errors reach the root handler once, with the request's context.
            "django": {"level": level},
        },
    }


def connect_celery_signals() -> None:
    """Jobs carry the id of the request that queued them; the worker logs with it and Django's format."""
    from celery import signals

    @signals.before_task_publish.connect(weak=False)
    def _carry_request_id(headers=None, **kwargs):
        request_id = request_id_var.get()
        if headers is not None and request_id:
            headers[REQUEST_ID_HEADER] = request_id

    tokens: dict[str, tuple] = {}

    @signals.task_prerun.connect(weak=False)
    def _adopt_request_id(task_id=None, task=None, **kwargs):
        request_id = getattr(task.request, REQUEST_ID_HEADER, None) or (task.request.headers or {}).get(
            REQUEST_ID_HEADER
        )
        if request_id:
            tokens[task_id] = (request_id_var.set(request_id),)

    @signals.task_postrun.connect(weak=False)
    def _forget_request_id(task_id=None, **kwargs):
        for token in tokens.pop(task_id, ()):
            request_id_var.reset(token)

    @signals.setup_logging.connect(weak=False)
    def _use_django_logging(**kwargs):
        # Connecting here stops Celery replacing the root logger's handlers with its own format.
        import logging.config

        from django.conf import settings

        logging.config.dictConfig(settings.LOGGING)
