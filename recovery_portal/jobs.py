"""Queueing background jobs so that a request never fails because the broker is away.

A job's state lives in a database row (ARCHITECTURE §4), so a job that could not be queued is not lost:
its row says it is waiting, and a scheduled job or a person trying again picks it up. The request that
asked for it still succeeds and can tell the person the job is queued.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# What Celery raises when Redis cannot be reached or refuses the message.
BROKER_UNAVAILABLE = (OperationalError, ConnectionError, OSError)


def enqueue(task, *args) -> bool:
    """Send ``task(*args)`` now, without retrying; False when the broker could not be reached."""
    try:
        task.apply_async(args=args, retry=False)
    except BROKER_UNAVAILABLE as problem:
        logger.warning("Could not queue %s%r: %s", task.name, args, problem)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Send ``task(*args)`` once the current transaction commits; never if it rolls back."""
    transaction.on_commit(lambda: enqueue(task, *args))
