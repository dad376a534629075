"""Rows of the authorisation matrix for the steering group dashboards (see tests/test_authorisation_matrix.py).

Steering group members, workstream leads, the Recovery Evaluation Team and administrators see them; every
other member of staff is refused (403), as are people who use services and carers. The pages are GET
only; a CSV download is a POST (it is audited), so its GET is refused with 405 to those allowed.
"""

SIGN_IN = 302
ALLOWED = ("admin", "steering", "wslead", "evaluation")
PAGE = {"anonymous": SIGN_IN, **dict.fromkeys(ALLOWED, 200), "*": 403}
CSV_GET = {"anonymous": SIGN_IN, **dict.fromkeys(ALLOWED, 405), "*": 403}
CSV_POST = {"anonymous": SIGN_IN, **dict.fromkeys(ALLOWED, 200), "*": 403}


def _group(r):
    return {"slug": "local-partnerships"}


def _division(r):
    return {"slug": r.getfixturevalue("persona_team").division.slug}


def _team(r):
    return {"slug": r.getfixturevalue("persona_team").slug}


def _with_table(build):
    return lambda r: {**build(r), "table": "team-plans" if build is not _team else "imroc-ratings"}


GET_ROWS = {
    "dashboards:trust": (lambda r: {}, PAGE),
    "dashboards:steering-group": (_group, PAGE),
    "dashboards:division": (_division, PAGE),
    "dashboards:team": (_team, PAGE),
    "dashboards:trust-csv": (lambda r: {"table": "team-plans"}, CSV_GET),
    "dashboards:steering-group-csv": (_with_table(_group), CSV_GET),
    "dashboards:division-csv": (_with_table(_division), CSV_GET),
    "dashboards:team-csv": (_with_table(_team), CSV_GET),
}
POST_ROWS = {
    "dashboards:trust-csv": (lambda r: {"table": "team-plans"}, CSV_POST),
    "dashboards:steering-group-csv": (_with_table(_group), CSV_POST),
    "dashboards:division-csv": (_with_table(_division), CSV_POST),
    "dashboards:team-csv": (_with_table(_team), CSV_POST),
}
