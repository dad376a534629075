"""Who may do what with measures (django-rules, loaded by AutodiscoverRulesConfig).

Seeing a person's returns follows seeing the person (``careplans.selectors.person_detail_queryset``).
Recording a return with a person is for the clinicians and peer support workers of the teams with the
person on their current caseload (the careplans rule for changing plans), and for the person
themself. Friends and Family Test feedback for a team is recorded by the team's staff, or given by
someone on its caseload.
"""

import rules

from recovery_portal.rules import is_evaluation_team, is_person_using_services, is_trust_staff
from teams.policy import reviews_comments_of


@rules.predicate
def works_with_person(user, person) -> bool:
    # The careplans rule, reached through the permission registry rather than an import.
    return person is not None and user.has_perm("careplans.change_plan", person)


@rules.predicate
def is_the_person(user, person) -> bool:
    return bool(person is not None and user.is_authenticated and person.user_id == user.pk)


def _team_ids(user) -> set[int]:
    if not hasattr(user, "_measures_team_ids"):
        from teams.selectors import team_ids_for_user

        user._measures_team_ids = team_ids_for_user(user=user)
    return user._measures_team_ids


@rules.predicate
def works_in_team(user, team) -> bool:
    return team is not None and is_trust_staff(user) and team.pk in _team_ids(user)


@rules.predicate
def is_on_team_caseload(user, team) -> bool:
    if team is None or not is_person_using_services(user):
        return False
    from careplans.selectors import current_caseload_entries, own_record_for

    person = own_record_for(user=user)
    return person is not None and any(entry.team_id == team.pk for entry in current_caseload_entries(person))


rules.add_perm("evaluation.open_measures", is_trust_staff | is_person_using_services)
rules.add_perm("evaluation.view_measures", is_trust_staff)
rules.add_perm("evaluation.view_own_measures", is_person_using_services)
rules.add_perm("evaluation.add_prom_return", works_with_person | is_the_person)
rules.add_perm("evaluation.add_team_feedback", works_in_team | is_on_team_caseload)
rules.add_perm("evaluation.export_mhsds", is_evaluation_team)


@rules.predicate
def reviews_team_comments(user, team) -> bool:
    return team is not None and is_trust_staff(user) and reviews_comments_of(team=team, user=user)


# Friends and Family Test comments are shown to the team they are about, and to no one else; its staff
# flag one as identifying, its reviewers (teams.policy.COMMENT_REVIEWERS) decide whether it is shown.
rules.add_perm("evaluation.view_team_comments", works_in_team)
rules.add_perm("evaluation.flag_team_comment", works_in_team)
rules.add_perm("evaluation.review_team_comment", reviews_team_comments)
