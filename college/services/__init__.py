"""Writes of the Recovery College. Keyword-only, atomic, and told who is acting."""

from .attendance import attendance_record, session_reminders_send
from .courses import course_create, course_save, run_create, run_publish, run_save
from .enrolment import (
    enrolment_cancel,
    enrolment_cancel_refusal,
    enrolment_offer_accept,
    enrolment_offers_expire,
    enrolment_request,
    enrolment_withdraw,
    enrolment_withdraw_refusal,
)
from .learning import feedback_give, fidelity_rating_save, learning_plan_save, learning_plan_start
from .sessions import (
    run_trainer_add,
    run_trainer_remove,
    session_add,
    session_change,
    session_remove,
    sessions_add_weekly,
)
from .students import (
    email_confirmation_token,
    student_email_confirm,
    student_join,
    student_register,
    student_registration_email,
)
from .terms import term_create, term_save, venue_create, venue_save

__all__ = [
    "attendance_record",
    "course_create",
    "course_save",
    "enrolment_cancel",
    "enrolment_cancel_refusal",
    "enrolment_offer_accept",
    "enrolment_offers_expire",
    "enrolment_request",
    "enrolment_withdraw",
    "enrolment_withdraw_refusal",
    "feedback_give",
    "fidelity_rating_save",
    "learning_plan_save",
    "learning_plan_start",
    "run_create",
    "run_publish",
    "run_save",
    "run_trainer_add",
    "run_trainer_remove",
    "session_add",
    "session_change",
    "session_remove",
    "sessions_add_weekly",
    "session_reminders_send",
    "student_join",
    "student_register",
    "student_registration_email",
    "student_email_confirm",
    "email_confirmation_token",
    "term_create",
    "term_save",
    "venue_create",
    "venue_save",
]
