"""Rows of the authorisation matrix for the measures pages (see tests/test_authorisation_matrix.py).

A person's returns follow the person: Daniel Hughes (``serviceuser_record``) is on the persona team's
caseload, so its staff read his measures and he reads his own; everyone else gets 404. Its clinician
and peer support worker record returns with him, and he records his own; its team manager only
reads. The persona team's staff enter Friends and Family Test feedback for it, and Daniel may give
his; others may not (403: teams are not secret).
"""

SIGN_IN = 302
NOT_STAFF = {"serviceuser": 403, "carer": 403}


def person(r):
    r.getfixturevalue("measures_reference_data")  # browser tests may have emptied the database
    return {"pk": r.getfixturevalue("serviceuser_record").pk}


def new_swemwbs(r):
    return {**person(r), "code": "SWEMWBS"}


def team_feedback(r):
    r.getfixturevalue("measures_reference_data")
    r.getfixturevalue("serviceuser_record")  # on the team's caseload
    return {"slug": r.getfixturevalue("persona_team").slug}


def team_comment(r):
    """A comment on the persona team's Friends and Family Test, not flagged."""
    from evaluation.tests.factories import prem_return

    r.getfixturevalue("measures_reference_data")
    team = r.getfixturevalue("persona_team")
    comment = prem_return(team=team, free_text="The evening group helped me most.")
    return {"slug": team.slug, "pk": comment.pk}


def flagged_comment(r):
    """A comment on the persona team's feedback that its staff flagged as identifying."""
    from evaluation.models import CommentFlag

    args = team_comment(r)
    CommentFlag.objects.create(prem_return_id=args["pk"], reason="Names a nurse")
    return args


READ = {
    "anonymous": SIGN_IN,
    "teamlead": 200,
    "clinician": 200,
    "peerworker": 200,
    "serviceuser": 200,
    "*": 404,
}
RECORD = {**READ, "teamlead": 403}
FEEDBACK = {"anonymous": SIGN_IN, "admin": 200, "teamlead": 200, "clinician": 200, "peerworker": 200,
            "serviceuser": 200, "*": 403}  # fmt: skip

# A team's comments are shown to its own staff (teams are not secret: 403 for others); any of them may
# flag one as identifying, and its team manager reviews the flag. The administrator holds every permission,
# but the returns are scoped to the teams one works in: an empty comments page, and 404 for a comment.
TEAM_STAFF = {"anonymous": SIGN_IN, "teamlead": 200, "clinician": 200, "peerworker": 200, "*": 403}
TEAM_PAGE = {**TEAM_STAFF, "admin": 200}
COMMENT = {**TEAM_STAFF, "admin": 404}
REVIEWERS = {"anonymous": SIGN_IN, "teamlead": 200, "admin": 404, "*": 403}

GET_ROWS = {
    # People using services are taken to their own measures.
    "measures:index": (lambda r: {}, {"anonymous": SIGN_IN, "serviceuser": 302, "carer": 403, "*": 200}),
    "measures:mine": (
        lambda r: r.getfixturevalue("serviceuser_record") and {},
        {"anonymous": SIGN_IN, "serviceuser": 200, "*": 404},
    ),
    "measures:person": (person, READ),
    "measures:return-new": (new_swemwbs, RECORD),
    "measures:return": (lambda r: {"pk": r.getfixturevalue("swemwbs_return").pk}, READ),
    "measures:feedback-new": (team_feedback, FEEDBACK),
    # The MHSDS extract is Trust-wide: the Recovery Evaluation Team's (and administrators') alone.
    "measures:mhsds-extract": (
        lambda r: {},
        {"anonymous": SIGN_IN, "admin": 200, "evaluation": 200, "*": 403},
    ),
    "measures:team-comments": (lambda r: {"slug": team_comment(r)["slug"]}, TEAM_PAGE),
    "measures:comment-flag": (team_comment, COMMENT),
    "measures:comment-review": (flagged_comment, REVIEWERS),
}

# Posted with no form data: the form comes back with its errors (200) and nothing is saved.
POST_ROWS = {
    "measures:return-new": (new_swemwbs, RECORD),
    "measures:feedback-new": (team_feedback, FEEDBACK),
    "measures:comment-flag": (team_comment, COMMENT),
    "measures:comment-review": (flagged_comment, REVIEWERS),
}
