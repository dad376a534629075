"""Whether the portal can do its work: the database, Redis, a worker that answers, beat that schedules.

``/health/ready/`` and ``manage.py check_ready`` report these; ``/health/`` stays the cheap liveness
check. Nothing here reads or returns personal data.
"""

import time
import uuid

import redis
from django.conf import settings
from django.db import connection

from . import celery_app

_PING_KEY = "recovery_portal:readiness:ping:{token}"
BEAT_HEARTBEAT_KEY = "recovery_portal:readiness:beat"


def broker() -> redis.Redis:
    # Short timeouts: a check must answer while Redis is away, not wait for it.
    return redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=2)


def _jobs_in_process() -> bool:
    return bool(celery_app.conf.task_always_eager) or not settings.CELERY_BROKER_URL


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return {"status": "unavailable", "detail": "the database cannot be reached"}
    return {"status": "ok"}


def check_redis() -> dict:
    if _jobs_in_process():
        return {"status": "ok", "detail": "not used: jobs run in-process"}
    try:
        broker().ping()
    except redis.RedisError:
        return {"status": "unavailable", "detail": "Redis cannot be reached"}
    return {"status": "ok"}


def check_worker() -> dict:
    """Queue a ping job and wait a few seconds for a worker to answer it in Redis."""
    if _jobs_in_process():
        return {"status": "ok", "detail": "not used: jobs run in-process"}
    from .tasks import readiness_ping

    token = uuid.uuid4().hex
    started = time.monotonic()
    try:
        readiness_ping.apply_async(args=[token], expires=settings.READINESS_WORKER_WAIT_SECONDS + 5)
        client = broker()
        deadline = started + settings.READINESS_WORKER_WAIT_SECONDS
        while time.monotonic() < deadline:
            if client.get(_PING_KEY.format(token=token)):
                return {"status": "ok", "seconds": round(time.monotonic() - started, 2)}
            time.sleep(0.1)
    except Exception:
        return {"status": "unavailable", "detail": "the ping job could not be queued"}
    return {
        "status": "unavailable",
        "detail": f"no worker answered within {settings.READINESS_WORKER_WAIT_SECONDS} seconds",
    }


def answer_ping(token: str) -> None:
    broker().set(_PING_KEY.format(token=token), "1", ex=60)


def record_beat_heartbeat() -> None:
    broker().set(BEAT_HEARTBEAT_KEY, str(time.time()))


def check_beat() -> dict:
    """Beat queues a heartbeat job every minute; its age says whether beat (and a worker) still run."""
    if _jobs_in_process():
        return {"status": "ok", "detail": "not used: jobs run in-process"}
    try:
        recorded = broker().get(BEAT_HEARTBEAT_KEY)
    except redis.RedisError:
        return {"status": "unavailable", "detail": "Redis cannot be reached"}
    if recorded is None:
        return {"status": "unavailable", "detail": "no heartbeat from beat yet"}
    age = max(0, round(time.time() - float(recorded)))
    if age > settings.READINESS_BEAT_MAX_AGE_SECONDS:
        return {
            "status": "unavailable",
            "heartbeat_age_seconds": age,
            "detail": "beat's heartbeat is too old",
        }
    return {"status": "ok", "heartbeat_age_seconds": age}


CHECKS = {"database": check_database, "redis": check_redis, "worker": check_worker, "beat": check_beat}


def readiness(names=None) -> dict:
    checks = {name: CHECKS[name]() for name in (names or CHECKS)}
    ready = all(check["status"] == "ok" for check in checks.values())
    return {"status": "ok" if ready else "unavailable", "checks": checks}
