"""RFC 5545 iCalendar text for course sessions, written by hand: CRLF lines folded at 75 octets."""

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from .models import RunStatus, Session

# Every way of ending a line: CRLF, a bare CR or LF, and the Unicode line breaks some readers honour.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# Control characters a TEXT value may not hold (RFC 5545 §3.3.11: TSAFE-CHAR excludes CONTROL) and
# that have no escape; the horizontal tab is allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# SEQUENCE counts from here in seconds of the run's last change: it grows with every change, whoever
# makes it, without a counter to keep (RFC 5545 §3.8.7.4 asks only that it increase).
_SEQUENCE_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


def escape(text: str) -> str:
    """TEXT values escape backslashes, semicolons and commas; every line break becomes ``\\n`` and any
    other control character is dropped, so course text can never start a line of its own (§3.3.11)."""
    escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", escaped))


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def sequence(changed_at: datetime) -> int:
    """The event's revision number: larger after every change of its run or its sessions."""
    return max(0, int((changed_at - _SEQUENCE_EPOCH).total_seconds()))


def sessions_calendar(sessions: Iterable[Session], *, domain: str | None = None) -> str:
    """A VCALENDAR with one VEVENT per session; UIDs are stable so calendars update, not duplicate.

    A cancelled run's sessions stay, marked ``STATUS:CANCELLED`` with a higher ``SEQUENCE``, so that a
    calendar that subscribed before the cancellation removes or strikes them out rather than keeping them.
    """
    domain = domain or settings.CALENDAR_UID_DOMAIN
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Recovery Portal//Recovery College//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Recovery College courses",
    ]
    for session in sessions:
        run, venue = session.run, session.run.venue
        location = ", ".join(part for part in (venue.name, venue.address) if part)
        lines += [
            "BEGIN:VEVENT",
            f"UID:college-session-{session.pk}@{domain}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{_utc(run.changed_at)}",
            f"SEQUENCE:{sequence(run.changed_at)}",
            "STATUS:CANCELLED" if run.status == RunStatus.CANCELLED else "STATUS:CONFIRMED",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{escape(f'{run.course.title} (session {session.number} of {run.course.session_count})')}",
            f"LOCATION:{escape(location)}",
            f"DESCRIPTION:{escape(run.course.summary)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
