"""/health/ready/ on a real gunicorn (gunicorn.conf.py, as deployed) while Redis stops.

Readiness says which part is down and answers 503; liveness (/health/) stays 200, so a load balancer
takes the instance out of rotation without the orchestrator restarting a web process that is fine.
"""

import json
import time

import pytest

from .live import LiveServer, Visitor
from .services import PrivateRedis

pytestmark = pytest.mark.django_db(transaction=True)


def test_readiness_names_redis_when_it_stops_and_liveness_stays_green(tmp_path):
    broker = PrivateRedis(tmp_path)
    broker.start()
    server = LiveServer(broker_url=broker.url, workers=1)
    try:
        visitor = Visitor(server.url)
        up = visitor.get("/health/ready/")
        broker.stop()
        # The answer is kept a few seconds; the next one is worked out afresh.
        time.sleep(6)
        down = visitor.get("/health/ready/")
        alive = visitor.get("/health/")
    finally:
        broker.stop()
        log = server.stop()

    # No worker runs here: with Redis up, only the worker is missing.
    checks = json.loads(up.text)["checks"]
    assert (
        up.status == 503 and checks["redis"]["status"] == "ok" and checks["worker"]["status"] == "unavailable"
    )
    checks = json.loads(down.text)["checks"]
    assert down.status == 503
    assert checks["redis"] == {"status": "unavailable", "detail": "Redis cannot be reached"}
    assert checks["database"]["status"] == "ok"
    assert down.seconds < 10
    assert alive.status == 200
    # gunicorn's access log is the portal's JSON line, with the request id the portal gave.
    access = [json.loads(line) for line in log.splitlines() if '"gunicorn.access"' in line]
    assert any(
        line["path"] == "/health/ready/" and line["status"] == "503" and line["request_id"] for line in access
    )
