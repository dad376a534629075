"""The one way the portal reaches people: ``notify()`` (ADR 0025).

A message is a row (``Message``) before it is anything else, so none is lost when a worker or GOV.UK
Notify is away: the row is sent by a job queued on commit, and a scheduled job sends any row still
waiting (quiet hours, back-off after a temporary failure, a job that could not be queued). People who
use services, supporters and students are reached through GOV.UK Notify by email or text message, as
they asked, falling back to the other; staff by the Trust's mail relay.

Bodies carry a link and a first name, never clinical detail: ``notify()`` refuses personalisation that
its template does not ask for. Apps act on a message's outcome (a place offer starts its 48 hours when
the offer is delivered) by registering with ``on_outcome``.
"""

import logging
import re
from collections.abc import Callable
from datetime import datetime, time, timedelta

import requests
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from .jobs import enqueue_on_commit
from .message_templates import load as load_templates
from .models import Audience, Channel, ContactBy, Message, MessageStatus, MessageTemplate

logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\(\(([^()]+?)\)\)")
# Sending is tried this many times (temporary failures and Notify's 429/5xx answers), with back-off.
MAX_ATTEMPTS = 5
# Template code -> handlers by their dotted name (registering again, as a second ready() would, is a no-op).
_outcome_handlers: dict[str, dict[str, Callable[[Message], None]]] = {}


# --- addresses and links


def portal_url(path: str) -> str:
    """An absolute link to a page of the portal, from PORTAL_BASE_URL (every link in every message)."""
    return settings.PORTAL_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def uk_mobile(number: str) -> str | None:
    """A UK mobile number as 07xxxxxxxxx, or None: the numbers GOV.UK Notify sends text messages to."""
    digits = re.sub(r"[\s()\-.]", "", number or "")
    for prefix in ("+44", "0044"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix) :]
            break
    if digits.isdigit() and digits.startswith("07") and len(digits) == 11:
        return digits
    return None


def validate_uk_mobile(value: str) -> None:
    if value and uk_mobile(value) is None:
        raise ValidationError(
            "Enter a UK mobile phone number, like 07700 900 982 or +44 7700 900 982", code="uk_mobile"
        )


def contact_for(user, *, audience: str) -> tuple[str, str] | None:
    """(channel, address) to reach ``user`` by, or None when there is no way to (or they asked for none).

    Staff: their work email. Others: the channel they chose (their own setting, else the preference
    their team recorded), falling back to the other channel when the chosen one has no address.
    """
    if audience == Audience.STAFF:
        return (Channel.EMAIL, user.email) if user.email else None
    person = getattr(user, "service_user", None)
    addresses = _addresses(user)
    preferred = user.contact_by or (person.contact_preference if person else "")
    if preferred == ContactBy.NONE:
        return None
    order = (Channel.TEXT, Channel.EMAIL) if preferred == ContactBy.TEXT else (Channel.EMAIL, Channel.TEXT)
    return next(((channel, addresses[channel]) for channel in order if addresses[channel]), None)


def _addresses(user) -> dict[str, str | None]:
    """The email address and UK mobile number of a person who uses services, a supporter or a student:
    their own, else what their team recorded on their record (or the college on their registration)."""
    person = getattr(user, "service_user", None)
    student = getattr(user, "student", None)
    return {
        Channel.EMAIL: user.email or (person.email if person else "") or None,
        Channel.TEXT: uk_mobile(user.mobile_number)
        or (uk_mobile(person.phone) if person else None)
        or (uk_mobile(student.phone) if student else None),
    }


def first_name(user) -> str:
    """How a message greets someone: the name they like to be called."""
    return user.preferred_name or user.first_name or "there"


def is_contactable(user) -> bool:
    return contact_for(user, audience=_audience(user)) is not None


def _audience(user) -> str:
    return Audience.STAFF if user.is_trust_staff else Audience.PEOPLE


# --- sending


def on_outcome(template_code: str):
    """Register ``handler(message)``, called once when a message of this template is delivered or has
    finally failed (after commit). Apps register in their AppConfig.ready."""

    def register(handler: Callable[[Message], None]):
        name = f"{handler.__module__}.{handler.__qualname__}"
        _outcome_handlers.setdefault(template_code, {})[name] = handler
        return handler

    return register


