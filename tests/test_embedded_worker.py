"""`make run` without Redis still runs scheduled jobs: a real Celery worker on Kombu's filesystem
transport (scripts/run.sh) answers a job sent by the web process, as the Redis worker does."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from kombu import Connection

from recovery_portal import celery_app
from recovery_portal.models import WorkerHeartbeat
from recovery_portal.tasks import worker_heartbeat_answer
from tests.test_celery_integration import ROOT, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def filesystem_broker(tmp_path):
    """A folder of Kombu's filesystem transport, and a connection to it for sending one job."""
    folder = tmp_path / "broker"
    (folder / "processed").mkdir(parents=True)
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(folder / "processed"),
        "store_processed": False,
    }
    # Sent, not run in this process as the other tests' jobs are.
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    with Connection("filesystem://", transport_options=options) as connection_to_broker:
        yield folder, connection_to_broker
    celery_app.conf.task_always_eager = eager


def test_a_worker_on_the_filesystem_broker_answers_without_redis(filesystem_broker):
    folder, connection_to_broker = filesystem_broker
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_BROKER_DIR": str(folder),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "recovery_portal", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        heartbeat = WorkerHeartbeat.objects.create()
        # Sent as the web process of `make run` sends it, through the filesystem transport, not Redis.
        worker_heartbeat_answer.apply_async(args=(heartbeat.pk,), connection=connection_to_broker)

        answered = wait_for(lambda: WorkerHeartbeat.objects.get(pk=heartbeat.pk).answered_at is not None)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0]
    assert answered, "the worker did not answer:\n" + output[-3000:]
