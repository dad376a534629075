"""Systems that read and write outcome measures through the FHIR API (ADR 0028).

A client is registered in admin with its public keys (JWKS), the scopes it may ask for and the data it
may see: some teams, or the whole Trust. It signs a short JWT to ask for an access token (SMART Backend
Services); each assertion is used once, and each token lives a few minutes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from recovery_portal.text_limits import NOTE, BoundedTextField

# Every scope a client may be given: SMART v2 system scopes, read-and-search ("rs") or create ("c").
SCOPES = (
    "system/Questionnaire.rs",
    "system/QuestionnaireResponse.rs",
    "system/Observation.rs",
    "system/QuestionnaireResponse.c",
)


class FhirClient(models.Model):
    """A system allowed to use the FHIR API, its keys, its scopes and the teams whose data it may see."""

    name = models.CharField(max_length=120, help_text="The system, e.g. the Trust's data warehouse.")
    client_id = models.CharField(max_length=100, unique=True, help_text="The iss and sub of its assertions.")
    jwks = models.JSONField(help_text='Its public keys as a JWK Set: {"keys": [...]} (RS384 or ES384).')
    scopes = models.CharField(max_length=300, help_text="Space-separated, from: " + " ".join(SCOPES) + ".")
    trust_wide = models.BooleanField(default=False, help_text="Sees every team's returns.")
    teams = models.ManyToManyField(
        "teams.Team",
        blank=True,
        related_name="+",
        help_text="The teams whose returns it sees (unless Trust-wide).",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="fhir_client",
        help_text="The service account its reads are audited as and its returns are entered by.",
    )
    note = BoundedTextField(
        blank=True, max_length=NOTE, help_text="Who owns it, and the agreement that allows it."
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = "FHIR API client"

    def __str__(self) -> str:
        return self.name

    @property
    def scope_set(self) -> set[str]:
        return set(self.scopes.split())


class FhirClientAssertion(models.Model):
    """A client assertion already used: its jti, kept until it expires, so it cannot be replayed."""

    client = models.ForeignKey(FhirClient, on_delete=models.CASCADE, related_name="+")
    jti = models.CharField(max_length=255)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "jti"], name="fhir_assertion_used_once")]

    def __str__(self) -> str:
        return f"{self.client} assertion {self.jti}"


class FhirAccessToken(models.Model):
    """A bearer token issued to a client: only its SHA-256 is stored."""

    client = models.ForeignKey(FhirClient, on_delete=models.CASCADE, related_name="+")
    token_sha256 = models.CharField(max_length=64, unique=True)
    scopes = models.CharField(max_length=300)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"{self.client} token until {self.expires_at:%Y-%m-%d %H:%M}"


class FhirReturnIdentifier(models.Model):
    """The identifier a client gave a QuestionnaireResponse it sent in, and the return written for it: the
    same identifier sent again is answered with that return and writes nothing (ADR 0028)."""

    system = models.CharField(max_length=255)
    value = models.CharField(max_length=255)
    prom_return = models.ForeignKey(
        "evaluation.PromReturn", on_delete=models.PROTECT, related_name="fhir_identifiers"
    )
    client = models.ForeignKey(FhirClient, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "value"], name="fhir_return_identifier_unique")
        ]

    def __str__(self) -> str:
        return f"{self.system}|{self.value}"


class FhirExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class FhirExport(models.Model):
    """A bulk export ($export) a client asked for: what it covers, how far it has got, and its files,
    which only that client may fetch, until they expire (ADR 0028)."""

    client = models.ForeignKey(FhirClient, on_delete=models.CASCADE, related_name="exports")
    request_url = models.CharField(max_length=2000)
    types = models.CharField(max_length=100, help_text="Space-separated resource types.")
    since = models.DateField(null=True, blank=True, help_text="Returns completed on or after this day.")
    until = models.DateField(null=True, blank=True, help_text="Returns completed on or before this day.")
    recorded_since = models.DateTimeField(
        null=True, blank=True, help_text="_since: returns recorded after this."
    )
    status = models.CharField(
        max_length=10, choices=FhirExportStatus.choices, default=FhirExportStatus.QUEUED
    )
    returns_total = models.PositiveIntegerField(default=0)
    returns_done = models.PositiveIntegerField(default=0)
    # Files written: [{"type": "QuestionnaireResponse", "path": "...", "count": 123}, ...]
    output = models.JSONField(default=list, blank=True)
    # The people in the files, so each download is audited as a read of each of them.
    people = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Export {self.pk} for {self.client}"
