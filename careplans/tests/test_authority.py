"""Who may change a person's record: only a caseload entry's own team ends it, only clinical teams keep
caseloads, only the person writes their own words, and sharing changes only with the person's consent."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from recovery_portal.models import FollowUpTask
from teams.models import Membership

from .. import services
from ..models import CaseloadEntry, Plan, ServiceUser
from ..sections import PlanKind
from .factories import CaseloadEntryFactory, ServiceUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dan_on_two_caseloads(serviceuser_record, outsider_team, personas):
    """Dan on the Broxtowe caseload (his own care team) and also on the Wathwood ward's."""
    CaseloadEntryFactory(person=serviceuser_record, team=outsider_team, care_coordinator=personas["outsider"])
    return serviceuser_record


def _end_url(entry):
    return reverse("careplans:caseload-end", kwargs={"pk": entry.pk})


def _yesterday_form():
    day = timezone.localdate() - timedelta(days=1)
    return {"end_date_day": day.day, "end_date_month": day.month, "end_date_year": day.year}


def test_another_team_cannot_take_a_person_off_a_caseload_that_is_not_theirs(
    client, personas, persona_team, dan_on_two_caseloads
):
    broxtowe = dan_on_two_caseloads.caseload_entries.get(team=persona_team)
    client.force_login(personas["outsider"])

    assert client.get(_end_url(broxtowe)).status_code == 403
    assert client.post(_end_url(broxtowe), _yesterday_form()).status_code == 403

    broxtowe.refresh_from_db()
    assert broxtowe.end_date is None
    with pytest.raises(PermissionDenied):
        services.caseload_entry_end(entry=broxtowe, end_date=timezone.localdate(), by=personas["outsider"])
    # The ward's page about Dan offers to end only the ward's own entry.
    page = client.get(reverse("careplans:person", kwargs={"pk": dan_on_two_caseloads.pk})).content.decode()
    assert _end_url(broxtowe) not in page
    ward = dan_on_two_caseloads.caseload_entries.exclude(pk=broxtowe.pk).get()
    assert _end_url(ward) in page


def test_the_own_team_ends_its_entry_and_its_manager_and_the_care_coordinator_are_given_a_task(
    client, personas, persona_team, dan_on_two_caseloads
):
    broxtowe = dan_on_two_caseloads.caseload_entries.get(team=persona_team)
    client.force_login(personas["peerworker"])

    response = client.post(_end_url(broxtowe), _yesterday_form())

    assert response.status_code == 302
    broxtowe.refresh_from_db()
    assert broxtowe.end_date == timezone.localdate() - timedelta(days=1)
    tasks = FollowUpTask.objects.filter(completed_at__isnull=True)
    # teamlead manages Broxtowe; clinician is Dan's care coordinator there. No one on the ward is told.
    assert {task.assignee for task in tasks} == {personas["teamlead"], personas["clinician"]}
    assert all("Dan Hughes has left the caseload of Broxtowe" in task.title for task in tasks)
    assert all("Lucy Brennan recorded" in task.detail for task in tasks)
    # The ward's entry is untouched.
    assert dan_on_two_caseloads.caseload_entries.get(end_date__isnull=True).team.name.startswith("Wathwood")


def test_a_team_manager_who_is_also_care_coordinator_gets_one_task(
    personas, persona_team, serviceuser_record
):
    entry = serviceuser_record.caseload_entries.get()
    entry.care_coordinator = personas["teamlead"]
    entry.save()

    services.caseload_entry_end(entry=entry, end_date=timezone.localdate(), by=personas["teamlead"])

    assert FollowUpTask.objects.filter(assignee=personas["teamlead"]).count() == 1


def test_recovery_college_staff_cannot_record_people_or_start_plans(client, personas, persona_trust):
    college_team = persona_trust.college_team
    for name in ("college", "trainer"):
        client.force_login(personas[name])
        assert client.get(reverse("careplans:person-new")).status_code == 403
        assert "Add a person" not in client.get(reverse("careplans:caseload")).content.decode()

    with pytest.raises(PermissionDenied):
        services.service_user_register(
            given_name="Aisha", family_name="Khan", date_of_birth=date(1990, 11, 4), nhs_number="9434765919",
            team=college_team, start_date=date(2025, 4, 1), by=personas["trainer"],
        )  # fmt: skip
    assert not ServiceUser.objects.exists()


def test_a_college_entry_made_behind_the_portal_gives_the_college_no_say_over_plans(
    client, personas, persona_trust
):
    """Even a caseload entry put on the college team (say by a data load) lets no one there start plans."""
    person = ServiceUserFactory()
    CaseloadEntryFactory(person=person, team=persona_trust.college_team)
    client.force_login(personas["trainer"])

    response = client.post(reverse("careplans:plan-start", kwargs={"pk": person.pk, "kind": PlanKind.SAFETY}))

    assert response.status_code in (403, 404)
    assert not Plan.objects.exists()
    assert not personas["trainer"].has_perm("careplans.change_caseload", CaseloadEntry.objects.get())
    assert Membership.objects.filter(user=personas["trainer"]).exists()
