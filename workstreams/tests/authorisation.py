"""Rows of the authorisation matrix for the workstreams app (see tests/test_authorisation_matrix.py).

All staff read the strategy; the workstream's two leads (``wslead`` leads Peer Support) and steering group
chairs change goals, actions and annual reports; an action's owner (``peerworker`` owns ``ws_action``)
and the leads add progress; a group's chair records its meetings. ``admin`` is a superuser.
"""

SIGN_IN = 302
NOT_STAFF = {"serviceuser": 403, "carer": 403}
ALL_STAFF = {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200}
LEADS = {"anonymous": SIGN_IN, "admin": 200, "wslead": 200, "*": 403}
PROGRESS = {"anonymous": SIGN_IN, "admin": 200, "wslead": 200, "peerworker": 200, "*": 403}
CHAIR = {"anonymous": SIGN_IN, "admin": 200, "*": 403}


def peer_support(r):
    return {"slug": r.getfixturevalue("peer_support").slug}


def goal(r):
    return {"pk": r.getfixturevalue("ws_goal").pk}


def measurement(r):
    return {"pk": r.getfixturevalue("ws_measurement").pk}


def action(r):
    return {"pk": r.getfixturevalue("ws_action").pk}


def meeting(r):
    return {"pk": r.getfixturevalue("ws_meeting").pk}


def report(r):
    return {"slug": r.getfixturevalue("peer_support").slug, "year": 2025}


GET_ROWS = {
    "workstreams:list": (lambda r: {}, ALL_STAFF),
    "workstreams:detail": (peer_support, ALL_STAFF),
    "workstreams:goal-detail": (goal, ALL_STAFF),
    "workstreams:actions": (lambda r: {}, ALL_STAFF),
    "workstreams:action-export": (lambda r: {}, ALL_STAFF),
    "workstreams:action-detail": (action, ALL_STAFF),
    "workstreams:progress-evidence": (
        lambda r: {"pk": r.getfixturevalue("ws_update_with_evidence").pk},
        ALL_STAFF,
    ),
    "workstreams:annual-report": (report, ALL_STAFF),
    "workstreams:meetings": (lambda r: {}, ALL_STAFF),
    "workstreams:meeting-detail": (meeting, ALL_STAFF),
    "workstreams:meeting-pack": (meeting, ALL_STAFF),
    "workstreams:meeting-pack-pdf": (meeting, ALL_STAFF),
    "workstreams:goal-create": (peer_support, LEADS),
    "workstreams:goal-edit": (goal, LEADS),
    "workstreams:goal-measurement-create": (goal, LEADS),
    "workstreams:goal-measurement-edit": (measurement, LEADS),
    "workstreams:goal-rag-edit": (goal, LEADS),
    "workstreams:action-create": (goal, LEADS),
    "workstreams:action-edit": (action, LEADS),
    "workstreams:annual-report-edit": (report, LEADS),
    "workstreams:progress-update-create": (action, PROGRESS),
    "workstreams:meeting-create": (lambda r: {"slug": r.getfixturevalue("ws_meeting").group.slug}, CHAIR),
    "workstreams:meeting-edit": (meeting, CHAIR),
    "workstreams:follow-up-create": (meeting, CHAIR),
    "workstreams:follow-up-done": (
        lambda r: {"pk": r.getfixturevalue("ws_follow_up").pk},
        {"anonymous": SIGN_IN, "*": 405},
    ),
}

POST_ROWS = {
    # Posting nothing: those allowed see the form again with its errors (200); others are refused.
    "workstreams:goal-create": (peer_support, LEADS),
    "workstreams:goal-edit": (goal, LEADS),
    "workstreams:goal-measurement-create": (goal, LEADS),
    "workstreams:goal-measurement-edit": (measurement, LEADS),
    "workstreams:goal-rag-edit": (goal, LEADS),
    "workstreams:action-create": (goal, LEADS),
    "workstreams:action-edit": (action, LEADS),
    "workstreams:annual-report-edit": (report, LEADS),
    "workstreams:progress-update-create": (action, PROGRESS),
    "workstreams:meeting-create": (lambda r: {"slug": r.getfixturevalue("ws_meeting").group.slug}, CHAIR),
    "workstreams:meeting-edit": (meeting, CHAIR),
    "workstreams:follow-up-create": (meeting, CHAIR),
    # The person asked to follow up (steering) or the group's chair marks it done.
    "workstreams:follow-up-done": (
        lambda r: {"pk": r.getfixturevalue("ws_follow_up").pk},
        {"anonymous": SIGN_IN, "admin": 302, "steering": 302, "*": 403},
    ),
}
