"""What ``benchmarks/run.py`` hands to every ``bench_*.py`` module's ``measure(context)``.

See benchmarks/README.md for the contract.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measured:
    status: int
    seconds: float  # server time: the request handled in-process, without a network
    queries: int
    content: bytes


def entry(value: float, unit: str, budget: str, ok: bool, **extra) -> dict:
    """One result row: ``{"value", "unit", "budget", "ok"}`` plus any extra keys (such as "detail")."""
    return {"value": round(float(value), 3), "unit": unit, "budget": budget, "ok": bool(ok), **extra}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Context:
    """Scales, their databases, and helpers to request pages and to serve the app."""

    scales = ("small", "large")

    def __init__(self, *, database_urls: dict[str, str], broker_url: str, build_seconds: dict[str, float]):
        self.root = ROOT
        self.python = sys.executable
        self._urls = database_urls
        self.broker_url = broker_url
        self.build_seconds = build_seconds
        from django.conf import settings

        self.loadtest_password = settings.LOADTEST_PASSWORD
        self._current = "large"

    def database_url(self, scale: str) -> str:
        return self._urls[scale]

    @property
    def scale(self) -> str:
        return self._current

    @contextmanager
    def using(self, scale: str) -> Iterator[None]:
        """Point this process's Django (ORM, test client) at ``scale``'s database for the block."""
        from django.db import connection

        previous = self._current
        connection.close()
        connection.settings_dict["NAME"] = self._urls[scale].rsplit("/", 1)[1]
        self._current = scale
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["NAME"] = self._urls[previous].rsplit("/", 1)[1]
            self._current = previous

    def client(self, username: str):
        """A Django test client signed in as ``username`` (on the current scale's database)."""
        from django.contrib.auth import get_user_model

        from benchmarks.signing_in import signed_in_client

        return signed_in_client(get_user_model().objects.get(username=username))

    def request(self, client, path: str, *, method: str = "get", data: dict | None = None) -> Measured:
        """Make one request in-process and time it; counts the database queries it made."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = getattr(client, method)(path, data or {})
            seconds = time.perf_counter() - started
        return Measured(response.status_code, seconds, len(queries), response.content)

    @contextmanager
    def serve(self, scale: str = "large", *, workers: int = 2, threads: int = 4) -> Iterator[str]:
        """gunicorn on a free loopback port serving ``scale``'s database; yields its base URL.

        As deployed (gunicorn.conf.py, as the Dockerfile uses it): ``workers`` processes of ``threads`` threads each (gthread). A
        request spends part of its time waiting on PostgreSQL, and a dashboard whose figures are not yet
        kept waits seconds; a sync worker serves nobody meanwhile, a thread lets its process serve others.
        Idle connections are kept longer than a client pauses between pages (as behind the Trust's proxy,
        whose own idle timeout is the shorter), so a request never meets a connection being closed.
        """
        from django.conf import settings

        port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
            "DEBUG": "false",
            "DATABASE_URL": self._urls[scale],
            "CELERY_BROKER_URL": self.broker_url,
            "CONN_MAX_AGE": "60",
            # The runner's key, so sessions it makes (bench_load.py) are valid on the server.
            "SECRET_KEY": settings.SECRET_KEY,
            # Every simulated person comes from the one loopback address, where in a Trust each has their
            # own: the per-address limit on asking for a place (60 an hour) would otherwise refuse the
            # load test's students as if they were one; the per-account limit stays as deployed.
            "RATE_LIMIT_ENROLMENT_PER_ADDRESS": "100000",
        }
        with tempfile.TemporaryFile(mode="w+") as log:
            process = subprocess.Popen(
                [self.python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "recovery_portal.wsgi:application",
                 "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            url = f"http://127.0.0.1:{port}"
            try:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        with urllib.request.urlopen(f"{url}/health/", timeout=5) as answer:  # noqa: S310 (loopback)
                            if answer.status == 200:
                                break
                    except OSError:
                        if time.monotonic() > deadline or process.poll() is not None:
                            log.seek(0)
                            raise RuntimeError(f"gunicorn did not start:\n{log.read()[-3000:]}") from None
                        time.sleep(0.3)
                yield url
            finally:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
