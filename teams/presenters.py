"""What the plan pages and the PDF show, prepared so the templates only loop and test."""

from dataclasses import dataclass

from django.urls import reverse

from .models import PlanStatus, TeamRecoveryPlan
from .models.plans import MAX_PRIORITIES

# Lifecycle position of each status, to tell which steps are behind the plan.
_ORDER = {status: index for index, status in enumerate(PlanStatus.values)}


@dataclass(frozen=True)
class Step:
    label: str
    url: str
    done: bool
    hint: str = ""


def _labelled(plan: TeamRecoveryPlan, names: list[str]) -> list[tuple[str, str]]:
    return [
        (str(plan._meta.get_field(name).verbose_name).capitalize(), getattr(plan, name)) for name in names
    ]


def plan_document(plan: TeamRecoveryPlan) -> dict:
    """The plan's sections for the plan page, print view and PDF. Expects ``plan_detail_queryset``."""
    priorities = list(plan.priorities.all())
    ratings = list(plan.ratings.all())
    return {
        "resources": _labelled(
            plan,
            [
                "resources_staff",
                "resources_peer_workers",
                "resources_people_using_service",
                "resources_carers",
            ],
        ),
        "attendance": _labelled(
            plan,
            ["attended_staff", "attended_peer_workers", "attended_people_using_service", "attended_carers"],
        ),
        "reflection": _labelled(plan, ["strengths", "achievements", "areas_for_development", "ambitions"]),
        "ratings": ratings,
        "rated": sum(1 for rating in ratings if rating.stage),
        "priorities": priorities,
        "reviews": list(plan.reviews.all()),
        "facilitators": list(plan.facilitators.all()),
    }


def plan_steps(plan: TeamRecoveryPlan) -> list[Step]:
    """The editing steps as a task list, each marked done when its part of the plan is filled in."""
    document = plan_document(plan)
    url = lambda name: reverse(f"teams:plan-{name}", args=[plan.pk])  # noqa: E731
    priorities = document["priorities"]
    with_actions = [p for p in priorities if p.actions.all()]
    # A plan changed since it was agreed asks to be agreed again.
    agreed = _ORDER[plan.status] >= _ORDER[PlanStatus.AGREED] and not plan.changed_since_agreement
    return [
        Step("Team resources", url("resources"), any(value for _, value in document["resources"])),
        Step(
            "Away day",
            url("away-day"),
            plan.away_day_date is not None,
            f"{plan.attendance_total} took part, {plan.attended_people_using_service} using the service",
        ),
        Step("Reflection", url("reflection"), any(value for _, value in document["reflection"])),
        Step(
            "ImROC challenge ratings",
            url("ratings"),
            bool(document["ratings"]) and document["rated"] == len(document["ratings"]),
            f"{document['rated']} of {len(document['ratings'])} rated",
        ),
        Step(
            "Priorities and actions",
            url("priority-add") if len(priorities) < MAX_PRIORITIES else "#priorities",
            bool(priorities) and len(with_actions) == len(priorities),
            f"{len(priorities)} of at most {MAX_PRIORITIES} priorities",
        ),
        Step("Agree the plan", url("agree"), agreed, "A team manager marks the plan agreed"),
    ]
