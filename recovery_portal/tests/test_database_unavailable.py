"""When the database cannot be reached, people get the NHS.UK "service unavailable" page (503), not a
generic error; the real outage is exercised in tests/faults/test_postgres_restart.py."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import OperationalError
from django.test import override_settings
from django.urls import path

from recovery_portal.views import errors


def _database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def _session_lost(request):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError as lost:
        raise SessionInterrupted("The request's session was deleted before the request completed.") from lost


def _other_failure(request):
    raise ValueError("a bug")


urlpatterns = [
    path("gone/", login_not_required(_database_gone)),
    path("lost/", login_not_required(_session_lost)),
    path("bug/", login_not_required(_other_failure)),
]
handler400 = errors.bad_request
handler500 = errors.server_error


@pytest.fixture
def quiet_client(client):
    client.raise_request_exception = False
    return client


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("url", ["/gone/", "/lost/"])
def test_database_out_of_reach_answers_service_unavailable(quiet_client, url):
    response = quiet_client.get(url)
    html = response.content.decode()

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<h1>Sorry, the service is unavailable</h1>" in html
    assert "OperationalError" not in html and "Traceback" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_other_failures_keep_the_problem_with_the_service_page(quiet_client):
    response = quiet_client.get("/bug/")

    assert response.status_code == 500
    assert "<h1>Sorry, there is a problem with the service</h1>" in response.content.decode()
