"""The load test's people (``bench_load.py`` runs it headless against gunicorn on loopback).

Staff open their caseload, a person, their plans, add to a plan and look at their Team Recovery Plan;
students browse the prospectus, open a run, ask for a place and give it up again; steering group
members open the dashboard when it exists. Each uses a load-test account made by ``generate_dataset``,
signed in before the run; sign-in is timed apart (bench_load.py), its Argon2 hash being slow on purpose.

Reads LOADTEST_TARGETS (JSON written by bench_load.py) and writes LOADTEST_OUTPUT (JSON) on quitting.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

TARGETS = json.loads(open(os.environ["LOADTEST_TARGETS"]).read())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
PEOPLE = re.compile(r'href="/people/(\d+)/"')
PLANS = re.compile(r'href="/people/plans/(\d+)/"')
ADD_ENTRY = re.compile(r'href="(/people/plans/\d+/sections/[a-z_]+/add/)"')
RUNS = re.compile(r'href="/college/runs/(\d+)/"')
CANCEL = re.compile(r'action="(/college/enrolments/\d+/cancel/)"')
_accounts = {kind: itertools.cycle(names) for kind, names in TARGETS["accounts"].items()}
_timings: list[tuple[str, float, bool]] = []


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    _timings.append((name, response_time, exception is None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    pages = sorted(ms for _, ms, _ in _timings)

    def p95(values):
        return values[min(len(values) - 1, int(len(values) * 0.95))] if values else float("nan")

    by_name = {}
    for name, ms, _ok in _timings:
        by_name.setdefault(name, []).append(ms)
    summary = {
        "requests": len(pages),
        "errors": sum(1 for _, _, ok in _timings if not ok),
        "errors_by_page": {
            name: sum(1 for n, _, ok in _timings if n == name and not ok)
            for name in sorted({n for n, _, ok in _timings if not ok})
        },  # fmt: skip
        "p95_ms": p95(pages),
        "p95_by_page_ms": {name: p95(sorted(values)) for name, values in sorted(by_name.items())},
    }
    with open(os.environ["LOADTEST_OUTPUT"], "w") as out:
        json.dump(summary, out)


class SignedIn(HttpUser):
    abstract = True
    # People read and think between pages.
    wait_time = between(2, 5)
    kind = ""

    def on_start(self):
        # Signed in before the run (bench_load.py): 50 Argon2 checks at once would measure the hash.
        self.username = next(_accounts[self.kind])
        self.client.cookies.set("sessionid", TARGETS["sessions"][self.username])

    def page(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{path} answered {answer.status_code}")
            return answer


class Staff(SignedIn):
    weight = 6
    kind = "staff"

    def on_start(self):
        super().on_start()
        self.people, self.plans = [], []

    @task(4)
    def caseload(self):
        self.people = PEOPLE.findall(self.page("/people/", "caseload").text) or self.people

    @task(3)
    def person(self):
        if self.people:
            self.plans = PLANS.findall(self.page(f"/people/{random.choice(self.people)}/", "person").text)

    @task(3)
    def plan(self):
        if self.plans:
            self.page(f"/people/plans/{random.choice(self.plans)}/", "plan")

    @task(1)
    def plan_save(self):
        if not self.plans:
            return
        adds = ADD_ENTRY.findall(self.page(f"/people/plans/{random.choice(self.plans)}/", "plan").text)
        if not adds:
            return
        form = self.page(adds[0], "plan entry form")
        with self.client.post(
            adds[0],
            {"csrfmiddlewaretoken": CSRF.search(form.text).group(1), "version": VERSION.search(form.text).group(1),
             "text": "Said in the review: walking helps", "author_role": "said_in_room"},
            name="plan save", allow_redirects=False, catch_response=True,
        ) as answer:  # fmt: skip
            if answer.status_code != 302:
                answer.failure(f"plan save answered {answer.status_code}")

    @task(2)
    def team_plan(self):
        self.page(f"/teams/recovery-plans/{TARGETS['team_plans'][self.username]}/", "team plan")


class Student(SignedIn):
    weight = 3
    kind = "students"

    def on_start(self):
        super().on_start()
        self.runs = []

    @task(3)
    def prospectus(self):
        self.runs = RUNS.findall(self.page("/college/", "prospectus").text) or self.runs

    @task(2)
    def enrol(self):
        if not self.runs:
            return
        run = random.choice(self.runs)
        page = self.page(f"/college/runs/{run}/", "run")
        token = CSRF.search(page.text)
        if token is None:
            return
        with self.client.post(f"/college/runs/{run}/enrol/", {"csrfmiddlewaretoken": token.group(1)},
                              name="enrol", allow_redirects=False, catch_response=True) as answer:  # fmt: skip
            if answer.status_code != 302:
                answer.failure(f"enrol answered {answer.status_code}")

    @task(1)
    def give_up_a_place(self):
        mine = self.page("/college/my-courses/", "my courses")
        cancels, token = CANCEL.findall(mine.text), CSRF.search(mine.text)
        if cancels and token:
            with self.client.post(cancels[0], {"csrfmiddlewaretoken": token.group(1)}, name="cancel place",
                                  allow_redirects=False, catch_response=True) as answer:  # fmt: skip
                if answer.status_code != 302:
                    answer.failure(f"cancel answered {answer.status_code}")


class Steering(SignedIn):
    weight = 1 if TARGETS["dashboard"] else 0
    kind = "steering"

    @task
    def dashboard(self):
        self.page("/dashboards/", "dashboard")
