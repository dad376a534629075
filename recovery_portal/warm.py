"""What a web process loads as it starts, so that no person's request waits for it.

Django imports the views on the first request, and compiles each template the first time a page uses
it; Celery imports its messaging and Redis client when the first job is sent. Together that is about a
second of work inside the first requests each new web process serves (a fresh process sent its first
job in 678 ms, its second in 2 ms). ``warm_up()`` does it before the process takes requests
(``wsgi.py``). It opens no connection: the database and Redis are reached on first use, as before.
"""

import logging
from pathlib import Path

from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver

logger = logging.getLogger(__name__)


def _urls() -> None:
    # Imports every view module and builds the tables reverse() reads.
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (the import is the point)
    resolver.reverse_dict  # noqa: B018


def _templates() -> int:
    """Compile the portal's own templates into the cached loader; returns how many."""
    engine = engines["django"]
    compiled = 0
    for directory in map(Path, engine.engine.dirs):
        for path in sorted(directory.rglob("*.html")):
            try:
                engine.get_template(path.relative_to(directory).as_posix())
            except TemplateSyntaxError:
                # Left for the page that uses it to report, as it would have been without warming.
                logger.exception("Template %s does not compile", path)
                continue
            compiled += 1
    return compiled


def _job_queue() -> None:
    # Celery's message classes and kombu's Redis transport, imported without connecting to Redis.
    from celery import canvas, result  # noqa: F401

    from .celery import app

    app.amqp  # noqa: B018
    with app.connection_for_write() as connection:
        connection.transport  # noqa: B018


def warm_up() -> None:
    _urls()
    _templates()
    _job_queue()