def notify(
    *, recipient, template: str, personalisation: dict, reason: str, about=None, about_person_id=None
) -> Message:
    """Send ``recipient`` the message ``template`` (a MessageTemplate code), by the channel they can be
    reached on. Returns the message row; it is sent once the current transaction commits.

    ``personalisation`` holds exactly the template's placeholders (a link, a first name, a date): any
    other key is refused, so no plan text or clinical detail can ride along.
    """
    audience = _audience(recipient)
    contact = contact_for(recipient, audience=audience)
    templates = {t.channel: t for t in MessageTemplate.objects.filter(code=template, audience=audience)}
    if not templates:
        # The portal's own templates are recreated from their defaults if their rows have gone.
        load_templates(django_apps, None)
        templates = {t.channel: t for t in MessageTemplate.objects.filter(code=template, audience=audience)}
    if not templates:
        raise LookupError(f"No message template {template!r} for {audience}.")
    channel = contact[0] if contact and contact[0] in templates else next(iter(templates))
    if contact and contact[0] not in templates:
        # The template has no version for their channel: try the other address they have.
        other = _addresses(recipient)[channel]
        contact = (channel, other) if other else None
    chosen = templates[channel]
    # Only what the template's versions ask for may be given (so no plan text can ride along), and
    # everything the chosen version asks for must be; Notify is sent only the chosen version's keys.
    allowed = set().union(*(_placeholders(t) for t in templates.values()))
    wanted = _placeholders(chosen)
    if not set(personalisation) <= allowed or not wanted <= set(personalisation):
        raise ValueError(
            f"Template {template!r} takes exactly {sorted(allowed)}; got {sorted(personalisation)}."
        )
    message = Message.objects.create(
        template=chosen,
        channel=channel,
        recipient=recipient,
        to=contact[1] if contact else "",
        personalisation={key: str(value) for key, value in personalisation.items() if key in wanted},
        reason=reason[:200],
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
        about_person_id=about_person_id,
        status=MessageStatus.CREATED if contact else MessageStatus.NOT_CONTACTABLE,
        completed_at=None if contact else timezone.now(),
    )
    if contact:
        from .tasks import message_send

        enqueue_on_commit(message_send, message.pk)
    else:
        _fire_on_commit(message)
    return message


def _placeholders(template: MessageTemplate) -> set[str]:
    return set(PLACEHOLDER.findall(template.body)) | set(PLACEHOLDER.findall(template.subject))


def render(template: MessageTemplate, personalisation: dict) -> tuple[str, str]:
    """(subject, body) with the placeholders filled, as Notify fills them."""

    def fill(text: str) -> str:
        return PLACEHOLDER.sub(lambda match: personalisation.get(match[1], ""), text)

    return fill(template.subject), fill(template.body)


def quiet_hours_end(now: datetime) -> datetime | None:
    """When quiet hours (no text messages; NOTIFY_QUIET_HOURS, local time) end, if ``now`` is in them."""
    if not settings.NOTIFY_QUIET_HOURS:
        return None
    start_text, end_text = settings.NOTIFY_QUIET_HOURS.split("-")
    start, end = time.fromisoformat(start_text), time.fromisoformat(end_text)
    local = timezone.localtime(now)
    clock = local.time()
    inside = (clock >= start or clock < end) if start > end else (start <= clock < end)
    if not inside:
        return None
    day = local.date() + timedelta(days=1) if start > end and clock >= start else local.date()
    return timezone.make_aware(datetime.combine(day, end))


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=5 * 2 ** max(attempts - 1, 0))


def notify_client() -> NotificationsAPIClient:
    return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10)


