"""The register, missed-session follow-up and reminders before sessions."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from recovery_portal.services import follow_up_task_raise

from ..models import Attendance, Enrolment, EnrolmentStatus, LearningPlan, Session, SessionReminder

# Reminders go to students with a place on sessions starting this far ahead.
REMINDER_FROM = timedelta(hours=24)
REMINDER_TO = timedelta(hours=48)


@transaction.atomic
def attendance_record(
    *, session: Session, marks: dict[int, bool], by, now: datetime | None = None
) -> list[Attendance]:
    """Record who was at a session (enrolment id → present). All or nothing.

    Refused for a session that has not started, or for anyone without a place on the run. Each absence
    raises one follow-up task (by attendance) for the student's personal tutor for that term, or for the
    person taking the register when the student has no tutor yet.
    """
    now = now or timezone.now()
    if session.starts_at > now:
        raise ValidationError("You cannot take the register for a session that has not started yet.")
    enrolments = {
        enrolment.pk: enrolment
        for enrolment in Enrolment.objects.filter(
            run_id=session.run_id, status=EnrolmentStatus.ENROLLED, pk__in=marks
        ).select_related("student__user")
    }
    strangers = set(marks) - enrolments.keys()
    if strangers:
        raise ValidationError("The register lists someone who does not have a place on this course.")
    tutors = {
        plan.student_id: plan.personal_tutor
        for plan in LearningPlan.objects.filter(
            student__in=[e.student_id for e in enrolments.values()], term_id=session.run.term_id
        )
        .exclude(personal_tutor=None)
        .select_related("personal_tutor")
    }
    recorded = []
    for enrolment_id, present in marks.items():
        attendance, _ = Attendance.objects.update_or_create(
            session=session, enrolment_id=enrolment_id, defaults={"present": present, "recorded_by": by}
        )
        recorded.append(attendance)
        if not present:
            enrolment = enrolments[enrolment_id]
            follow_up_task_raise(
                key=f"missed:{attendance.pk}",
                assignee=tutors.get(enrolment.student_id, by),
                title=f"Contact {enrolment.student.user.display_name}: missed {session.run.course.title}",
                detail=(
                    f"{enrolment.student.user.display_name} was not at session {session.number} on "
                    f"{timezone.localtime(session.starts_at):%-d %B %Y}. A friendly call helps people come back."
                ),
                url=reverse("college:run-students", args=[session.run_id]),
                due_date=timezone.localdate(now) + timedelta(days=3),
            )
    return recorded


def session_reminders_send(*, now: datetime | None = None) -> int:
    """Remind each student with a place about sessions starting in 24 to 48 hours, once per session,
    by email or text message as they asked (recovery_portal.notifications).

    The ``SessionReminder`` row is written in the same transaction as the message, so a second run (or a
    redelivered job) sends nothing twice. Returns the number of reminders sent.
    """
    from recovery_portal.notifications import first_name, notify, portal_url

    now = now or timezone.now()
    sessions = Session.objects.filter(
        starts_at__gte=now + REMINDER_FROM, starts_at__lt=now + REMINDER_TO, run__status="published"
    ).select_related("run__course", "run__venue")
    sent = 0
    for session in sessions:
        enrolments = (
            Enrolment.objects.filter(run_id=session.run_id, status=EnrolmentStatus.ENROLLED)
            .exclude(reminders__session=session)
            .select_related("student__user")
        )
        for enrolment in enrolments:
            with transaction.atomic():
                _, created = SessionReminder.objects.get_or_create(session=session, enrolment=enrolment)
                if created:
                    student = enrolment.student.user
                    notify(
                        recipient=student,
                        template="session-reminder",
                        personalisation={
                            "first_name": first_name(student),
                            "session_starts": f"{timezone.localtime(session.starts_at):%A %-d %B at %H:%M}",
                            "link": portal_url(reverse("college:run", args=[session.run_id])),
                        },
                        reason="A session of a course they have a place on is coming up",
                        about=enrolment,
                    )
                    sent += 1
    return sent
