"""Writes to plans. Each change is one atomic service: it locks the plan row, refuses a change built on
an older version (``StaleEdit``), writes the entries, bumps the version and stores the new version's
snapshot. A change to an agreed plan makes it a draft again until the person agrees it.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from recovery_portal.concurrency import StaleEdit
from recovery_portal.uploads import validate_upload

from ..models import (
    AuthorRole,
    Disagreement,
    Plan,
    PlanDocument,
    PlanEntry,
    PlanStage,
    PlanStatus,
    PlanVersion,
    ServiceUser,
)
from ..sections import EntryKind, PlanKind, section_for

REFUSAL_NEEDS_ALTERNATIVE = "Add an acceptable alternative for this refusal, or say there is none"
NOT_THEIR_OWN_WORDS = (
    "Only the person can write in their own words. Record what they said as said by them and written down "
    "by you, or add your own entry"
)
PERSONS_ENTRY = (
    "This entry is in the person's own words, so only they can change or remove it. Add a new entry, "
    "or record that they disagree with it"
)


def _is_the_person(plan: Plan, by) -> bool:
    return by is not None and plan.person.user_id is not None and plan.person.user_id == by.pk


def _check_author_role(plan: Plan, *, author_role: str, by) -> None:
    """Entries in the person's own words are written only through the person's own login."""
    if author_role == AuthorRole.PERSON and not _is_the_person(plan, by):
        raise PermissionDenied(NOT_THEIR_OWN_WORDS)
    if author_role not in AuthorRole.values:
        raise ValidationError({"author_role": "Choose whose words these are"})


def _check_may_change(entry: PlanEntry, *, by) -> None:
    if entry.in_own_words and not _is_the_person(entry.plan, by):
        raise PermissionDenied(PERSONS_ENTRY)


def plan_content(plan: Plan) -> dict:
    """The plan as it reads now: its details and every entry in section order."""
    entries = plan.entries.select_related("written_by").order_by("section", "order", "id")
    entries = [entry.snapshot() for entry in entries]
    return {
        "details": {
            "review_date": plan.review_date.isoformat() if plan.review_date else "",
            "stage": plan.stage,
            "facilitator": plan.facilitator,
            "people_present": plan.people_present,
            "person_at_meeting": plan.person_at_meeting,
        },
        "entries": entries,
    }


def _locked(plan: Plan, expected_version: int) -> Plan:
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    if current.version != expected_version:
        raise StaleEdit(current)
    return current


def _save_version(plan: Plan, *, by, summary: str) -> PlanVersion:
    """Bump the locked plan's version, make it a draft again, and keep a snapshot of this version."""
    plan.version += 1
    plan.status = PlanStatus.DRAFT
    plan.changed_by = by
    plan.save()
    return PlanVersion.objects.create(
        plan=plan, number=plan.version, content=plan_content(plan), summary=summary[:200], created_by=by
    )


def _clean_entry(plan: Plan, *, section: str, text: str, alternative: str, no_alternative: bool, phone: str):
    found = section_for(plan.kind, section)
    if found is None:
        raise ValidationError({"section": "Choose a section of this plan"})
    errors = {}
    if not text.strip():
        errors["text"] = "Enter what to write in the plan"
    if found.kind == EntryKind.REFUSAL and not alternative.strip() and not no_alternative:
        errors["alternative"] = REFUSAL_NEEDS_ALTERNATIVE
    if found.kind != EntryKind.CONTACT and phone:
        errors["phone"] = "Only contacts have a phone number"
    if errors:
        raise ValidationError(errors)
    return found


@transaction.atomic
def plan_start(*, person: ServiceUser, kind: str, by) -> Plan:
    """The person's plan of ``kind``, started as an empty draft (version 1) if they have none yet."""
    plan = Plan.objects.filter(person=person, kind=kind).first()
    if plan is not None:
        return plan
    plan = Plan.objects.create(
        person=person,
        kind=kind,
        stage=PlanStage.PREPARATION if kind == PlanKind.CRISIS else "",
        changed_by=by,
    )
    PlanVersion.objects.create(
        plan=plan, number=plan.version, content=plan_content(plan), summary="Plan started", created_by=by
    )
    return plan


@transaction.atomic
def plan_entry_add(
    *,
    plan: Plan,
    expected_version: int,
    section: str,
    text: str,
    author_role: str,
    by,
    alternative: str = "",
    no_alternative: bool = False,
    phone: str = "",
    life_area: str = "",
) -> PlanEntry:
    """Add an entry to a section, recording whose words it is (the person's own only from the person)."""
    _check_author_role(plan, author_role=author_role, by=by)
    found = _clean_entry(
        plan, section=section, text=text, alternative=alternative, no_alternative=no_alternative, phone=phone
    )
    locked = _locked(plan, expected_version)
    last = locked.entries.filter(section=section).order_by("-order").first()
    entry = PlanEntry.objects.create(
        plan=locked,
        section=section,
        text=text.strip(),
        alternative=alternative.strip(),
        no_alternative=no_alternative and not alternative.strip(),
        phone=phone.strip(),
        life_area=life_area if found.kind == EntryKind.GOAL else "",
        author_role=author_role,
        written_by=by,
        order=(last.order + 1) if last else 0,
    )
    _save_version(locked, by=by, summary=f"Added to {found.title}")
    plan.version, plan.status = locked.version, locked.status
    return entry


