"""Error reports to the Trust's Sentry-compatible server, with no personal data in them.

Started by the settings when SENTRY_DSN is set. A report says where the code failed (the stack, the
exception's type, the page's path, the request id the person was shown), never what anyone wrote:
request bodies, cookies, query strings (searches carry NHS numbers), local variables, SQL parameters
and exception and log messages (which may quote a plan's words) are removed before anything is sent.
"""

import warnings

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from . import logs

# Request headers worth keeping: none of them identifies a person or carries what they wrote.
_SAFE_HEADERS = {"user-agent", "accept", "accept-language", "content-type", "content-length", "host"}
SCRUBBED = "[removed]"


def scrub(event: dict, hint: dict | None = None) -> dict:
    """before_send: keep where and how it failed; remove everything that could hold personal data."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        url = request.get("url")
        if isinstance(url, str):
            request["url"] = url.split("?", 1)[0]
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k.lower() in _SAFE_HEADERS}
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        # The message may quote what was being saved; the type and the stack say where.
        if exception.get("value"):
            exception["value"] = SCRUBBED
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values") or []:
        for frame in (thread.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        # The message template stays (it is code); the values put into it go.
        logentry.pop("params", None)
        logentry.pop("formatted", None)
    if isinstance(event.get("message"), str) and logentry:
        event["message"] = logentry.get("message", SCRUBBED)
    event.pop("extra", None)
    crumbs = event.get("breadcrumbs")
    if isinstance(crumbs, dict):
        crumbs["values"] = [
            _scrub_breadcrumb(c) for c in crumbs.get("values") or [] if c.get("category") != "query"
        ]
    request_id = logs.request_id_var.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def _scrub_breadcrumb(crumb: dict) -> dict:
    return {k: v for k, v in crumb.items() if k not in ("data", "message")}


def start(*, dsn: str, environment: str, release: str, transport=None) -> None:
    """Start reporting. ``transport`` is for tests only: reports are captured in-process, never sent."""
    with warnings.catch_warnings():
        # sentry-sdk 2.76 marks send_default_pii as deprecated in favour of data_collection, whose
        # omitted categories are collected; the plain "off" below is the stricter and clearer choice.
        warnings.simplefilter("ignore", DeprecationWarning)
        _init(dsn=dsn, environment=environment, release=release, transport=transport)


def _init(*, dsn: str, environment: str, release: str, transport) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[
            DjangoIntegration(),
            CeleryIntegration(),
            # Errors logged (a failed job's attempt, a refused request) are reported; lower levels are not.
            LoggingIntegration(event_level="ERROR"),
        ],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        # Errors only: no performance tracing, no profiling.
        traces_sample_rate=None,
        before_send=scrub,
        before_breadcrumb=lambda crumb, hint: None if crumb.get("category") == "query" else crumb,
        transport=transport,
    )
