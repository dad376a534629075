from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from .form_messages import NHSForm, NHSMessages


class SignInForm(NHSMessages, AuthenticationForm):
    """Django's sign-in form with messages in NHS.UK style; the fields keep autocomplete (WCAG 3.3.8)."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Contact your administrator.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        # No autofocus: it skips the header and skip link for screen reader and keyboard users.
        self.fields["username"].widget.attrs.pop("autofocus", None)


def _nhs_required(form: forms.Form, messages: dict[str, str]) -> None:
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class NHSPasswordChangeForm(NHSMessages, PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        _nhs_required(
            self,
            {
                "old_password": "Enter your current password",
                "new_password1": "Enter a new password",
                "new_password2": "Enter your new password again",
            },
        )


class NHSSetPasswordForm(NHSMessages, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _nhs_required(
            self, {"new_password1": "Enter a new password", "new_password2": "Enter your new password again"}
        )


class NHSPasswordResetForm(NHSMessages, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages.update(
            {"required": "Enter your email address", "invalid": "Enter an email address like name@nhs.net"}
        )


class UKMobileNumberField(forms.CharField):
    """An optional UK mobile number, checked as GOV.UK Notify will take it and kept in its one written form."""

    def __init__(self, *, autocomplete: str = "tel", **kwargs):
        kwargs.setdefault("label", "UK mobile phone number")
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "For example, 07700 900 982")
        super().__init__(
            max_length=20,
            error_messages={"max_length": "Enter a UK mobile phone number, like 07700 900 982"},
            widget=forms.TextInput(attrs={"autocomplete": autocomplete, "type": "tel"}),
            **kwargs,
        )

    def clean(self, value) -> str:
        from .notifications import uk_mobile, validate_uk_mobile

        number = super().clean(value).strip()
        validate_uk_mobile(number)
        return uk_mobile(number) or ""


class ContactSettingsForm(NHSForm):
    """How a person wants the portal to reach them: email, text message, or not at all."""

    contact_by = forms.ChoiceField(
        label="How would you like us to contact you?",
        help_text="We only send a short message with a link: never anything about your care.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you would like us to contact you"},
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    mobile_number = UKMobileNumberField(autocomplete="tel")

    def __init__(self, *args, user, **kwargs):
        from .models import ContactBy

        super().__init__(*args, **kwargs)
        self.fields["contact_by"].choices = ContactBy.choices
        if not self.is_bound:
            self.initial = {
                "contact_by": user.contact_by,
                "email": user.email,
                "mobile_number": user.mobile_number,
            }

    def clean(self):
        from .models import ContactBy

        cleaned = super().clean()
        chosen = cleaned.get("contact_by")
        if (
            chosen == ContactBy.TEXT
            and not cleaned.get("mobile_number")
            and "mobile_number" not in self.errors
        ):
            self.add_error("mobile_number", "Enter a UK mobile phone number so we can send you text messages")
        if chosen == ContactBy.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address so we can email you")
        return cleaned