@transaction.atomic
def plan_entry_change(
    *,
    entry: PlanEntry,
    expected_version: int,
    text: str,
    by,
    author_role: str | None = None,
    alternative: str = "",
    no_alternative: bool = False,
    phone: str = "",
    life_area: str = "",
) -> PlanEntry:
    """Change an entry's words. ``author_role`` None keeps whose words it is. Staff cannot change an
    entry in the person's own words, nor make an entry the person's own."""
    _check_may_change(entry, by=by)
    if author_role:
        _check_author_role(entry.plan, author_role=author_role, by=by)
    found = _clean_entry(
        entry.plan,
        section=entry.section,
        text=text,
        alternative=alternative,
        no_alternative=no_alternative,
        phone=phone,
    )
    locked = _locked(entry.plan, expected_version)
    entry.text = text.strip()
    entry.alternative = alternative.strip()
    entry.no_alternative = no_alternative and not entry.alternative
    entry.phone = phone.strip()
    entry.life_area = life_area if found.kind == EntryKind.GOAL else ""
    if author_role:
        entry.author_role = author_role
    entry.written_by = by
    entry.save()
    _save_version(locked, by=by, summary=f"Changed {found.title}")
    return entry


@transaction.atomic
def plan_entry_remove(*, entry: PlanEntry, expected_version: int, by) -> Plan:
    """Remove an entry from the current plan; earlier versions still show it. Only the person removes
    their own words."""
    _check_may_change(entry, by=by)
    locked = _locked(entry.plan, expected_version)
    found = section_for(locked.kind, entry.section)
    entry.delete()
    _save_version(locked, by=by, summary=f"Removed from {found.title if found else entry.section}")
    return locked


CRISIS_AGREEMENT_NEEDS_MEETING = (
    "A Joint Crisis Plan is agreed at its planning meeting. Record the planning meeting, who facilitated it "
    "and that the person was there, then agree the plan"
)


@transaction.atomic
def plan_details_change(
    *,
    plan: Plan,
    expected_version: int,
    by,
    review_date: date | None,
    stage: str = "",
    facilitator: str = "",
    people_present: str = "",
    person_at_meeting: bool = False,
) -> Plan:
    """Set the review date and, for a crisis plan, its stage, facilitator and the people present.

    A new review date must be in the future (an unchanged one may have passed: that is a review overdue).
    A crisis plan at its planning meeting names the facilitator and the people there.
    """
    locked = _locked(plan, expected_version)
    problems = {}
    if review_date is not None and review_date != locked.review_date and review_date <= timezone.localdate():
        problems["review_date"] = "Review date must be in the future"
    if locked.kind == PlanKind.CRISIS and stage == PlanStage.PLANNING_MEETING:
        if not facilitator.strip():
            problems["facilitator"] = "Enter who facilitated the planning meeting"
        if not people_present.strip():
            problems["people_present"] = "Enter who was at the planning meeting"
    if problems:
        raise ValidationError(problems)
    locked.review_date = review_date
    if locked.kind == PlanKind.CRISIS:
        locked.stage = stage or PlanStage.PREPARATION
        locked.facilitator = facilitator.strip()
        locked.people_present = people_present.strip()
        locked.person_at_meeting = person_at_meeting and locked.stage == PlanStage.PLANNING_MEETING
    _save_version(locked, by=by, summary="Changed the plan's details")
    return locked


@transaction.atomic
def plan_agree(*, plan: Plan, expected_version: int, by, in_person: bool = False) -> Plan:
    """The person agrees the plan exactly as it reads at ``expected_version``.

    Refused with ``StaleEdit`` if the plan changed after the page they agreed on was shown.
    """
    locked = _locked(plan, expected_version)
    if not locked.entries.exists():
        raise ValidationError("There is nothing in the plan to agree yet")
    if locked.kind == PlanKind.CRISIS and not (
        locked.stage == PlanStage.PLANNING_MEETING and locked.facilitator and locked.person_at_meeting
    ):
        raise ValidationError(CRISIS_AGREEMENT_NEEDS_MEETING)
    locked.agreed_version = locked.versions.get(number=expected_version)
    locked.status = PlanStatus.AGREED
    locked.agreed_at = timezone.now()
    locked.agreed_by = by
    locked.agreed_in_person = in_person
    locked.changed_by = by
    locked.save()
    return locked


@transaction.atomic
def disagreement_record(*, entry: PlanEntry, text: str, by) -> Disagreement:
    """Record that the person disagrees with an entry. The entry is left as written; both stay visible."""
    if not text.strip():
        raise ValidationError({"text": "Enter what you disagree with"})
    return Disagreement.objects.create(
        plan=entry.plan,
        entry=entry,
        entry_text=entry.text,
        text=text.strip(),
        recorded_by=by,
        plan_version=entry.plan.version,
    )


def author_role_for(*, plan: Plan, by) -> str:
    """Whose words an entry is by default: the person's when they write it, else the worker's role."""
    if plan.person.user_id == by.pk:
        return AuthorRole.PERSON
    from teams.policy import is_peer_worker_only
    from teams.selectors import memberships_for_user

    roles = {membership.role for membership in memberships_for_user(user=by)}
    return AuthorRole.PEER_WORKER if is_peer_worker_only(roles) else AuthorRole.CLINICIAN


PLAN_DOCUMENT_TYPES = ("pdf", "png", "jpg", "jpeg")
PLAN_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024


@transaction.atomic
def plan_document_add(*, plan: Plan, title: str, upload, by) -> PlanDocument:
    """Keep a document with the plan. The file is checked (type by its first bytes, and size) before
    anything is written."""
    validate_upload(upload, allowed=PLAN_DOCUMENT_TYPES, max_bytes=PLAN_DOCUMENT_MAX_BYTES)
    if not title.strip():
        raise ValidationError({"title": "Enter a name for the document"})
    return PlanDocument.objects.create(
        plan=plan, title=title.strip(), file=upload, size=upload.size, uploaded_by=by
    )
