"""Where the college's pages lead back to (issue 17: breadcrumbs computed in one place): a tutor goes back to
the learning plans they look after, not to courses of their own; a run's staff pages stay on the staff side."""

import pytest
from django.urls import reverse

from college.tests.factories import LearningPlanFactory

pytestmark = pytest.mark.django_db


def _crumbs(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return [(crumb["label"], str(crumb["url"])) for crumb in response.context["breadcrumbs"]]


def _labels(crumbs):
    return [label for label, _ in crumbs]


def test_the_student_goes_back_to_their_courses_and_the_tutor_to_the_learning_plans(
    client, serviceuser_plan, serviceuser, clinician
):
    tutees = LearningPlanFactory(personal_tutor=clinician)
    own = _crumbs(client, serviceuser, reverse("college:learning-plan", args=[serviceuser_plan.pk]))
    tutor = _crumbs(client, clinician, reverse("college:learning-plan", args=[tutees.pk]))
    tutor_edit = _crumbs(client, clinician, reverse("college:learning-plan-edit", args=[tutees.pk]))

    assert _labels(own) == ["Home", "Recovery College", "Your courses"]
    assert tutor[-1] == ("Learning plans", reverse("college:learning-plans"))
    assert "Your courses" not in _labels(tutor) + _labels(tutor_edit)
    assert tutor_edit[-2:] == [
        ("Learning plans", reverse("college:learning-plans")),
        ("Learning plan", reverse("college:learning-plan", args=[tutees.pk])),
    ]


def test_a_runs_staff_pages_lead_to_the_staff_run_page_not_the_public_one(
    client, college_run, college_session, trainer
):
    public_run = reverse("college:run", args=[college_run.pk])
    students = _crumbs(client, trainer, reverse("college:run-students", args=[college_run.pk]))
    register = _crumbs(client, trainer, reverse("college:register", args=[college_session.pk]))

    assert public_run not in [url for _, url in students + register]
    assert register[-1] == ("Understanding Anxiety", reverse("college:run-students", args=[college_run.pk]))


def test_a_runs_set_up_pages_sit_under_its_course_and_its_students_page(client, college_run, college):
    crumbs = _crumbs(client, college, reverse("college:setup-sessions", args=[college_run.pk]))

    assert crumbs == [
        ("Home", reverse("home")),
        ("Recovery College", reverse("college:prospectus")),
        ("Set up courses", reverse("college:setup-courses")),
        ("Understanding Anxiety", reverse("college:setup-course", args=[college_run.course_id])),
        ("Autumn, Beeston Library", reverse("college:run-students", args=[college_run.pk])),
    ]
