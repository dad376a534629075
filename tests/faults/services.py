"""Stopping and starting the suite's own PostgreSQL, and a private redis-server, from inside a test.

``scripts/with_test_services.sh`` exports where its cluster lives (TEST_PG_DATA, TEST_PG_BIN); the
cluster is restarted with the options it was started with (``postmaster.opts``), on the same port.
"""

import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import redis

from .live import free_port


def _as_postgres(command: list[str]) -> list[str]:
    # pg_ctl refuses to run as root; the throwaway cluster belongs to the postgres user then.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class SuitePostgres:
    def __init__(self):
        data, binaries = os.environ.get("TEST_PG_DATA"), os.environ.get("TEST_PG_BIN")
        # `make test` always provides them; without them this test must fail, never skip.
        assert data and binaries, "TEST_PG_DATA/TEST_PG_BIN are not set: run the suite with `make test`"
        self.data, self.pg_ctl = Path(data), str(Path(binaries) / "pg_ctl")
        # Everything after the data directory, as the cluster was started: port, socket dir, settings.
        words = shlex.split((self.data / "postmaster.opts").read_text())[1:]
        at = words.index("-D")
        self.options = shlex.join(words[:at] + words[at + 2 :])

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([self.pg_ctl, "-D", str(self.data), *args]), check=True, capture_output=True
        )

    def stop(self) -> None:
        """A fast shutdown: open sessions are ended, as when the server is restarted for maintenance."""
        self._ctl("-m", "fast", "-w", "-t", "60", "stop")

    def start(self) -> None:
        self._ctl("-l", str(self.data / "server.log"), "-w", "-t", "60", "-o", self.options, "start")

    def is_running(self) -> bool:
        done = subprocess.run(
            _as_postgres([self.pg_ctl, "-D", str(self.data), "status"]), capture_output=True
        )
        return done.returncode == 0


class PrivateRedis:
    """A redis-server of the test's own on a free loopback port, so the suite's Redis is never touched."""

    def __init__(self, workdir: Path):
        assert shutil.which("redis-server"), "redis-server is not installed (scripts/system_packages.sh)"
        self.port, self.workdir, self.process = free_port(), workdir, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = self.client()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_connect_timeout=1)
