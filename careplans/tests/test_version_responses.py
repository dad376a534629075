"""Every agreement and disagreement stays against its version in the plan's history, said to the person in
the second person with dates as people write them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from careplans import services
from careplans.models import AuthorRole

pytestmark = pytest.mark.django_db


def _agree_then_change_then_agree_again(plan, personas):
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=personas["serviceuser"])
    first_agreed = plan.version
    services.disagreement_record(
        entry=plan.entries.get(text="Crisis line"), text="I would rather text", by=personas["serviceuser"]
    )
    plan.refresh_from_db()
    services.plan_entry_add(
        plan=plan, expected_version=plan.version, section="coping", text="Ring my brother",
        author_role=AuthorRole.PEER_WORKER, by=personas["peerworker"],
    )  # fmt: skip
    plan.refresh_from_db()
    plan = services.plan_agree(
        plan=plan, expected_version=plan.version, by=personas["peerworker"], in_person=True
    )
    return first_agreed, plan.version


def test_the_person_sees_every_agreement_and_disagreement_against_its_version(client, personas, safety_plan):
    first, second = _agree_then_change_then_agree_again(safety_plan, personas)
    client.force_login(personas["serviceuser"])
    today = timezone.localdate().strftime("%-d %B %Y")

    page = client.get(reverse("careplans:plan-history", args=[safety_plan.pk]))

    rows = {version.number: version.responses for version in page.context["versions"]}
    assert [r.agreed for r in rows[first]] == [True, False]
    assert [(r.agreed, r.in_person) for r in rows[second]] == [(True, True)]
    html = " ".join(page.content.decode().split())
    assert f"You agreed this version on {today}" in html
    assert "You disagreed with “I would rather text”" not in html  # the entry is named, not the reason
    assert f"You disagreed with “Crisis line” on {today}" in html
    assert f"Agreed with you in the room, recorded by Lucy Brennan, on {today}" in html


def test_an_earlier_agreed_version_says_so_on_its_own_page(client, personas, safety_plan):
    first, _ = _agree_then_change_then_agree_again(safety_plan, personas)
    client.force_login(personas["clinician"])

    page = client.get(reverse("careplans:plan-version", args=[safety_plan.pk, first]))

    html = " ".join(page.content.decode().split())
    assert "Daniel Hughes agreed this version on" in html or "Dan Hughes agreed this version on" in html
    assert "disagreed with “Crisis line”" in html


def test_compare_speaks_to_the_person_and_writes_dates_in_words(client, personas, safety_plan):
    first, second = _agree_then_change_then_agree_again(safety_plan, personas)
    client.force_login(personas["serviceuser"])
    today = timezone.localdate().strftime("%-d %B %Y")

    page = client.get(reverse("careplans:plan-compare", args=[safety_plan.pk]), {"old": first, "new": second})

    html = " ".join(page.content.decode().split())
    assert f"on {today} by Lucy Brennan" in html
    # The section that changed is named as the person's own page names it.
    assert "Step 2: Things I can do on my own to take my mind off things" in html
    assert "Step 2: Things to do alone" not in html
