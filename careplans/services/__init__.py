"""Writes of the careplans app: people, caseloads, supporters, and plans (see ``plans``)."""

from .erasure import plan_entry_erase
from .people import (
    caseload_entry_end,
    caseload_entry_start,
    caseload_referral_accept,
    person_account_link,
    person_for_verified_identity,
    service_user_register,
    supporter_access_withdraw,
    supporter_account_link,
    supporter_add,
    supporter_consent_set,
)
from .plans import (
    disagreement_record,
    plan_agree,
    plan_details_change,
    plan_document_add,
    plan_entry_add,
    plan_entry_change,
    plan_entry_remove,
    plan_start,
)

__all__ = [
    "caseload_entry_end",
    "caseload_entry_start",
    "person_account_link",
    "person_for_verified_identity",
    "disagreement_record",
    "plan_agree",
    "plan_details_change",
    "plan_document_add",
    "plan_entry_add",
    "plan_entry_change",
    "plan_entry_erase",
    "plan_entry_remove",
    "plan_start",
    "caseload_referral_accept",
    "service_user_register",
    "supporter_access_withdraw",
    "supporter_account_link",
    "supporter_add",
    "supporter_consent_set",
]
