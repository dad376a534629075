"""A key per form shown, so that a form sent twice is stored once (ADR 0020).

A double click, a slow connection or "back and send again" sends the same answers twice. Each form
that creates a record carries a hidden ``submission_key``: a random value signed by the server when
the form is shown. The service that stores the answers claims the key (``form_submission_claim``) in
the same transaction; the key is unique in the database, so a second send of the same form, even at the
same moment, finds it taken and the person is told the answers are already recorded.

Use: mix ``SubmissionKeyMixin`` into the form, render ``{{ form.submission_key }}`` inside the
``<form>``, pass ``form.cleaned_data["submission_key"]`` to the service, and catch ``AlreadyRecorded``
in the view.
"""

import uuid

from django import forms
from django.core import signing

SALT = "recovery_portal.submission_key"
FIELD = "submission_key"
EXPIRED = "This page has expired. Check your answers and send them again."


class AlreadyRecorded(Exception):
    """The form was sent before; ``result_url`` is where what it created can be seen (may be empty)."""

    def __init__(self, result_url: str = ""):
        super().__init__("These answers are already recorded")
        self.result_url = result_url


def submission_key_issue() -> str:
    """A new key for one showing of a form, signed so that only keys this server gave are accepted."""
    return signing.Signer(salt=SALT).sign(uuid.uuid4().hex)


def submission_key_value(signed: str) -> str:
    """The key inside a signed value; raises ``signing.BadSignature`` for a value this server did not give."""
    return signing.Signer(salt=SALT).unsign(signed)


class SubmissionKeyMixin:
    """Adds the hidden ``submission_key`` field to a form: a fresh key each time the form is shown.

    A missing or altered key (a page kept open across a new release, or a forged one) is an error that
    asks for the answers to be sent again; the form then carries a fresh key and keeps the answers.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(
            widget=forms.HiddenInput,
            initial=submission_key_issue(),
            required=False,
        )

    def clean_submission_key(self) -> str:
        signed = self.cleaned_data.get(FIELD) or ""
        try:
            return submission_key_value(signed)
        except signing.BadSignature:
            # The form is shown again with the person's answers and a key that will be accepted.
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD)] = submission_key_issue()
            raise forms.ValidationError(EXPIRED) from None
