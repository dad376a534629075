"""Erasure of a plan entry under a legal request: the only write that reaches into saved versions.

History is otherwise never changed (ADR 0003). When the law requires words to go, they go from the plan
and from every saved version and disagreement that quoted them, and each place says so: the words read
"Removed on <date> under a legal request". Nothing is silent: the removal is an :class:`Erasure` row and
an audit event with the reason, and a plan that had been agreed goes back to draft with a new version, so
the person is asked to agree it again.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from recovery_portal.audit import audit_record
from recovery_portal.models import AuditAction

from ..models import Disagreement, Erasure, Plan, PlanEntry, PlanVersion
from ..sections import section_for
from .plans import _save_version

REASON_NEEDED = "Enter the legal request this removal answers, with its reference"


def removed_words(on) -> str:
    return f"Removed on {date_format(timezone.localdate(on), 'j F Y')} under a legal request"


@transaction.atomic
def plan_entry_erase(*, entry: PlanEntry, reason: str, by, request=None) -> Erasure:
    """Remove ``entry`` from its plan and from every saved version and disagreement that holds its words.

    Superusers only. ``request`` (when there is one) puts the request id and address on the audit event.
    """
    if not (by.is_active and by.is_superuser):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    plan = Plan.objects.select_for_update().get(pk=entry.plan_id)
    erased_at = timezone.now()
    marker = removed_words(erased_at)
    changed = []
    for version in PlanVersion.objects.filter(plan=plan).order_by("number"):
        entries = version.content.get("entries", [])
        if not any(item.get("id") == entry.pk for item in entries):
            continue
        content = {
            **version.content,
            "entries": [
                {**item, "text": marker, "alternative": "", "phone": ""}
                if item.get("id") == entry.pk
                else item
                for item in entries
            ],
        }
        # The one update of a saved version anywhere, recorded below in the Erasure row.
        PlanVersion.objects.filter(pk=version.pk).update(content=content)
        changed.append(version.number)
    Disagreement.objects.filter(entry=entry).update(entry_text=marker)
    agreed_number = plan.agreed_version.number if plan.agreed_version_id else None
    erasure = Erasure.objects.create(
        plan=plan,
        entry_id=entry.pk,
        section=entry.section,
        reason=reason.strip(),
        versions_changed=changed,
        agreed_version_changed=agreed_number in changed,
        erased_by=by,
        erased_at=erased_at,
    )
    found = section_for(plan.kind, entry.section)
    entry.delete()
    _save_version(
        plan, by=by, summary=f"Removed from {found.title if found else entry.section} under a legal request"
    )
    audit_record(
        actor=by, action=AuditAction.DELETE, obj=plan, request=request, reason=f"erasure: {reason.strip()}"
    )
    return erasure
