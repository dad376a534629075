"""WSGI entry point used by gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.production")

application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules) lives as long as the process: kept out of
# the garbage collector's sweeps, which otherwise walk it all again on every full collection.
gc.freeze()
