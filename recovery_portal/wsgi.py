"""WSGI entry point used by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.production")

application = get_wsgi_application()
