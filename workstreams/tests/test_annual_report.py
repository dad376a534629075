"""Annual report figures match values worked out by hand; the narrative is saved without losing words."""

from datetime import date

import pytest
from django.urls import reverse

from recovery_portal.concurrency import StaleEdit
from workstreams import selectors, services
from workstreams.models import GoalStatus, Workstream, WorkstreamAnnualReport
from workstreams.reference import WorkstreamSlug
from workstreams.tests.factories import ActionFactory, GoalFactory

pytestmark = pytest.mark.django_db

YEAR = 2025  # April 2025 to March 2026


def _update(action, day, rag, status="in_progress", **extra):
    services.progress_update_add(
        action=action, date=day, narrative="Progress.", rag=rag, status=status, by=action.owner, **extra
    )


@pytest.fixture
def year_of_work(peer_support):
    def goal(title, start, target, **extra):
        return GoalFactory(
            workstream=peer_support, title=title, start_date=start, target_date=target, **extra
        )

    met = goal(
        "met in the year",
        date(2024, 4, 1),
        date(2027, 3, 31),
        status=GoalStatus.MET,
        met_on=date(2025, 9, 30),
    )
    goal("ended before the year", date(2023, 4, 1), date(2025, 3, 31))
    running = goal("started in the year", date(2025, 6, 1), date(2026, 12, 31), status=GoalStatus.IN_PROGRESS)
    goal(
        "met before the year",
        date(2024, 4, 1),
        date(2026, 3, 31),
        status=GoalStatus.MET,
        met_on=date(2025, 3, 1),
    )

    def action(name, due, start=date(2024, 4, 1), goal=running):
        return ActionFactory(goal=goal, description=name, start_date=start, due_date=due)

    _update(action("done in the year", date(2025, 12, 31)), date(2025, 6, 1), "green", "done")
    _update(action("done before the year", date(2025, 3, 31), goal=met), date(2025, 3, 15), "green", "done")
    _update(
        action("dropped in the year", date(2026, 1, 31)),
        date(2025, 11, 1),
        "amber",
        "dropped",
        dropped_reason="Replaced by the regional peer support programme",
    )
    _update(action("red and due on the last day", date(2026, 3, 31)), date(2026, 2, 1), "red")
    amber = action("amber at year end, green after", date(2026, 6, 30))
    _update(amber, date(2025, 5, 1), "amber")
    _update(amber, date(2026, 4, 10), "green")
    action("never rated", date(2026, 9, 30))
    action("starts after the year", date(2026, 9, 30), start=date(2026, 4, 15))
    late = action("overdue at year end, done after", date(2026, 3, 1))
    _update(late, date(2025, 12, 1), "green")
    _update(late, date(2026, 4, 2), "green", "done")

    # Another workstream's work is not counted.
    risk = Workstream.objects.get(slug=WorkstreamSlug.RISK)
    other = GoalFactory(workstream=risk, start_date=date(2025, 4, 1), target_date=date(2026, 3, 31))
    _update(ActionFactory(goal=other, due_date=date(2025, 12, 1)), date(2025, 7, 1), "red", "done")


def test_figures_match_those_worked_out_by_hand(year_of_work, peer_support, django_assert_num_queries):
    # 1 the workstream, 2 its goals in the year, 3 its actions with statuses and ratings on both days.
    with django_assert_num_queries(3):
        figures = selectors.workstream_annual_figures(workstream=peer_support, year=YEAR)

    assert figures.as_dict() == {
        "workstream": "peer-support",
        "financial_year": "2025/26",
        "goals": 3,
        "goals_met": 1,
        "actions": 7,
        "actions_done": 1,
        "actions_dropped": 1,
        "actions_overdue": 2,
        "rag_at_year_end": {"red": 1, "amber": 1, "green": 1, "not_rated": 1},
    }


def test_every_workstream_has_figures_for_the_trust_report(year_of_work):
    figures = {item.workstream: item for item in selectors.workstream_annual_figures_all(year=YEAR)}

    assert len(figures) == 7
    assert figures["risk"].actions_done == 1
    assert figures["peer-support"].actions_done == 1
    assert figures["families-and-friends"].actions == 0


def test_the_report_page_shows_the_narrative_and_figures(
    client, teamlead, year_of_work, peer_support, wslead
):
    services.workstream_annual_report_save(
        workstream=peer_support,
        year=YEAR,
        achievements="Peer support workers now in 14 of 18 community teams.",
        challenges="Recruitment in the north of the county.",
        priorities_next_year="Peer workers in older people's services.",
        expected_version=1,
        by=wslead,
    )
    client.force_login(teamlead)

    html = client.get(reverse("workstreams:annual-report", args=[peer_support.slug, YEAR])).content.decode()

    assert "Annual report 2025/26" in html
    assert "14 of 18 community teams" in html
    assert "1 of 3 goals in the year" in html
    assert "Red 1, amber 1, green 1, not rated 1" in html
    assert "Write the narrative" not in html and "Change the narrative" not in html


def test_a_narrative_saved_on_an_old_version_is_refused_and_both_texts_are_kept(client, peer_support, wslead):
    services.workstream_annual_report_save(
        workstream=peer_support,
        year=YEAR,
        achievements="First draft by the peer lead.",
        challenges="",
        priorities_next_year="",
        expected_version=1,
        by=peer_support.peer_lead,
    )
    with pytest.raises(StaleEdit):
        services.workstream_annual_report_save(
            workstream=peer_support,
            year=YEAR,
            achievements="Overwrite",
            challenges="",
            priorities_next_year="",
            expected_version=1,
            by=wslead,
        )
    client.force_login(wslead)
    url = reverse("workstreams:annual-report-edit", args=[peer_support.slug, YEAR])

    response = client.post(
        url, {"achievements": "My words", "challenges": "", "priorities_next_year": "", "version": 1}
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this report since you opened it" in html
    assert "My words" in html and "First draft by the peer lead." in html
    assert WorkstreamAnnualReport.objects.get().achievements == "First draft by the peer lead."
    # Saving again from the refreshed form goes through.
    response = client.post(
        url, {"achievements": "My words", "challenges": "", "priorities_next_year": "", "version": 2}
    )
    assert response.status_code == 302
    assert WorkstreamAnnualReport.objects.get().achievements == "My words"


def test_each_saved_narrative_is_in_the_history_with_who_wrote_it(peer_support, wslead):
    first = services.workstream_annual_report_save(
        workstream=peer_support, year=YEAR, achievements="Peer lead's draft.", challenges="",
        priorities_next_year="", expected_version=1, by=peer_support.peer_lead,
    )  # fmt: skip
    services.workstream_annual_report_save(
        workstream=peer_support, year=YEAR, achievements="Agreed by both leads.", challenges="",
        priorities_next_year="", expected_version=first.version, by=wslead,
    )  # fmt: skip

    entries = list(first.history.order_by("history_date").values_list("achievements", "history_user"))
    assert entries[-2:] == [
        ("Peer lead's draft.", peer_support.peer_lead.pk),
        ("Agreed by both leads.", wslead.pk),
    ]
