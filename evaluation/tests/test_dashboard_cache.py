"""The dashboards' figures are kept for a few minutes (evaluation/dashboards/cache.py): people opening the
same dashboard share one computation, a new day or another year is worked out afresh, the page says when
its figures were worked out, and with the cache out of reach the figures are still shown."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from evaluation.dashboards import cache as dashboard_cache

from .dashboard_trust import TODAY, build_small_trust, known_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept():
    caches["dashboards"].clear()
    with override_settings(DASHBOARD_CACHE_SECONDS=300):
        yield
    caches["dashboards"].clear()


def _figures_worked_out(client, url) -> int:
    with mock.patch.object(dashboard_cache, "figures_for", wraps=dashboard_cache.figures_for) as spy:
        assert client.get(url).status_code == 200
    return spy.call_count


def test_people_opening_the_same_dashboard_share_one_computation_of_its_figures(
    client, persona_trust, steering, kept
):
    with known_day():
        trust = build_small_trust(persona_trust)
        client.force_login(steering)
        url = reverse("dashboards:trust")
        assert _figures_worked_out(client, url) == 1
        assert _figures_worked_out(client, url) == 0
        # Another year's figures are their own.
        assert _figures_worked_out(client, f"{url}?year={trust.year.previous().label}") == 1
        page = client.get(url).content.decode()
    assert "These figures were worked out at" in page


def test_the_kept_figures_are_the_figures_of_their_day(client, persona_trust, steering, kept):
    with known_day():
        build_small_trust(persona_trust)
        client.force_login(steering)
        url = reverse("dashboards:trust")
        assert _figures_worked_out(client, url) == 1
    with time_machine.travel(TODAY + timedelta(days=1), tick=False):
        client.force_login(steering)
        assert _figures_worked_out(client, url) == 1


def test_the_download_gives_the_same_figures_as_the_page_it_came_from(client, persona_trust, steering, kept):
    with known_day():
        build_small_trust(persona_trust)
        client.force_login(steering)
        assert _figures_worked_out(client, reverse("dashboards:trust")) == 1
        with mock.patch.object(dashboard_cache, "figures_for", wraps=dashboard_cache.figures_for) as spy:
            response = client.post(reverse("dashboards:trust-csv", args=["personal-plans"]))
    assert response.status_code == 200
    assert spy.call_count == 0


def test_the_dashboard_is_shown_when_the_cache_cannot_be_reached(client, persona_trust, steering, kept):
    broken = mock.Mock(side_effect=ConnectionError("Redis is away"))
    with known_day():
        build_small_trust(persona_trust)
        client.force_login(steering)
        with (
            mock.patch.object(caches["dashboards"], "get", broken),
            mock.patch.object(caches["dashboards"], "add", broken),
            mock.patch.object(caches["dashboards"], "set", broken),
            mock.patch.object(caches["dashboards"], "delete", broken),
        ):
            response = client.get(reverse("dashboards:trust"))
    assert response.status_code == 200
    assert "Personal plans" in response.content.decode()


def test_a_request_waits_for_figures_another_is_working_out(persona_trust, kept):
    from evaluation.scope import Scope
    from recovery_portal.financial_year import FinancialYear

    year = FinancialYear.current()
    today = dashboard_cache.timezone.localdate()
    key = f"figures:trust:None:{year.start_year}:{today.isoformat()}"
    store = caches["dashboards"]
    store.add(f"{key}:working", 1)
    answers = iter([None, None, ("the figures another request worked out", "then")])
    with (
        mock.patch.object(store, "get", side_effect=lambda *a, **k: next(answers)),
        mock.patch.object(dashboard_cache, "figures_for") as figures_for,
        mock.patch.object(dashboard_cache, "POLL_SECONDS", 0),
    ):
        found = dashboard_cache.dashboard_figures(scope=Scope.trust(), year=year)
    assert found == ("the figures another request worked out", "then")
    figures_for.assert_not_called()
