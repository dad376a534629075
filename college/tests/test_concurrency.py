"""Capacity holds under concurrent requests: each thread has its own PostgreSQL connection."""

import threading

import pytest
from django.db import connection, connections

from college import services
from college.models import Enrolment, EnrolmentStatus
from college.tests.factories import CourseRunFactory, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_concurrent_requests_for_ten_places_enrol_ten_and_queue_forty_in_arrival_order():
    assert connection.vendor == "postgresql"
    run = CourseRunFactory(capacity=10)
    students = [StudentFactory() for _ in range(50)]
    barrier = threading.Barrier(50)
    errors = []

    def ask(student):
        try:
            barrier.wait()
            services.enrolment_request(student=student, run=run, by=student.user)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(student,)) for student in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    enrolled = Enrolment.objects.filter(run=run, status=EnrolmentStatus.ENROLLED)
    waiting = Enrolment.objects.filter(run=run, status=EnrolmentStatus.WAITING).order_by("requested_at", "id")
    assert enrolled.count() == 10
    assert sorted(enrolled.values_list("place_number", flat=True)) == list(range(1, 11))
    assert waiting.count() == 40
    # Requests were served one at a time: every place went to someone who arrived before anyone waiting,
    # and the waiting list's order is the order in which requests were served (ids are given then too).
    assert max(enrolled.values_list("requested_at", flat=True)) <= min(
        waiting.values_list("requested_at", flat=True)
    )
    assert list(waiting.values_list("id", flat=True)) == sorted(waiting.values_list("id", flat=True))
