"""The annual Trust-wide evaluation report (compiled in the background) and the team performance report."""


def register() -> None:
    """The header link, registered by ``EvaluationConfig.ready``."""
    from recovery_portal.navigation import NavLink, register_link

    from . import rules  # noqa: F401 (rules registers the permissions)

    register_link(
        NavLink("Annual reports", "reports:list", permission="evaluation.view_annualreportrun", order=55)
    )
