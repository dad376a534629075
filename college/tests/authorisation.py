"""Rows of the authorisation matrix for the college app (see tests/test_authorisation_matrix.py).

The prospectus, courses, runs, calendar and registration are public. A student's enrolments and plan
are theirs, their tutor's and the college team's; trainers take the registers of their own runs.
"""

SIGN_IN = 302
PUBLIC = {"anonymous": 200, "*": 200}
NOT_ALLOWED_TO_SEE = 404  # out of scope: nobody learns that the record exists


def _run(r):
    return {"pk": r.getfixturevalue("college_run").pk}


def _course(r):
    return {"slug": r.getfixturevalue("college_run").course.slug}


def _session(r):
    return {"pk": r.getfixturevalue("college_session").pk}


def _enrolment(r):
    return {"pk": r.getfixturevalue("serviceuser_enrolment").pk}


def _completed(r):
    return {"pk": r.getfixturevalue("serviceuser_completed_enrolment").pk}


def _plan(r):
    return {"pk": r.getfixturevalue("serviceuser_plan").pk}


def _plans(r):
    """No arguments: the list page, with a plan on it."""
    r.getfixturevalue("serviceuser_plan")
    return {}


def _plan_start(r):
    r.getfixturevalue("serviceuser_student")
    r.getfixturevalue("college_run")  # its term is the current one
    return {}


GET_ROWS = {
    "college:prospectus": (lambda r: {}, PUBLIC),
    "college:calendar": (lambda r: {}, PUBLIC),
    "college:course": (_course, PUBLIC),
    "college:run": (_run, PUBLIC),
    # Signed-in people join with the account they have rather than registering another.
    "college:register-student": (lambda r: {}, {"anonymous": 200, "*": 302}),
    # The e-mail confirmation link: a wrong or used token is refused, whoever opens it.
    "college:confirm-email": (lambda r: {"token": "not-a-token"}, {"anonymous": 400, "*": 400}),
    "college:join": (lambda r: {}, {"anonymous": SIGN_IN, "*": 200}),
    "college:my-courses": (lambda r: {}, {"anonymous": SIGN_IN, "*": 200}),
    "college:enrol": (_run, {"anonymous": SIGN_IN, "*": 405}),
    "college:run-publish": (_run, {"anonymous": SIGN_IN, "*": 405}),
    # The run has started, so the student's place cannot be given up: back to their page with a message.
    "college:enrolment-cancel": (
        _enrolment,
        {"anonymous": SIGN_IN, "serviceuser": 302, "college": 302, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    # The confirmation page, with a reason to give, for the college team only.
    "college:enrolment-withdraw": (
        _enrolment,
        {"anonymous": SIGN_IN, "college": 200, "serviceuser": 403, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:offer-accept": (_enrolment, {"anonymous": SIGN_IN, "*": 405}),
    # A published run is public, so others are refused (403) rather than kept from knowing it exists.
    "college:run-students": (
        _run,
        {"anonymous": SIGN_IN, "college": 200, "trainer": 200, "admin": 200, "*": 403},
    ),
    "college:register": (
        _session,
        {"anonymous": SIGN_IN, "college": 200, "trainer": 200, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:certificate": (
        _completed,
        {"anonymous": SIGN_IN, "serviceuser": 200, "college": 200, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:feedback": (
        _enrolment,
        {"anonymous": SIGN_IN, "serviceuser": 200, "college": 403, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:learning-plan-start": (_plan_start, {"anonymous": SIGN_IN, "serviceuser": 200, "*": 404}),
    "college:learning-plan": (
        _plan,
        {"anonymous": SIGN_IN, "serviceuser": 200, "college": 200, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:learning-plan-edit": (
        _plan,
        {"anonymous": SIGN_IN, "serviceuser": 200, "college": 200, "*": NOT_ALLOWED_TO_SEE},
    ),
    # Tutors (trainers of a run, personal tutors) see their students' plans; the college team everyone's.
    "college:learning-plans": (
        _plans,
        {"anonymous": SIGN_IN, "college": 200, "trainer": 200, "admin": 200, "*": 403},
    ),
    "college:dashboard": (lambda r: {}, {"anonymous": SIGN_IN, "college": 200, "admin": 200, "*": 403}),
    "college:fidelity": (lambda r: {}, {"anonymous": SIGN_IN, "college": 200, "admin": 200, "*": 403}),
}

POST_ROWS = {
    "college:register-student": (lambda r: {}, {"anonymous": 200, "*": 302}),  # empty form: shown again
    "college:join": (lambda r: {}, {"anonymous": SIGN_IN, "*": 302}),
    # Without a student profile, asking for a place leads to joining first; either way back to a page.
    "college:enrol": (_run, {"anonymous": SIGN_IN, "*": 302}),
    "college:run-publish": (_run, {"anonymous": SIGN_IN, "college": 302, "admin": 302, "*": 403}),
    "college:enrolment-cancel": (
        _enrolment,
        {"anonymous": SIGN_IN, "serviceuser": 302, "college": 302, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:offer-accept": (
        _enrolment,
        {"anonymous": SIGN_IN, "serviceuser": 302, "college": 302, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    # Empty form: the reason is asked for again.
    "college:enrolment-withdraw": (
        _enrolment,
        {"anonymous": SIGN_IN, "college": 200, "serviceuser": 403, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:register": (
        _session,
        {"anonymous": SIGN_IN, "college": 200, "trainer": 200, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:feedback": (
        _enrolment,
        {"anonymous": SIGN_IN, "serviceuser": 200, "college": 403, "trainer": 403, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:learning-plan-edit": (
        _plan,
        {"anonymous": SIGN_IN, "serviceuser": 200, "college": 200, "*": NOT_ALLOWED_TO_SEE},
    ),
    "college:fidelity": (lambda r: {}, {"anonymous": SIGN_IN, "college": 200, "admin": 200, "*": 403}),
}
