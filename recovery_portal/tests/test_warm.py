"""A web process loads its views, templates and job client before serving (recovery_portal.warm)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.template import engines

from recovery_portal import warm


def test_every_template_of_the_portal_compiles_at_start_up():
    templates = list((Path(settings.BASE_DIR) / "templates").rglob("*.html"))

    assert warm._templates() == len(templates) > 150
    # Kept by the cached loader: a page using one does not compile it again.
    loader = engines["django"].engine.template_loaders[0]
    assert loader.get_template("base.html") is loader.get_template("base.html")


def test_a_broken_template_is_reported_and_the_others_still_compile(tmp_path, settings, caplog):
    (tmp_path / "good.html").write_text("<p>{{ name }}</p>")
    (tmp_path / "broken.html").write_text("{% if %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path], "APP_DIRS": False}]

    assert warm._templates() == 1
    assert "broken.html does not compile" in caplog.text


def test_a_web_process_starts_with_everything_loaded_and_nothing_connected():
    """The WSGI module, imported as gunicorn does, with nothing listening where the database and Redis
    should be: it loads the views, the templates and the job client, and connects to neither."""
    nowhere = "127.0.0.1:9"  # the discard port: nothing listens there
    probe = (
        "import sys, recovery_portal.wsgi\n"
        "from django.template import engines\n"
        "cached = engines['django'].engine.template_loaders[0].get_template_cache\n"
        "print(len(cached), all(m in sys.modules for m in ("
        "'careplans.views.people', 'college.views.students', 'kombu.transport.redis', 'celery.canvas')))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.test",
        "DATABASE_URL": f"postgres://nobody@{nowhere}/nothing",
        "CELERY_BROKER_URL": f"redis://{nowhere}/0",
    }
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    templates, loaded = done.stdout.split()
    assert int(templates) >= len(list((Path(settings.BASE_DIR) / "templates").rglob("*.html")))
    assert loaded == "True"
