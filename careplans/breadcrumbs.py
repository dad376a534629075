"""Where each careplans page sits, for its breadcrumbs (recovery_portal.breadcrumbs).

A person reaches their own plans from "Your plans" and reads their plans' own titles; staff reach a plan
through their caseload and the person's page.
"""

from recovery_portal.breadcrumbs import by_viewer, page

from .sections import OWN_TITLES

# The pages of one plan; the record is the plan (an entry's pages pass the entry's plan).
PLAN_PAGES = (
    "plan-details", "plan-agree", "entry-add", "entry-change", "entry-remove", "entry-disagree",
    "document-add",
)  # fmt: skip


def _is_own(user, person) -> bool:
    return person.user_id == user.pk


def _plan_title(user, plan) -> str:
    return OWN_TITLES[plan.kind] if _is_own(user, plan.person) else plan.get_kind_display()


def _plan_parent(user, plan) -> str:
    return "careplans:my-plans" if _is_own(user, plan.person) else "careplans:person"


def _person_parent(user, _person) -> str:
    # Someone who keeps no caseload (the person, reading their own messages) has no caseload to go back to.
    return "careplans:caseload" if user.has_perm("careplans.view_caseload") else "home"


def register() -> None:
    page("careplans:caseload", "Caseload")
    page("careplans:my-plans", "Your plans")
    page("careplans:shared", "Shared with you")
    page("careplans:person-new", "Add a person", parent="careplans:caseload")
    page("careplans:person-known", "Add a person known to the Trust", parent="careplans:caseload")
    page("careplans:person", lambda person: person.display_name, parent=by_viewer(_person_parent),
         args=lambda person: [person.pk])  # fmt: skip
    # The record of these is the person.
    page("careplans:person-messages", "Messages", parent="careplans:person")
    for name in ("supporter-new", "supporter-sharing"):
        page(f"careplans:{name}", "Supporters",
             parent=by_viewer(lambda user, person: "home" if _is_own(user, person) else "careplans:person"))  # fmt: skip
    page("careplans:who-viewed", "Who has viewed",
         parent=by_viewer(lambda user, person: "careplans:my-plans" if _is_own(user, person) else "careplans:person"))  # fmt: skip
    page(
        "careplans:caseload-end",
        "Leave the caseload",
        parent="careplans:person",
        up=lambda entry: entry.person,
    )
    page("careplans:plan", by_viewer(_plan_title), parent=by_viewer(_plan_parent), up=lambda plan: plan.person,
         args=lambda plan: [plan.pk])  # fmt: skip
    for name in PLAN_PAGES:
        page(f"careplans:{name}", "Plan", parent="careplans:plan")
    page("careplans:plan-history", "Versions", parent="careplans:plan", args=lambda plan: [plan.pk])
    for name in ("plan-version", "plan-compare"):
        page(f"careplans:{name}", "Versions", parent="careplans:plan-history")
