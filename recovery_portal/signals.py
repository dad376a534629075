"""Security events from Django's authentication go to the audit trail (ASVS 7.2.1)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .audit import audit_record
from .models import AuditAction
from .navigation import remember_links


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session["signed_in_at"] = timezone.now().timestamp()
        # The header's links are worked out once, here, not on every page (ADR 0032). On a fresh copy of
        # the user, so the role names cached while working them out are not kept on the caller's object.
        remember_links(request, type(user)._default_manager.get(pk=user.pk))
    # How they signed in (a Trust account, NHS login), when a view says; a password otherwise.
    audit_record(
        actor=user, action=AuditAction.SIGN_IN, request=request, reason=getattr(request, "sign_in_method", "")
    )


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditAction.SIGN_OUT, request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The username typed is not stored: it may be a mistyped password.
    audit_record(actor=None, action=AuditAction.SIGN_IN_FAILED, request=request)
