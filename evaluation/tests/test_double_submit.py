"""A form sent twice (double click, back and send again) is stored once, and the second send is told so.

On PostgreSQL with real requests: the key the page gives the form is unique in the database, so a second
send of the same form, even at the same moment, stores nothing and is never an error page.
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluation.models import PremReturn, PromReturn
from recovery_portal.models import FormSubmission

from .test_entry import answers, date_fields, new_url


def _key_from(page: str) -> str:
    found = re.search(r'name="submission_key" value="([^"]+)"', page)
    assert found, "the form carries its key"
    return found.group(1)


def _swemwbs(key: str) -> dict:
    return {
        "submission_key": key,
        **date_fields(timezone.localdate()),
        "timepoint": "review",
        "context": "peer_worker",
        **answers([3, 3, 3, 3, 3, 3, 4]),
    }


def _feedback(key: str) -> dict:
    return {
        "submission_key": key,
        **date_fields(timezone.localdate()),
        "answer": "1",
        "free_text": "Kind staff",
    }


@pytest.mark.django_db
def test_a_return_sent_twice_is_stored_once_and_the_second_send_says_already_recorded(
    client, personas, serviceuser_record
):
    client.force_login(personas["peerworker"])
    key = _key_from(client.get(new_url(serviceuser_record, "SWEMWBS")).content.decode())
    first = client.post(new_url(serviceuser_record, "SWEMWBS"), _swemwbs(key))
    second = client.post(new_url(serviceuser_record, "SWEMWBS"), _swemwbs(key), follow=True)
    saved = PromReturn.objects.get()
    assert first.status_code == 302
    # The second send lands on the return the first one stored.
    assert second.redirect_chain[-1][0] == reverse("measures:return", kwargs={"pk": saved.pk})
    assert "This SWEMWBS has already been recorded. It was saved once." in second.content.decode()


@pytest.mark.django_db
def test_feedback_sent_twice_is_stored_once_and_the_second_send_says_already_recorded(
    client, personas, persona_team
):
    url = reverse("measures:feedback-new", kwargs={"slug": persona_team.slug})
    client.force_login(personas["teamlead"])
    key = _key_from(client.get(url).content.decode())
    client.post(url, _feedback(key))
    second = client.post(url, _feedback(key), follow=True)
    assert PremReturn.objects.count() == 1
    assert "This feedback has already been recorded. It was saved once." in second.content.decode()


@pytest.mark.django_db
def test_each_showing_of_a_form_has_its_own_key(client, personas, persona_team):
    url = reverse("measures:feedback-new", kwargs={"slug": persona_team.slug})
    client.force_login(personas["teamlead"])
    assert _key_from(client.get(url).content.decode()) != _key_from(client.get(url).content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "made-up", "0123456789abcdef0123456789abcdef:forged"])
def test_a_missing_or_made_up_key_is_refused_and_the_answers_kept_with_a_fresh_key(
    client, personas, persona_team, key
):
    url = reverse("measures:feedback-new", kwargs={"slug": persona_team.slug})
    client.force_login(personas["teamlead"])
    response = client.post(url, _feedback(key))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "There is a problem" in page
        and "This page has expired. Check your answers and send them again." in page
    )
    assert "Kind staff" in page  # nothing the person wrote is lost
    fresh = _key_from(page)
    assert fresh != key
    assert not PremReturn.objects.exists()
    # Sending again with the key the page now carries is stored.
    assert client.post(url, _feedback(fresh)).status_code == 302
    assert PremReturn.objects.count() == 1


def _send_at_once(requests: list[tuple]) -> list[int]:
    """Each (client, url, data) POSTed from its own thread and database connection, all released together."""
    barrier = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def send(index, client, url, data):
        try:
            barrier.wait()
            statuses[index] = client.post(url, data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _signed_in(user) -> Client:
    # raise_request_exception off: a server error must show as a 500, as the browser would see it.
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_return_at_the_same_moment_store_one_and_neither_is_an_error(
    measures_reference_data, personas, serviceuser_record
):
    assert connection.vendor == "postgresql"
    first, second = _signed_in(personas["peerworker"]), _signed_in(personas["peerworker"])
    url = new_url(serviceuser_record, "SWEMWBS")
    key = _key_from(first.get(url).content.decode())
    statuses = _send_at_once([(first, url, _swemwbs(key)), (second, url, _swemwbs(key))])
    assert statuses == [302, 302]
    assert PromReturn.objects.count() == 1
    assert FormSubmission.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_different_forms_for_the_same_return_at_the_same_moment_store_one_and_neither_is_an_error(
    measures_reference_data, personas, serviceuser_record
):
    """Two staff recording the same measure, timepoint and day at once: the database's key decides."""
    first, second = _signed_in(personas["peerworker"]), _signed_in(personas["clinician"])
    url = new_url(serviceuser_record, "SWEMWBS")
    keys = [_key_from(client.get(url).content.decode()) for client in (first, second)]
    statuses = _send_at_once([(first, url, _swemwbs(keys[0])), (second, url, _swemwbs(keys[1]))])
    assert sorted(statuses) == [200, 302]  # the second is shown "already recorded for <day>"
    assert PromReturn.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_feedback_at_the_same_moment_store_one(
    measures_reference_data, personas, persona_team
):
    first, second = _signed_in(personas["teamlead"]), _signed_in(personas["teamlead"])
    url = reverse("measures:feedback-new", kwargs={"slug": persona_team.slug})
    key = _key_from(first.get(url).content.decode())
    statuses = _send_at_once([(first, url, _feedback(key)), (second, url, _feedback(key))])
    assert statuses == [302, 302]
    assert PremReturn.objects.count() == 1
