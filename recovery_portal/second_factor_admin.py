"""Django admin on a site that asks for a verified second factor (ADR 0027)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


class SecondFactorAdminSite(admin.AdminSite):
    """The admin refuses a session that has not passed a second factor, whoever the account is,
    including the demo logins of ``make run`` that are otherwise exempt."""

    def has_permission(self, request) -> bool:
        from . import second_factor

        return super().has_permission(request) and second_factor.is_satisfied(request)

    def login(self, request, extra_context=None):
        # Signed in with a password only: the second-factor page, then back to admin.
        if request.user.is_authenticated and request.user.is_active and request.user.is_staff:
            from . import second_factor

            target = "mfa-verify" if second_factor.has_second_factor(request.user) else "mfa-setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': reverse('admin:index')})}")
        return super().login(request, extra_context)


class SecondFactorAdminConfig(AdminConfig):
    """Django admin, on the site above (INSTALLED_APPS names this instead of django.contrib.admin)."""

    default_site = "recovery_portal.second_factor_admin.SecondFactorAdminSite"
