"""Production settings refuse to start without what must never have a default, and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "SECRET_KEY": "a-deployment-secret-" + "k" * 40 + "-0123456789",
    "DATABASE_URL": "postgres://portal@db.internal:5432/recovery",
    "ALLOWED_HOSTS": "recovery.example.nhs.uk",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "PORTAL_BASE_URL": "https://recovery.example.nhs.uk",
}


def run_production(args: list[str], **env_overrides) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in REQUIRED and k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DJANGO_SETTINGS_MODULE="recovery_portal.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_start_up_stops_with_a_message_naming_the_missing_setting(missing):
    present = {k: v for k, v in REQUIRED.items() if k != missing}

    result = run_production(["check"], **present)

    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_production_refuses_a_database_other_than_postgresql():
    result = run_production(["check"], **{**REQUIRED, "DATABASE_URL": "sqlite:////tmp/portal.sqlite3"})

    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_deployment_checks_pass_at_warning_level_with_the_required_settings():
    result = run_production(["check", "--deploy", "--fail-level", "WARNING"], **REQUIRED)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_uses_secure_cookies_hsts_and_no_debug():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_NAME, s.SECURE_SSL_REDIRECT, s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)"
    )

    result = run_production(["shell", "--no-imports", "-c", code], **REQUIRED)

    assert result.stdout.split() == [
        *("False", "True", "True", "31536000", "__Host-sessionid", "True", "False"),
        "django.core.mail.backends.smtp.EmailBackend",
    ]


def test_production_refuses_notify_without_a_callback_token():
    result = run_production(
        ["check"], **REQUIRED, NOTIFY_API_KEY="live-" + "0" * 73, NOTIFY_CALLBACK_TOKEN=""
    )
    assert result.returncode != 0
    assert "NOTIFY_CALLBACK_TOKEN is not set" in result.stderr
