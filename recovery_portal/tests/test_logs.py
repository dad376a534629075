"""Log lines of a request are JSON objects naming the request id, the user's id (never a name) and the path."""

import io
import json
import logging

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from recovery_portal.logs import JSONFormatter, TextFormatter
from recovery_portal.urls import handler500  # noqa: F401
from recovery_portal.urls import urlpatterns as portal_urlpatterns

pytestmark = pytest.mark.django_db

log = logging.getLogger("recovery_portal.tests.failing_page")


def failing_page(request):
    log.warning("about to fail on purpose")
    raise RuntimeError("the plan could not be saved")


def quiet_page(request):
    return HttpResponse("ok")


urlpatterns = [path("failing/", failing_page), path("quiet/", quiet_page), *portal_urlpatterns]


@pytest.fixture
def captured(settings):
    """The configured console handler, writing into a buffer instead of standard output."""
    settings.ROOT_URLCONF = __name__
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "name", "") == "console")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def _lines(buffer) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def test_production_logs_are_json_on_standard_output(settings):
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "name", "") == "console")

    assert isinstance(handler.formatter, JSONFormatter)
    assert handler.stream is not None


def test_every_line_of_a_failing_request_names_its_request_user_and_path(captured, django_user_model):
    user = django_user_model.objects.create_user("margaret.carer", password="a-long-enough-password")
    client = Client(raise_request_exception=False)
    client.force_login(user)

    response = client.get("/failing/?nhs_number=9434765919")

    assert response.status_code == 500
    lines = _lines(captured)
    ours = [line for line in lines if line["request_id"] == response["X-Request-ID"]]
    assert {line["logger"] for line in ours} >= {"recovery_portal.tests.failing_page", "django.request"}
    for line in ours:
        assert line["user_id"] == user.pk
        assert line["path"] == "/failing/"
    error = next(line for line in ours if line["logger"] == "django.request")
    assert error["level"] == "ERROR" and "the plan could not be saved" in error["exception"]
    # The user's name and the query string (searches carry NHS numbers) are never written.
    assert "margaret.carer" not in captured.getvalue()
    assert "9434765919" not in captured.getvalue()


def test_an_upstream_request_id_is_logged_beside_the_portals_own(captured):
    response = Client().get("/quiet/", headers={"X-Request-ID": "lb-7f3a9c"})

    line = next(line for line in _lines(captured) if line.get("upstream_request_id"))
    assert line["upstream_request_id"] == "lb-7f3a9c"
    assert line["request_id"] == response["X-Request-ID"] != "lb-7f3a9c"


def test_with_debug_on_lines_are_readable_text():
    record = logging.makeLogRecord({"msg": "hello", "levelname": "INFO", "name": "x", "request_id": "abc123"})

    assert TextFormatter().format(record).endswith("hello [request abc123]")


def test_gunicorns_access_line_is_json_with_the_request_id_and_no_query_string():
    atoms = {"m": "GET", "U": "/people/", "q": "q=9434765919", "s": "200", "B": "512", "D": 12345,
             "h": "10.0.0.5", "{recovery_portal.request_id}e": "0123abcd", "{recovery_portal.user_id}e": 42}  # fmt: skip
    record = logging.makeLogRecord({"name": "gunicorn.access", "msg": "%(r)s", "args": ()})
    record.args = atoms

    line = json.loads(JSONFormatter().format(record))

    assert (line["request_id"], line["path"], line["status"], line["duration_ms"]) == (
        "0123abcd",
        "/people/",
        "200",
        12.3,
    )
    assert "9434765919" not in json.dumps(line)
