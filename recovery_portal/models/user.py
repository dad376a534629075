from django.contrib.auth.models import AbstractUser
from django.db import models


class AccountKind(models.TextChoices):
    """Who the person signing in is to the Trust. Roles come on top (memberships, groups, leads)."""

    STAFF = "staff", "Trust staff"
    PERSON = "person", "Person who uses services"
    SUPPORTER = "supporter", "Carer, family member or friend"
    COMMUNITY = "community", "Community member"


class ContactBy(models.TextChoices):
    """How a person who uses services, a supporter or a student wants the portal to reach them."""

    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    NONE = "none", "Do not contact me"


class User(AbstractUser):
    """Everyone who signs in: staff, people who use services, supporters and college students."""

    kind = models.CharField(max_length=16, choices=AccountKind.choices, default=AccountKind.STAFF)
    preferred_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="What the person likes to be called, shown instead of first name.",
    )
    job_title = models.CharField(max_length=150, blank=True)
    # Set by the person themself (recovery_portal.views.contact); staff are reached by work email.
    mobile_number = models.CharField(
        max_length=20, blank=True, help_text="A UK mobile number, for text messages."
    )
    contact_by = models.CharField(
        "how they want to be contacted", max_length=8, choices=ContactBy.choices, blank=True
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    @property
    def display_name(self) -> str:
        given = self.preferred_name or self.first_name
        full = f"{given} {self.last_name}".strip()
        return full or self.username

    @property
    def is_trust_staff(self) -> bool:
        return self.kind == AccountKind.STAFF
