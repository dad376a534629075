"""Individual Learning Plans: the student's own, shared with their tutor and the college team only."""

import pytest
from django.urls import reverse

from college.models import LearningPlan
from college.tests.factories import LearningPlanFactory, StudentFactory
from recovery_portal.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_student_cannot_see_another_students_plan(client, serviceuser_plan):
    other = StudentFactory()
    client.force_login(other.user)

    assert client.get(reverse("college:learning-plan", args=[serviceuser_plan.pk])).status_code == 404
    assert client.get(reverse("college:learning-plan-edit", args=[serviceuser_plan.pk])).status_code == 404


def test_the_personal_tutor_sees_the_plan_and_the_read_is_audited(client, serviceuser_plan, college):
    client.force_login(college)

    response = client.get(reverse("college:learning-plan", args=[serviceuser_plan.pk]))

    assert response.status_code == 200
    assert "Meet people and understand my anxiety." in response.content.decode()
    assert AuditEvent.objects.filter(action="view", object_id=str(serviceuser_plan.pk)).count() == 1


def test_a_student_reading_their_own_plan_is_audited_too(client, serviceuser_plan, serviceuser):
    # Every read is seen; the person can hide their own from "who viewed my plan".
    client.force_login(serviceuser)

    assert client.get(reverse("college:learning-plan", args=[serviceuser_plan.pk])).status_code == 200
    event = AuditEvent.objects.get(action="view")
    assert (event.actor, event.subjects) == (serviceuser, [f"college.student:{serviceuser_plan.student_id}"])


def test_a_tutor_who_is_not_college_team_sees_only_their_tutees(client, clinician):
    mine = LearningPlanFactory(personal_tutor=clinician)
    theirs = LearningPlanFactory()
    client.force_login(clinician)

    assert client.get(reverse("college:learning-plan", args=[mine.pk])).status_code == 200
    assert client.get(reverse("college:learning-plan", args=[theirs.pk])).status_code == 404


def test_the_student_reviews_the_term_and_chooses_next_steps(client, serviceuser_plan, serviceuser):
    client.force_login(serviceuser)

    response = client.post(
        reverse("college:learning-plan-edit", args=[serviceuser_plan.pk]),
        {
            "goals": "Meet people. Go back to college.",
            "support_needs": "",
            "review_outcome": "partly",
            "review_notes": "I met people; college is next term.",
            "next_education": "on",
            "next_steps_notes": "Enrol at the adult learning centre.",
        },
    )

    assert response.status_code == 302
    plan = LearningPlan.objects.get()
    assert plan.review_outcome == "partly"
    assert plan.next_steps == ["Education or training"]
    assert plan.personal_tutor is not None  # the student's form cannot change the tutor
    assert plan.history.count() == 2


def test_a_plan_without_goals_is_refused_with_a_clear_message(client, serviceuser_plan, serviceuser):
    client.force_login(serviceuser)

    response = client.post(reverse("college:learning-plan-edit", args=[serviceuser_plan.pk]), {"goals": ""})

    assert "Write at least one goal, in your own words" in response.content.decode()
    assert LearningPlan.objects.get().goals == "Meet people and understand my anxiety."


def test_a_student_starts_one_plan_for_the_current_term(
    client, serviceuser_student, serviceuser, college_run
):
    client.force_login(serviceuser)
    url = reverse("college:learning-plan-start")

    first = client.post(url, {"goals": "Learn about anxiety."})
    second = client.post(url, {"goals": "Again."})

    assert first.status_code == 302
    assert "already a learning plan" in second.content.decode()
    assert LearningPlan.objects.count() == 1


def test_a_tutor_lists_only_their_students_plans_with_review_status_and_the_read_is_audited(
    client, trainer, college_run, serviceuser_enrolment, serviceuser_plan
):
    from college.tests.factories import CourseRunFactory, EnrolmentFactory

    elsewhere = LearningPlanFactory()  # a student on nobody's course this trainer teaches
    other_run = CourseRunFactory(term=college_run.term)
    EnrolmentFactory(student=elsewhere.student, run=other_run)
    LearningPlan.objects.filter(pk=serviceuser_plan.pk).update(review_outcome="partly")
    client.force_login(trainer)

    page = client.get(reverse("college:learning-plans"))

    assert page.status_code == 200
    assert [plan.pk for plan in page.context["plans"]] == [serviceuser_plan.pk]
    html = page.content.decode()
    assert "Reviewed" in html and "Goals partly met" in html
    event = AuditEvent.objects.get(action="view", reason="Recovery College learning plans")
    assert event.subjects == [f"college.student:{serviceuser_plan.student_id}"]
    # The list leads to a page the tutor may open, read-only.
    plan_page = client.get(reverse("college:learning-plan", args=[serviceuser_plan.pk]))
    assert plan_page.status_code == 200 and plan_page.context["can_change"] is False
    assert client.get(reverse("college:learning-plan", args=[elsewhere.pk])).status_code == 404


