"""Who may change a person's record: only a caseload entry's own team ends it, only clinical teams keep
caseloads, only the person writes their own words, and sharing changes only with the person's consent."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from recovery_portal.models import FollowUpTask
from teams.models import Membership

from .. import services
from ..models import AuthorRole, CaseloadEntry, ConsentGiven, Plan, ServiceUser
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


# Only the person writes their own words.


def _entry_url(entry, action=""):
    return reverse(
        f"careplans:entry-{action}" if action else "careplans:entry-change", kwargs={"pk": entry.pk}
    )


def test_staff_cannot_write_as_the_person(client, personas, safety_plan):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:entry-add", kwargs={"pk": safety_plan.pk, "section": "coping"})

    form_page = client.get(url).content.decode()
    response = client.post(url, {"version": safety_plan.version, "text": "Swimming", "author_role": "person"})

    assert 'value="person"' not in form_page
    assert response.status_code == 200 and "from the list" in response.content.decode()
    assert not safety_plan.entries.filter(text="Swimming").exists()
    with pytest.raises(PermissionDenied):
        services.plan_entry_add(
            plan=safety_plan, expected_version=safety_plan.version, section="coping", text="Swimming",
            author_role=AuthorRole.PERSON, by=personas["clinician"],
        )  # fmt: skip


def test_staff_cannot_change_or_remove_the_persons_own_words(client, personas, safety_plan, safety_entry):
    client.force_login(personas["clinician"])
    before = safety_entry.text

    assert client.get(_entry_url(safety_entry)).status_code == 403
    changed = client.post(_entry_url(safety_entry), {"version": safety_plan.version, "text": "Agitated"})
    removed = client.post(_entry_url(safety_entry, "remove"), {"version": safety_plan.version})

    assert (changed.status_code, removed.status_code) == (403, 403)
    safety_entry.refresh_from_db()
    assert safety_entry.text == before and safety_entry.in_own_words
    with pytest.raises(PermissionDenied):
        services.plan_entry_change(
            entry=safety_entry,
            expected_version=safety_plan.version,
            text="Agitated",
            by=personas["clinician"],
        )
    # The plan page offers staff a disagreement beside his words, not a change.
    page = client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk})).content.decode()
    assert f'href="{_entry_url(safety_entry)}"' not in page
    assert f'href="{_entry_url(safety_entry, "disagree")}"' in page


def test_staff_cannot_turn_their_own_entry_into_the_persons_words(
    client, personas, safety_plan, clinician_entry
):
    with pytest.raises(PermissionDenied):
        services.plan_entry_change(
            entry=clinician_entry, expected_version=safety_plan.version, text="Crisis line",
            author_role=AuthorRole.PERSON, by=personas["clinician"],
        )  # fmt: skip


def test_words_said_in_the_room_are_shown_everywhere_as_written_down_by_the_worker(
    client, personas, safety_plan, carer_supporter
):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:entry-add", kwargs={"pk": safety_plan.pk, "section": "warning_signs"})
    said = "Going quiet and not texting back"
    client.post(url, {"version": safety_plan.version, "text": said, "author_role": "said_in_room"})
    entry = safety_plan.entries.get(text=said)
    assert (entry.author_role, entry.written_by) == (AuthorRole.SAID_IN_ROOM, personas["peerworker"])

    def around(page: str) -> str:
        start = page.index(said)
        return page[start : start + 600]

    staff_page = client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk})).content.decode()
    assert "Said by Dan Hughes, written down by Lucy Brennan" in around(staff_page)

    client.force_login(personas["serviceuser"])
    own_page = client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk})).content.decode()
    assert "Said by you, written down by Lucy Brennan" in around(own_page)
    assert "In your own words" not in around(own_page)
    pdf = client.get(reverse("careplans:plan-pdf", kwargs={"pk": safety_plan.pk})).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    # His own PDF speaks to him, as his pages do.
    assert "Said by you, written down by Lucy Brennan" in " ".join(text.split())
    version = client.get(
        reverse(
            "careplans:plan-version", kwargs={"pk": safety_plan.pk, "number": safety_plan.versions.count()}
        )
    ).content.decode()
    assert "Said by you, written down by Lucy Brennan" in around(version)

    client.force_login(personas["carer"])
    carer_page = client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk})).content.decode()
    assert "Said by Dan Hughes, written down by Lucy Brennan" in around(carer_page)
    assert "In Dan Hughes's own words" in carer_page  # his own warning sign, written by him


# Sharing changes only by the person, or by a worker recording a consent the person gave in the room.


def _sharing_url(supporter):
    return reverse("careplans:supporter-sharing", kwargs={"pk": supporter.pk})


def test_staff_cannot_widen_what_a_carer_sees_without_recording_the_persons_consent(
    client, personas, safety_plan, carer_supporter
):
    client.force_login(personas["clinician"])
    field = f"plan_{safety_plan.pk}"
    wider = ["warning_signs", "ask_for_help", "coping", "reasons_for_living"]

    response = client.post(_sharing_url(carer_supporter), {field: wider})

    page = response.content.decode()
    assert response.status_code == 200 and "Select how Dan Hughes gave their consent" in page
    consent = carer_supporter.consents.get()
    assert (
        consent.sections == ["warning_signs", "ask_for_help"]
        and consent.changed_by == personas["serviceuser"]
    )
    with pytest.raises(ValidationError):
        services.supporter_consent_set(
            supporter=carer_supporter, plan=safety_plan, sections=wider, by=personas["clinician"]
        )


def test_a_consent_recorded_in_the_room_says_so_to_the_person_and_the_carer(
    client, personas, safety_plan, carer_supporter
):
    client.force_login(personas["peerworker"])
    field = f"plan_{safety_plan.pk}"

    response = client.post(
        _sharing_url(carer_supporter),
        {field: ["warning_signs", "ask_for_help", "coping"], "given_in_room": ConsentGiven.SAID_SO},
    )

    assert response.status_code == 302
    consent = carer_supporter.consents.get()
    assert consent.sections == ["warning_signs", "coping", "ask_for_help"]
    assert (consent.changed_by, consent.given_in_room) == (personas["peerworker"], ConsentGiven.SAID_SO)

    client.force_login(personas["serviceuser"])
    for url in (reverse("careplans:my-plans"), _sharing_url(carer_supporter)):
        page = " ".join(client.get(url).content.decode().split())
        assert "Sharing changes recorded for you" in page
        assert "Lucy Brennan recorded that Margaret Hughes can see" in page
        assert "How you gave it: said so in the room" in page

    client.force_login(personas["carer"])
    carer_page = " ".join(
        client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk})).content.decode().split()
    )
    assert "Lucy Brennan recorded on" in carer_page
    assert "that Dan Hughes chose to share this, with them in the room (said so in the room)" in carer_page


def test_the_persons_own_choice_is_shown_as_theirs_and_raises_no_notice(client, personas, carer_supporter):
    client.force_login(personas["serviceuser"])
    assert (
        "Sharing changes recorded for you" not in client.get(reverse("careplans:my-plans")).content.decode()
    )

    client.force_login(personas["carer"])
    page = client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk})).content.decode()
    assert "Dan Hughes chose to share this." in page and "recorded on" not in page
