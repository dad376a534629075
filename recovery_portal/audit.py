"""Writing the audit trail. Views, the admin and the erasure service call these; nothing else writes
``AuditEvent`` rows.

Every event names the people it was about (``subjects``): a record's own person, or everyone shown on a
list page, so that "who viewed my plan" finds every read about a person, lists included.
"""

from collections.abc import Iterable
from functools import cache, reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model, Q
from django.http import HttpRequest

from .access import PersonalData
from .models import AuditAction, AuditEvent

# The two kinds of person the Trust keeps records about: people who use services, and college students.
PERSON = "careplans.serviceuser"
STUDENT = "college.student"
SUBJECT_MODELS = (PERSON, STUDENT)


def subject_key(label: str, pk) -> str:
    return f"{label}:{pk}"


def people(pks: Iterable) -> list[str]:
    """Subject keys of people who use services (``ServiceUser`` ids)."""
    return [subject_key(PERSON, pk) for pk in dict.fromkeys(pks) if pk is not None]


def students(pks: Iterable) -> list[str]:
    """Subject keys of Recovery College students (``Student`` ids)."""
    return [subject_key(STUDENT, pk) for pk in dict.fromkeys(pks) if pk is not None]


def about_any(keys: Iterable[str]) -> Q:
    """Events naming any of ``keys``: JSON containment on PostgreSQL (served by the GIN index), the quoted
    key in the JSON text elsewhere (SQLite, for ``make run``)."""
    if connection.vendor == "postgresql":
        return reduce(or_, (Q(subjects__contains=[key]) for key in keys), Q(pk__in=[]))
    return reduce(or_, (Q(subjects__icontains=f'"{key}"') for key in keys), Q(pk__in=[]))


@cache
def subject_paths(model) -> list[tuple[str, str]]:
    """(subject model, ORM path) from ``model`` to the people its rows are about, found by following
    foreign keys through other personal-data models; the shortest paths only."""
    label = model._meta.label_lower
    if label in SUBJECT_MODELS:
        return [(label, "pk")]
    frontier = [(model, "")]
    for _depth in range(3):
        found, following = [], []
        for current, prefix in frontier:
            for field in current._meta.get_fields():
                if (
                    not (field.many_to_one or field.one_to_one)
                    or not field.concrete
                    or field.related_model is None
                ):
                    continue
                target = field.related_model
                path = f"{prefix}{field.name}"
                if target._meta.label_lower in SUBJECT_MODELS:
                    found.append((target._meta.label_lower, path))
                elif issubclass(target, PersonalData) and target is not model:
                    following.append((target, f"{path}__"))
        if found:
            return list(dict.fromkeys(found))
        frontier = following
    return []


def subjects_of(obj: Model) -> list[str]:
    """The people one record is about; no query when the foreign keys on the way are already loaded."""
    keys = []
    for label, path in subject_paths(type(obj)):
        if path == "pk":
            keys.append(subject_key(label, obj.pk))
            continue
        *hops, last = path.split("__")
        current = obj
        for hop in hops:
            current = getattr(current, hop, None)
            if current is None:
                break
        else:
            pk = getattr(current, f"{last}_id", None)
            if pk is not None:
                keys.append(subject_key(label, pk))
    return list(dict.fromkeys(keys))


def subjects_of_rows(model, rows: Iterable[Model]) -> list[str]:
    """The people the ``rows`` of a list page are about: read from the rows when they hold the key,
    else one query per path for the whole page, never one per row."""
    rows = list(rows)
    keys = []
    if not rows:
        return keys
    for label, path in subject_paths(model):
        if path == "pk":
            keys.extend(subject_key(label, row.pk) for row in rows)
        elif "__" not in path:
            keys.extend(subject_key(label, getattr(row, f"{path}_id")) for row in rows)
        else:
            values = model._default_manager.filter(pk__in=[row.pk for row in rows]).values_list(
                path, flat=True
            )
            keys.extend(subject_key(label, pk) for pk in values.distinct() if pk is not None)
    return [key for key in dict.fromkeys(keys) if not key.endswith(":None")]


def _client_ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless the proxy rewrites it.
    return request.META.get("REMOTE_ADDR") if request is not None else None


def audit_record(
    *,
    actor,
    action: AuditAction,
    obj: Model | None = None,
    request: HttpRequest | None = None,
    reason: str = "",
    subjects: Iterable[str] = (),
) -> AuditEvent:
    """Append one event: who did what to which record (and which people), when, from which request, and why."""
    keys = list(dict.fromkeys([*(subjects_of(obj) if obj is not None else []), *subjects]))
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        reason=reason[:200],
        request_id=getattr(request, "request_id", "") if request is not None else "",
        ip_address=_client_ip(request),
        subjects=keys,
    )


def audit_view(
    request: HttpRequest, obj: Model, *, reason: str = "", subjects: Iterable[str] = ()
) -> AuditEvent:
    """Record that the signed-in user read ``obj`` (a person's record, plan or return)."""
    return audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=obj,
        request=request,
        reason=reason or request.path,
        subjects=subjects,
    )


def audit_list(request: HttpRequest, *, subjects: Iterable[str], reason: str) -> AuditEvent:
    """Record that the signed-in user read a list page: one event naming every person shown on it.

    Written even when the list is empty, so a search that found nobody is seen too.
    """
    return audit_record(
        actor=request.user, action=AuditAction.VIEW, request=request, reason=reason, subjects=subjects
    )


def audit_export(request: HttpRequest, obj: Model | None = None, *, reason: str) -> AuditEvent:
    return audit_record(
        actor=request.user, action=AuditAction.EXPORT, obj=obj, request=request, reason=reason
    )
