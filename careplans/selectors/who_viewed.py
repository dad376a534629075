"""Who has read about a person: every audited read of their record, plans, outcome measures and
Recovery College records, and every list that showed them, each said in plain words with the reader's
role. A page of 50 reads costs the same handful of queries whatever is on it."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from recovery_portal.audit import PERSON, STUDENT, about_any, subject_key
from recovery_portal.models import AuditAction, AuditEvent

from ..models import Plan, ServiceUser, Supporter, SupporterRelationship

READS = [AuditAction.VIEW, AuditAction.EXPORT]


def _student_ids(person: ServiceUser) -> list[int]:
    if person.user_id is None:
        return []
    # Through the account's reverse relation: careplans imports nothing of the college (ARCHITECTURE §2).
    student = getattr(person.user, "student", None)
    return [student.pk] if student is not None else []


def reads_about(person: ServiceUser, *, hiding=None) -> QuerySet[AuditEvent]:
    """Every read about ``person``, newest first; ``hiding`` leaves out that user's own reads.

    Events name the people they were about (``subjects``); events written before they did are found by
    the record they point at (the person or one of their plans).
    """
    keys = [subject_key(PERSON, person.pk), *(subject_key(STUDENT, pk) for pk in _student_ids(person))]
    types = ContentType.objects.get_for_models(ServiceUser, Plan)
    plan_ids = [str(pk) for pk in Plan.objects.filter(person=person).values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        about_any(keys)
        | Q(object_type=types[ServiceUser], object_id=str(person.pk))
        | Q(object_type=types[Plan], object_id__in=plan_ids),
        action__in=READS,
    )
    if hiding is not None:
        events = events.exclude(actor=hiding)
    return events.select_related("actor", "object_type").order_by("-occurred_at", "-id")


@dataclass(frozen=True)
class Read:
    when: datetime
    who: str
    role: str
    what: str


# What a page of the person's record was, by the reason its view gave: the record's own pages.
_RECORD_PAGES = {
    "person overview": "{your} record",
    "own plans": "{your} plans page",
    "who has viewed the plans": "this list of who has viewed {your} record",
    "supporter sharing choices": "what {you} share with a supporter",
    "add a supporter": "{your} supporters",
    "supporter view": "what {you} share with a supporter",
    "outcome measures": "{your} outcome measures",
    "own outcome measures": "{your} outcome measures",
}
# Lists, by the reason their view gave: each showed the person's name among others.
_LISTS = {
    "caseload": "a team's caseload list, with {your} name",
    "caseload search": "a caseload search that found {you}",
    "home page": "{your} home page",
    "Recovery College session register": "a Recovery College register, with {your} name",
    "own Recovery College courses": "{your} Recovery College courses",
}
_RECORDS = {
    "promreturn": "{your} answers to {instrument}",
    "learningplan": "{your} Recovery College learning plan",
    "student": "{your} Recovery College courses",
    "enrolment": "{your} place on a Recovery College course",
    "attendance": "{your} attendance at a Recovery College session",
    "courserun": "a Recovery College course's list of students, with {your} name",
    "caseloadentry": "{your} place on a team's caseload",
    "supporter": "the details of {your} supporter",
    "planentry": "an entry in {your} plans",
    "planversion": "an earlier version of {your} plans",
    "disagreement": "what {you} disagreed with in {your} plans",
    "supporterconsent": "what {you} share with a supporter",
    "plandocument": "a document kept with {your} plans",
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _what(event, *, words: dict, plans: dict, instruments: dict) -> str:
    model = event.object_type.model if event.object_type_id else ""
    reason = event.reason
    in_admin = reason.startswith("admin")
    if model == "plan":
        text = f"{words['your']} {plans.get(event.object_id, 'plan')}"
        if event.action == AuditAction.EXPORT:
            text += " (a downloaded copy)"
    elif model == "serviceuser":
        key = (
            reason
            if reason in _RECORD_PAGES
            else ("outcome measures" if reason.startswith("recording ") else "person overview")
        )
        text = _RECORD_PAGES[key].format(**words)
    elif model in _RECORDS:
        text = _RECORDS[model].format(instrument=instruments.get(event.object_id, "a questionnaire"), **words)
    elif not model and reason.startswith("admin: list of "):
        text = f"a list of {reason.removeprefix('admin: list of ')}, with {words['your']} name"
    elif not model:
        text = _LISTS.get(reason, "a list with {your} name").format(**words)
    else:
        text = f"{words['your']} record"
    if in_admin:
        text += ", in the administration pages"
    elif event.action == AuditAction.EXPORT and model != "plan":
        text += " (a downloaded copy)"
    return _capital(text)


def _roles(person: ServiceUser, actors: list) -> dict[int, str]:
    """What each reader is to the person: a supporter (as what), or their role and team at the Trust."""
    from teams.selectors import current_memberships_of

    ids = [actor.pk for actor in actors]
    relationship = dict(SupporterRelationship.choices)
    roles = {
        user_id: f"{relationship.get(kind, 'Supporter')} (a supporter)"
        for user_id, kind in Supporter.objects.filter(person=person, user_id__in=ids).values_list(
            "user_id", "relationship"
        )
    }
    caseload_teams = set(person.caseload_entries.values_list("team_id", flat=True))
    best: dict[int, tuple] = {}
    for membership in current_memberships_of(user_ids=ids):
        rank = 0 if membership.team_id in caseload_teams else 1
        if membership.user_id not in best or rank < best[membership.user_id][0]:
            best[membership.user_id] = (
                rank,
                f"{membership.get_role_display() or 'Staff'}, {membership.team.name}",
            )
    for actor in actors:
        if actor.pk in roles:
            continue
        parts = []
        if actor.pk in best:
            parts.append(best[actor.pk][1])
        elif actor.is_superuser:
            parts.append("Administrator")
        if actor.job_title:
            parts.append(actor.job_title)
        roles[actor.pk] = " · ".join(parts) or "Trust staff"
    return roles


def describe_reads(events, *, person: ServiceUser, reader) -> list[Read]:
    """A page of reads said in plain words: who, their role, what they looked at and when."""
    events = list(events)
    own = person.user_id == reader.pk
    words = (
        {"your": "your", "you": "you"}
        if own
        else {"your": f"{person.display_name}'s", "you": person.display_name}
    )
    plans = {
        str(pk): kind_label[0].lower() + kind_label[1:]
        for pk, kind_label in (
            (plan.pk, plan.get_kind_display())
            for plan in Plan.objects.filter(person=person).only("pk", "kind")
        )
    }
    return_ids = [
        event.object_id
        for event in events
        if event.object_type_id and event.object_type.model == "promreturn"
    ]
    instruments = {}
    if return_ids:
        # The return model through its content type: careplans imports nothing of evaluation (ARCHITECTURE §2).
        returns = next(
            e.object_type for e in events if e.object_type_id and e.object_type.model == "promreturn"
        )
        instruments = {
            str(pk): name
            for pk, name in returns.model_class()
            .objects.filter(pk__in=return_ids)
            .values_list("pk", "instrument__short_name")
        }
    actors = list({event.actor.pk: event.actor for event in events if event.actor is not None}.values())
    roles = _roles(person, actors)
    reads = []
    for event in events:
        if event.actor is None:
            who, role = "Someone whose account no longer exists", ""
        elif event.actor_id == reader.pk:
            who, role = "You", ""
        elif event.actor_id == person.user_id:
            who, role = person.display_name, "The person themself"
        else:
            who, role = event.actor.display_name, roles.get(event.actor_id, "")
        reads.append(
            Read(
                when=timezone.localtime(event.occurred_at),
                who=who,
                role=role,
                what=_what(event, words=words, plans=plans, instruments=instruments),
            )
        )
    return reads
