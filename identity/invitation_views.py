"""Invitations: sending them, the page their link opens, and the person's list of who can see their record."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_http_methods

from careplans import selectors as careplans_selectors
from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_list, audit_view, people
from recovery_portal.confirm import confirm_page
from recovery_portal.form_flow import submit
from recovery_portal.rate_limits import limited, too_many

from . import invitations, oidc
from .forms import AcceptWithPasswordForm, InviteForm
from .models import InvitationKind, ProviderKind
from .views import MODEL_BACKEND, start

INVITATION_HASH_KEY = "invitation"


def _after_password_set() -> str:
    # The second-factor enrolment comes next where the portal has it; home otherwise.
    try:
        return reverse("mfa-setup")
    except NoReverseMatch:
        return reverse(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def person_invite(request, pk: int):
    """A clinician or peer support worker invites a person on their caseload to their online record."""
    person = get_visible_or_404(careplans_selectors.people_visible_to(request.user), pk=pk)
    require_permission(request.user, "careplans.change_plan", person)
    if request.method == "GET":
        audit_view(request, person, reason="invite a person to their online record")
        initial = {
            "email": person.email,
            "mobile_number": person.phone,
            "channel": "email" if person.email else "",
        }
        form = InviteForm(initial=initial)
    else:
        # Invitations send messages: limited per address and per inviter, as sign-in and registration are.
        if limited(request, "invitation", account=request.user.username):
            return too_many(request)
        form = InviteForm(request.POST)
    outcome = submit(
        request,
        form,
        lambda data: invitations.person_invite(
            person=person, channel=data["channel"], address=form.address, by=request.user, request=request
        ),
        what="invitation",
    )
    if outcome.saved:
        messages.success(request, f"{person.display_name} has been sent an invitation.")
        return redirect("careplans:person", pk=person.pk)
    return render(
        request,
        "identity/invite.html",
        {
            "form": form,
            "heading": f"Invite {person.display_name} to see their plans online",
            "back_url": reverse("careplans:person", args=[person.pk]),
            "has_login": person.user_id is not None,
            "intro": "They will get a link that works once, for "
            f"{settings.INVITATION_DAYS} days. They sign in with NHS login, or choose a password.",
        },
    )


def _own_record(request):
    person = careplans_selectors.own_record_for(user=request.user)
    if person is None:
        raise Http404
    return person


def _own_supporter(request, pk: int):
    person = _own_record(request)
    supporter = next((s for s in person.supporters.all() if s.pk == pk), None)
    if supporter is None:
        raise Http404
    return person, supporter


def access(request):
    """Who can see the person's record: their supporters with a login, and invitations still open."""
    person = _own_record(request)
    audit_list(request, subjects=people([person.pk]), reason="who can see my plans")
    open_invitations = {
        invitation.supporter_id: invitation
        for invitation in person.invitations.filter(kind=InvitationKind.SUPPORTER)
        if invitation.is_open
    }
    return render(
        request,
        "identity/access.html",
        {
            "person": person,
            "supporters": [
                {"supporter": s, "invitation": open_invitations.get(s.pk)} for s in person.supporters.all()
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def supporter_invite(request, pk: int):
    person, supporter = _own_supporter(request, pk)
    if request.method == "POST" and limited(request, "invitation", account=request.user.username):
        return too_many(request)
    form = InviteForm(request.POST or None)
    if request.method == "GET":
        audit_view(request, supporter, reason="invite a supporter")
    outcome = submit(
        request,
        form,
        lambda data: invitations.supporter_invite(
            supporter=supporter,
            channel=data["channel"],
            address=form.address,
            by=request.user,
            request=request,
        ),
        what="invitation",
    )
    if outcome.saved:
        messages.success(request, f"{supporter.name} has been sent an invitation.")
        return redirect("identity:access")
    return render(
        request,
        "identity/invite.html",
        {
            "form": form,
            "heading": f"Invite {supporter.name} to see what you share",
            "back_url": reverse("identity:access"),
            "has_login": supporter.user_id is not None,
            "intro": f"They will see only the sections of your plans you choose to share with them. The link "
            f"works once, for {settings.INVITATION_DAYS} days.",
        },
    )


@require_http_methods(["GET", "POST"])
def supporter_withdraw(request, pk: int):
    person, supporter = _own_supporter(request, pk)
    if request.method == "POST":
        invitations.supporter_access_end(supporter=supporter, by=request.user, request=request)
        messages.success(request, f"{supporter.name} can no longer see your plans.")
        return redirect("identity:access")
    audit_view(request, supporter, reason="withdraw a supporter's access")
    return confirm_page(
        request,
        heading=f"Stop {supporter.name} seeing your plans?",
        paragraphs=[
            f"{supporter.name} will not be able to see anything you shared, from now on.",
            "You can invite them again later.",
        ],
        confirm_label="Yes, stop their access",
        back_url=reverse("identity:access"),
    )


def _refused(request, invitation, reason: str):
    invitations.invitation_refused(request, invitation, reason)
    return render(
        request,
        "identity/invitation_refused.html",
        {"another_account": reason == "another-account"},
        status=404 if reason == "unknown" else 410 if reason != "another-account" else 403,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """The page an invitation's link opens: NHS login for a person (where it is set up), or a password."""
    found = invitations.invitation_for_token(token)
    if reason := invitations.why_unusable(found, user=request.user):
        return _refused(request, found, reason)
    nhs_login = found.kind == InvitationKind.PERSON and oidc.nhs_login_provider() is not None
    if request.method == "POST" and limited(request, "invitation", account=token[:16]):
        return too_many(request)
    form = AcceptWithPasswordForm(found.invitee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.invitation_accept_with_password(
                invitation=found,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["new_password1"],
                request=request,
            )
        except oidc.SignInRefused as refusal:
            return _refused(request, found, refusal.code)
        request.sign_in_method = "Signed in by accepting an invitation"
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, "Your account is ready.")
        return redirect(_after_password_set())
    return _invitation_page(request, found, token, form, nhs_login=nhs_login)


def _invitation_page(request, found, token: str, form, *, nhs_login: bool):
    return render(
        request,
        "identity/invitation.html",
        {
            "form": form,
            "nhs_login": nhs_login,
            "supporter": found.kind == InvitationKind.SUPPORTER,
            "token": token,
        },
    )


@login_not_required
@require_GET
def invitation_nhs_login(request, token: str):
    """A link, like the sign-in page's: it only starts NHS login (a form posted here could not follow the
    redirect to NHS login under the pages' form-action policy)."""
    found = invitations.invitation_for_token(token)
    if reason := invitations.why_unusable(found, user=request.user):
        return _refused(request, found, reason)
    if found.kind != InvitationKind.PERSON:
        raise Http404
    if oidc.nhs_login_provider() is None:
        # NHS login is not set up (any more): the invitation's page offers a password instead.
        return _invitation_page(request, found, token, AcceptWithPasswordForm(found.invitee), nhs_login=False)
    return start(request, ProviderKind.NHS_LOGIN, extra={INVITATION_HASH_KEY: found.pk})
