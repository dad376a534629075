from django.urls import path

from . import invitation_views, views

app_name = "identity"

urlpatterns = [
    path("sign-in/trust/", views.staff_start, name="staff-start"),
    path("sign-in/trust/callback/", views.staff_callback, name="staff-callback"),
    path("sign-in/nhs-login/", views.nhs_login_start, name="nhs-login-start"),
    path("sign-in/nhs-login/callback/", views.nhs_login_callback, name="nhs-login-callback"),
    path("sign-out/everywhere/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("invitations/<str:token>/", invitation_views.invitation, name="invitation"),
    path(
        "invitations/<str:token>/nhs-login/",
        invitation_views.invitation_nhs_login,
        name="invitation-nhs-login",
    ),
    path("people/<int:pk>/invite/", invitation_views.person_invite, name="person-invite"),
    path("account/access/", invitation_views.access, name="access"),
    path(
        "account/access/supporters/<int:pk>/invite/",
        invitation_views.supporter_invite,
        name="supporter-invite",
    ),
    path(
        "account/access/supporters/<int:pk>/withdraw/",
        invitation_views.supporter_withdraw,
        name="supporter-withdraw",
    ),
]
