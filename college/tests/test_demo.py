import pytest
from django.core.management import call_command

from college.models import Course, CourseRun, Enrolment, LearningPlan, Student

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_college_and_a_second_run_changes_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = [
        Course.objects.count(),
        CourseRun.objects.count(),
        Enrolment.objects.count(),
        LearningPlan.objects.count(),
    ]

    call_command("seed_demo", stdout=open("/dev/null", "w"))

    assert counts == [
        Course.objects.count(),
        CourseRun.objects.count(),
        Enrolment.objects.count(),
        LearningPlan.objects.count(),
    ]
    assert counts[0] == 30
    assert set(Student.objects.values_list("student_type", flat=True)) == {
        "person",
        "supporter",
        "staff",
        "community",
    }
    assert Student.objects.filter(user__username="serviceuser").exists()
    assert CourseRun.objects.filter(trainers__user__username="trainer").exists()
    assert LearningPlan.objects.filter(student__user__username="serviceuser").exists()
