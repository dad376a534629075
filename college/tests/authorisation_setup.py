"""Authorisation rows for setting up courses, runs, sessions, trainers, terms and venues.

Only the college team (and administrators) may: everyone else signed in is refused (403), whatever the
record, since courses, terms and venues are public anyway. Empty POSTs show the form again with its
errors (200); removing the only session or trainer of a published run is refused back to its page (302).
"""

SIGN_IN = 302
COLLEGE_TEAM = {"anonymous": SIGN_IN, "college": 200, "admin": 200, "*": 403}
POST_ONLY = {"anonymous": SIGN_IN, "*": 405}
REFUSED_BACK = {"anonymous": SIGN_IN, "college": 302, "admin": 302, "*": 403}


def _none(r):
    return {}


def _course(r):
    return {"pk": r.getfixturevalue("college_run").course_id}


def _run(r):
    return {"pk": r.getfixturevalue("college_run").pk}


def _session(r):
    return {"pk": r.getfixturevalue("college_session").pk}


def _trainer(r):
    return {"pk": r.getfixturevalue("college_run").trainers.get(is_peer_trainer=True).pk}


def _term(r):
    return {"pk": r.getfixturevalue("college_run").term_id}


def _venue(r):
    return {"pk": r.getfixturevalue("college_run").venue_id}


FORM_PAGES = {
    "college:setup-course-new": _none,
    "college:setup-course": _course,
    "college:setup-run-new": _course,
    "college:setup-run": _run,
    "college:setup-sessions": _run,
    "college:setup-session": _session,
    "college:setup-trainers": _run,
    "college:setup-term-new": _none,
    "college:setup-term": _term,
    "college:setup-venue-new": _none,
    "college:setup-venue": _venue,
}

GET_ROWS = {
    "college:setup-courses": (_none, COLLEGE_TEAM),
    "college:setup-terms": (_none, COLLEGE_TEAM),
    "college:setup-venues": (_none, COLLEGE_TEAM),
    **{name: (args, COLLEGE_TEAM) for name, args in FORM_PAGES.items()},
    "college:setup-sessions-weekly": (_run, POST_ONLY),
    # Removing asks first, on a confirmation page of its own.
    "college:setup-session-remove": (_session, COLLEGE_TEAM),
    "college:setup-trainer-remove": (_trainer, COLLEGE_TEAM),
}

POST_ROWS = {
    **{name: (args, COLLEGE_TEAM) for name, args in FORM_PAGES.items()},
    "college:setup-sessions-weekly": (_run, COLLEGE_TEAM),
    # The run is published: its session stays, and its only peer trainer stays.
    "college:setup-session-remove": (_session, REFUSED_BACK),
    "college:setup-trainer-remove": (_trainer, REFUSED_BACK),
}
