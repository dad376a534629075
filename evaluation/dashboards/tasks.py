"""Background jobs of the dashboards."""

from celery import shared_task


@shared_task(ignore_result=True)
def dashboard_publication_ahead() -> bool:
    """Publish the Trust's counts of people and keep them before a dashboard page asks (cache.py)."""
    from .cache import publish_people_ahead

    return publish_people_ahead()
