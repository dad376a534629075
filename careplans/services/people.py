"""Writes about people: registering them, caseloads, supporters and what supporters may see."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from recovery_portal.nhs_number import normalise_nhs_number, validate_nhs_number
from recovery_portal.services import follow_up_task_raise
from teams.policy import CASELOAD_MANAGERS
from teams.selectors import team_members_in_roles

from ..models import CaseloadEntry, ConsentGiven, Plan, ServiceUser, Supporter, SupporterConsent
from ..sections import sections_for

# One message whether no person has the NHS number or their date of birth differs, so that the page
# never tells anyone that a person is known to the Trust (HAZ-062).
NO_MATCH = (
    "We could not find a person with this NHS number and date of birth. "
    "Check both against the referral and try again"
)


def _known_person(*, nhs_number: str, date_of_birth: date) -> ServiceUser:
    """The person with both this NHS number and this date of birth, else the same refusal either way."""
    person = ServiceUser.objects.filter(
        nhs_number=normalise_nhs_number(nhs_number), date_of_birth=date_of_birth
    ).first()
    if person is None:
        raise ValidationError(NO_MATCH, code="no_match")
    return person


@transaction.atomic
def caseload_referral_accept(
    *,
    nhs_number: str,
    date_of_birth: date,
    team,
    start_date: date,
    by,
    care_coordinator=None,
    peer_support_worker=None,
) -> CaseloadEntry:
    """Put a person already known to the Trust on ``team``'s caseload, as a referral the team accepts.

    Both the NHS number and the date of birth must match the person's record; otherwise ``NO_MATCH``.
    """
    person = _known_person(nhs_number=nhs_number, date_of_birth=date_of_birth)
    return caseload_entry_start(
        person=person,
        team=team,
        start_date=start_date,
        care_coordinator=care_coordinator,
        peer_support_worker=peer_support_worker,
        by=by,
    )


@transaction.atomic
def service_user_register(
    *,
    given_name: str,
    family_name: str,
    date_of_birth: date,
    nhs_number: str,
    team,
    start_date: date,
    by,
    preferred_name: str = "",
    pronouns: str = "",
    phone: str = "",
    email: str = "",
    contact_preference: str = "",
    care_coordinator=None,
    peer_support_worker=None,
    user=None,
) -> ServiceUser:
    """Record a person and put them on ``team``'s caseload from ``start_date``; both or neither are saved."""
    validate_nhs_number(nhs_number)
    digits = normalise_nhs_number(nhs_number)
    if ServiceUser.objects.filter(nhs_number=digits).exists():
        # Said without confirming who the number belongs to; a person already known is added by NHS
        # number and date of birth together (``caseload_referral_accept``).
        raise ValidationError(
            {
                "nhs_number": "This NHS number cannot be used for a new record. Check it, or if the person "
                "is already known to the Trust, add them with their NHS number and date of birth"
            }
        )
    person = ServiceUser.objects.create(
        given_name=given_name,
        family_name=family_name,
        preferred_name=preferred_name,
        pronouns=pronouns,
        date_of_birth=date_of_birth,
        nhs_number=digits,
        phone=phone,
        email=email,
        contact_preference=contact_preference,
        user=user,
        changed_by=by,
    )
    caseload_entry_start(
        person=person,
        team=team,
        start_date=start_date,
        care_coordinator=care_coordinator,
        peer_support_worker=peer_support_worker,
        by=by,
    )
    return person


@transaction.atomic
def caseload_entry_start(
    *, person: ServiceUser, team, start_date: date, by, care_coordinator=None, peer_support_worker=None
) -> CaseloadEntry:
    """Put ``person`` on ``team``'s caseload; an open entry for the same team is kept, with these workers.

    Only someone who keeps that clinical team's caseload may: the Recovery College and other non-clinical
    teams keep no care records.
    """
    if not by.has_perm("careplans.keep_team_caseload", team):
        raise PermissionDenied("Only the team's own clinical staff can put someone on its caseload")
    entry = CaseloadEntry.objects.filter(person=person, team=team, end_date__isnull=True).first()
    if entry is None:
        entry = CaseloadEntry(person=person, team=team, start_date=start_date)
    entry.care_coordinator = care_coordinator
    entry.peer_support_worker = peer_support_worker
    entry.changed_by = by
    entry.save()
    return entry


@transaction.atomic
def caseload_entry_end(*, entry: CaseloadEntry, end_date: date, by) -> CaseloadEntry:
    """Take the person off the team's caseload after ``end_date``; the team then no longer sees them.

    Only the entry's own team may (another team that also has the person cannot). The team's managers and
    the person's care coordinator each get a follow-up task, so no one loses a person without knowing.
    """
    if not by.has_perm("careplans.change_caseload", entry):
        raise PermissionDenied("Only the caseload's own team can record that someone has left it")
    if end_date < entry.start_date:
        raise ValidationError({"end_date": "The last day must be the same as or after the first day"})
    entry.end_date = end_date
    entry.changed_by = by
    entry.save(update_fields=["end_date", "changed_by", "changed_at"])
    _caseload_end_tasks_raise(entry=entry, by=by)
    return entry


