"""Writes of the Recovery College. Keyword-only, atomic, and told who is acting."""

from .attendance import attendance_record, session_reminders_send
from .courses import run_publish
from .enrolment import (
    enrolment_cancel,
    enrolment_offer_accept,
    enrolment_offers_expire,
    enrolment_request,
)
from .learning import feedback_give, fidelity_rating_save, learning_plan_save, learning_plan_start
from .students import student_join, student_register

__all__ = [
    "attendance_record",
    "enrolment_cancel",
    "enrolment_offer_accept",
    "enrolment_offers_expire",
    "enrolment_request",
    "feedback_give",
    "fidelity_rating_save",
    "learning_plan_save",
    "learning_plan_start",
    "run_publish",
    "session_reminders_send",
    "student_join",
    "student_register",
]
