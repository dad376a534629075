"""The embedded default of `make run`: DEBUG on, SQLite, tasks run in-process."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is acceptable only because this module is never used in a deployment.
SECRET_KEY = env("SECRET_KEY", default="local-only-key-never-used-in-a-deployment-0123456789abcdef")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
