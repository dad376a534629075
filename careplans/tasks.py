"""Background jobs of the careplans app. Tasks take no personal data and are safe to run again."""

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from recovery_portal.notifications import notify, portal_url
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
        # The task (read inside the portal) names the person; the email carries no name and no clinical
        # detail, only a link to the plan, which applies its own access rules.
        title = (
            f"{plan.get_kind_display()} review {'overdue' if overdue else 'due'}: {plan.person.display_name}"
        )
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
                notify(
                    recipient=worker,
                    template="plan-review-due",
                    personalisation={
                        "due_or_overdue": "overdue" if overdue else "due",
                        "review_date": f"{plan.review_date:%-d %B %Y}",
                        "link": portal_url(url),
                    },
                    reason="A plan they work on with the person falls due for review",
                    about=plan,
                    about_person_id=plan.person_id,
                )
    return sent
