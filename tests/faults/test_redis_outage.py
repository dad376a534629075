"""Redis stops while people browse and save: every page still works and nothing is lost.

Sessions, the cache and sign-in lockout all live in the database or in process memory, so only
queueing a job touches Redis, and ``recovery_portal.jobs`` gives up on it at once (the broker
transport options in settings) while the job's own row keeps what was asked for.
"""

import pytest
from django.utils import timezone

from careplans.models import PlanEntry
from college.models import Enrolment, EnrolmentStatus, StudentType
from college.tests.factories import CourseRunFactory, EnrolmentFactory, StudentFactory
from recovery_portal.models import WorkerHeartbeat
from recovery_portal.tests.factories import UserFactory
from teams.models import TeamRecoveryPlan
from tests.fixtures.personas import PERSONA_PASSWORD

from .live import LiveServer, Visitor
from .services import PrivateRedis

pytestmark = pytest.mark.django_db(transaction=True)

# Without the fail-fast broker settings one queued job costs a request about six seconds.
FAST = 3.0


def _student(name: str):
    user = UserFactory(username=name, password=PERSONA_PASSWORD, community=True)
    return StudentFactory(user=user, student_type=StudentType.COMMUNITY)


@pytest.fixture
def full_run(trainer, college):
    """A run with both places taken and two people waiting."""
    run = CourseRunFactory(capacity=2, trainers=[(trainer, True), (college, False)])
    enrolled = [EnrolmentFactory(student=_student(f"student{n}"), run=run) for n in (1, 2)]
    waiting = [
        EnrolmentFactory(student=_student(f"waiting{n}"), run=run, status=EnrolmentStatus.WAITING)
        for n in (1, 2)
    ]
    return run, enrolled, waiting


def _cancel(server, enrolment, username):
    student = Visitor(server.url)
    student.sign_in(username, PERSONA_PASSWORD)
    token = student.get("/college/my-courses/").csrf()
    return student.post(f"/college/enrolments/{enrolment.pk}/cancel/", {"csrfmiddlewaretoken": token})


def test_pages_and_saves_work_while_redis_is_down(
    tmp_path, personas, serviceuser_record, recovery_plan, persona_plan, full_run
):
    run, enrolled, waiting = full_run
    broker = PrivateRedis(tmp_path)
    broker.start()
    server = LiveServer(broker_url=broker.url, workers=1)
    try:
        # While Redis is up, a freed place's offer reaches the queue: the server really uses this broker.
        page = _cancel(server, enrolled[0], "student1")
        assert page.status == 302
        assert broker.client().llen("celery") == 1

        broker.stop()

        clinician = Visitor(server.url)
        timings = {"sign in": clinician.sign_in("clinician", PERSONA_PASSWORD).seconds}

        caseload = clinician.get("/people/")
        assert caseload.status == 200 and "Hughes" in caseload.text
        timings["caseload"] = caseload.seconds

        saved = clinician.submit(
            f"/people/plans/{recovery_plan.pk}/sections/what_matters/add/",
            {"text": "Back on the allotment every Sunday", "author_role": "said_in_room"},
            versioned=True,
        )
        assert saved.status == 302, saved.text[:2000]
        timings["personal plan save"] = saved.seconds

        teamlead = Visitor(server.url)
        teamlead.sign_in("teamlead", PERSONA_PASSWORD)
        saved = teamlead.submit(
            f"/teams/recovery-plans/{persona_plan.pk}/resources/",
            {"resources_staff": "Two nurses trained in WRAP", "resources_peer_workers": "",
             "resources_people_using_service": "", "resources_carers": ""},
            versioned=True,
        )  # fmt: skip
        assert saved.status == 302, saved.text[:2000]
        timings["team plan save"] = saved.seconds

        # The offer to the next person waiting cannot be queued; the cancellation and the offer stand.
        cancelled = _cancel(server, enrolled[1], "student2")
        assert cancelled.status == 302
        timings["enrolment cancel"] = cancelled.seconds

        # A second job in the same worker process: kombu now has no live connection to fall back on.
        admin = Visitor(server.url)
        admin.sign_in("admin", PERSONA_PASSWORD)
        asked = admin.submit("/system-status/", {})
        assert asked.status == 302
        timings["worker check"] = asked.seconds

        slow = {journey: seconds for journey, seconds in timings.items() if seconds > FAST}
        assert not slow, f"requests waited on the absent broker: {slow}"

        # Redis is back: the same server queues again without being restarted.
        broker.start()
        asked = admin.submit("/system-status/", {})
        assert asked.status == 302
        assert broker.client().llen("celery") == 1
    finally:
        log = server.stop()
        broker.stop()

    assert PlanEntry.objects.filter(plan=recovery_plan, text="Back on the allotment every Sunday").exists()
    assert TeamRecoveryPlan.objects.get(pk=persona_plan.pk).resources_staff == "Two nurses trained in WRAP"
    statuses = dict(Enrolment.objects.filter(run=run).values_list("student__user__username", "status"))
    assert statuses == {
        "student1": EnrolmentStatus.CANCELLED,
        "student2": EnrolmentStatus.CANCELLED,
        "waiting1": EnrolmentStatus.OFFERED,
        "waiting2": EnrolmentStatus.OFFERED,
    }
    assert Enrolment.objects.get(pk=waiting[1].pk).offer_expires_at > timezone.now()
    assert WorkerHeartbeat.objects.count() == 2
    assert "Could not queue college.tasks.enrolment_offer_notify" in log
