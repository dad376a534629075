"""Error reports reach the Trust's Sentry-compatible server without personal data; people see a reference.

Reports are captured in-process by a transport of the test's own: nothing is sent over any network.
"""

import logging

import pytest
import sentry_sdk
from django.test import Client
from django.urls import path
from sentry_sdk.transport import Transport

from recovery_portal import error_reports
from recovery_portal.urls import handler500  # noqa: F401
from recovery_portal.urls import urlpatterns as portal_urlpatterns

pytestmark = pytest.mark.django_db

PLAN_TEXT = "I want to get back to my allotment with my brother"
NHS_NUMBER = "9434765919"
TEST_DSN = "https://public-key@sentry.invalid/1"  # .invalid never resolves; the transport sends nowhere


def failing_save(request):
    logging.getLogger("careplans").info("saving the plan of %s", NHS_NUMBER)
    raise ValueError(f"could not save: {request.POST.get('details')}")


urlpatterns = [path("failing-save/", failing_save), *portal_urlpatterns]


class CapturedTransport(Transport):
    events: list[dict] = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            event = item.get_event()
            if event is not None:
                CapturedTransport.events.append(event)


@pytest.fixture
def reports(settings):
    settings.ROOT_URLCONF = __name__
    CapturedTransport.events = []
    error_reports.start(
        dsn=TEST_DSN, environment="test-trust", release="recovery-portal@1.2.3", transport=CapturedTransport
    )
    yield CapturedTransport.events
    sentry_sdk.get_client().close()
    sentry_sdk.init(dsn=None)


def test_a_500_is_reported_tagged_with_release_environment_and_request_id_and_nothing_personal(
    reports, django_user_model
):
    user = django_user_model.objects.create_user("margaret.carer", password="a-long-enough-password")
    client = Client(raise_request_exception=False)
    client.force_login(user)

    response = client.post(
        f"/failing-save/?nhs_number={NHS_NUMBER}", {"details": PLAN_TEXT}, headers={"X-Clinician": "Dr Ahmed"}
    )

    assert response.status_code == 500
    event = next(e for e in reports if e.get("exception"))
    assert (event["release"], event["environment"]) == ("recovery-portal@1.2.3", "test-trust")
    assert event["tags"]["request_id"] == response["X-Request-ID"]
    assert event["exception"]["values"][-1]["type"] == "ValueError"
    assert event["transaction"] == "/failing-save/"
    sent = repr(reports)
    for personal in (PLAN_TEXT, NHS_NUMBER, "margaret.carer", "Dr Ahmed", "sessionid", "csrftoken"):
        assert personal not in sent, f"{personal!r} was sent in an error report"
    assert "user" not in event


def test_the_person_sees_an_nhs_error_page_with_the_reference_never_a_traceback(reports, django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_user("dan", password="a-long-enough-password"))

    response = client.post("/failing-save/", {"details": PLAN_TEXT})

    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert f"Reference: <strong>{response['X-Request-ID']}</strong>" in page
    assert "Traceback" not in page and "ValueError" not in page and PLAN_TEXT not in page


def test_without_a_dsn_nothing_is_reported(settings):
    assert settings.SENTRY_DSN == ""
    assert sentry_sdk.get_client().transport is None


def test_what_a_request_would_carry_is_removed_before_sending():
    event = {
        "request": {
            "url": f"https://recovery.example.nhs.uk/people/?q={NHS_NUMBER}",
            "method": "POST",
            "query_string": f"q={NHS_NUMBER}",
            "data": {"details": PLAN_TEXT},
            "cookies": {"__Host-sessionid": "abc"},
            "headers": {"User-Agent": "Firefox", "Cookie": "__Host-sessionid=abc", "Referer": f"/people/?q={NHS_NUMBER}"},
            "env": {"REMOTE_ADDR": "10.1.2.3"},
        },
        "user": {"id": 7, "username": "margaret.carer"},
        "logentry": {"message": "saving the plan of %s", "params": [NHS_NUMBER], "formatted": f"saving {NHS_NUMBER}"},
        "extra": {"celery-job": {"args": [PLAN_TEXT]}},
        "breadcrumbs": {"values": [{"category": "query", "message": f"SELECT '{PLAN_TEXT}'"},
                                   {"category": "careplans", "message": PLAN_TEXT, "data": {"x": PLAN_TEXT}}]},
    }  # fmt: skip

    scrubbed = error_reports.scrub(event)

    assert scrubbed["request"] == {
        "url": "https://recovery.example.nhs.uk/people/",
        "method": "POST",
        "headers": {"User-Agent": "Firefox"},
    }
    assert scrubbed["logentry"] == {"message": "saving the plan of %s"}
    assert scrubbed["breadcrumbs"]["values"] == [{"category": "careplans"}]
    for personal in (PLAN_TEXT, NHS_NUMBER, "margaret.carer", "10.1.2.3", "sessionid"):
        assert personal not in repr(scrubbed)
