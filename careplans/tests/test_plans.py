"""Co-producing plans: whose words, stale saves refused with nothing lost, agreement tied to a version,
disagreement kept beside the entry, refusals with alternatives, versions and what changed, the PDF."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from recovery_portal.concurrency import StaleEdit

from .. import services
from ..models import AuthorRole, Plan, PlanEntry, PlanStatus
from ..sections import PlanKind

pytestmark = pytest.mark.django_db


def _entry_post(version, text, **extra):
    return {"version": version, "text": text, "author_role": AuthorRole.PEER_WORKER, **extra}


def test_two_workers_saving_the_same_entry_the_second_is_refused_with_both_texts_and_nothing_lost(
    client, personas, clinician_entry
):
    from django.test import Client

    plan = clinician_entry.plan
    url = reverse("careplans:entry-change", kwargs={"pk": clinician_entry.pk})
    peer, clinician = Client(), Client()
    peer.force_login(personas["peerworker"])
    clinician.force_login(personas["clinician"])
    version = plan.version  # both open the form at this version

    first = peer.post(url, _entry_post(version, "Crisis line, open all night", phone="0115 956 0860"))
    second = clinician.post(url, _entry_post(version, "Crisis team duty worker", phone="0115 956 0860"))

    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "There is a problem" in page and "while you were writing" in page
    assert "Crisis line, open all night" in page  # what is saved, shown beside
    assert "Crisis team duty worker" in page  # the refused words, kept in the form
    clinician_entry.refresh_from_db()
    assert clinician_entry.text == "Crisis line, open all night"
    # The second worker can save once they have seen the other text: the form now carries the new version.
    again = clinician.post(url, _entry_post(version + 1, "Crisis team duty worker", phone="0115 956 0860"))
    assert again.status_code == 302
    versions = list(Plan.objects.get(pk=plan.pk).versions.values_list("content", flat=True))
    texts = {e["text"] for content in versions for e in content["entries"] if e["section"] == "professionals"}
    assert {"Crisis line, open all night", "Crisis team duty worker"} <= texts


def test_adding_to_a_plan_someone_has_just_changed_is_refused_with_the_section_shown(
    client, personas, safety_plan
):
    stale = safety_plan.version
    services.plan_entry_add(
        plan=safety_plan, expected_version=stale, section="coping", text="Music", author_role="said_in_room",
        by=personas["clinician"],
    )  # fmt: skip
    client.force_login(personas["peerworker"])

    response = client.post(
        reverse("careplans:entry-add", kwargs={"pk": safety_plan.pk, "section": "coping"}),
        _entry_post(stale, "Bake bread"),
    )

    assert response.status_code == 409
    assert "Music" in response.content.decode() and "Bake bread" in response.content.decode()
    assert not PlanEntry.objects.filter(text="Bake bread").exists()


def test_the_service_refuses_a_stale_version(personas, safety_plan):
    with pytest.raises(StaleEdit):
        services.plan_entry_add(
            plan=safety_plan, expected_version=1, section="coping", text="x", author_role="said_in_room",
            by=personas["clinician"],
        )  # fmt: skip


def test_the_person_writes_in_their_own_words_and_agrees_that_version(client, personas, safety_plan):
    client.force_login(personas["serviceuser"])

    client.post(
        reverse("careplans:entry-add", kwargs={"pk": safety_plan.pk, "section": "coping"}),
        {"version": safety_plan.version, "text": "Phone my sister", "author_role": "clinician"},
    )
    safety_plan.refresh_from_db()
    entry = PlanEntry.objects.get(text="Phone my sister")
    assert (
        entry.author_role == AuthorRole.PERSON
    )  # whatever was posted: the person's login writes their words

    response = client.post(
        reverse("careplans:plan-agree", kwargs={"pk": safety_plan.pk}), {"version": safety_plan.version}
    )

    assert response.status_code == 302
    safety_plan.refresh_from_db()
    assert safety_plan.status == PlanStatus.AGREED
    assert safety_plan.agreed_version.number == safety_plan.version
    assert safety_plan.agreed_by == personas["serviceuser"] and not safety_plan.agreed_in_person
    page = client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk})).content.decode()
    assert "You agreed" in page and "In your own words" in page


def test_the_person_cannot_change_a_workers_words(client, personas, clinician_entry):
    client.force_login(personas["serviceuser"])

    assert client.get(reverse("careplans:entry-change", kwargs={"pk": clinician_entry.pk})).status_code == 403
    assert (
        client.post(reverse("careplans:entry-remove", kwargs={"pk": clinician_entry.pk})).status_code == 403
    )


def test_agreement_is_invalidated_by_a_later_change(personas, safety_plan):
    agreed = services.plan_agree(
        plan=safety_plan, expected_version=safety_plan.version, by=personas["serviceuser"]
    )

    services.plan_entry_add(
        plan=agreed, expected_version=agreed.version, section="coping", text="Swim", author_role="said_in_room",
        by=personas["peerworker"],
    )  # fmt: skip

    plan = Plan.objects.get(pk=safety_plan.pk)
    assert plan.status == PlanStatus.DRAFT
    assert plan.agreed_version.number == plan.version - 1  # the agreed version stays readable
    assert plan.status_label == "Draft"


def test_agreeing_a_version_that_has_since_changed_is_refused(client, personas, safety_plan):
    seen = safety_plan.version
    services.plan_entry_add(
        plan=safety_plan, expected_version=seen, section="coping", text="Swim", author_role="said_in_room",
        by=personas["peerworker"],
    )  # fmt: skip
    client.force_login(personas["serviceuser"])

    response = client.post(reverse("careplans:plan-agree", kwargs={"pk": safety_plan.pk}), {"version": seen})

    assert response.status_code == 409
    assert "has changed since this page was shown" in response.content.decode()
    assert Plan.objects.get(pk=safety_plan.pk).status == PlanStatus.DRAFT


def test_a_worker_records_agreement_only_with_the_person_in_the_room(client, personas, safety_plan):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:plan-agree", kwargs={"pk": safety_plan.pk})

    refused = client.post(url, {"version": safety_plan.version})
    done = client.post(url, {"version": safety_plan.version, "in_the_room": "on"})

    assert refused.status_code == 200
    assert done.status_code == 302
    assert Plan.objects.get(pk=safety_plan.pk).agreed_in_person


def test_disagreement_is_shown_beside_the_entry_and_the_entry_is_kept(client, personas, clinician_entry):
    client.force_login(personas["serviceuser"])

    client.post(
        reverse("careplans:entry-disagree", kwargs={"pk": clinician_entry.pk}),
        {"text": "I would rather call my own GP first"},
    )

    clinician_entry.refresh_from_db()
    assert clinician_entry.text == "Crisis line"
    client.force_login(personas["clinician"])
    page = client.get(reverse("careplans:plan", kwargs={"pk": clinician_entry.plan_id})).content.decode()
    entry_block = page[page.index(f'id="entry-{clinician_entry.pk}"') :]
    entry_block = entry_block[: entry_block.index("</ul>")]
    assert "Dan Hughes disagrees" in entry_block
    assert "I would rather call my own GP first" in entry_block


def test_a_refusal_without_an_alternative_is_prompted_and_nothing_is_saved(client, personas, crisis_plan):
    client.force_login(personas["clinician"])
    before = (crisis_plan.version, crisis_plan.entries.count(), crisis_plan.versions.count())

    response = client.post(
        reverse("careplans:entry-add", kwargs={"pk": crisis_plan.pk, "section": "refusals"}),
        {"version": crisis_plan.version, "text": "Being restrained face down", "author_role": "said_in_room"},
    )

    assert response.status_code == 200
    assert "Add an acceptable alternative for this refusal, or say there is none" in response.content.decode()
    assert response.content.decode().count("Error:") >= 1
    crisis_plan.refresh_from_db()
    assert (crisis_plan.version, crisis_plan.entries.count(), crisis_plan.versions.count()) == before


def test_a_refusal_may_say_there_is_no_alternative(personas, crisis_plan, client):
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:entry-add", kwargs={"pk": crisis_plan.pk, "section": "refusals"}),
        {
            "version": crisis_plan.version,
            "text": "ECT",
            "author_role": "said_in_room",
            "no_alternative": "on",
        },
    )

    assert response.status_code == 302
    assert PlanEntry.objects.get(text="ECT").no_alternative


def test_the_service_also_refuses_a_refusal_without_an_alternative(personas, crisis_plan):
    with pytest.raises(ValidationError):
        services.plan_entry_add(
            plan=crisis_plan, expected_version=crisis_plan.version, section="refusals", text="ECT",
            author_role="said_in_room", by=personas["clinician"],
        )  # fmt: skip


def test_every_version_stays_readable_and_two_versions_can_be_compared(client, personas, safety_plan):
    entry = safety_plan.entries.get(section="coping")
    services.plan_entry_change(
        entry=entry,
        expected_version=safety_plan.version,
        text="Walk the dog by the canal",
        by=personas["serviceuser"],
    )
    latest = Plan.objects.get(pk=safety_plan.pk).version
    client.force_login(personas["serviceuser"])

    old = client.get(reverse("careplans:plan-version", kwargs={"pk": safety_plan.pk, "number": latest - 1}))
    diff = client.get(
        reverse("careplans:plan-compare", kwargs={"pk": safety_plan.pk}), {"old": latest - 1, "new": latest}
    )

    assert "Walk the dog round the park" in old.content.decode()
    page = diff.content.decode()
    assert "<del>(in their own words) Walk the dog round the park</del>" in page
    assert "<ins>(in their own words) Walk the dog by the canal</ins>" in page
    assert "style=" not in page
    # Said in words, not only by marks that look like a link.
    assert "Added:</strong> <ins>" in page and "Taken out:</strong> <del>" in page
    assert '<ul class="nhsuk-list app-diff">' in page


def test_comparing_with_a_version_the_plan_does_not_have_says_which_versions_there_are(
    client, personas, safety_plan
):
    client.force_login(personas["serviceuser"])
    latest = Plan.objects.get(pk=safety_plan.pk).version

    page = client.get(
        reverse("careplans:plan-compare", kwargs={"pk": safety_plan.pk}), {"old": 1, "new": latest + 5}
    ).content.decode()

    assert f"Choose versions between 1 and {latest}" in page
    assert "nhsuk-error-summary" in page
    assert "<ins>" not in page


def test_words_in_a_diff_are_escaped(personas, safety_plan, client):
    services.plan_entry_add(
        plan=safety_plan, expected_version=safety_plan.version, section="coping", text="<script>x</script>",
        author_role="said_in_room", by=personas["peerworker"],
    )  # fmt: skip
    client.force_login(personas["peerworker"])
    latest = Plan.objects.get(pk=safety_plan.pk).version

    page = client.get(
        reverse("careplans:plan-compare", kwargs={"pk": safety_plan.pk}), {"old": latest - 1, "new": latest}
    ).content.decode()

    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_safety_plan_contacts_can_be_called_from_a_phone(client, personas, safety_plan):
    client.force_login(personas["serviceuser"])

    page = client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk})).content.decode()

    assert 'href="tel:07700900123"' in page and 'href="tel:01159560860"' in page
    steps = [page.index(f"Step {n}:") for n in range(1, 7)]
    assert steps == sorted(steps)


def test_the_pdf_holds_the_persons_words_and_whose_words_they_are(client, personas, safety_plan):
    client.force_login(personas["serviceuser"])

    response = client.get(reverse("careplans:plan-pdf", kwargs={"pk": safety_plan.pk}))

    assert response["Content-Type"] == "application/pdf"
    assert "Hughes" not in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "My dog Bess and my nephew" in text
    # The person's own copy speaks to them.
    assert "In your own words" in text and "Your safety plan" in text


def test_the_persons_own_pdf_says_what_matters_to_me_and_a_workers_copy_names_them(
    client, personas, recovery_plan
):
    url = reverse("careplans:plan-pdf", kwargs={"pk": recovery_plan.pk})

    def pdf_text(user):
        client.force_login(user)
        response = client.get(url)
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)

    own, workers = pdf_text(personas["serviceuser"]), pdf_text(personas["clinician"])

    assert "What matters to me" in own and "What matters to the person" not in own
    assert "What matters to the person" in workers


def test_a_crisis_plan_moves_from_preparation_to_the_planning_meeting(client, personas, crisis_plan):
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:plan-details", kwargs={"pk": crisis_plan.pk}),
        {
            "version": crisis_plan.version,
            "review_date_day": "1", "review_date_month": "3", "review_date_year": "2031",
            "stage": "planning_meeting", "facilitator": "Ann Lee, independent facilitator",
            "people_present": "Dan, his mum, Mohammed (care coordinator)",
        },
    )  # fmt: skip

    assert response.status_code == 302
    plan = Plan.objects.get(pk=crisis_plan.pk)
    assert plan.stage == "planning_meeting" and plan.facilitator.startswith("Ann Lee")
    assert plan.versions.first().content["details"]["stage"] == "planning_meeting"


def test_starting_a_plan_twice_opens_the_same_plan(client, personas, serviceuser_record):
    client.force_login(personas["clinician"])
    url = reverse("careplans:plan-start", kwargs={"pk": serviceuser_record.pk, "kind": PlanKind.RECOVERY})

    client.post(url)
    client.post(url)

    assert Plan.objects.filter(person=serviceuser_record, kind=PlanKind.RECOVERY).count() == 1
    assert (
        client.post(
            reverse("careplans:plan-start", kwargs={"pk": serviceuser_record.pk, "kind": "x"})
        ).status_code
        == 404
    )


def test_changing_the_plans_details_after_someone_else_saved_says_who_and_keeps_what_was_typed(
    client, personas, safety_plan
):
    stale = safety_plan.version
    services.plan_entry_add(
        plan=safety_plan, expected_version=stale, section="coping", text="Music", author_role="said_in_room",
        by=personas["clinician"],
    )  # fmt: skip
    client.force_login(personas["peerworker"])

    response = client.post(
        reverse("careplans:plan-details", kwargs={"pk": safety_plan.pk}),
        {"version": stale, "review_date_day": "1", "review_date_month": "6", "review_date_year": "2099"},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "saved this plan at" in page and "while you were writing" in page
    assert 'value="2099"' in page  # what was typed is still in the form
    assert f'value="{stale + 1}"' in page  # and it now carries the saved version, so saving again succeeds
    assert Plan.objects.get(pk=safety_plan.pk).review_date is None