def _caseload_end_tasks_raise(*, entry: CaseloadEntry, by) -> None:
    managers = team_members_in_roles(team_id=entry.team_id, roles=CASELOAD_MANAGERS)
    told = [membership.user for membership in managers]
    if entry.care_coordinator is not None:
        told.append(entry.care_coordinator)
    when = timezone.localdate()
    for user in {user.pk: user for user in told if user.is_active}.values():
        follow_up_task_raise(
            key=f"careplans:caseload-ended:{entry.pk}:{entry.end_date.isoformat()}:{user.pk}",
            assignee=user,
            title=f"{entry.person.display_name} has left the caseload of {entry.team.name}",
            detail=(
                f"{by.display_name} recorded on {when:%-d %B %Y} that their last day on the caseload is "
                f"{entry.end_date:%-d %B %Y}. Check their crisis and safety plans are handed over."
            ),
        )


@transaction.atomic
def supporter_add(
    *, person: ServiceUser, name: str, relationship: str, by, phone: str = "", user=None
) -> Supporter:
    """Record a carer, family member or friend. They see nothing until the person chooses to share."""
    return Supporter.objects.create(
        person=person, name=name, relationship=relationship, phone=phone, user=user, changed_by=by
    )


CONSENT_NEEDED = "Say how the person gave their consent, here with you. Only they can choose what is shared"


@transaction.atomic
def supporter_consent_set(
    *, supporter: Supporter, plan: Plan, sections: list[str], by, given_in_room: str = ""
) -> SupporterConsent:
    """Share exactly ``sections`` of ``plan`` with ``supporter`` (an empty list shares nothing).

    The person chooses through their own login; a worker may only record a choice the person made with
    them in the room, saying how it was given (``given_in_room``). Who recorded it and when are kept, the
    history keeps every change, and the person's own pages list the changes made for them.
    """
    if plan.person_id != supporter.person_id:
        raise ValidationError("A supporter can only be shown plans of the person they support")
    by_the_person = plan.person.user_id is not None and plan.person.user_id == by.pk
    if by_the_person:
        given_in_room = ""
    elif given_in_room not in ConsentGiven.values:
        raise ValidationError({"given_in_room": CONSENT_NEEDED})
    known = [section.code for section in sections_for(plan.kind)]
    unknown = set(sections) - set(known)
    if unknown:
        raise ValidationError(f"Unknown sections: {', '.join(sorted(unknown))}")
    consent, created = SupporterConsent.objects.get_or_create(
        supporter=supporter, plan=plan, defaults={"changed_by": by, "given_in_room": given_in_room}
    )
    chosen = [code for code in known if code in sections]
    if not created and consent.sections == chosen:
        return consent  # nothing changed: no new entry in the history, nothing to tell the person
    consent.sections = chosen
    consent.given_in_room = given_in_room
    consent.changed_by = by
    consent.save()
    return consent


def person_for_verified_identity(*, nhs_number: str, date_of_birth: date) -> ServiceUser | None:
    """The person a verified NHS login is about: both the NHS number and the date of birth must match
    (ADR 0026). The same single query is made whether or not anyone has the number, so neither the answer
    nor its timing says whether the Trust knows the person (HAZ-067)."""
    try:
        return _known_person(nhs_number=nhs_number, date_of_birth=date_of_birth)
    except ValidationError:
        return None


@transaction.atomic
def person_account_link(*, person: ServiceUser, user, by) -> ServiceUser:
    """Give a person their own login to their online record. A record keeps the login it has."""
    person = ServiceUser.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None and person.user_id != user.pk:
        raise ValidationError("This person's online record already has a login", code="already_linked")
    if person.user_id is None:
        person.user = user
        person.changed_by = by
        person.save(update_fields=["user", "changed_by", "changed_at"])
    return person


@transaction.atomic
def supporter_account_link(*, supporter: Supporter, user, by) -> Supporter:
    """Give a supporter their own login, through which they see what the person shares with them."""
    supporter = Supporter.objects.select_for_update().get(pk=supporter.pk)
    if supporter.user_id is not None and supporter.user_id != user.pk:
        raise ValidationError("This supporter already has a login", code="already_linked")
    supporter.user = user
    supporter.changed_by = by
    supporter.save(update_fields=["user", "changed_by", "changed_at"])
    return supporter


@transaction.atomic
def supporter_access_withdraw(*, supporter: Supporter, by) -> Supporter:
    """The person ends a supporter's access: their login no longer reaches the person from the next
    request (``supporting_for`` follows this link). The supporter record and what was shared stay in the
    history; the person can invite them again."""
    if supporter.person.user_id != by.pk:
        raise PermissionDenied
    supporter = Supporter.objects.select_for_update().get(pk=supporter.pk)
    supporter.user = None
    supporter.changed_by = by
    supporter.save(update_fields=["user", "changed_by", "changed_at"])
    return supporter
