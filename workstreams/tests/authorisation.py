"""Rows of the authorisation matrix for the workstreams app (see tests/test_authorisation_matrix.py)."""

SIGN_IN = 302
NOT_STAFF = {"serviceuser": 403, "carer": 403}

GET_ROWS = {
    "workstreams:list": (lambda r: {}, {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200}),
}
POST_ROWS: dict = {}
