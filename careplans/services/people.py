"""Writes about people: registering them, caseloads, supporters and what supporters may see."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from recovery_portal.nhs_number import normalise_nhs_number, validate_nhs_number
from teams.models import Team

from ..models import CaseloadEntry, Plan, ServiceUser, Supporter, SupporterConsent
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
    team: Team,
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
    team: Team,
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
    *, person: ServiceUser, team: Team, start_date: date, by, care_coordinator=None, peer_support_worker=None
) -> CaseloadEntry:
    """Put ``person`` on ``team``'s caseload; an open entry for the same team is kept, with these workers."""
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
    """Take the person off the team's caseload after ``end_date``; the team then no longer sees them."""
    if end_date < entry.start_date:
        raise ValidationError({"end_date": "The last day must be the same as or after the first day"})
    entry.end_date = end_date
    entry.changed_by = by
    entry.save(update_fields=["end_date", "changed_by", "changed_at"])
    return entry


@transaction.atomic
def supporter_add(
    *, person: ServiceUser, name: str, relationship: str, by, phone: str = "", user=None
) -> Supporter:
    """Record a carer, family member or friend. They see nothing until the person chooses to share."""
    return Supporter.objects.create(
        person=person, name=name, relationship=relationship, phone=phone, user=user, changed_by=by
    )


@transaction.atomic
def supporter_consent_set(*, supporter: Supporter, plan: Plan, sections: list[str], by) -> SupporterConsent:
    """Share exactly ``sections`` of ``plan`` with ``supporter`` (an empty list shares nothing)."""
    if plan.person_id != supporter.person_id:
        raise ValidationError("A supporter can only be shown plans of the person they support")
    known = [section.code for section in sections_for(plan.kind)]
    unknown = set(sections) - set(known)
    if unknown:
        raise ValidationError(f"Unknown sections: {', '.join(sorted(unknown))}")
    consent, _ = SupporterConsent.objects.get_or_create(supporter=supporter, plan=plan)
    consent.sections = [code for code in known if code in sections]
    consent.changed_by = by
    consent.save()
    return consent
