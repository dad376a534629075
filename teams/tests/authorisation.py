"""Rows of the authorisation matrix for the teams app (see tests/test_authorisation_matrix.py)."""

SIGN_IN = 302
NOT_STAFF = {"serviceuser": 403, "carer": 403}

GET_ROWS = {
    # Every member of staff may read the Trust structure; people using services and carers may not.
    "teams:directory": (lambda r: {}, {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200}),
    "teams:detail": (
        lambda r: {"slug": r.getfixturevalue("persona_team").slug},
        {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200},
    ),
}
POST_ROWS: dict = {}
