"""A real Celery worker, on the suite's own Redis, runs a job queued only once its transaction commits."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection, transaction
from django.urls import reverse

from recovery_portal import celery_app
from recovery_portal.models import WorkerHeartbeat
from recovery_portal.services import worker_heartbeat_request

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_url():
    url = os.environ.get("CELERY_BROKER_URL")
    # `make test` always provides a broker; without one this test must fail, never skip.
    assert url, "CELERY_BROKER_URL is not set: run the suite with `make test`"
    return url


@pytest.fixture
def sending_to_broker(broker_url):
    """Send tasks to the real broker instead of running them in-process as the other tests do."""
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = broker_url
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved


@pytest.fixture
def worker(broker_url):
    """A worker process pointed at the test database; stopped when the test ends."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": broker_url,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "recovery_portal", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_real_worker_answers_a_heartbeat_queued_on_commit(
    django_user_model, sending_to_broker, broker_url, worker
):
    admin = django_user_model.objects.create_superuser("ops", password="a-long-enough-password")
    queue = redis.Redis.from_url(broker_url)
    queue.delete("celery")

    with transaction.atomic():
        heartbeat = worker_heartbeat_request(by=admin)
        # Nothing reaches the broker until the heartbeat row is committed.
        assert queue.llen("celery") == 0

    answered = wait_for(lambda: WorkerHeartbeat.objects.get(pk=heartbeat.pk).answered_at is not None)

    if not answered:
        worker.terminate()
        pytest.fail(
            "the worker did not answer within a minute:\n" + worker.communicate(timeout=20)[0][-3000:]
        )
    heartbeat.refresh_from_db()
    assert heartbeat.worker
    worker.terminate()
    log = worker.communicate(timeout=20)[0]
    assert "recovery_portal.tasks.worker_heartbeat_answer" in log and "succeeded" in log


def test_a_rolled_back_request_queues_nothing(django_user_model, sending_to_broker, broker_url):
    admin = django_user_model.objects.create_superuser("ops", password="a-long-enough-password")
    queue = redis.Redis.from_url(broker_url)
    queue.delete("celery")

    with pytest.raises(RuntimeError), transaction.atomic():
        worker_heartbeat_request(by=admin)
        raise RuntimeError("the save failed")

    assert queue.llen("celery") == 0
    assert not WorkerHeartbeat.objects.exists()


def test_a_jobs_log_lines_name_the_request_that_queued_it(
    django_user_model, client, sending_to_broker, broker_url, worker
):
    admin = django_user_model.objects.create_superuser("ops", password="a-long-enough-password")
    redis.Redis.from_url(broker_url).delete("celery")
    client.force_login(admin)

    response = client.post(reverse("system-status"))

    request_id = response["X-Request-ID"]
    assert wait_for(lambda: WorkerHeartbeat.objects.filter(answered_at__isnull=False).exists())
    worker.terminate()
    lines = [
        json.loads(line) for line in worker.communicate(timeout=20)[0].splitlines() if line.startswith("{")
    ]
    done = [line for line in lines if "succeeded" in line["message"]]
    assert done, "no JSON line said the job succeeded"
    assert done[0]["request_id"] == request_id
    assert "ops" not in {str(line.get("user_id")) for line in lines}