def test_the_college_team_lists_every_plan(client, college, serviceuser_plan):
    other = LearningPlanFactory()
    client.force_login(college)

    plans = client.get(reverse("college:learning-plans")).context["plans"]

    assert {plan.pk for plan in plans} == {serviceuser_plan.pk, other.pk}


def test_staff_who_teach_nobody_have_no_list(client, clinician):
    client.force_login(clinician)

    assert client.get(reverse("college:learning-plans")).status_code == 403


def test_a_student_enrolled_for_a_later_term_plans_for_that_term(
    client, serviceuser, serviceuser_student, college_run
):
    import datetime

    from college.tests.factories import CourseRunFactory, EnrolmentFactory, TermFactory

    start = college_run.term.end_date + datetime.timedelta(days=30)
    spring = TermFactory(
        name="Spring", slug="spring", start_date=start, end_date=start + datetime.timedelta(days=80)
    )
    EnrolmentFactory(student=serviceuser_student, run=CourseRunFactory(term=spring), status="waiting")
    client.force_login(serviceuser)

    courses = client.get(reverse("college:my-courses")).content.decode()
    assert f"?term={spring.pk}" in courses and "Start your learning plan for Spring" in courses

    url = reverse("college:learning-plan-start") + f"?term={spring.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"goals": "Be ready for the spring course", "support_needs": ""})

    plan = LearningPlan.objects.get(student=serviceuser_student)
    assert plan.term == spring and response.status_code == 302
    assert client.get(reverse("college:learning-plan-start") + "?term=99999").status_code == 404


def test_a_completed_course_shows_as_completed_on_the_learning_plan(
    client, serviceuser, serviceuser_completed_enrolment
):
    plan = LearningPlanFactory(
        student=serviceuser_completed_enrolment.student, term=serviceuser_completed_enrolment.run.term
    )
    client.force_login(serviceuser)

    html = client.get(reverse("college:learning-plan", args=[plan.pk])).content.decode()

    assert "What is Recovery? (completed)" in html


def test_the_tutors_stale_save_does_not_replace_the_students_words(
    client, serviceuser_plan, serviceuser, college
):
    url = reverse("college:learning-plan-edit", args=[serviceuser_plan.pk])
    opened = serviceuser_plan.version
    words = {"support_needs": "", "review_outcome": "", "review_notes": "", "next_steps_notes": ""}
    client.force_login(serviceuser)
    saved = client.post(url, {**words, "version": opened, "goals": "Go back to college in my own time."})
    assert saved.status_code == 302

    client.force_login(college)  # the tutor opened the plan before the student saved
    response = client.post(
        url,
        {**words, "version": opened, "personal_tutor": college.pk, "goals": "Enrol at college in January."},
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Go back to college in my own time." in html and "Enrol at college in January." in html
    assert LearningPlan.objects.get().goals == "Go back to college in my own time."
    assert LearningPlan.objects.get().history.filter(goals="Go back to college in my own time.").exists()


def test_the_learning_plans_list_reads_the_same_however_many_plans(
    client, college, serviceuser_plan, django_assert_num_queries
):
    url = reverse("college:learning-plans")
    client.force_login(college)
    client.get(url)  # fills the content-type cache, as any earlier page would
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200

    LearningPlanFactory.create_batch(12)
    LearningPlanFactory.create_batch(3, review_outcome="partly")
    with django_assert_num_queries(8):
        page = client.get(url)
    assert len(page.context["plans"]) == 16


def test_a_tutors_learning_plans_list_reads_the_same_however_many_students(
    client, trainer, college_run, serviceuser_enrolment, serviceuser_plan, django_assert_num_queries
):
    from college.tests.factories import EnrolmentFactory

    url = reverse("college:learning-plans")
    client.force_login(trainer)
    client.get(url)  # fills the content-type cache, as any earlier page would
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200

    for plan in LearningPlanFactory.create_batch(6, term=college_run.term):
        EnrolmentFactory(student=plan.student, run=college_run)
    with django_assert_num_queries(11):
        page = client.get(url)
    assert len(page.context["plans"]) == 7
