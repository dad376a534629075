"""The iCalendar feed is RFC 5545 text: CRLF lines of at most 75 octets, escaped, one event per session."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from college.ical import escape, fold
from college.models import CourseRun, RunStatus
from college.tests.factories import CourseFactory, CourseRunFactory, VenueFactory

pytestmark = pytest.mark.django_db


def _unfold(text: str) -> list[str]:
    lines = []
    for line in text.split("\r\n"):
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def test_the_calendar_feed_parses_line_by_line(client):
    CourseRunFactory(
        course=CourseFactory(
            title="Hope, Identity; and Belonging — a very long course title that needs folding over lines",
            session_count=2,
            completion_min_sessions=1,
        ),
        venue=VenueFactory(name="Beeston Library", address="Foster Avenue, Beeston"),
    )
    CourseRunFactory(status="draft")

    response = client.get(reverse("college:calendar"))

    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    events = [line for line in lines if line == "BEGIN:VEVENT"]
    assert len(events) == 2  # the draft run's sessions are not in the feed
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary.startswith("SUMMARY:Hope\\, Identity\\; and Belonging")
    assert "LOCATION:Beeston Library\\, Foster Avenue\\, Beeston" in lines
    for prefix in ("UID:", "DTSTAMP:", "DTSTART:", "DTEND:"):
        values = [line for line in lines if line.startswith(prefix)]
        assert len(values) == 2, prefix
    assert all(line.endswith("Z") for line in lines if line.startswith(("DTSTART:", "DTEND:", "DTSTAMP:")))


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "é" * 80

    folded = fold(line)

    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_escaping():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


# Found in a penetration test: a bare CR in course text ended the line, so the text after it was read
# as a property of its own (RFC 5545 §3.1: a content line ends with CRLF, and readers split on a lone CR).
INJECTED = "Kind course\rEND:VEVENT\rBEGIN:VEVENT\rUID:injected@example.com\rSUMMARY:Free money"


def _events(lines: list[str]) -> list[dict[str, str]]:
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


@pytest.mark.parametrize("line_break", ["\r", "\n", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_no_line_break_in_course_text_starts_a_line_of_its_own(client, line_break):
    CourseRunFactory(
        course=CourseFactory(
            title=INJECTED.replace("\r", line_break),
            summary=INJECTED.replace("\r", line_break),
            session_count=1,
            completion_min_sessions=1,
        ),
        venue=VenueFactory(name=INJECTED.replace("\r", line_break), address="Foster Avenue"),
    )

    text = client.get(reverse("college:calendar")).content.decode()

    # Lines end only with CRLF, and no control character (other than a tab) is left in any line.
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")
    lines = _unfold(text)
    assert all(
        not any(ord(char) < 32 and char != "\t" or 0x7F <= ord(char) <= 0x9F for char in line)
        for line in lines
    )
    assert "\u2028" not in text and "\u2029" not in text
    assert not any(line.startswith(("UID:injected", "SUMMARY:Free money")) for line in lines)
    (event,) = _events(lines)
    assert (
        event["DESCRIPTION"]
        == "Kind course\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:injected@example.com\\nSUMMARY:Free money"
    )


def test_escaping_drops_control_characters_that_have_no_escape():
    assert escape("bell\x07 nul\x00 esc\x1b del\x7f tab\tend") == "bell nul esc del tab\tend"
    assert escape("one\rtwo\r\nthree\nfour") == "one\\ntwo\\nthree\\nfour"


@override_settings(ALLOWED_HOSTS=["recovery.example.nhs.uk", "attacker.example.com"])
@override_settings(CALENDAR_UID_DOMAIN="recovery.example.nhs.uk")
def test_event_uids_come_from_the_configured_domain_not_the_host_header(client):
    CourseRunFactory(course=CourseFactory(session_count=2, completion_min_sessions=1))

    def uids(host):
        lines = _unfold(client.get(reverse("college:calendar"), HTTP_HOST=host).content.decode())
        return [event["UID"] for event in _events(lines)]

    assert uids("recovery.example.nhs.uk") == uids("attacker.example.com")
    assert all(uid.endswith("@recovery.example.nhs.uk") for uid in uids("attacker.example.com"))


def test_a_cancelled_run_stays_in_the_feed_marked_cancelled_with_a_higher_sequence(client):
    run = CourseRunFactory(
        course=CourseFactory(session_count=2, completion_min_sessions=1), published_at=timezone.now()
    )
    # Published an hour ago; cancelled now (the college team changes the run's status).
    CourseRun.objects.filter(pk=run.pk).update(changed_at=timezone.now() - timedelta(hours=1))
    never_published = CourseRunFactory(status=RunStatus.CANCELLED, published_at=None)

    def feed():
        return _events(_unfold(client.get(reverse("college:calendar")).content.decode()))

    before = feed()
    assert [event["STATUS"] for event in before] == ["CONFIRMED", "CONFIRMED"]
    run.status = RunStatus.CANCELLED
    run.save()

    after = feed()
    assert [event["UID"] for event in after] == [event["UID"] for event in before]  # the same events
    assert [event["STATUS"] for event in after] == ["CANCELLED", "CANCELLED"]
    assert all(int(a["SEQUENCE"]) > int(b["SEQUENCE"]) for a, b in zip(after, before, strict=True))
    assert all(int(event["SEQUENCE"]) >= 0 for event in after)
    assert not any(
        f"college-session-{s.pk}@" in e["UID"] for s in never_published.sessions.all() for e in after
    )
