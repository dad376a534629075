"""A gunicorn serving the test database on a free loopback port, and a small cookie-keeping visitor.

The server runs ``tests.faults.live_settings``: the test settings with jobs sent to a real broker.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class LiveServer:
    """gunicorn as deployed (gunicorn.conf.py) but with ``workers`` sync workers; ``url`` once it answers /health/."""

    def __init__(self, *, broker_url: str = "", workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.faults.live_settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            # Connections kept between requests, as in production, so recovery relies on health checks.
            "CONN_MAX_AGE": "60",
        }
        # A file, not a pipe: a server logging many errors must never block on a full pipe.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "recovery_portal.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--worker-class", "sync",
             "--timeout", "60", "--graceful-timeout", "5"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.output()[-3000:])
            try:
                if Visitor(self.url).get("/health/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer /health/ within a minute")

    def stop(self) -> str:
        """Stop the server; returns what it logged."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.output()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()


@dataclass
class Page:
    status: int
    text: str
    seconds: float
    location: str = ""

    def csrf(self) -> str:
        found = CSRF.search(self.text)
        assert found, f"no CSRF token on the page:\n{self.text[:2000]}"
        return found.group(1)

    def version(self) -> str:
        found = VERSION.search(self.text)
        assert found, "no version field on the page"
        return found.group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: keeps its cookies, never follows redirects, never raises on an HTTP error status."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def _open(self, request, timeout: float) -> Page:
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, body, location = (
                    response.status,
                    response.read(),
                    response.headers.get("Location", ""),
                )
        except urllib.error.HTTPError as error:
            status, body, location = error.code, error.read(), error.headers.get("Location", "")
        return Page(status, body.decode("utf-8", "replace"), time.monotonic() - started, location or "")

    def get(self, path: str, *, timeout: float = 30) -> Page:
        # Only ever the loopback server started by the test.
        return self._open(urllib.request.Request(self.base_url + path), timeout)  # noqa: S310

    def post(self, path: str, data: dict, *, timeout: float = 30) -> Page:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base_url + path, data=body, method="POST")  # noqa: S310
        return self._open(request, timeout)

    def submit(self, path: str, data: dict, *, versioned: bool = False) -> Page:
        """Open the form at ``path`` and send it, as a person would, with its CSRF token (and version)."""
        form = self.get(path)
        assert form.status == 200, f"GET {path} answered {form.status}"
        extra = {"csrfmiddlewaretoken": form.csrf()}
        if versioned:
            extra["version"] = form.version()
        return self.post(path, {**extra, **data})

    def sign_in(self, username: str, password: str) -> Page:
        from tests.fixtures.second_factor import prepare_browser_sign_in

        prepare_browser_sign_in(username)
        page = self.submit("/sign-in/", {"username": username, "password": password})
        assert page.status == 302, f"sign-in of {username} answered {page.status}:\n{page.text[:2000]}"
        from recovery_portal import second_factor
        from recovery_portal.models import User as Account

        # The portal asks staff for the second factor on the next page they open after the password.
        if second_factor.required_for(Account.objects.get(username=username)):
            # Staff then type the code from their authenticator app (tests/fixtures/second_factor.py).
            from recovery_portal.models import User
            from tests.fixtures.second_factor import unused_code_for

            code = unused_code_for(User.objects.get(username=username))
            second = self.submit("/sign-in/second-factor/", {"code": code})
            assert second.status == 302, f"second factor of {username} answered {second.status}"
            page = Page(page.status, page.text, page.seconds + second.seconds, second.location)
        return page
