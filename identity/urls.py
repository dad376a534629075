from django.urls import path

from . import views

app_name = "identity"

urlpatterns = [
    path("sign-in/trust/", views.staff_start, name="staff-start"),
    path("sign-in/trust/callback/", views.staff_callback, name="staff-callback"),
    path("sign-in/nhs-login/", views.nhs_login_start, name="nhs-login-start"),
    path("sign-in/nhs-login/callback/", views.nhs_login_callback, name="nhs-login-callback"),
    path("sign-out/everywhere/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
]
