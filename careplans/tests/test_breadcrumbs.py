"""A person reaches their plans from "Your plans" and reads their plans' own titles; staff go through their
caseload and the person's page (issue 17: breadcrumbs computed in one place)."""

import pytest
from django.urls import reverse

from careplans.sections import OWN_TITLES

pytestmark = pytest.mark.django_db


def _crumbs(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return [(crumb["label"], str(crumb["url"])) for crumb in response.context["breadcrumbs"]]


def test_the_person_goes_back_to_their_own_plans_and_staff_through_the_caseload(
    client, crisis_plan, serviceuser, clinician
):
    person = crisis_plan.person
    plan_url = reverse("careplans:plan", args=[crisis_plan.pk])
    details = reverse("careplans:plan-details", args=[crisis_plan.pk])

    assert _crumbs(client, serviceuser, plan_url) == [
        ("Home", reverse("home")),
        ("Your plans", reverse("careplans:my-plans")),
    ]
    history = reverse("careplans:plan-history", args=[crisis_plan.pk])
    assert _crumbs(client, serviceuser, history)[-1] == (OWN_TITLES[crisis_plan.kind], plan_url)
    assert _crumbs(client, clinician, details) == [
        ("Home", reverse("home")),
        ("Caseload", reverse("careplans:caseload")),
        (person.display_name, reverse("careplans:person", args=[person.pk])),
        (crisis_plan.get_kind_display(), plan_url),
    ]


def test_an_earlier_version_leads_back_to_the_versions_of_the_plan(client, crisis_plan, clinician):
    crumbs = _crumbs(client, clinician, reverse("careplans:plan-version", args=[crisis_plan.pk, 1]))

    assert crumbs[-2:] == [
        (crisis_plan.get_kind_display(), reverse("careplans:plan", args=[crisis_plan.pk])),
        ("Versions", reverse("careplans:plan-history", args=[crisis_plan.pk])),
    ]


def test_who_viewed_and_messages_lead_the_person_nowhere_near_a_caseload(
    client, serviceuser_record, serviceuser, clinician
):
    own = [
        label
        for label, _ in _crumbs(
            client, serviceuser, reverse("careplans:who-viewed", args=[serviceuser_record.pk])
        )
    ]
    messages = _crumbs(
        client, serviceuser, reverse("careplans:person-messages", args=[serviceuser_record.pk])
    )
    staff = _crumbs(client, clinician, reverse("careplans:who-viewed", args=[serviceuser_record.pk]))

    assert own == ["Home", "Your plans"]
    assert [label for label, _ in messages] == ["Home", serviceuser_record.display_name]
    assert [label for label, _ in staff] == ["Home", "Caseload", serviceuser_record.display_name]
