"""RFC 5545 iCalendar text for course sessions, written by hand: CRLF lines folded at 75 octets."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils import timezone

from .models import Session


def escape(text: str) -> str:
    """TEXT values escape backslashes, semicolons, commas and newlines (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


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


def sessions_calendar(sessions: Iterable[Session], *, host: str) -> str:
    """A VCALENDAR with one VEVENT per session; UIDs are stable so calendars update, not duplicate."""
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
            f"UID:college-session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{escape(f'{run.course.title} (session {session.number} of {run.course.session_count})')}",
            f"LOCATION:{escape(location)}",
            f"DESCRIPTION:{escape(run.course.summary)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
