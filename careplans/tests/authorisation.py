"""Rows of the authorisation matrix for the careplans app (see tests/test_authorisation_matrix.py).

Daniel Hughes (``serviceuser_record``) is on the persona team's caseload: its clinician and peer support
worker read and change his plans, its team manager reads them, he reads his own and writes his own words,
and everyone else gets 404. The carer sees only the supporter view.
"""

SIGN_IN = 302
NOT_STAFF = {"serviceuser": 403, "carer": 403}


def person(r):
    return {"pk": r.getfixturevalue("serviceuser_record").pk}


def safety_plan(r):
    return {"pk": r.getfixturevalue("safety_plan").pk}


def own_entry(r):
    return {"pk": r.getfixturevalue("safety_entry").pk}


READ = {
    "anonymous": SIGN_IN,
    "teamlead": 200,
    "clinician": 200,
    "peerworker": 200,
    "serviceuser": 200,
    "*": 404,
}
WRITE = {
    "anonymous": SIGN_IN,
    "teamlead": 403,
    "clinician": 200,
    "peerworker": 200,
    "serviceuser": 200,
    "*": 404,
}
STAFF_WRITE = {**WRITE, "serviceuser": 403}
# Dan's entry in his own words: only he changes or removes it; staff add an entry or record a disagreement.
PERSON_ONLY = {**WRITE, "clinician": 403, "peerworker": 403}
# Anyone keeping a clinical team's caseload may add a person to it (administrators hold every permission);
# the Recovery College team keeps no caseload.
KEEPERS = {"anonymous": SIGN_IN, "admin": 200, "teamlead": 200, "clinician": 200, "peerworker": 200, "outsider": 200,
           "*": 403}  # fmt: skip
# A caseload entry is changed or ended only by its own team: Dan is also on the outsider's ward caseload, so
# the outsider sees him (not 404) but may not end the persona team's entry (403).
OWN_TEAM_ENTRY = {**READ, "serviceuser": 403, "outsider": 403}


def shared_entry(r):
    return {"pk": r.getfixturevalue("shared_caseload_entry").pk}


GET_ROWS = {
    "careplans:caseload": (lambda r: {}, {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200}),
    "careplans:person-new": (lambda r: {}, KEEPERS),
    "careplans:person-known": (lambda r: {}, KEEPERS),
    "careplans:my-plans": (
        lambda r: r.getfixturevalue("serviceuser_record") and {},
        {"anonymous": SIGN_IN, "serviceuser": 200, "*": 404},
    ),
    "careplans:person": (person, READ),
    "careplans:who-viewed": (person, READ),
    "careplans:person-messages": (person, READ),
    "careplans:supporter-new": (person, WRITE),
    "careplans:plan-start": (lambda r: {**person(r), "kind": "crisis"}, {"anonymous": SIGN_IN, "*": 405}),
    "careplans:caseload-end": (shared_entry, OWN_TEAM_ENTRY),
    "careplans:supporter-sharing": (lambda r: {"pk": r.getfixturevalue("carer_supporter").pk}, WRITE),
    "careplans:shared": (
        lambda r: {"pk": r.getfixturevalue("carer_supporter").pk},
        {"anonymous": SIGN_IN, "carer": 200, "*": 404},
    ),
    "careplans:plan": (safety_plan, READ),
    "careplans:plan-details": (safety_plan, STAFF_WRITE),
    "careplans:plan-agree": (safety_plan, WRITE),
    "careplans:entry-add": (lambda r: {**safety_plan(r), "section": "warning_signs"}, WRITE),
    "careplans:plan-history": (safety_plan, READ),
    "careplans:plan-version": (lambda r: {**safety_plan(r), "number": 1}, READ),
    "careplans:plan-compare": (safety_plan, READ),
    "careplans:plan-pdf": (safety_plan, READ),
    "careplans:entry-change": (own_entry, PERSON_ONLY),
    "careplans:entry-remove": (own_entry, PERSON_ONLY),
    "careplans:entry-disagree": (own_entry, WRITE),
    "careplans:document-add": (safety_plan, WRITE),
    "careplans:document": (lambda r: {"pk": r.getfixturevalue("plan_document").pk}, READ),
}

# Posted with no form data: the form is shown again with its errors (200); starting a plan needs none (302).
POST_ROWS = {
    "careplans:person-new": (lambda r: {}, KEEPERS),
    "careplans:person-known": (lambda r: {}, KEEPERS),
    "careplans:supporter-new": (person, WRITE),
    "careplans:plan-start": (
        lambda r: {**person(r), "kind": "crisis"},
        {
            "anonymous": SIGN_IN,
            "teamlead": 403,
            "clinician": 302,
            "peerworker": 302,
            "serviceuser": 302,
            "*": 404,
        },
    ),
    "careplans:caseload-end": (shared_entry, OWN_TEAM_ENTRY),
    "careplans:supporter-sharing": (lambda r: {"pk": r.getfixturevalue("carer_supporter").pk}, WRITE),
    "careplans:plan-details": (safety_plan, STAFF_WRITE),
    "careplans:plan-agree": (safety_plan, WRITE),
    "careplans:entry-add": (lambda r: {**safety_plan(r), "section": "warning_signs"}, WRITE),
    "careplans:entry-change": (own_entry, PERSON_ONLY),
    "careplans:entry-remove": (own_entry, PERSON_ONLY),
    "careplans:entry-disagree": (own_entry, WRITE),
    "careplans:document-add": (safety_plan, WRITE),
}
