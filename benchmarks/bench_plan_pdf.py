"""The PDF of the largest plan the portal allows (ADR 0020): at most 3 s of server time.

Free text is bounded (``recovery_portal.text_limits``), so the largest plan is known: a crisis plan (the
kind with the most sections) with an entry in every section and every field at its maximum length
(``careplans.tests.factories.largest_allowed_plan``). The plan is made for a clinician's person on the
large Trust, its PDF requested in-process through the plan's PDF page three times, and everything is
rolled back afterwards, so the dataset is left as it was. The figure is the median of the three.

It needs no dataset of its own: on a database without the synthetic Trust it makes the test personas.
"""

import statistics
import time

from .context import Context, entry

BUDGET_SECONDS = 3.0
RUNS = 3
CLINICIAN = "loadtest-clinician01"


def _clinician_and_person():
    from careplans.models import ServiceUser
    from recovery_portal.models import User

    clinician = User.objects.filter(username=CLINICIAN).first()
    if clinician is not None:
        return clinician, ServiceUser.objects.visible_to(clinician).order_by("pk").first()
    from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory
    from tests.fixtures.personas import build_personas

    trust = build_personas()
    clinician = trust.users["clinician"]
    person = ServiceUserFactory()
    CaseloadEntryFactory(person=person, team=trust.persona_team, care_coordinator=clinician)
    return clinician, person


def time_largest_plan_pdf() -> tuple[list[float], int]:
    """Seconds of each request of the largest plan's PDF, and the PDF's size in bytes; changes nothing."""
    from django.db import transaction
    from django.urls import reverse

    from benchmarks.signing_in import signed_in_client
    from careplans.tests.factories import largest_allowed_plan

    with transaction.atomic():
        clinician, person = _clinician_and_person()
        plan = largest_allowed_plan(person=person, by=clinician)
        client = signed_in_client(clinician)
        url = reverse("careplans:plan-pdf", kwargs={"pk": plan.pk})
        client.get(url)  # warm: fonts, templates
        seconds, size = [], 0
        for _ in range(RUNS):
            started = time.perf_counter()
            response = client.get(url)
            seconds.append(time.perf_counter() - started)
            if response.status_code != 200 or response["Content-Type"] != "application/pdf":
                raise RuntimeError(f"The plan's PDF page answered {response.status_code}")
            size = len(response.content)
        transaction.set_rollback(True)
    return seconds, size


def measure(context: Context | None) -> dict[str, dict]:
    if context is not None:
        with context.using("large"):
            seconds, size = time_largest_plan_pdf()
    else:
        seconds, size = time_largest_plan_pdf()
    median = statistics.median(seconds)
    return {
        "pdf.largest_plan": entry(
            median,
            "s",
            f"<= {BUDGET_SECONDS:g} s",
            median <= BUDGET_SECONDS,
            detail={"runs": [round(s, 3) for s in seconds], "bytes": size},
        )  # fmt: skip
    }
