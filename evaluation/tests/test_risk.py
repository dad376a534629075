"""A ReQoL answer of "sometimes" or more to "I thought my life was not worth living" is followed up by
the care team, once, and shown prominently to them; it is never only a number."""

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.services import risk_follow_up_raise
from recovery_portal.models import FollowUpTask

from .factories import prom_return
from .test_entry import answers, date_fields, form_key

pytestmark = pytest.mark.django_db

SOMETIMES, ONLY_OCCASIONALLY = 2, 1


def reqol(item6: int) -> list[int]:
    values = [2] * 11
    values[5] = item6
    return values


def test_a_risk_answer_raises_a_task_for_the_care_coordinator_and_peer_worker(
    client, personas, serviceuser_record
):
    client.force_login(personas["serviceuser"])
    response = client.post(
        reverse("measures:return-new", kwargs={"pk": serviceuser_record.pk, "code": "REQOL10"}),
        {**form_key(), **date_fields(timezone.localdate()), **answers(reqol(SOMETIMES))},
        follow=True,
    )
    tasks = FollowUpTask.objects.order_by("assignee__username")
    assert [task.assignee for task in tasks] == [personas["clinician"], personas["peerworker"]]
    assert tasks[0].title == "Contact Dan Hughes today about an answer on their ReQoL-10"
    assert "'Sometimes' to 'I thought my life was not worth living'" in tasks[0].detail
    assert tasks[0].url == reverse("measures:person", kwargs={"pk": serviceuser_record.pk})
    assert tasks[0].due_date == timezone.localdate()
    # The person is told what happens next and where to get help now.
    assert "Your care team will be in touch with you today." in response.content.decode()
    assert "NHS 111" in response.content.decode()


def test_the_task_is_raised_once_per_return(personas, serviceuser_record, persona_team):
    risky = prom_return(person=serviceuser_record, team=persona_team, code="REQOL10", answers=reqol(4))
    risk_follow_up_raise(prom_return=risky)
    risk_follow_up_raise(prom_return=risky)
    assert FollowUpTask.objects.count() == 2  # one each for the two workers, however often raised


def test_only_occasionally_raises_no_task(client, personas, serviceuser_record):
    client.force_login(personas["peerworker"])
    client.post(
        reverse("measures:return-new", kwargs={"pk": serviceuser_record.pk, "code": "REQOL10"}),
        {**form_key(), **date_fields(timezone.localdate()), "timepoint": "review", "context": "peer_worker",
         **answers(reqol(ONLY_OCCASIONALLY))},
    )  # fmt: skip
    assert serviceuser_record.prom_returns.get().has_risk_answer is False
    assert not FollowUpTask.objects.exists()


def test_the_risk_answer_is_shown_prominently_to_staff_on_the_measures_page(
    client, personas, serviceuser_record, persona_team
):
    prom_return(person=serviceuser_record, team=persona_team, code="REQOL10", answers=reqol(SOMETIMES))
    client.force_login(personas["teamlead"])
    page = client.get(reverse("measures:person", kwargs={"pk": serviceuser_record.pk})).content.decode()
    callout = page[page.index('class="nhsuk-warning-callout"') : page.index("<section")]
    assert "I thought my life was not worth living" in callout
    assert "A follow-up task has been raised for their care coordinator and peer support worker" in callout
    assert page.index("nhsuk-warning-callout") < page.index(
        'class="measures-trend"'
    )  # before any score or chart


def test_nobody_allocated_falls_back_to_whoever_recorded_it(personas, persona_team):
    from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory

    person = ServiceUserFactory(preferred_name="", given_name="Sam", family_name="Okafor")
    CaseloadEntryFactory(person=person, team=persona_team)
    risky = prom_return(
        person=person, team=persona_team, code="REQOL10", answers=reqol(3), entered_by=personas["clinician"]
    )
    [task] = risk_follow_up_raise(prom_return=risky)
    assert task.assignee == personas["clinician"]


def test_self_completion_with_nobody_allocated_goes_to_the_team_manager(personas, persona_team):
    from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory

    person = ServiceUserFactory(user=personas["serviceuser"])
    CaseloadEntryFactory(person=person, team=persona_team)
    risky = prom_return(
        person=person, team=persona_team, code="REQOL10", answers=reqol(3), entered_by=personas["serviceuser"]
    )
    assert [task.assignee for task in risk_follow_up_raise(prom_return=risky)] == [personas["teamlead"]]
