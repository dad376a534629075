from django.db import models
from django_otp.models import Device


class Passkey(Device):
    """A passkey (WebAuthn credential) registered by the person, as a django-otp device.

    Only the public key is kept; the private key never leaves the person's device or password manager.
    ``verify_token`` refuses everything: a passkey is checked by ``recovery_portal.second_factor``
    against a signed challenge, never against a typed code.
    """

    credential_id = models.CharField(max_length=1024, unique=True)  # base64url, as browsers send it
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta(Device.Meta):
        verbose_name = "passkey"

    def verify_token(self, token) -> bool:
        return False
