"""The strategy's reference data, as migration 0002 loads it."""

import pytest

from workstreams.models import ConversationDomain, ImrocChallenge, SteeringGroup, Workstream
from workstreams.reference import (
    CHALLENGES_BY_WORKSTREAM,
    ChallengeCode,
    DomainCode,
    SteeringGroupSlug,
    WorkstreamSlug,
)

pytestmark = pytest.mark.django_db


def test_three_conversation_domains_are_loaded_by_their_stable_codes():
    assert list(ConversationDomain.objects.values_list("code", flat=True)) == [
        code.value for code in DomainCode
    ]


def test_seven_workstreams_each_with_a_purpose_and_a_primary_domain():
    workstreams = list(Workstream.objects.select_related("domain"))

    assert [workstream.slug for workstream in workstreams] == [slug.value for slug in WorkstreamSlug]
    assert all(len(workstream.purpose) > 200 for workstream in workstreams)
    domains = {workstream.slug: workstream.domain.code for workstream in workstreams}
    assert domains[WorkstreamSlug.CHANGING_THE_CULTURE] == DomainCode.WORKERS_PEOPLE
    assert domains[WorkstreamSlug.RECOVERY_COLLEGE] == DomainCode.SERVICES_USERS
    assert domains[WorkstreamSlug.LIFE_BEYOND_ILLNESS] == DomainCode.SERVICES_COMMUNITIES


def test_workstream_leads_are_empty_until_people_are_named():
    assert not Workstream.objects.filter(professional_lead__isnull=False).exists()
    assert not Workstream.objects.filter(peer_lead__isnull=False).exists()


def test_ten_imroc_challenges_in_display_order():
    challenges = list(ImrocChallenge.objects.all())

    assert [challenge.code for challenge in challenges] == [code.value for code in ChallengeCode]
    assert [challenge.order for challenge in challenges] == list(range(1, 11))
    assert all(challenge.title and challenge.description for challenge in challenges)


def test_challenge_map_matches_the_strategy():
    for workstream in Workstream.objects.prefetch_related("challenges"):
        codes = {challenge.code for challenge in workstream.challenges.all()}
        assert codes == set(CHALLENGES_BY_WORKSTREAM[workstream.slug]), workstream.slug


def test_every_challenge_is_served_and_every_workstream_serves_one():
    # mission.md §1.1: personalisation and involvement have no workstream of their own, so they are
    # mapped many-to-many; none is left without a workstream.
    assert not ImrocChallenge.objects.filter(workstreams__isnull=True).exists()
    assert not Workstream.objects.filter(challenges__isnull=True).exists()
    involvement = ImrocChallenge.objects.get(code=ChallengeCode.INVOLVEMENT)
    assert {w.slug for w in involvement.workstreams.all()} == {
        WorkstreamSlug.PEER_SUPPORT,
        WorkstreamSlug.FAMILIES_AND_FRIENDS,
    }


def test_three_steering_groups_the_service_groups_report_to_the_trust_group():
    groups = {group.slug: group for group in SteeringGroup.objects.select_related("parent")}

    assert set(groups) == {slug.value for slug in SteeringGroupSlug}
    trust = groups[SteeringGroupSlug.TRUST]
    assert (trust.name, trust.level, trust.parent) == ("Trust Recovery Steering Group", "trust", None)
    assert "Board" in trust.description
    for slug in (SteeringGroupSlug.LOCAL_PARTNERSHIPS, SteeringGroupSlug.FORENSIC_SERVICES):
        assert groups[slug].level == "service"
        assert groups[slug].parent == trust
        assert groups[slug].meeting_frequency == "Bi-monthly"
    assert "prison health" in groups[SteeringGroupSlug.FORENSIC_SERVICES].description
    assert "older people" in groups[SteeringGroupSlug.LOCAL_PARTNERSHIPS].description
