"""Background jobs of the teams app. Tasks take ids and call services (ARCHITECTURE §4)."""

from celery import shared_task


@shared_task(ignore_result=True)
def leavers_disable() -> None:
    """Daily, just after midnight: staff whose last team membership ended yesterday or before lose
    access (teams.services.leavers_disable)."""
    from . import services

    services.leavers_disable()
