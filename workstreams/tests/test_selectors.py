import datetime

import pytest
from django.utils import timezone

from recovery_portal.tests.factories import UserFactory
from workstreams import selectors, services
from workstreams.reference import SteeringGroupSlug
from workstreams.tests.factories import SteeringGroupMembershipFactory, service_steering_group

pytestmark = pytest.mark.django_db


def test_steering_group_list_shows_current_members_only(steering, django_assert_num_queries):
    SteeringGroupMembershipFactory(user=UserFactory(last_name="Gone"), end_date=datetime.date(2024, 3, 31))
    SteeringGroupMembershipFactory.create_batch(3)

    # 1 groups with chair and parent, 2 current memberships with their people.
    with django_assert_num_queries(2):
        groups = list(selectors.steering_group_list())
        trust = groups[0]
        names = [membership.user.last_name for membership in trust.current_memberships]

    assert [group.slug for group in groups] == [slug.value for slug in SteeringGroupSlug]
    assert trust.chair is not None
    assert "Raman" in names
    assert "Gone" not in names
    assert len(names) == 4


def test_seats_for_a_user_name_the_chair_and_the_member_roles(steering, admin):
    local = service_steering_group(SteeringGroupSlug.LOCAL_PARTNERSHIPS)
    services.steering_group_set_chair(group=local, chair=steering, by=admin)
    SteeringGroupMembershipFactory(user=steering, group=local, role="Chair")
    SteeringGroupMembershipFactory(
        user=steering,
        group=service_steering_group(SteeringGroupSlug.FORENSIC_SERVICES),
        start_date=timezone.localdate() + datetime.timedelta(days=1),
    )

    seats = selectors.steering_group_seats_for_user(user=steering)

    assert [(seat.group.slug, seat.role, seat.is_chair) for seat in seats] == [
        ("trust", "Trust-wide Recovery Lead", False),
        ("local-partnerships", "Chair", True),
    ]
