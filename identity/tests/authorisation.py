"""Authorisation rows of the identity app. In the matrix no identity service is set up (as in `make run`),
so its sign-in pages are not found; the identity tests sign in through the local providers."""

from tests.test_authorisation_matrix import SIGN_IN, no_args

GET_ROWS = {
    "identity:staff-start": (no_args, {"anonymous": 404, "*": 404}),
    "identity:staff-callback": (no_args, {"anonymous": 404, "*": 404}),
    "identity:nhs-login-start": (no_args, {"anonymous": 404, "*": 404}),
    "identity:nhs-login-callback": (no_args, {"anonymous": 404, "*": 404}),
    # Sign-out is a POST; after it, the page offering the identity service's sign-out, else sign in.
    "identity:sign-out": (no_args, {"anonymous": SIGN_IN, "*": 405}),
    "identity:signed-out": (no_args, {"anonymous": SIGN_IN, "*": 302}),
}

POST_ROWS = {
    "identity:sign-out": (no_args, {"anonymous": SIGN_IN, "*": 302}),
}
