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


def test_secrets_can_come_from_files_as_container_secrets_give_them(tmp_path):
    files = {}
    for name in ("SECRET_KEY", "DATABASE_URL"):
        files[f"{name}_FILE"] = str(tmp_path / name.lower())
        # Written as `echo value > file` would: the trailing newline is no part of the secret.
        (tmp_path / name.lower()).write_text(REQUIRED[name] + "\n")
    present = {k: v for k, v in REQUIRED.items() if k not in ("SECRET_KEY", "DATABASE_URL")}

    result = run_production(
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; print(s.SECRET_KEY, s.DATABASES['default']['HOST'])",
        ],
        **present,
        **files,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [REQUIRED["SECRET_KEY"], "db.internal"]


def test_a_secret_file_that_cannot_be_read_stops_start_up_without_showing_a_value(tmp_path):
    present = {k: v for k, v in REQUIRED.items() if k != "SECRET_KEY"}

    result = run_production(["check"], **present, SECRET_KEY_FILE=str(tmp_path / "missing"))

    assert result.returncode != 0
    assert "SECRET_KEY_FILE names a file that cannot be read: No such file or directory" in result.stderr


def test_a_secret_given_twice_is_refused(tmp_path):
    (tmp_path / "key").write_text("another-key")

    result = run_production(["check"], **REQUIRED, SECRET_KEY_FILE=str(tmp_path / "key"))

    assert result.returncode != 0
    assert "Both SECRET_KEY and SECRET_KEY_FILE are set" in result.stderr
    assert "another-key" not in result.stderr


def test_with_a_dsn_errors_are_reported_without_personal_data_tagged_with_release_and_environment():
    # .invalid never resolves; nothing is sent because nothing fails here.
    result = run_production(
        ["shell", "--no-imports", "-c", "import sentry_sdk; o = sentry_sdk.get_client().options; "
         "print(o['send_default_pii'], o['include_local_variables'], o['release'], o['environment'], "
         "o['before_send'].__module__)"],
        **REQUIRED,
        SENTRY_DSN="https://public-key@sentry.invalid/1",
        SENTRY_RELEASE="recovery-portal@2026.12.1",
        SENTRY_ENVIRONMENT="staging",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False", "False", "recovery-portal@2026.12.1", "staging", "recovery_portal.error_reports",
    ]  # fmt: skip
