"""Secrets from files (Docker and Kubernetes secrets): NAME_FILE names a file that holds NAME's value.

Read by the settings before anything else, so every setting that reads NAME sees the file's value.
"""

import os
from collections.abc import Iterable, MutableMapping

from django.core.exceptions import ImproperlyConfigured

# Every variable that may hold a secret or a URL with a password in it.
SECRET_VARIABLES = (
    "SECRET_KEY",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_HOST_PASSWORD",
    "SENTRY_DSN",
    "DATABASE_APP_PASSWORD",
)


def read_secret_files(
    environ: MutableMapping[str, str] = os.environ, names: Iterable[str] = SECRET_VARIABLES
) -> None:
    for name in names:
        path = environ.get(f"{name}_FILE", "")
        if not path:
            continue
        if environ.get(name):
            raise ImproperlyConfigured(
                f"Both {name} and {name}_FILE are set. Set one of them. See .env.example."
            )
        try:
            with open(path, encoding="utf-8") as secret:
                # A file written by `echo` ends with a newline that is no part of the secret.
                value = secret.read().rstrip("\r\n")
        except OSError as problem:
            # The reason (missing, not readable), never the content.
            raise ImproperlyConfigured(
                f"{name}_FILE names a file that cannot be read: {problem.strerror}."
            ) from None
        if not value:
            raise ImproperlyConfigured(f"{name}_FILE names an empty file.")
        environ[name] = value
