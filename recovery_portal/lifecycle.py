"""Accounts that should no longer sign in are disabled, each one in the audit trail (ADR 0027).

``account_disable`` is the one way; the scheduled jobs decide who: password accounts nobody has used for
ACCOUNT_INACTIVE_DAYS (here), and staff whose last team membership has ended (teams/tasks.py). A disabled
account's open sessions end at their next request (Django refuses inactive users), and an administrator
can enable it again in admin.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q
from django.utils import timezone

from .audit import audit_record
from .models import AuditAction, User


def account_disable(*, user: User, reason: str) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)
    audit_record(actor=None, action=AuditAction.ACCOUNT_DISABLED, obj=user, reason=reason)


def inactive_password_accounts(*, now=None):
    """Active accounts with a password that have not signed in for ACCOUNT_INACTIVE_DAYS (counted from
    when they were made, for accounts never used). Accounts without a usable password sign in some other
    way (single sign-on) and are left to it; administrators are kept, so the Trust is never left
    without one."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCOUNT_INACTIVE_DAYS)
    return (
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )


def inactive_password_accounts_disable(*, now=None) -> int:
    disabled = 0
    for user in inactive_password_accounts(now=now):
        account_disable(
            user=user, reason=f"no sign-in for {settings.ACCOUNT_INACTIVE_DAYS} days (password account)"
        )
        disabled += 1
    return disabled
