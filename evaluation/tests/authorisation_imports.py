"""Rows of the authorisation matrix for the return import (see tests/test_authorisation_matrix.py).

The Recovery Evaluation Team imports for every team; clinicians and peer support workers for their own
teams' caseloads (``trainer`` is a peer support worker of the Recovery College team, ``outsider`` a
clinician of another team); administrators hold every permission. Everyone else is refused (403). A
staged file belongs to whoever uploaded it (the evaluation persona here): anyone else gets 404.
"""

SIGN_IN = 302
IMPORTERS = {
    "admin": 200,
    "clinician": 200,
    "peerworker": 200,
    "trainer": 200,
    "evaluation": 200,
    "outsider": 200,
}
REFUSED = {"anonymous": SIGN_IN, "*": 403}
OWN_STAGED = {**REFUSED, **dict.fromkeys(IMPORTERS, 404), "evaluation": 200}


def staged(r):
    return {"sha256": r.getfixturevalue("import_staged")}


def staged_with_problems(r):
    return {"sha256": r.getfixturevalue("import_staged_with_problems")}


GET_ROWS = {
    "measure_imports:upload": (lambda r: {}, {**REFUSED, **IMPORTERS}),
    "measure_imports:template": (lambda r: {"kind": "xlsx"}, {**REFUSED, **IMPORTERS}),
    "measure_imports:history": (lambda r: {}, {**REFUSED, **IMPORTERS}),
    # Imports are seen by the evaluation team and by whoever did them.
    "measure_imports:detail": (
        lambda r: {"pk": r.getfixturevalue("return_import_done").pk},
        {**REFUSED, **dict.fromkeys(IMPORTERS, 404), "evaluation": 200},
    ),
    "measure_imports:preview": (staged, OWN_STAGED),
    # A file already checked: its progress page moves on to the preview.
    "measure_imports:checking": (staged, {**OWN_STAGED, "evaluation": 302}),
    "measure_imports:problems": (staged_with_problems, OWN_STAGED),
    "measure_imports:problems-csv": (staged_with_problems, OWN_STAGED),
    "measure_imports:confirm": (staged, {**REFUSED, "*": 405}),
    "measure_imports:discard": (staged, {**REFUSED, "*": 405}),
}

POST_ROWS = {
    # No file sent: the upload page shows the error summary again.
    "measure_imports:upload": (lambda r: {}, {**REFUSED, **IMPORTERS}),
    "measure_imports:confirm": (staged, {**OWN_STAGED, "evaluation": 302}),
    "measure_imports:discard": (staged, {**OWN_STAGED, "evaluation": 302}),
}
