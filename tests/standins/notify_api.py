"""A local stand-in of the GOV.UK Notify API, for the tests: it speaks Notify's v2 REST protocol.

GOV.UK Notify cannot be reached from the test machines, so the test services script starts this on
loopback and the portal's real client (``notifications-python-client``) is pointed at it with its
``base_url``. It does what Notify documents, so the portal is tested against the protocol, not a mock:

- ``POST /v2/notifications/sms`` and ``/email`` and ``GET /v2/notifications/{id}``;
- every request must carry ``Authorization: Bearer <JWT>``, signed HS256 with the API key's secret,
  ``iss`` the service id and ``iat`` within 30 seconds of this server's clock (else 403 ``AuthError``);
- payloads are checked as Notify checks them: a known template of the right type, every placeholder of
  the template in ``personalisation``, a UK mobile number or a valid email address (else 400
  ``BadRequestError`` / ``ValidationError``);
- Notify's test recipients decide the outcome: ``07700900002`` and ``perm-fail@simulator.notify`` end in
  ``permanent-failure``, ``07700900003`` and ``temp-fail@simulator.notify`` in ``temporary-failure``;
  anyone else is ``delivered``; each notification moves from ``sending`` to its outcome and, where a
  callback is set, the outcome is POSTed to it with the callback's bearer token, as Notify's delivery
  receipts are.

Control endpoints for the tests (not part of Notify): ``POST /_standin/templates`` (register templates),
``POST /_standin/callback`` (the delivery-receipt URL and bearer token), ``POST /_standin/fail-next``
(answer the next send with a given HTTP error), ``GET /_standin/notifications`` (what was received),
``POST /_standin/reset``.

Run: ``python tests/standins/notify_api.py --port N --service-id UUID --secret UUID``.
"""

import argparse
import json
import re
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

PERMANENT_FAILURE = {"07700900002", "perm-fail@simulator.notify"}
TEMPORARY_FAILURE = {"07700900003", "temp-fail@simulator.notify"}
EMAIL = re.compile(r"^[^\s@,;]+@[^\s@,;]+\.[^\s@,;.]+$|^[a-z-]+@simulator\.notify$")
PLACEHOLDER = re.compile(r"\(\(([^()]+?)\)\)")
ERRORS = {
    400: ("BadRequestError", "Bad request"),
    403: ("AuthError", "Invalid token: API key not found"),
    429: ("RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"),
    500: ("Exception", "Internal server error"),
}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def uk_mobile(number: str) -> str | None:
    """Notify's rule for UK mobile numbers: 07 and nine more digits, with or without +44/0044."""
    digits = re.sub(r"[\s()\-.]", "", number)
    for prefix in ("+44", "0044", "44"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix) :]
            break
    if not digits.isdigit() or not digits.startswith("07") or len(digits) != 11:
        return None
    return digits


class State:
    def __init__(self, *, service_id: str, secret: str, delivery_delay: float):
        self.service_id = service_id
        self.secret = secret
        self.delivery_delay = delivery_delay
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.templates: dict[str, dict] = {}
            self.notifications: dict[str, dict] = {}
            self.callback: dict | None = None
            self.fail_next: list[int] = []


