from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import NHSPasswordChangeForm, NHSPasswordResetForm, NHSSetPasswordForm
from .sign_in import RateLimitedPasswordResetView, SignInView
from .views import errors, home, messages, pages, second_factor, session, status, tasks

admin.site.site_header = "Recovery Portal administration"
admin.site.site_title = "Recovery Portal admin"

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # Signing in with the Trust's identity service or NHS login, and invitations (ADR 0026).
    path("", include("identity.urls")),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(form_class=NHSPasswordChangeForm),
        name="password_change",
    ),
    path("account/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "account/password-reset/",
        RateLimitedPasswordResetView.as_view(form_class=NHSPasswordResetForm),
        name="password_reset",
    ),
    path(
        "account/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NHSSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "account/password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/second-factor/", second_factor.setup, name="mfa-setup"),
    path("account/second-factor/app/", second_factor.setup_app, name="mfa-setup-app"),
    path("account/second-factor/passkey/", second_factor.setup_passkey, name="mfa-setup-passkey"),
    path(
        "account/second-factor/passkey/options/",
        second_factor.passkey_register_options,
        name="mfa-passkey-register-options",
    ),
    path("account/second-factor/recovery-codes/", second_factor.recovery_codes, name="mfa-recovery-codes"),
    path(
        "account/second-factor/<path:persistent_id>/remove/",
        second_factor.device_remove,
        name="mfa-device-remove",
    ),
    path("sign-in/second-factor/", second_factor.verify, name="mfa-verify"),
    path("sign-in/second-factor/passkey/", second_factor.passkey_options, name="mfa-passkey-options"),
    path("sign-in/recovery-code/", second_factor.recover, name="mfa-recover"),
    path(
        "admin-tools/accounts/<int:user_id>/reset-second-factor/",
        second_factor.admin_reset,
        name="mfa-admin-reset",
    ),
    path("account/session/extend/", session.session_extend, name="session-extend"),
    path("account/kept/<str:key>/", session.kept_entry, name="kept-entry"),
    path("account/contact/", messages.contact_settings, name="contact-settings"),
    path("notify/callback/", messages.notify_callback, name="notify-callback"),
    path("tasks/", tasks.task_list, name="tasks"),
    path("tasks/<int:pk>/done/", tasks.task_complete, name="task-complete"),
    path("health/", status.health, name="health"),
    path("health/ready/", status.ready, name="health-ready"),
    path("system-status/", status.system_status, name="system-status"),
    path("accessibility-statement/", pages.accessibility_statement, name="accessibility-statement"),
    path("privacy/", pages.privacy_notice, name="privacy-notice"),
    path("workstreams/", include("workstreams.urls")),
    path("teams/", include("teams.urls")),
    path("people/", include("careplans.urls")),
    path("college/", include("college.urls")),
    path("dashboards/", include("evaluation.dashboards.urls")),
    path("reports/", include("evaluation.reports.urls")),
    path("measures/imports/", include("evaluation.imports.urls")),
    path("measures/", include("evaluation.urls")),
    path("fhir/", include("evaluation.fhir.urls")),
    path("admin/", admin.site.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