def message_deliver(*, message_id: int, now: datetime | None = None) -> Message | None:
    """Hand a waiting message to GOV.UK Notify (or the mail relay, for staff). Safe to run twice: only
    a message still waiting, and not held back, is sent."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("template")
            .filter(pk=message_id, status=MessageStatus.CREATED)
            .first()
        )
        if message is None or (message.not_before and message.not_before > now):
            return message
        if message.channel == Channel.TEXT and (held_until := quiet_hours_end(now)):
            message.not_before = held_until
            message.save(update_fields=["not_before"])
            return message
        message.attempts += 1
        if message.template.audience == Audience.STAFF:
            _send_staff_email(message, now=now)
        else:
            _send_through_notify(message, now=now)
        message.save()
        if message.is_final:
            _fire_on_commit(message)
    return message


def _send_staff_email(message: Message, *, now: datetime) -> None:
    subject, body = render(message.template, message.personalisation)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [message.to])
    except OSError as problem:
        _try_later(message, now=now, problem=f"The mail relay did not take it: {problem}")
        return
    # The relay took it: as far as the portal can know, it is delivered.
    message.status = MessageStatus.DELIVERED
    message.sent_at = message.completed_at = now


def _send_through_notify(message: Message, *, now: datetime) -> None:
    if not settings.NOTIFY_API_KEY:
        message.status = MessageStatus.TECHNICAL_FAILURE
        message.problem = "GOV.UK Notify is not set up (NOTIFY_API_KEY)."
        message.completed_at = now
        return
    client = notify_client()
    template_id = str(message.template.notify_template_id)
    try:
        if message.channel == Channel.TEXT:
            answer = client.send_sms_notification(
                phone_number=message.to,
                template_id=template_id,
                personalisation=message.personalisation,
                reference=str(message.reference),
            )
        else:
            answer = client.send_email_notification(
                email_address=message.to,
                template_id=template_id,
                personalisation=message.personalisation,
                reference=str(message.reference),
            )
    except HTTPError as refused:
        if refused.response is None:
            # The client reports a connection that never got an answer as a 503 with no response.
            _try_later(message, now=now, problem="GOV.UK Notify could not be reached.")
            return
        problem = f"GOV.UK Notify answered {refused.status_code}: {refused.message}"[:300]
        # Notify: 400 and 403 will fail again however often they are sent; 429 and 5xx may not.
        if refused.status_code in (400, 403):
            message.status = MessageStatus.TECHNICAL_FAILURE
            message.problem = problem
            message.completed_at = now
        else:
            _try_later(message, now=now, problem=problem)
        return
    except requests.RequestException as problem:
        _try_later(message, now=now, problem=f"GOV.UK Notify could not be reached: {problem}"[:300])
        return
    message.notify_id = answer["id"]
    message.status = MessageStatus.SENDING
    message.sent_at = now
    message.problem = ""


def _try_later(message: Message, *, now: datetime, problem: str) -> None:
    message.problem = problem[:300]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = MessageStatus.TECHNICAL_FAILURE
        message.completed_at = now
    else:
        message.not_before = now + _backoff(message.attempts)


def message_outcome_record(*, notify_id: str, status: str, now: datetime | None = None) -> Message | None:
    """Record what GOV.UK Notify says became of a message (a delivery receipt, or a poll). A temporary
    failure is sent again after a back-off, up to MAX_ATTEMPTS; other outcomes are final. Recording the
    same outcome twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(notify_id=notify_id).first()
        if message is None or message.is_final or status in ("created", "sending", "pending", "sent"):
            # "sent": an international text Notify cannot follow; nothing more will be known.
            return message
        if status == MessageStatus.TEMPORARY_FAILURE and message.attempts < MAX_ATTEMPTS:
            message.status = MessageStatus.CREATED
            message.notify_id = None
            message.not_before = now + _backoff(message.attempts)
            message.problem = "The phone or inbox could not take it; it will be sent again."
        elif status in MessageStatus.values:
            message.status = status
            message.completed_at = now
        else:
            return message
        message.save()
        if message.is_final:
            _fire_on_commit(message)
    return message


def messages_send_due(*, now: datetime | None = None) -> int:
    """Send every message still waiting whose time has come (quiet hours over, back-off done, or a
    job that was never queued). Returns how many were tried."""
    now = now or timezone.now()
    due = Message.objects.filter(status=MessageStatus.CREATED).exclude(not_before__gt=now)
    ids = list(due.filter(created_at__lte=now - timedelta(minutes=1)).values_list("pk", flat=True)[:500])
    ids += list(due.filter(not_before__isnull=False).exclude(pk__in=ids).values_list("pk", flat=True)[:500])
    for message_id in ids:
        message_deliver(message_id=message_id, now=now)
    return len(ids)


def messages_poll(*, now: datetime | None = None) -> int:
    """Ask GOV.UK Notify what became of messages still sending after two minutes (receipts may be
    lost). Returns how many outcomes were recorded."""
    now = now or timezone.now()
    if not settings.NOTIFY_API_KEY:
        return 0
    client = notify_client()
    recorded = 0
    sending = Message.objects.filter(status=MessageStatus.SENDING, sent_at__lte=now - timedelta(minutes=2))
    for notify_id in sending.values_list("notify_id", flat=True)[:500]:
        try:
            answer = client.get_notification_by_id(str(notify_id))
        except (HTTPError, requests.RequestException) as problem:
            logger.warning("Could not ask GOV.UK Notify about message %s: %s", notify_id, problem)
            continue
        before = Message.objects.filter(notify_id=notify_id).values_list("status", flat=True).first()
        message_outcome_record(notify_id=str(notify_id), status=answer["status"], now=now)
        if before != answer["status"]:
            recorded += 1
    return recorded


def _fire_on_commit(message: Message) -> None:
    handlers = list(_outcome_handlers.get(message.template.code, {}).values())
    if handlers:
        pk = message.pk
        transaction.on_commit(lambda: _run_handlers(pk, handlers))


def _run_handlers(pk: int, handlers) -> None:
    message = Message.objects.select_related("template", "recipient").get(pk=pk)
    for handler in handlers:
        handler(message)
