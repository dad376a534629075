"""The FHIR API (ADR 0028): a bulk export of every return at large scale, and 1,000 responses read
through the API page by page.

The export runs as the Celery job does (``evaluation.fhir.export.export_run``) in a subprocess of its own
against each scale's database, started by a small Python parent whose ``getrusage(RUSAGE_CHILDREN)`` is
that export's peak resident memory alone. Budget: at most 60 s at large, and memory flat: the export
streams, so its peak memory at large is within 1.5 times that at small although it writes many times the
returns. The read is in-process with a real token from a signed client assertion, ``_count=100``,
following each ``next`` link until 1,000 responses are read; the queries per page must not grow.
"""

import json
import os
import subprocess
import textwrap
import time
import traceback

from .context import Context, entry

EXPORT_SECONDS_BUDGET = 60
MEMORY_GROWTH_BUDGET = 1.5
READ_RESPONSES, PAGE = 1000, 100
READ_SECONDS_BUDGET = 10

_PARENT = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    started = time.perf_counter()
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    print(json.dumps({"seconds": time.perf_counter() - started, "returncode": done.returncode,
                      "max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                      "output": (done.stdout + done.stderr)[-3000:]}))
    """
)

# Registers a Trust-wide client, exports every return and scores, prints what was written, tidies up.
_EXPORT = textwrap.dedent(
    """
    import json, time
    from django.contrib.auth import get_user_model
    from django.core.files.storage import default_storage
    from evaluation.fhir.export import export_files_delete, export_run
    from evaluation.models import FhirClient, FhirExport
    user = get_user_model().objects.create(username="bench-fhir-export", is_active=True)
    client = FhirClient.objects.create(name="Bench", client_id="bench-fhir-export", jwks={"keys": []},
                                       scopes="system/QuestionnaireResponse.rs system/Observation.rs",
                                       trust_wide=True, user=user)
    export = FhirExport.objects.create(client=client, types="QuestionnaireResponse Observation", request_url="bench")
    try:
        started = time.perf_counter()
        export_run(export.pk)
        seconds = time.perf_counter() - started
        export.refresh_from_db()
        print(json.dumps({"status": export.status, "returns": export.returns_done, "seconds": seconds,
                          "output": {o["type"]: o["count"] for o in export.output}}))
    finally:
        export.refresh_from_db()
        export_files_delete(export)
        export.delete(); client.delete(); user.delete()
    """
)


def _export(context: Context, scale: str) -> dict:
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": context.database_url(scale),
        "CELERY_BROKER_URL": context.broker_url,
        "SECRET_KEY": settings.SECRET_KEY,
    }
    command = [context.python, "manage.py", "shell", "-c", _EXPORT]
    done = subprocess.run(
        [context.python, "-c", _PARENT, *command],
        cwd=context.root, env=env, capture_output=True, text=True, timeout=900, check=True,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if found["returncode"] != 0:
        raise RuntimeError(found["output"])
    found["written"] = json.loads(found["output"].strip().splitlines()[-1])
    return found


def _read(context: Context) -> dict:
    """1,000 QuestionnaireResponses through the API at large, page by page, as a client reads them."""
    import uuid

    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from evaluation.models import FhirAccessToken, FhirClient, FhirClientAssertion

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key())) | {"kid": "bench", "alg": "RS384"}
    user = get_user_model().objects.create(username="bench-fhir-read", is_active=True)
    system = FhirClient.objects.create(name="Bench read", client_id="bench-fhir-read", jwks={"keys": [jwk]},
                                       scopes="system/QuestionnaireResponse.rs", trust_wide=True, user=user)  # fmt: skip
    try:
        http = Client()
        claims = {"iss": system.client_id, "sub": system.client_id, "aud": "http://testserver/fhir/token",
                  "exp": int(time.time()) + 120, "jti": uuid.uuid4().hex}  # fmt: skip
        token = http.post("/fhir/token", {
            "grant_type": "client_credentials", "scope": "system/QuestionnaireResponse.rs",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": jwt.encode(claims, key, algorithm="RS384", headers={"kid": "bench"}),
        }).json()["access_token"]  # fmt: skip
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        url, read, pages, queries, started = (
            f"/fhir/QuestionnaireResponse?_count={PAGE}",
            0,
            0,
            [],
            time.perf_counter(),
        )
        while url and read < READ_RESPONSES:
            with CaptureQueriesContext(connection) as captured:
                body = http.get(url, **headers).json()
            queries.append(len(captured))
            read += len(body.get("entry", []))
            pages += 1
            url = next((link["url"] for link in body["link"] if link["relation"] == "next"), None)
        return {"seconds": time.perf_counter() - started, "read": read, "pages": pages, "queries": queries}
    finally:
        FhirAccessToken.objects.filter(client=system).delete()
        FhirClientAssertion.objects.filter(client=system).delete()
        system.delete()
        user.delete()


def _failed(name: str, budget: str) -> dict:
    """One measure that could not be taken, with why, so that the others are still taken and shown."""
    return {name: entry(float("nan"), "", budget, False, detail=traceback.format_exc()[-3000:])}


def measure(context: Context) -> dict[str, dict]:
    found: dict[str, dict] = {}
    try:
        found.update(_export_entries(context))
    except Exception:  # the read below is a figure of its own, taken whatever the export did
        found.update(_failed("fhir.export.large.seconds", f"<= {EXPORT_SECONDS_BUDGET} s"))
    try:
        with context.using("large"):
            read = _read(context)
        found["fhir.read.1000_responses"] = entry(
            read["seconds"], "s", f"<= {READ_SECONDS_BUDGET} s",
            read["seconds"] <= READ_SECONDS_BUDGET and read["read"] >= READ_RESPONSES
            and max(read["queries"]) == min(read["queries"]),
            detail=f"{read['read']} responses in {read['pages']} pages of {PAGE}; queries per page {sorted(set(read['queries']))}",
        )  # fmt: skip
    except Exception:
        found.update(_failed("fhir.read.1000_responses", f"<= {READ_SECONDS_BUDGET} s"))
    return found


def _export_entries(context: Context) -> dict[str, dict]:
    small, large = _export(context, "small"), _export(context, "large")
    growth = large["max_rss_kb"] / small["max_rss_kb"]
    returns = large["written"]["returns"], small["written"]["returns"]
    return {
        "fhir.export.large.seconds": entry(
            large["seconds"], "s", f"<= {EXPORT_SECONDS_BUDGET} s", large["seconds"] <= EXPORT_SECONDS_BUDGET
            and large["written"]["status"] == "done",
            detail=f"every return at large ({returns[0]:,}) as NDJSON: {large['written']['output']}; "
                   f"{large['written']['seconds']:.1f} s in the export itself, the rest starting Django",
        ),
        "fhir.export.memory_growth": entry(
            growth, "x", f"<= {MEMORY_GROWTH_BUDGET}x small", growth <= MEMORY_GROWTH_BUDGET,
            detail=f"peak memory {large['max_rss_kb'] / 1024:.0f} MB at large ({returns[0]:,} returns) against "
                   f"{small['max_rss_kb'] / 1024:.0f} MB at small ({returns[1]:,} returns)",
        ),
    }  # fmt: skip
