from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = "Signing in: Trust accounts, NHS login and invitations"
