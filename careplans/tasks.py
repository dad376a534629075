"""Background jobs of the careplans app. Tasks take no personal data and are safe to run again."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from recovery_portal.services import follow_up_task_raise

from .selectors import plans_due_for_review


@shared_task(acks_late=True, max_retries=3, ignore_result=True)
def plan_review_reminders() -> int:
    """Ask each person's care coordinator and peer support worker to review plans falling due within
    14 days or overdue. A task is keyed by plan and review date, so a second run raises and sends
    nothing new; a new review date raises a new reminder. Returns the number of new reminders.
    """
    today = timezone.localdate()
    sent = 0
    for plan in plans_due_for_review(today=today):
        workers = {}
        for entry in plan.person.current_entries:
            for worker in (entry.care_coordinator, entry.peer_support_worker):
                if worker is not None and worker.is_active:
                    workers[worker.pk] = worker
        overdue = plan.review_date < today
        # No clinical detail and no name in the title or email: the link leads to the record.
        title = f"{plan.get_kind_display()} review {'overdue' if overdue else 'due'}"
        url = reverse("careplans:plan", kwargs={"pk": plan.pk})
        for worker in workers.values():
            _, created = follow_up_task_raise(
                key=f"plan-review:{plan.pk}:{plan.review_date}:{worker.pk}",
                assignee=worker,
                title=title,
                detail=f"Review the plan with the person by {plan.review_date:%-d %B %Y}.",
                url=url,
                due_date=plan.review_date,
            )
            if created:
                sent += 1
                if worker.email:
                    send_mail(
                        subject=f"Recovery Portal: {title.lower()}",
                        message=(
                            f"A {plan.get_kind_display().lower()} on your caseload is due for review on "
                            f"{plan.review_date:%-d %B %Y}. Sign in to the Recovery Portal to see it: {url}"
                        ),
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        recipient_list=[worker.email],
                    )
    return sent
