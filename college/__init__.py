"""Prospectus, courses, enrolment, attendance and learning plans."""
