from django.apps import AppConfig


class CollegeConfig(AppConfig):
    """Prospectus, courses, enrolment, attendance and learning plans."""

    name = "college"
    verbose_name = "Recovery College"
