"""PostgreSQL restarts under load: requests meanwhile get the NHS.UK "service unavailable" page, and the
same server answers normally again once the database is back, without being restarted itself.

Recovery rests on ``CONN_HEALTH_CHECKS`` (a kept connection is checked before reuse) and on the 500
handler answering 503 when the database is out of reach (``recovery_portal.views.errors``).
"""

import threading
import time

import pytest
from django.db import connection

from careplans.models import PlanEntry
from tests.fixtures.personas import PERSONA_PASSWORD

from .live import LiveServer, Visitor
from .services import SuitePostgres

pytestmark = pytest.mark.django_db(transaction=True)

UNAVAILABLE = "<h1>Sorry, the service is unavailable</h1>"
RECOVERY_SECONDS = 10  # reliability goal 30: back within 10 s of the database returning


class Load:
    """People reading caseloads and plans, over and over, each on their own thread and sign-in."""

    def __init__(self, server, username_paths: dict[str, list[str]]):
        self.results: list[tuple[float, str, int, str]] = []
        self.stopping = threading.Event()
        self.visitors = {}
        for username, paths in username_paths.items():
            visitor = Visitor(server.url)
            visitor.sign_in(username, PERSONA_PASSWORD)
            self.visitors[username] = (visitor, paths)
        self.threads = [threading.Thread(target=self._browse, args=pair) for pair in self.visitors.values()]

    def _browse(self, visitor, paths):
        while not self.stopping.is_set():
            for path in paths:
                try:
                    page = visitor.get(path, timeout=20)
                    self.results.append((time.monotonic(), path, page.status, page.text))
                except OSError as error:  # a refused or dropped connection would be a failure too
                    self.results.append((time.monotonic(), path, 0, repr(error)))
                time.sleep(0.05)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)


def _wait_until(predicate, timeout: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def test_requests_fail_cleanly_during_a_restart_and_the_app_recovers_by_itself(
    personas, serviceuser_record, recovery_plan
):
    postgres = SuitePostgres()
    server = LiveServer(workers=2)
    person, plan = serviceuser_record.pk, recovery_plan.pk
    entry_form = f"/people/plans/{plan}/sections/what_matters/add/"
    writer = Visitor(server.url)
    writer.sign_in("peerworker", PERSONA_PASSWORD)
    health = Visitor(server.url)
    try:
        with Load(
            server,
            {
                "clinician": ["/people/", f"/people/{person}/"],
                "teamlead": ["/people/", f"/people/plans/{plan}/"],
            },
        ) as load:
            time.sleep(1)
            form = writer.get(entry_form)
            postgres.stop()
            try:
                down_at = time.monotonic()
                time.sleep(2)
                during_health = health.get("/health/")
                refused_save = writer.post(
                    entry_form,
                    {"csrfmiddlewaretoken": form.csrf(), "version": form.version(),
                     "text": "Written while the database was away", "author_role": "said_in_room"},
                )  # fmt: skip
                during_page = writer.get(f"/people/plans/{plan}/")
                time.sleep(1)
            finally:
                postgres.start()
                up_at = time.monotonic()
                # The test's own connection was cut by the restart too.
                connection.close()
            recovered_in = _wait_until(
                lambda: health.get("/health/").status == 200 and writer.get("/people/").status == 200,
                RECOVERY_SECONDS,
            )
            time.sleep(1.5)
        # Nothing was half-written, and the same words save once the service is back.
        half_written = PlanEntry.objects.filter(text="Written while the database was away").exists()
        retry = writer.submit(
            entry_form,
            {"text": "Written while the database was away", "author_role": "said_in_room"},
            versioned=True,
        )
    finally:
        if not postgres.is_running():
            postgres.start()
        log = server.stop()
        connection.close()

    assert during_health.status == 503
    assert '"database": "unreachable"' in during_health.text
    for page in (refused_save, during_page):
        assert page.status == 503 and UNAVAILABLE in page.text, page.text[:2000]
        assert "Traceback" not in page.text and "OperationalError" not in page.text

    assert recovered_in is not None, f"not answering within {RECOVERY_SECONDS} s of the database returning"
    assert "Booting worker" in log and log.count("Booting worker") == 2, "a web worker was restarted"

    statuses = {status for _, _, status, _ in load.results}
    assert statuses <= {200, 503}, f"unexpected answers under load: {statuses}"
    outage = [text for at, _, status, text in load.results if down_at < at < up_at and status == 503]
    assert outage, "no request met the outage"
    assert all(UNAVAILABLE in text and "Traceback" not in text for text in outage)
    settled = up_at + recovered_in
    after = [status for at, _, status, _ in load.results if at > settled + 0.5]
    assert after and set(after) == {200}, f"answers after recovery: {set(after)}"

    assert not half_written
    assert retry.status == 302
    assert PlanEntry.objects.filter(plan_id=plan, text="Written while the database was away").count() == 1
