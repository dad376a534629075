"""The dashboards' figures are kept for a few minutes (evaluation/dashboards/cache.py): people opening the
same dashboard share one computation, a new day or another year is worked out afresh, the page says when
its figures were worked out, and with the cache out of reach the figures are still shown. The counts of
people published for the whole Trust's tree (ADR 0022) are worked out once and shared by every page."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from evaluation.dashboards import cache as dashboard_cache
from evaluation.dashboards.tasks import dashboard_publication_ahead
from recovery_portal.celery import collect_beat_schedule
from recovery_portal.financial_year import FinancialYear

from .dashboard_trust import TODAY, build_small_trust, known_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept():
    caches["dashboards"].clear()
    with override_settings(DASHBOARD_CACHE_SECONDS=300, PUBLISHED_COUNTS_CACHE_SECONDS=300):
        yield
    caches["dashboards"].clear()


@pytest.fixture
def people_kept():
    """Each page's figures worked out on every request, the Trust's published counts kept."""
    caches["dashboards"].clear()
    with override_settings(DASHBOARD_CACHE_SECONDS=0, PUBLISHED_COUNTS_CACHE_SECONDS=300):
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


# What differs between two requests of the same page: when, and each request's own tokens.
_PER_REQUEST = re.compile(
    r'These figures were worked out at[^<]*|nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"'
)


def _figures_of(page: str) -> str:
    return _PER_REQUEST.sub("", page)


def _dashboard_pages(trust):
    return [
        reverse("dashboards:trust"),
        reverse("dashboards:steering-group", args=["local-partnerships"]),
        reverse("dashboards:division", args=["adult-mental-health"]),
        reverse("dashboards:team", args=[trust.broxtowe.slug]),
    ]


def test_every_dashboard_page_shares_one_publication_of_the_trusts_counts_of_people(
    client, persona_trust, steering, people_kept
):
    with known_day():
        trust = build_small_trust(persona_trust)
        client.force_login(steering)
        with override_settings(PUBLISHED_COUNTS_CACHE_SECONDS=0):
            fresh = [client.get(url).content.decode() for url in _dashboard_pages(trust)]
        with mock.patch.object(
            dashboard_cache, "publish_people", wraps=dashboard_cache.publish_people
        ) as spy:
            kept = [client.get(url).content.decode() for url in _dashboard_pages(trust)]
        # Another year's counts are their own.
        with mock.patch.object(
            dashboard_cache, "publish_people", wraps=dashboard_cache.publish_people
        ) as other_year:
            client.get(f"{reverse('dashboards:trust')}?year={trust.year.previous().label}")
    assert spy.call_count == 1
    assert other_year.call_count == 1
    # Each page shows the same figures as when the Trust's counts are published for it alone.
    assert [_figures_of(page) for page in kept] == [_figures_of(page) for page in fresh]


# With the Trust's published counts kept, a page reads only its own scope: the 31 queries of the Trust's
# tree (the unit tree 1, plan measures 3, peer support workforce 8, caseload peer support 4, PROM returns
# and FFT by team 2, and for deciding which units' monthly charts are published each team's months 2,
# each team's returns and FFT answers in the two other financial years the charts touch on the tests' day
# 4, every unit's months of plans agreed 1 and plan measures in those two other years 6) are not made
# again. Still the same count whatever the volume of data.
KEPT_PAGE_QUERIES = {"trust": 35, "steering_group": 22, "division": 22, "team": 22}


@pytest.mark.parametrize("copies", [1, 2])
def test_with_the_trusts_counts_kept_each_page_makes_a_fixed_number_of_queries(
    client, persona_trust, steering, django_assert_num_queries, people_kept, copies
):
    with known_day():
        trust = build_small_trust(persona_trust, copies=copies)
        client.force_login(steering)
        pages = _dashboard_pages(trust)
        assert client.get(pages[0]).status_code == 200  # publishes the Trust's counts and keeps them
        for kind, url in zip(KEPT_PAGE_QUERIES, pages, strict=True):
            with django_assert_num_queries(KEPT_PAGE_QUERIES[kind]):
                assert client.get(url).status_code == 200


def test_the_trusts_counts_are_published_afresh_when_the_cache_cannot_be_reached(
    client, persona_trust, steering, people_kept
):
    broken = mock.Mock(side_effect=ConnectionError("Redis is away"))
    with known_day():
        trust = build_small_trust(persona_trust)
        client.force_login(steering)
        with (
            mock.patch.object(caches["dashboards"], "get", broken),
            mock.patch.object(caches["dashboards"], "add", broken),
            mock.patch.object(caches["dashboards"], "set", broken),
            mock.patch.object(caches["dashboards"], "delete", broken),
            mock.patch.object(dashboard_cache, "publish_people", wraps=dashboard_cache.publish_people) as spy,
        ):
            for url in _dashboard_pages(trust)[1:3]:
                assert client.get(url).status_code == 200
    assert spy.call_count == 2


def test_the_cache_keeps_only_published_figures(persona_trust, people_kept):
    from evaluation.disclosure import Shown
    from evaluation.figures import TrustPeople

    with known_day():
        build_small_trust(persona_trust)
        year, today = FinancialYear.current(), dashboard_cache.timezone.localdate()
        dashboard_cache.kept_people(year=year, today=today)
        kept = caches["dashboards"].get(f"people:charted-plans:{year.start_year}:{today.isoformat()}")
    assert isinstance(kept, TrustPeople)
    for published in kept.counts.values():
        for key, shown in published.shown.items():
            assert isinstance(shown, Shown)
            # Below the Trust, never a count of 1 to 7 nor an unrounded count.
            if key[0] != "trust":
                assert shown.value is None or shown.value % 5 == 0
    # Which units' monthly charts are published: unit keys only, never the months behind the decision.
    assert set(kept.charted) == {"prom-returns", "fft-positive", "plans-agreed"}
    assert all(isinstance(kind, str) for units in kept.charted.values() for kind, _ in units)


def test_the_trusts_counts_published_ahead_are_what_every_page_reads_and_none_waits_to_publish_them(
    client, persona_trust, steering, people_kept
):
    """The beat job publishes this year's counts before anyone asks; each page then shows the same
    figures as when the counts are published for it, and none publishes them itself."""
    with known_day():
        trust = build_small_trust(persona_trust)
        client.force_login(steering)
        with override_settings(PUBLISHED_COUNTS_CACHE_SECONDS=0):
            fresh = [client.get(url).content.decode() for url in _dashboard_pages(trust)]

        assert dashboard_publication_ahead() is True

        with mock.patch.object(
            dashboard_cache, "publish_people", wraps=dashboard_cache.publish_people
        ) as spy:
            ahead = [client.get(url).content.decode() for url in _dashboard_pages(trust)]
    assert spy.call_count == 0
    assert [_figures_of(page) for page in ahead] == [_figures_of(page) for page in fresh]


def test_nothing_is_published_ahead_when_nothing_is_kept_or_another_process_is_publishing(
    persona_trust, people_kept
):
    with known_day(), mock.patch.object(dashboard_cache, "publish_people") as publish:
        with override_settings(PUBLISHED_COUNTS_CACHE_SECONDS=0):
            assert dashboard_publication_ahead() is False
        today = dashboard_cache.timezone.localdate()
        key = dashboard_cache._people_key(FinancialYear.containing(today), today)
        caches["dashboards"].add(f"{key}:working", 1)
        assert dashboard_publication_ahead() is False
    publish.assert_not_called()


def test_the_job_looks_each_minute_and_publishes_again_only_once_a_period_has_passed(
    persona_trust, people_kept
):
    with (
        known_day(),
        mock.patch.object(dashboard_cache, "publish_people", return_value="published") as publish,
    ):
        assert dashboard_publication_ahead() is True
        assert dashboard_publication_ahead() is False  # a minute later: still within its period
        today = dashboard_cache.timezone.localdate()
        key = dashboard_cache._people_key(FinancialYear.containing(today), today)
        caches["dashboards"].delete(f"{key}:ahead")  # the period is over
        assert dashboard_publication_ahead() is True
    assert publish.call_count == 2
    entry = collect_beat_schedule()["dashboard-publication-ahead"]
    assert entry["task"] == "evaluation.dashboards.tasks.dashboard_publication_ahead"
    assert entry["schedule"] == timedelta(minutes=1)


def test_the_settings_of_every_process_load_with_the_beat_schedule_gathered():
    """The beat schedule is gathered while a settings module is still being imported (the project's
    package loads Celery first), so no schedule may read a setting: the benchmark runner's settings,
    imported from scratch, once failed on one that did."""
    for module in ("benchmarks.settings", "recovery_portal.settings.local"):
        found = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": module},
            capture_output=True,
            text=True,
            check=False,
        )
        assert found.returncode == 0, found.stderr[-2000:]
