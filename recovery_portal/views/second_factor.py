"""Pages for second factors (ADR 0027): setting one up, passing one at sign-in, recovery codes, a lost
device, and an administrator's reset. Every change and every refused code is in the audit trail."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from recovery_portal.form_messages import NHSForm

from .. import rate_limits, selectors
from .. import second_factor as sf
from ..audit import audit_view
from ..confirm import confirm_page
from ..form_flow import submit
from ..text_limits import BoundedCharField


class CodeForm(NHSForm):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code your authenticator app shows now.",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "nhsuk-input--width-10"}
        ),
    )


class RecoveryCodeForm(NHSForm):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the codes you saved when you set up your second factor, like abcde-23456.",
        max_length=20,
        error_messages={"required": "Enter one of your recovery codes"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "nhsuk-input--width-20"}
        ),
    )


class PasskeyNameForm(NHSForm):
    name = BoundedCharField(
        label="Name this passkey",
        help_text="So you can tell your passkeys apart, for example 'Work laptop' or 'My phone'.",
        max_length=64,
        required=False,
    )
    credential = forms.CharField(widget=forms.HiddenInput, required=False)


class ResetForm(NHSForm):
    reason = BoundedCharField(
        label="Why are you resetting this account's second factors?",
        help_text="For example: lost phone, confirmed by telephone call to their team manager.",
        max_length=150,
        error_messages={"required": "Enter why you are resetting this account's second factors"},
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


def _form_error(form, message: str) -> None:
    form.add_error("code" if "code" in form.fields else None, message)


def _refusal_on_the_form(write):
    """A refused code or passkey is shown as the form flow shows any refusal: beside the code box, or at the
    top of a form without one."""

    def refused_as_validation(data):
        try:
            return write(data)
        except sf.SecondFactorRefused as refused:
            raise ValidationError({"code": str(refused)}) from refused

    return refused_as_validation


def setup(request):
    """Your second factors: what you have, and ways to add one."""
    return render(
        request,
        "second_factor/setup.html",
        {
            "devices": sf.devices_of(request.user),
            "required": sf.required_for(request.user),
            "may_add": sf.may_add_second_factor(request),
            "codes_left": sf.recovery_codes_left(request.user),
            "next": _next(request),
        },
    )


def _refuse_adding(request):
    messages.info(request, "Sign in with your second factor before you add another one.")
    return redirect(reverse("mfa-verify") + f"?next={reverse('mfa-setup')}")


def _after_adding(request):
    """New recovery codes with the first second factor; otherwise back where the person was going."""
    if sf.recovery_codes_left(request.user) == 0:
        return render(
            request,
            "second_factor/recovery_codes_new.html",
            {"codes": sf.recovery_codes_issue(request), "next": _next(request)},
        )
    messages.success(request, "Your second factor is set up.")
    return redirect(_next(request))


def setup_app(request):
    """Set up an authenticator app: a QR code (inline SVG) and the secret as text, then a code from it."""
    if not sf.may_add_second_factor(request):
        return _refuse_adding(request)
    device = sf.app_enrolment_start(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and rate_limits.limited(
        request, "second-factor-setup", account=request.user.get_username()
    ):
        return rate_limits.too_many(request, wait_minutes=60)
    outcome = submit(
        request,
        form,
        _refusal_on_the_form(lambda data: sf.app_enrolment_confirm(request, device, data["code"])),
    )
    if outcome.saved:
        return _after_adding(request)
    return render(
        request,
        "second_factor/setup_app.html",
        {
            "form": form,
            "qr_svg": sf.app_qr_svg(device),
            "secret": sf.app_secret(device),
            "next": _next(request),
        },
    )


def setup_passkey(request):
    """Set up a passkey. The page's script asks the browser for a new credential and posts it here."""
    if not sf.may_add_second_factor(request):
        return _refuse_adding(request)
    form = PasskeyNameForm(request.POST or None)
    if request.method == "POST" and rate_limits.limited(
        request, "second-factor-setup", account=request.user.get_username()
    ):
        return rate_limits.too_many(request, wait_minutes=60)
    outcome = submit(
        request,
        form,
        _refusal_on_the_form(lambda data: sf.passkey_register(request, data["credential"], data["name"])),
    )
    if outcome.saved:
        return _after_adding(request)
    return render(request, "second_factor/setup_passkey.html", {"form": form, "next": _next(request)})


