"""Writing the audit trail. Views call these; nothing else writes ``AuditEvent`` rows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import HttpRequest

from .models import AuditAction, AuditEvent


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
) -> AuditEvent:
    """Append one event: who did what to which record, when, from which request, and why."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        reason=reason[:200],
        request_id=getattr(request, "request_id", "") if request is not None else "",
        ip_address=_client_ip(request),
    )


def audit_view(request: HttpRequest, obj: Model, *, reason: str = "") -> AuditEvent:
    """Record that the signed-in user read ``obj`` (a person's record, plan or return)."""
    return audit_record(
        actor=request.user, action=AuditAction.VIEW, obj=obj, request=request, reason=reason or request.path
    )


def audit_export(request: HttpRequest, obj: Model | None = None, *, reason: str) -> AuditEvent:
    return audit_record(
        actor=request.user, action=AuditAction.EXPORT, obj=obj, request=request, reason=reason
    )
