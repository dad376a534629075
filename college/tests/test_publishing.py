"""Co-delivery: a run is published only with a peer trainer and another trainer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from college import services
from college.models import RunStatus
from college.tests.factories import CourseRunFactory
from recovery_portal.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "trainers",
    [[], [(True,)], [(False,)], [(False,), (False,)], [(True,), (True,)]],
    ids=["nobody", "peer only", "other only", "two others", "two peers"],
)
def test_publishing_without_a_peer_trainer_and_another_trainer_is_refused(trainers, college):
    run = CourseRunFactory(status=RunStatus.DRAFT, trainers=[(UserFactory(), peer) for (peer,) in trainers])

    with pytest.raises(ValidationError, match="co-delivered"):
        services.run_publish(run=run, by=college)

    run.refresh_from_db()
    assert run.status == RunStatus.DRAFT


def test_a_co_delivered_run_with_its_sessions_is_published(college):
    run = CourseRunFactory(status=RunStatus.DRAFT)

    services.run_publish(run=run, by=college)

    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert run.published_at is not None


def test_a_run_missing_sessions_is_refused(college):
    run = CourseRunFactory(status=RunStatus.DRAFT)
    run.sessions.last().delete()

    with pytest.raises(ValidationError, match="every session"):
        services.run_publish(run=run, by=college)


def test_the_publish_button_says_why_a_run_was_refused(client, college):
    run = CourseRunFactory(status=RunStatus.DRAFT, trainers=[(UserFactory(), False)])
    client.force_login(college)

    response = client.post(reverse("college:run-publish", args=[run.pk]), follow=True)

    assert "at least one peer trainer" in response.content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.DRAFT
