"""The MHSDS-ready extract: one row per scored assessment with a SNOMED CT score code, the care team's
site code, for the Recovery Evaluation Team only, and every download audited as an export of each person."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from recovery_portal.models import AuditAction, AuditEvent

from .factories import prom_return

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_one_row_per_coded_scored_assessment_in_the_period(
    client, evaluation, serviceuser_record, persona_team, measures_reference_data
):
    persona_team.site_code = "RX4E2"
    persona_team.save()
    swemwbs = prom_return(person=serviceuser_record, team=persona_team, completed_on=date(2025, 5, 1))
    prom_return(person=serviceuser_record, team=persona_team, code="QPR15", completed_on=date(2025, 5, 2))
    prom_return(person=serviceuser_record, team=persona_team, completed_on=date(2024, 5, 1))
    client.force_login(evaluation)

    response = client.get(reverse("measures:mhsds-extract"), {"since": "2025-04-01", "until": "2026-03-31"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert rows_of(response) == [
        {
            "NHS_NUMBER": serviceuser_record.nhs_number,
            "ASSESSMENT_TOOL_NAME": "Short Warwick-Edinburgh Mental Wellbeing Scale",
            "CODED_ASSESSMENT_TOOL_TYPE_SNOMED_CT": "718466001",
            "CODED_ASSESSMENT_TOOL_TYPE_TERM": "Short Warwick-Edinburgh Mental Well-being Scale score",
            "PERSON_SCORE": f"{swemwbs.total:g}",
            "ASSESSMENT_TOOL_COMPLETION_DATE": "2025-05-01",
            "ORG_SITE_ID_CARE_TEAM": "RX4E2",
            "CARE_TEAM": persona_team.name,
        }
    ]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=evaluation)
    assert event.subjects == [f"careplans.serviceuser:{serviceuser_record.pk}"]


def test_the_form_says_what_is_wrong_and_keeps_what_was_entered(client, evaluation):
    client.force_login(evaluation)

    page = client.get(
        reverse("measures:mhsds-extract"), {"since": "2026-04-01", "until": "2025-03-31"}
    ).content.decode()

    assert "<title>Error:" in page
    assert "The last day must be on or after the first day" in page
    assert 'value="2026-04-01"' in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_only_the_evaluation_team_sees_the_link_and_the_page(client, personas):
    client.force_login(personas["evaluation"])
    assert reverse("measures:mhsds-extract") in client.get(reverse("measures:index")).content.decode()
    client.force_login(personas["clinician"])
    assert reverse("measures:mhsds-extract") not in client.get(reverse("measures:index")).content.decode()
    assert client.get(reverse("measures:mhsds-extract")).status_code == 403
