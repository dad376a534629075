"""Rows of the authorisation matrix for the teams app (see tests/test_authorisation_matrix.py)."""

from recovery_portal.financial_year import FinancialYear

SIGN_IN = 302
NOT_STAFF = {"serviceuser": 403, "carer": 403}
# All staff read plans; the team's members edit them (admin, a superuser, holds every permission).
READ = {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200}
EDIT = {"anonymous": SIGN_IN, "admin": 200, "teamlead": 200, "clinician": 200, "peerworker": 200, "*": 403}
# The Trust-wide summaries go with the Trust's figures: as the dashboards.
TRUST_FIGURES = {
    "anonymous": SIGN_IN,
    **dict.fromkeys(("admin", "steering", "wslead", "evaluation"), 200),
    "*": 403,
}
AGREE = {"anonymous": SIGN_IN, "admin": 200, "teamlead": 200, "*": 403}


def _plan(r):
    return {"pk": r.getfixturevalue("persona_plan").pk}


def _priority(r):
    return {"pk": r.getfixturevalue("persona_priority").pk}


def _action(r):
    return {"pk": r.getfixturevalue("persona_action").pk}


def _team(r):
    return {"slug": r.getfixturevalue("persona_team").slug}


def _triangle(r):
    return {"slug": r.getfixturevalue("persona_team").slug, "year": FinancialYear.current().start_year}


GET_ROWS = {
    # Every member of staff may read the Trust structure; people using services and carers may not.
    "teams:directory": (lambda r: {}, READ),
    "teams:detail": (_team, READ),
    "teams:coverage": (lambda r: {}, READ),
    "teams:plan": (_plan, READ),
    "teams:plan-history": (_plan, READ),
    "teams:plan-print": (_plan, READ),
    "teams:plan-pdf": (_plan, READ),
    "teams:plan-resources": (_plan, EDIT),
    "teams:plan-away-day": (_plan, EDIT),
    "teams:plan-reflection": (_plan, EDIT),
    "teams:plan-ratings": (_plan, EDIT),
    "teams:plan-priority-add": (_plan, EDIT),
    "teams:plan-review": (_plan, EDIT),
    "teams:plan-agree": (_plan, AGREE),
    "teams:priority-edit": (_priority, EDIT),
    "teams:action-add": (_priority, EDIT),
    "teams:action-edit": (_action, EDIT),
    "teams:plan-start": (_team, EDIT),
    "teams:triangle-of-care": (_triangle, READ),
    "teams:triangle-of-care-trust": (lambda r: {"year": FinancialYear.current().start_year}, TRUST_FIGURES),
}
# Empty posts: those allowed see the form again with its errors (200); nobody else gets that far.
POST_ROWS = {
    "teams:plan-resources": (_plan, EDIT),
    "teams:plan-away-day": (_plan, EDIT),
    "teams:plan-reflection": (_plan, EDIT),
    "teams:plan-ratings": (_plan, EDIT),
    "teams:plan-priority-add": (_plan, EDIT),
    "teams:plan-review": (_plan, EDIT),
    "teams:plan-agree": (_plan, AGREE),
    "teams:priority-edit": (_priority, EDIT),
    "teams:action-add": (_priority, EDIT),
    "teams:action-edit": (_action, EDIT),
    "teams:plan-start": (_team, EDIT),
    "teams:triangle-of-care": (_triangle, EDIT),
}
