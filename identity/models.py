"""Who an identity provider says a person is, tied to the portal account they sign in to."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProviderKind(models.TextChoices):
    STAFF = "staff", "Trust account (staff single sign-on)"
    NHS_LOGIN = "nhs_login", "NHS login"


class IdentityLink(models.Model):
    """One identity at one provider (issuer + subject), and the account it signs in to.

    Accounts are found by this pair only: never by name or email address, which people share and change.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_links"
    )
    provider = models.CharField(max_length=16, choices=ProviderKind.choices)
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255, help_text="The provider's stable identifier of the person.")
    created_at = models.DateTimeField(default=timezone.now)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="identity_link_one_per_subject")
        ]
        ordering = ["issuer", "subject"]

    def __str__(self) -> str:
        return f"{self.get_provider_display()}: {self.subject}"