class Handler(BaseHTTPRequestHandler):
    state: State
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    # --- plumbing
    def _json(self, status: int, body) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, error: str, message: str) -> None:
        self._json(status, {"status_code": status, "errors": [{"error": error, "message": message}]})

    def _body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return {}

    def _authorised(self) -> bool:
        """Notify's JWT rules: HS256 with the key's secret, iss = service id, iat within 30 seconds."""
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            self._error(401, "AuthError", "Unauthorized: authentication token must be provided")
            return False
        token = header.removeprefix("Bearer ")
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            self._error(403, "AuthError", "Invalid token: signature, api token is not valid")
            return False
        if unverified.get("iss") != self.state.service_id:
            self._error(403, "AuthError", "Invalid token: service not found")
            return False
        try:
            claims = jwt.decode(token, self.state.secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.PyJWTError:
            self._error(403, "AuthError", "Invalid token: signature, api token not found")
            return False
        iat = claims.get("iat")
        if not isinstance(iat, int | float) or abs(time.time() - iat) > 30:
            self._error(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds")
            return False
        return True

    # --- routes
    def do_GET(self):
        if self.path == "/_standin/notifications":
            with self.state.lock:
                return self._json(200, list(self.state.notifications.values()))
        match = re.fullmatch(r"/v2/notifications/([0-9a-f-]{36})", self.path)
        if match:
            if not self._authorised():
                return None
            with self.state.lock:
                notification = self.state.notifications.get(match[1])
            if notification is None:
                return self._error(404, "NoResultFound", "No result found")
            return self._json(200, notification)
        return self._error(404, "NotFound", "Not found")

    def do_POST(self):
        body = self._body()
        if self.path == "/_standin/reset":
            self.state.reset()
            return self._json(200, {})
        if self.path == "/_standin/templates":
            with self.state.lock:
                for template in body["templates"]:
                    self.state.templates[template["id"]] = template
            return self._json(200, {})
        if self.path == "/_standin/callback":
            with self.state.lock:
                self.state.callback = body
            return self._json(200, {})
        if self.path == "/_standin/fail-next":
            with self.state.lock:
                self.state.fail_next.append(int(body["status"]))
            return self._json(200, {})
        if self.path in ("/v2/notifications/sms", "/v2/notifications/email"):
            if not self._authorised():
                return None
            return self._send(body, kind=self.path.rsplit("/", 1)[1])
        return self._error(404, "NotFound", "Not found")

    def _send(self, body: dict, *, kind: str) -> None:
        with self.state.lock:
            forced = self.state.fail_next.pop(0) if self.state.fail_next else None
        if forced is not None:
            return self._error(forced, *ERRORS[forced])
        template = self.state.templates.get(str(body.get("template_id")))
        if template is None or template["type"] != kind:
            return self._error(400, "BadRequestError", "Template not found")
        personalisation = body.get("personalisation") or {}
        missing = [key for key in PLACEHOLDER.findall(template["body"]) if key not in personalisation]
        if missing:
            return self._error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        if kind == "sms":
            to = uk_mobile(str(body.get("phone_number", "")))
            if to is None:
                return self._error(400, "ValidationError", "phone_number Not a UK mobile number")
        else:
            to = str(body.get("email_address", "")).strip()
            if not EMAIL.match(to):
                return self._error(400, "ValidationError", "email_address Not a valid email address")
        content = PLACEHOLDER.sub(lambda m: str(personalisation[m[1]]), template["body"])
        notification = {
            "id": str(uuid.uuid4()),
            "reference": body.get("reference"),
            "type": kind,
            "status": "sending",
            "phone_number": to if kind == "sms" else None,
            "email_address": to if kind == "email" else None,
            "template": {"id": template["id"], "version": 1, "uri": f"/v2/template/{template['id']}"},
            "body": content,
            "subject": template.get("subject"),
            "personalisation": personalisation,
            "created_at": _now(),
            "sent_at": _now(),
            "completed_at": None,
        }
        outcome = (
            "permanent-failure"
            if to in PERMANENT_FAILURE
            else "temporary-failure"
            if to in TEMPORARY_FAILURE
            else "delivered"
        )
        with self.state.lock:
            self.state.notifications[notification["id"]] = notification
        threading.Timer(
            self.state.delivery_delay, _complete, args=(self.state, notification["id"], outcome)
        ).start()
        reply = {
            "id": notification["id"],
            "reference": notification["reference"],
            "uri": f"/v2/notifications/{notification['id']}",
            "template": notification["template"],
            "content": {"body": content, "from_number": "GOVUK"}
            if kind == "sms"
            else {
                "body": content,
                "subject": template.get("subject", ""),
                "from_email": "portal@notify.test",
            },
        }
        return self._json(201, reply)


def _complete(state: State, notification_id: str, outcome: str) -> None:
    """The delivery outcome, and its receipt to the callback where one is set (as Notify sends them)."""
    with state.lock:
        notification = state.notifications[notification_id]
        notification["status"] = outcome
        notification["completed_at"] = _now()
        callback = state.callback
        receipt = {
            "id": notification["id"],
            "reference": notification["reference"],
            "to": notification["phone_number"] or notification["email_address"],
            "status": outcome,
            "created_at": notification["created_at"],
            "completed_at": notification["completed_at"],
            "sent_at": notification["sent_at"],
            "notification_type": notification["type"],
            "template_id": notification["template"]["id"],
            "template_version": 1,
        }
    if not callback:
        return
    request = urllib.request.Request(  # noqa: S310 - a loopback URL set by the tests
        callback["url"],
        data=json.dumps(receipt).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {callback['bearer_token']}"},
        method="POST",
    )
    try:
        urllib.request.urlopen(request, timeout=10).read()  # noqa: S310 - a loopback URL set by the tests
    except OSError:
        pass  # Notify retries failed callbacks; the portal also polls, so a lost receipt is not lost for ever.


def serve(*, port: int, service_id: str, secret: str, delivery_delay: float = 0.2) -> ThreadingHTTPServer:
    state = State(service_id=service_id, secret=secret, delivery_delay=delivery_delay)
    handler = type("NotifyHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--service-id", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--delivery-delay", type=float, default=0.2)
    arguments = parser.parse_args()
    serve(
        port=arguments.port,
        service_id=arguments.service_id,
        secret=arguments.secret,
        delivery_delay=arguments.delivery_delay,
    ).serve_forever()
