"""Removing a session or a trainer asks first, on a confirmation page of its own (one pattern for every
remove, cancel and withdraw); only the page's button removes."""

import pytest
from django.urls import reverse

from college.models import RunStatus
from college.tests.factories import CourseRunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_run():
    return CourseRunFactory(status=RunStatus.DRAFT)


def test_removing_a_session_is_confirmed_on_its_own_page_first(client, college, draft_run):
    session = draft_run.sessions.order_by("starts_at").first()
    sessions = draft_run.sessions.count()
    client.force_login(college)
    url = reverse("college:setup-session-remove", args=[session.pk])
    listing = client.get(reverse("college:setup-sessions", args=[draft_run.pk])).content.decode()
    assert f'href="{url}"' in listing  # a link to the confirmation page, not a button that removes

    page = client.get(url)

    assert page.status_code == 200
    assert "Remove session 1?" in page.content.decode()
    assert "Yes, remove this session" in page.content.decode()
    assert draft_run.sessions.count() == sessions  # asking removes nothing

    assert client.post(url).status_code == 302
    assert draft_run.sessions.count() == sessions - 1


def test_removing_a_trainer_is_confirmed_on_its_own_page_first(client, college, draft_run):
    trainer = draft_run.trainers.first()
    client.force_login(college)
    url = reverse("college:setup-trainer-remove", args=[trainer.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert f"Remove {trainer.user.display_name} as a trainer?" in page.content.decode()
    assert draft_run.trainers.filter(pk=trainer.pk).exists()

    assert client.post(url).status_code == 302
    assert not draft_run.trainers.filter(pk=trainer.pk).exists()
