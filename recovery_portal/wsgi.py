"""WSGI entry point used by gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application

from recovery_portal.warm import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.production")

application = get_wsgi_application()

# Views, templates and the job queue's client are loaded now, not in the first requests served.
warm_up()

# Everything loaded so far (Django, the apps, their modules) lives as long as the process: kept out of
# the garbage collector's sweeps, which otherwise walk it all again on every full collection.
gc.freeze()
