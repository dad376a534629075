"""Reads of the core app."""

from .models import WorkerHeartbeat


def worker_heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.select_related("requested_by").first()


def worker_heartbeat_last_answered() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.filter(answered_at__isnull=False).order_by("-answered_at").first()
