"""Who may do what with people and their plans (django-rules, loaded by AutodiscoverRulesConfig).

Seeing a person is decided by ``ServiceUser.objects.visible_to``; these predicates decide what someone who
can see them may do. Clinicians and peer support workers of a team with the person on its current
caseload change plans; the person writes their own words, agrees and disagrees; team managers also keep
the caseload. Only clinical teams keep caseloads, and a caseload entry is changed or ended only by its own
team. Which roles do what is defined once, in ``teams.policy``.
"""

import rules
from django.utils import timezone

from recovery_portal.rules import is_person_using_services, is_trust_staff
from teams.policy import CASELOAD_KEEPERS, PLAN_WRITERS, holds_clinical_role

from .models import CaseloadEntry, Plan, PlanEntry, ServiceUser, Supporter
from .models.people import current_caseload_q


def _person_of(obj) -> ServiceUser | None:
    if isinstance(obj, ServiceUser):
        return obj
    if isinstance(obj, Plan | Supporter | CaseloadEntry):
        return obj.person
    if isinstance(obj, PlanEntry):
        return obj.plan.person
    return None


def _membership_roles(user) -> dict[int, str]:
    """Team id → role, for the user's current memberships of clinical teams (the only teams with
    caseloads); cached on the user for the request."""
    if not hasattr(user, "_careplans_team_roles"):
        from teams.selectors import memberships_for_user

        user._careplans_team_roles = {
            m.team_id: m.role for m in memberships_for_user(user=user) if holds_clinical_role(m)
        }
    return user._careplans_team_roles


def caseload_roles(user, person: ServiceUser | None) -> set[str]:
    """The user's roles in the teams that have ``person`` on their current caseload."""
    if person is None or not is_trust_staff(user):
        return set()
    cache = user.__dict__.setdefault("_careplans_caseload_roles", {})
    if person.pk not in cache:
        roles = _membership_roles(user)
        team_ids = CaseloadEntry.objects.filter(
            current_caseload_q(timezone.localdate()), person=person, team_id__in=roles
        ).values_list("team_id", flat=True)
        cache[person.pk] = {roles[team_id] for team_id in team_ids}
    return cache[person.pk]


@rules.predicate
def works_with_person(user, obj) -> bool:
    """A clinician or peer support worker of a team with the person on its current caseload."""
    return bool(caseload_roles(user, _person_of(obj)) & PLAN_WRITERS)


@rules.predicate
def keeps_caseload_of(user, obj) -> bool:
    """For a caseload entry: a keeper of that entry's own team's caseload (another team that also has the
    person cannot end or change it). For a person: a keeper of any caseload they are on."""
    if isinstance(obj, CaseloadEntry):
        return is_trust_staff(user) and _membership_roles(user).get(obj.team_id) in CASELOAD_KEEPERS
    return bool(caseload_roles(user, _person_of(obj)) & CASELOAD_KEEPERS)


@rules.predicate
def keeps_team_caseload(user, team) -> bool:
    """Keeps this (clinical) team's caseload: may put people on it."""
    return (
        is_trust_staff(user) and team is not None and _membership_roles(user).get(team.pk) in CASELOAD_KEEPERS
    )


@rules.predicate
def is_the_person(user, obj) -> bool:
    person = _person_of(obj)
    return bool(person is not None and user.is_authenticated and person.user_id == user.pk)


@rules.predicate
def is_in_own_words(user, entry) -> bool:
    return isinstance(entry, PlanEntry) and entry.in_own_words


@rules.predicate
def keeps_a_caseload(user) -> bool:
    return bool(set(_membership_roles(user).values()) & CASELOAD_KEEPERS) if is_trust_staff(user) else False


rules.add_perm("careplans.view_caseload", is_trust_staff)
rules.add_perm("careplans.add_serviceuser", keeps_a_caseload)
rules.add_perm("careplans.change_caseload", keeps_caseload_of)
rules.add_perm("careplans.keep_team_caseload", keeps_team_caseload)  # object: the team
rules.add_perm("careplans.change_plan", works_with_person)
rules.add_perm("careplans.write_own_words", works_with_person | is_the_person)
# Staff never change the person's own words: they add an entry, or record the person's disagreement.
rules.add_perm(
    "careplans.change_entry", (works_with_person & ~is_in_own_words) | (is_the_person & is_in_own_words)
)
rules.add_perm("careplans.agree_plan", works_with_person | is_the_person)
rules.add_perm("careplans.share_with_supporters", works_with_person | is_the_person)
rules.add_perm("careplans.view_own_plans", is_person_using_services)
