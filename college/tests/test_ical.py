"""The iCalendar feed is RFC 5545 text: CRLF lines of at most 75 octets, escaped, one event per session."""

import pytest
from django.urls import reverse

from college.ical import escape, fold
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
