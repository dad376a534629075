"""Core predicates for django-rules. Apps add their own (teams/rules.py, workstreams/rules.py).

Each predicate answers one question about the signed-in user; views combine them through
permissions declared with ``rules.add_perm`` so the checks live in one place.
"""

import rules

from .models import AccountKind
from .roles import TrustRole


def trust_role_names(user) -> frozenset[str]:
    # One query per request at most: the names are cached on the user object.
    if not hasattr(user, "_trust_role_names"):
        user._trust_role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._trust_role_names


@rules.predicate
def is_trust_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == AccountKind.STAFF)


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_person_using_services(user) -> bool:
    return bool(user.is_authenticated and user.kind == AccountKind.PERSON)


@rules.predicate
def is_college_team(user) -> bool:
    return bool(user.is_authenticated and TrustRole.COLLEGE_TEAM in trust_role_names(user))


@rules.predicate
def is_evaluation_team(user) -> bool:
    return bool(user.is_authenticated and TrustRole.EVALUATION_TEAM in trust_role_names(user))


rules.add_perm("recovery_portal.view_system_status", is_administrator)
