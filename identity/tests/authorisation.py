"""Authorisation rows of the identity app. In the matrix no identity service is set up (as in `make run`),
so its sign-in pages are not found; the identity tests sign in through the local providers."""

from tests.test_authorisation_matrix import SIGN_IN, no_args


def _invitation(request, *, kind: str, invitee: str) -> dict:
    """An open invitation for one persona's account, so that only that persona (or someone not signed
    in, who may be them) may use its link."""
    import hashlib
    from datetime import timedelta

    from django.utils import timezone

    from identity.models import Invitation

    personas = request.getfixturevalue("personas")
    token = f"matrix-{kind}-invitation"
    Invitation.objects.create(
        kind=kind,
        person=request.getfixturevalue("serviceuser_record"),
        supporter=request.getfixturevalue("carer_supporter") if kind == "supporter" else None,
        invitee=personas[invitee],
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        channel="email",
        invited_by=personas["peerworker"],
        expires_at=timezone.now() + timedelta(days=7),
    )
    return {"token": token}


def carers_invitation(request):
    return _invitation(request, kind="supporter", invitee="carer")


def dans_invitation(request):
    return _invitation(request, kind="person", invitee="serviceuser")


def person(request):
    return {"pk": request.getfixturevalue("serviceuser_record").pk}


def own_record(request):
    request.getfixturevalue("serviceuser_record")
    return {}


def supporter(request):
    return {"pk": request.getfixturevalue("carer_supporter").pk}


GET_ROWS = {
    # An invitation's link: for its own account or someone not signed in; any other account is refused.
    "identity:invitation": (carers_invitation, {"anonymous": 200, "carer": 200, "*": 403}),
    # With NHS login not set up, the invitation's page again, offering a password.
    "identity:invitation-nhs-login": (dans_invitation, {"anonymous": 200, "serviceuser": 200, "*": 403}),
    # Only a clinician or peer support worker of a team with the person on its caseload invites them.
    "identity:person-invite": (
        person,
        {
            "anonymous": SIGN_IN,
            "clinician": 200,
            "peerworker": 200,
            "teamlead": 403,
            "serviceuser": 403,
            "*": 404,
        },
    ),
    # The person's own list of who can see their plans, and their own supporters.
    "identity:access": (own_record, {"anonymous": SIGN_IN, "serviceuser": 200, "*": 404}),
    "identity:supporter-invite": (supporter, {"anonymous": SIGN_IN, "serviceuser": 200, "*": 404}),
    "identity:supporter-withdraw": (supporter, {"anonymous": SIGN_IN, "serviceuser": 200, "*": 404}),
    "identity:staff-start": (no_args, {"anonymous": 404, "*": 404}),
    "identity:staff-callback": (no_args, {"anonymous": 404, "*": 404}),
    "identity:nhs-login-start": (no_args, {"anonymous": 404, "*": 404}),
    "identity:nhs-login-callback": (no_args, {"anonymous": 404, "*": 404}),
    # Sign-out is a POST; after it, the page offering the identity service's sign-out, else sign in.
    "identity:sign-out": (no_args, {"anonymous": SIGN_IN, "*": 405}),
    "identity:signed-out": (no_args, {"anonymous": SIGN_IN, "*": 302}),
}

POST_ROWS = {
    # An empty password form is shown again with its errors.
    "identity:invitation": (carers_invitation, {"anonymous": 200, "carer": 200, "*": 403}),
    # An empty form is shown again with its errors; nothing is sent.
    "identity:person-invite": (
        person,
        {
            "anonymous": SIGN_IN,
            "clinician": 200,
            "peerworker": 200,
            "teamlead": 403,
            "serviceuser": 403,
            "*": 404,
        },
    ),
    "identity:supporter-invite": (supporter, {"anonymous": SIGN_IN, "serviceuser": 200, "*": 404}),
    "identity:supporter-withdraw": (supporter, {"anonymous": SIGN_IN, "serviceuser": 302, "*": 404}),
    "identity:sign-out": (no_args, {"anonymous": SIGN_IN, "*": 302}),
}
