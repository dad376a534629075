"""'Who viewed my plan' (issue 15 point 5, issue 17 point 7): every audited read about the person, lists,
outcome measures and learning plans included, said in plain words with the reader's role; the person can
hide the times they looked themselves."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _who_viewed(client, user, person, **query):
    client.force_login(user)
    response = client.get(reverse("careplans:who-viewed", kwargs={"pk": person.pk}), query)
    assert response.status_code == 200
    return response.content.decode()


def test_names_the_plan_and_the_role_of_whoever_read_it(client, personas, crisis_plan):
    client.force_login(personas["clinician"])
    client.get(reverse("careplans:plan", kwargs={"pk": crisis_plan.pk}))

    page = _who_viewed(client, personas["serviceuser"], crisis_plan.person)

    assert "Your crisis plan" in page
    assert "Viewed a plan" not in page and "(plan)" not in page
    assert "Clinician, Broxtowe Community Mental Health Team" in page
    assert "Community Psychiatric Nurse" in page


def test_shows_returns_learning_plans_and_lists_that_showed_the_person(
    client, personas, serviceuser_record, swemwbs_return, serviceuser_plan
):
    client.force_login(personas["clinician"])
    client.get(reverse("measures:return", kwargs={"pk": swemwbs_return.pk}))
    client.get(reverse("careplans:caseload"))
    client.get(reverse("careplans:caseload"), {"q": "Hughes"})
    client.force_login(personas["college"])
    client.get(reverse("college:learning-plan", kwargs={"pk": serviceuser_plan.pk}))

    page = _who_viewed(client, personas["serviceuser"], serviceuser_record)

    assert f"Your answers to {swemwbs_return.instrument.short_name}" in page
    assert "A team&#x27;s caseload list, with your name" in page
    assert "A caseload search that found you" in page
    assert "Your Recovery College learning plan" in page


def test_a_caseload_list_that_did_not_show_the_person_is_not_theirs(
    client, personas, serviceuser_record, outsider_person
):
    client.force_login(personas["outsider"])
    client.get(reverse("careplans:caseload"))

    page = _who_viewed(client, personas["serviceuser"], serviceuser_record)

    assert "caseload list" not in page


def test_the_supporter_is_shown_as_such(client, personas, carer_supporter):
    client.force_login(personas["carer"])
    client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk}))

    page = _who_viewed(client, personas["serviceuser"], carer_supporter.person)

    assert "Margaret" in page and "Carer (a supporter)" in page
    assert "What you share with a supporter" in page


def test_the_person_can_hide_their_own_views(client, personas, safety_plan):
    client.force_login(personas["serviceuser"])
    client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk}))
    client.force_login(personas["peerworker"])
    client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk}))

    everyone = _who_viewed(client, personas["serviceuser"], safety_plan.person)
    others = _who_viewed(client, personas["serviceuser"], safety_plan.person, hide_own="1")

    assert "<strong>You</strong>" in everyone
    assert "<strong>You</strong>" not in others
    assert "Peer support worker, Broxtowe Community Mental Health Team" in others
    assert 'name="hide_own" type="checkbox" value="1" checked' in others


def test_the_page_makes_the_same_queries_however_many_reads(client, personas, safety_plan, swemwbs_return):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = safety_plan.person

    def queries():
        client.force_login(personas["serviceuser"])
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("careplans:who-viewed", kwargs={"pk": person.pk}))
        return len(context)

    client.force_login(personas["clinician"])
    client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk}))
    client.get(reverse("measures:return", kwargs={"pk": swemwbs_return.pk}))  # one query names measures
    few = queries()
    for persona in ["clinician", "peerworker", "teamlead"]:
        client.force_login(personas[persona])
        client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk}))
        client.get(reverse("measures:return", kwargs={"pk": swemwbs_return.pk}))
        client.get(reverse("careplans:caseload"))

    assert queries() == few
