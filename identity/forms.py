from django import forms
from django.contrib.auth import get_user_model

from recovery_portal.form_messages import NHSForm
from recovery_portal.forms import NHSSetPasswordForm, UKMobileNumberField

from .models import InvitationChannel


class InviteForm(NHSForm):
    """How to send an invitation: by email or text message, and where to."""

    channel = forms.ChoiceField(
        label="How should we send the invitation?",
        choices=InvitationChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how to send the invitation"},
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    mobile_number = UKMobileNumberField(autocomplete="off")

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("channel")
        if (
            channel == InvitationChannel.TEXT
            and not cleaned.get("mobile_number")
            and "mobile_number" not in self.errors
        ):
            self.add_error("mobile_number", "Enter a UK mobile phone number to send the invitation to")
        if channel == InvitationChannel.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address to send the invitation to")
        return cleaned

    @property
    def address(self) -> str:
        data = self.cleaned_data
        return data["email"] if data["channel"] == InvitationChannel.EMAIL else data["mobile_number"]


class AcceptWithPasswordForm(NHSSetPasswordForm):
    """The invitee chooses how they will sign in from now on."""

    username = forms.CharField(
        label="Choose a username",
        max_length=150,
        help_text="You will use it to sign in. Letters, numbers and @ . + - _ only.",
        error_messages={"required": "Enter a username"},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    field_order = ["username", "new_password1", "new_password2"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        model = get_user_model()
        try:
            model.username_validator(username)
        except forms.ValidationError:
            raise forms.ValidationError("Use only letters, numbers and @ . + - _ in your username") from None
        if model.objects.filter(username__iexact=username).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError("Choose a different username")
        # The password's similarity check then compares it with the username chosen here.
        self.user.username = username
        return username
