"""The trend chart says what the table says, accessibly; admin is for superusers, wording read-only once used."""

from datetime import date

import pytest
from django.urls import reverse

from evaluation.charts.trend import TrendPoint, trend_chart_svg
from evaluation.models import PromReturn
from recovery_portal.models import AuditAction, AuditEvent

from .factories import instrument, prom_return


def test_the_trend_chart_has_a_title_a_description_and_a_marker_per_reliable_change():
    svg = trend_chart_svg(
        [
            TrendPoint(date(2025, 4, 1), 15.32),
            TrendPoint(date(2025, 9, 1), 19.25, "improvement"),
            TrendPoint(date(2026, 1, 1), 14.08, "deterioration"),
        ],
        chart_id="trend-swemwbs",
        title="Dan's SWEMWBS <metric> score",
        description="3 returns.",
        y_min=7,
        y_max=35,
        reliable_change=3,
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="trend-swemwbs-title trend-swemwbs-desc"' in svg
    assert '<title id="trend-swemwbs-title">Dan&#x27;s SWEMWBS &lt;metric&gt; score</title>' in svg
    assert svg.count("<polygon") == 2 and svg.count("<circle") == 1
    assert "shaded: no reliable change" in svg
    assert "style=" not in svg  # the content security policy refuses inline styles


def test_a_cut_off_is_drawn_with_its_label():
    svg = trend_chart_svg(
        [TrendPoint(date(2025, 4, 1), 20)],
        chart_id="trend-reqol10",
        title="t",
        description="d",
        y_min=0,
        y_max=40,
        cut_off=24,
        cut_off_label="clinical range",
    )
    assert "Below 24: clinical range" in svg and 'stroke-dasharray="6 4"' in svg


@pytest.mark.django_db
def test_the_measures_page_draws_one_chart_per_instrument_with_a_table(
    client, personas, serviceuser_record, persona_team
):
    prom_return(person=serviceuser_record, team=persona_team, answers=[2] * 7, completed_on=date(2025, 4, 1))
    prom_return(person=serviceuser_record, team=persona_team, answers=[4] * 7, completed_on=date(2025, 9, 1))
    prom_return(person=serviceuser_record, team=persona_team, code="QPR15", completed_on=date(2025, 4, 1))
    client.force_login(personas["peerworker"])
    page = client.get(reverse("measures:person", kwargs={"pk": serviceuser_record.pk})).content.decode()
    assert page.count('class="measures-trend"') == 2
    assert "Change from the first: <strong>+9.71</strong>, reliable improvement" in page
    assert "<caption" in page and "+9.71: Reliable improvement" in page
    assert "Questionnaire about the Process of Recovery (QPR): Neil et al. 2009" in page


@pytest.mark.django_db
def test_admin_is_for_superusers_and_returns_are_read_only(client, personas, swemwbs_return):
    url = reverse("admin:evaluation_promreturn_change", args=[swemwbs_return.pk])
    client.force_login(personas["clinician"])
    assert client.get(url).status_code == 302  # to the admin sign-in
    client.force_login(personas["admin"])
    page = client.get(url)
    assert page.status_code == 200 and b'name="answers"' not in page.content
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(swemwbs_return.pk)).exists()
    assert client.get(reverse("admin:evaluation_promreturn_add")).status_code == 403


@pytest.mark.django_db
def test_deleting_a_return_in_admin_is_audited(client, personas, swemwbs_return):
    client.force_login(personas["admin"])
    response = client.post(
        reverse("admin:evaluation_promreturn_delete", args=[swemwbs_return.pk]), {"post": "yes"}
    )
    assert response.status_code == 302 and not PromReturn.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(swemwbs_return.pk)).exists()


@pytest.mark.django_db
def test_instrument_wording_is_read_only_in_admin_once_used(client, personas, swemwbs_return):
    client.force_login(personas["admin"])
    used = client.get(reverse("admin:evaluation_instrument_change", args=[instrument("SWEMWBS").pk])).content
    unused = client.get(reverse("admin:evaluation_instrument_change", args=[instrument("QPR15").pk])).content
    assert b'name="items-0-wording"' not in used and b'name="scoring_rule"' not in used
    assert b'name="items-0-wording"' in unused
    assert b'name="thresholds-0-value"' in used  # thresholds stay configurable


@pytest.mark.django_db
def test_a_used_item_cannot_be_changed_on_its_own_admin_page(client, personas, swemwbs_return):
    client.force_login(personas["admin"])
    item = instrument("SWEMWBS").items.get(order=4)
    page = client.get(reverse("admin:evaluation_instrumentitem_change", args=[item.pk])).content
    assert b'name="wording"' not in page and b"dealing with problems well" in page
    unused = instrument("QPR15").items.get(order=1)
    assert (
        b'name="wording"'
        in client.get(reverse("admin:evaluation_instrumentitem_change", args=[unused.pk])).content
    )
