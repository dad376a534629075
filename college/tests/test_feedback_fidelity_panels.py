"""End-of-run feedback, the RECOLLECT fidelity self-rating, and the home panels."""

import pytest
from django.urls import reverse

from college.models import FidelityRating, RunFeedback
from college.models.fidelity import RECOLLECT_COMPONENTS, RECOLLECT_URL

pytestmark = pytest.mark.django_db

SCORES = {name: 2 for name, _ in RECOLLECT_COMPONENTS} | {"co_production": 1}


def test_a_student_gives_feedback_once(client, serviceuser, serviceuser_completed_enrolment):
    client.force_login(serviceuser)
    url = reverse("college:feedback", args=[serviceuser_completed_enrolment.pk])

    first = client.post(url, {"rating": "5", "best_part": "Meeting people", "to_improve": ""})
    second = client.post(url, {"rating": "1"})

    assert first.status_code == 302
    assert "already given feedback" in second.content.decode()
    assert RunFeedback.objects.get().rating == 5


def test_feedback_without_a_rating_says_so(client, serviceuser, serviceuser_completed_enrolment):
    client.force_login(serviceuser)

    response = client.post(reverse("college:feedback", args=[serviceuser_completed_enrolment.pk]), {})

    assert "Select how useful the course was" in response.content.decode()
    assert not RunFeedback.objects.exists()


def test_the_fidelity_rating_stores_seven_scores_and_links_the_official_measure(client, college):
    client.force_login(college)

    page = client.get(reverse("college:fidelity")).content.decode()
    response = client.post(reverse("college:fidelity"), {"year": "2026/27", **SCORES, "notes": ""})
    again = client.post(reverse("college:fidelity"), {"year": "2026/27", **SCORES, "valuing_equality": 0})

    assert RECOLLECT_URL in page
    for _, label in RECOLLECT_COMPONENTS:
        assert label in page
    assert response.status_code == 302 and again.status_code == 302
    rating = FidelityRating.objects.get()
    assert rating.total == 11


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"year": "2026/28"}, "Enter the financial year"), ({"learning": "3"}, "from the list")],
)
def test_a_malformed_fidelity_rating_is_refused(client, college, changes, message):
    client.force_login(college)

    response = client.post(reverse("college:fidelity"), {"year": "2026/27", **SCORES, **changes})

    assert message in response.content.decode()
    assert not FidelityRating.objects.exists()


def test_home_shows_the_student_their_courses_and_the_trainer_their_registers(
    client, serviceuser, trainer, college, outsider, serviceuser_enrolment
):
    client.force_login(serviceuser)
    assert "Understanding Anxiety" in client.get(reverse("home")).content.decode()

    client.force_login(trainer)
    page = client.get(reverse("home")).content.decode()
    assert "Your registers" in page and "Understanding Anxiety" in page

    client.force_login(college)
    assert "College dashboard" in client.get(reverse("home")).content.decode()

    client.force_login(outsider)
    page = client.get(reverse("home")).content.decode()
    assert "Your registers" not in page and "College dashboard" not in page