@require_POST
def passkey_register_options(request):
    if not sf.may_add_second_factor(request):
        return JsonResponse({"error": "Sign in with your second factor first"}, status=403)
    return HttpResponse(sf.passkey_registration_options(request), content_type="application/json")


def verify(request):
    """The second step of signing in: a code from the app, or a passkey, or (another page) a recovery code."""
    if not sf.has_second_factor(request.user):
        return redirect(reverse("mfa-setup") + f"?next={_next(request)}")
    form = CodeForm(request.POST or None)
    passkey_form = PasskeyNameForm(request.POST or None, prefix="passkey")
    if request.method == "POST":
        try:
            if request.POST.get("passkey-credential"):
                sf.passkey_verify(request, request.POST["passkey-credential"])
                return redirect(_next(request))
            if form.is_valid():
                sf.verify_code(request, form.cleaned_data["code"])
                return redirect(_next(request))
        except sf.SecondFactorRefused as refused:
            form = CodeForm()
            form.is_bound = True
            form.cleaned_data = {}
            form._errors = forms.utils.ErrorDict()
            _form_error(form, str(refused))
    devices = sf.devices_of(request.user)
    return render(
        request,
        "second_factor/verify.html",
        {
            "form": form,
            "passkey_form": passkey_form,
            "has_app": any(not isinstance(d, sf.Passkey) for d in devices),
            "has_passkey": any(isinstance(d, sf.Passkey) for d in devices),
            "next": _next(request),
        },
    )


@require_POST
def passkey_options(request):
    return HttpResponse(sf.passkey_authentication_options(request), content_type="application/json")


def recover(request):
    """Lost your phone or passkey: a recovery code signs you in, then you set up a new second factor."""
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            left = sf.verify_recovery_code(request, form.cleaned_data["code"])
        except sf.SecondFactorRefused as refused:
            _form_error(form, str(refused))
        else:
            messages.warning(
                request,
                f"You used a recovery code. You have {left} left. If you lost your phone or passkey, "
                "remove it below and set up a new one.",
            )
            return redirect("mfa-setup")
    return render(request, "second_factor/recover.html", {"form": form, "next": _next(request)})


def recovery_codes(request):
    """How many recovery codes are left; new ones replace them all and are shown once."""
    if request.method == "POST":
        return render(
            request,
            "second_factor/recovery_codes_new.html",
            {"codes": sf.recovery_codes_issue(request), "next": reverse("mfa-setup")},
        )
    return render(
        request, "second_factor/recovery_codes.html", {"codes_left": sf.recovery_codes_left(request.user)}
    )


def device_remove(request, persistent_id: str):
    device = sf.device_of(request.user, persistent_id)
    if device is None:
        raise Http404
    if request.method == "POST":
        sf.device_remove(request, device)
        messages.success(request, f"Removed: {device.name}")
        return redirect("mfa-setup")
    return confirm_page(
        request,
        heading=f"Remove {device.name}?",
        caption="Your second factors",
        paragraphs=["You will no longer be able to sign in with it."],
        warning=(
            "If it is your only authenticator app or passkey, you will be asked to set up a new one "
            "before you can use the portal."
            if sf.required_for(request.user)
            else ""
        ),
        confirm_label="Remove it",
        back_url=reverse("mfa-setup"),
    )


def admin_reset(request, user_id: int):
    """An administrator resets an account's second factors, with a reason, on a page of its own."""
    if not request.user.is_superuser:
        raise Http404
    account = selectors.account_for_second_factor_reset(pk=user_id)
    if account is None:
        raise Http404
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        removed = sf.reset_by_administrator(request, user=account, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            f"Second factors reset for {account.display_name} ({removed} removed). They will set up a new "
            "one when they next sign in.",
        )
        return redirect(reverse("admin:recovery_portal_user_change", args=[account.pk]))
    audit_view(request, account, reason="second factor reset")
    return confirm_page(
        request,
        heading=f"Reset second factors for {account.display_name}?",
        caption=account.username,
        paragraphs=[
            "Their authenticator apps, passkeys and recovery codes will stop working.",
            "Only do this once you are sure who asked: someone who can reset a second factor can take "
            "over an account.",
        ],
        warning="This is recorded in the audit trail with your name and reason.",
        confirm_label="Reset second factors",
        back_url=reverse("admin:recovery_portal_user_change", args=[account.pk]),
        form=form,
    )
