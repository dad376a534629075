"""The Celery application. Tasks live in each app's ``tasks.py`` and take ids, never records."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.local")

app = Celery("recovery_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
