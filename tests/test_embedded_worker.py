"""`make run` without Redis still runs scheduled jobs: a real Celery worker on Kombu's filesystem
transport (scripts/run.sh) answers a job sent by the web process, as the Redis worker does."""

import os
import subprocess
import sys

import pytest
from django.db import connection, transaction

from recovery_portal import celery_app
from recovery_portal.models import WorkerHeartbeat
from recovery_portal.services import worker_heartbeat_request
from tests.test_celery_integration import ROOT, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def filesystem_broker(tmp_path, monkeypatch):
    folder = tmp_path / "broker"
    (folder / "processed").mkdir(parents=True)
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(folder / "processed"),
        "store_processed": False,
    }
    # Reading the configuration first loads it from the settings, which would otherwise overwrite these.
    saved = (
        celery_app.conf.task_always_eager,
        celery_app.conf.broker_url,
        celery_app.conf.broker_transport_options,
    )
    celery_app.conf.task_always_eager = False
    # Celery reads CELERY_BROKER_URL from the environment before its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "filesystem://")
    celery_app.conf.broker_url = "filesystem://"
    celery_app.conf.broker_transport_options = options
    _forget_connections()
    yield folder
    (
        celery_app.conf.task_always_eager,
        celery_app.conf.broker_url,
        celery_app.conf.broker_transport_options,
    ) = saved
    _forget_connections()


def _forget_connections():
    """Connections to the broker before, so the next job goes to the broker now configured."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_a_worker_on_the_filesystem_broker_answers_without_redis(django_user_model, filesystem_broker):
    db = connection.settings_dict
    env = {
        **os.environ,  # CELERY_BROKER_URL is filesystem:// here (the fixture)
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_BROKER_DIR": str(filesystem_broker),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "recovery_portal", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        admin = django_user_model.objects.create_superuser("fs-admin", password="x" * 20)
        with transaction.atomic():
            heartbeat = worker_heartbeat_request(by=admin)

        answered = wait_for(lambda: WorkerHeartbeat.objects.get(pk=heartbeat.pk).answered_at is not None)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0]
    assert answered, "the worker did not answer:\n" + output[-3000:]
