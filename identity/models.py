"""Who an identity provider says a person is, tied to the portal account they sign in to."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from recovery_portal.access import PersonalData


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


class InvitationKind(models.TextChoices):
    PERSON = "person", "A person to their online record"
    SUPPORTER = "supporter", "A supporter to what the person shares"


class InvitationChannel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InvitationQuerySet":
        """The invitations about people the user may see (their own record, or a caseload's)."""
        from careplans.selectors import people_visible_to

        if user is None or not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(person__in=people_visible_to(user))


class Invitation(PersonalData, models.Model):
    """An invitation to sign in: a person to their own record, or a supporter to what the person shares.

    Only a hash of the link's token is kept. It works once, until ``expires_at``, unless withdrawn; the
    account it will open is made (inactive, with no password) when it is sent, so the message has
    somewhere to go, and is opened only when the invitation is accepted.
    """

    kind = models.CharField(max_length=16, choices=InvitationKind.choices)
    person = models.ForeignKey("careplans.ServiceUser", on_delete=models.CASCADE, related_name="invitations")
    supporter = models.ForeignKey(
        "careplans.Supporter", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=8, choices=InvitationChannel.choices)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > timezone.now()
