from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import NHSPasswordChangeForm, NHSPasswordResetForm, NHSSetPasswordForm, SignInForm
from .views import errors, home, messages, pages, status, tasks

admin.site.site_header = "Recovery Portal administration"
admin.site.site_title = "Recovery Portal admin"

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True),
        name="login",
    ),
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
        auth_views.PasswordResetView.as_view(form_class=NHSPasswordResetForm),
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
    path("admin/", admin.site.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
