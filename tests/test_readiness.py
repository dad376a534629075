"""/health/ready/ tells load balancers and monitoring whether the portal can do its work.

A real worker on the suite's Redis answers the ping job; without one, the check says so within seconds.
"""

import time

import pytest
import redis
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from recovery_portal.readiness import BEAT_HEARTBEAT_KEY
from recovery_portal.tasks import beat_heartbeat
from tests.test_celery_integration import broker_url, sending_to_broker, worker  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh(broker_url):  # noqa: F811
    cache.clear()
    redis.Redis.from_url(broker_url).delete("celery", BEAT_HEARTBEAT_KEY)
    yield
    cache.clear()


def test_with_a_worker_and_a_recent_beat_heartbeat_the_portal_is_ready(client, sending_to_broker, worker):  # noqa: F811
    beat_heartbeat.delay()  # as beat queues it every minute

    deadline = time.monotonic() + 60
    while True:
        response = client.get(reverse("health-ready"))
        if response.status_code == 200 or time.monotonic() > deadline:
            break
        cache.clear()
        time.sleep(1)

    answer = response.json()
    assert response.status_code == 200, answer
    assert {name: check["status"] for name, check in answer["checks"].items()} == {
        "database": "ok", "redis": "ok", "worker": "ok", "beat": "ok",
    }  # fmt: skip
    assert answer["checks"]["worker"]["seconds"] < 3
    assert answer["checks"]["beat"]["heartbeat_age_seconds"] < 60


def test_with_no_worker_answering_it_says_so_within_seconds_and_answers_503(client, sending_to_broker):  # noqa: F811
    started = time.monotonic()
    response = client.get(reverse("health-ready"))

    answer = response.json()
    assert response.status_code == 503
    assert answer["checks"]["worker"] == {
        "status": "unavailable",
        "detail": "no worker answered within 3 seconds",
    }
    assert answer["checks"]["beat"]["detail"] == "no heartbeat from beat yet"
    assert answer["checks"]["database"]["status"] == answer["checks"]["redis"]["status"] == "ok"
    assert time.monotonic() - started < 10
    # The liveness check stays cheap and green: the web process itself is fine.
    assert client.get(reverse("health")).status_code == 200


def test_an_old_beat_heartbeat_is_reported(client, sending_to_broker, broker_url):  # noqa: F811
    redis.Redis.from_url(broker_url).set(BEAT_HEARTBEAT_KEY, str(time.time() - 600))

    answer = client.get(reverse("health-ready")).json()

    assert answer["checks"]["beat"]["status"] == "unavailable"
    assert answer["checks"]["beat"]["heartbeat_age_seconds"] >= 600


def test_readiness_needs_no_sign_in_holds_no_personal_data_and_is_rate_limited(client, settings, clinician):
    settings.READINESS_RATE_LIMIT_PER_MINUTE = 3

    answers = [client.get(reverse("health-ready")) for _ in range(4)]

    assert [a.status_code for a in answers[:3]] == [200, 200, 200]  # in-process jobs: nothing to wait for
    assert answers[3].status_code == 429 and answers[3]["Retry-After"] == "60"
    assert set(answers[0].json()) == {"status", "checks"}
    assert clinician.username not in answers[0].content.decode()


def test_the_beat_containers_health_check_fails_without_a_heartbeat(sending_to_broker, capsys):  # noqa: F811
    with pytest.raises(SystemExit) as exit_code:
        call_command("check_ready", "beat")

    assert exit_code.value.code == 1
    assert '"beat": {"status": "unavailable"' in capsys.readouterr().out


def test_beat_queues_its_heartbeat_every_minute_and_a_late_one_is_dropped():
    from django_celery_beat.schedulers import ModelEntry

    from recovery_portal import celery_app

    entry = celery_app.conf.beat_schedule["beat-heartbeat"]
    saved = ModelEntry.from_entry("beat-heartbeat", app=celery_app, **entry)

    assert entry["task"] == "recovery_portal.tasks.beat_heartbeat" and entry["schedule"] == 60.0
    assert saved.model.expire_seconds == 50
