import pytest
from django.urls import reverse

from teams.models import ServiceType
from teams.tests.factories import DivisionFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db

URL = reverse("teams:directory")


def _names(response) -> list[str]:
    return [team.name for team in response.context["teams"]]


def test_staff_see_every_team_with_its_place_and_members(client, outsider, persona_team):
    client.force_login(outsider)

    response = client.get(URL)

    assert response.status_code == 200
    assert _names(response) == [
        "Broxtowe Community Mental Health Team",
        "Recovery College",
        "Wathwood Hospital: Ward 2",
    ]
    broxtowe = response.context["teams"][0]
    assert broxtowe.member_count == 3
    assert broxtowe.champions_in_place
    html = response.content.decode()
    assert reverse("teams:detail", args=[persona_team.slug]) in html
    assert "Local Partnerships Recovery Steering Group" in html
    assert "Adult community mental health" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"division": "medium-low-secure"}, ["Wathwood Hospital: Ward 2"]),
        ({"steering_group": "forensic-services"}, ["Wathwood Hospital: Ward 2"]),
        (
            {"steering_group": "local-partnerships"},
            ["Broxtowe Community Mental Health Team", "Recovery College"],
        ),
        ({"service_type": ServiceType.RECOVERY_COLLEGE}, ["Recovery College"]),
        ({"q": "broxtowe"}, ["Broxtowe Community Mental Health Team"]),
        ({"q": "rotherham"}, ["Wathwood Hospital: Ward 2"]),
        ({"clinical": "no"}, ["Recovery College"]),
        ({"division": "adult-mental-health", "clinical": "yes"}, ["Broxtowe Community Mental Health Team"]),
    ],
)
def test_filters_narrow_the_directory(client, teamlead, query, expected):
    client.force_login(teamlead)

    response = client.get(URL, query)

    assert response.status_code == 200
    assert _names(response) == expected


def test_no_match_says_so(client, teamlead):
    client.force_login(teamlead)

    response = client.get(URL, {"q": "no such team"})

    assert "No teams match your filters" in response.content.decode()


def test_champion_tags_show_which_clinical_teams_need_a_champion(client, teamlead, persona_team):
    gap = TeamFactory(name="Aardvark Crisis Team")
    MembershipFactory(team=gap, peer_champion=True)
    MembershipFactory(team=gap, carer_lead=True)  # no professional champion
    client.force_login(teamlead)

    response = client.get(URL)

    teams = {team.name: team for team in response.context["teams"]}
    assert not teams["Aardvark Crisis Team"].champions_in_place
    assert teams["Broxtowe Community Mental Health Team"].champions_in_place
    rows = response.content.decode().split('<tbody class="nhsuk-table__body">')[1]
    assert rows.count("Champion needed") == 1
    assert rows.count("Champions in place") == 2
    assert rows.count("Non-clinical team") == 1


def test_members_who_have_left_are_not_counted_nor_champions(client, teamlead, persona_team):
    MembershipFactory(team=persona_team, ended=True)
    MembershipFactory(team=persona_team, ended=True, professional_champion=True)
    client.force_login(teamlead)

    broxtowe = client.get(URL, {"q": "broxtowe"}).context["teams"][0]

    assert broxtowe.member_count == 3
    assert broxtowe.professional_champions == 1


@pytest.mark.parametrize("persona", ["serviceuser", "carer"])
def test_people_who_are_not_staff_are_refused(client, personas, persona):
    client.force_login(personas[persona])

    assert client.get(URL).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _add_teams_with_members(count: int) -> None:
    divisions = [DivisionFactory(), DivisionFactory(forensic=True)]
    for index in range(count):
        team = TeamFactory(division=divisions[index % 2])
        MembershipFactory(team=team, manager=True, professional_champion=True)
        MembershipFactory(team=team, peer_champion=True)
        MembershipFactory(team=team, carer_lead=True)
        MembershipFactory(team=team, ended=True)


def test_query_count_is_fixed_however_many_teams_and_members(client, teamlead, django_assert_num_queries):
    client.force_login(teamlead)
    # 1 session, 2 signed-in user, 3 count of matching teams (paginator), 4 divisions and
    # 5 service-specific steering groups (choices of the filter form), 6 the page of teams with
    # division, steering group and member counts (one query: joins and conditional counts),
    # 7-9 savepoint, session save, release.
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200

    _add_teams_with_members(30)

    with django_assert_num_queries(9):
        response = client.get(URL)
    assert len(response.context["teams"]) == 33


def test_filtering_adds_only_the_lookups_of_the_chosen_division_and_group(
    client, teamlead, django_assert_num_queries
):
    client.force_login(teamlead)
    query = {"division": "medium-low-secure", "steering_group": "forensic-services", "q": "ward"}
    # The 9 queries above, plus one lookup each of the chosen division and steering group.
    with django_assert_num_queries(11):
        client.get(URL, query)
    _add_teams_with_members(30)
    with django_assert_num_queries(11):
        assert _names(client.get(URL, query)) == ["Wathwood Hospital: Ward 2"]


def test_fifty_teams_a_page_and_the_filters_are_kept_between_pages(client, teamlead):
    division = DivisionFactory()
    for _ in range(55):
        TeamFactory(division=division)
    client.force_login(teamlead)

    first = client.get(URL, {"division": division.slug})
    second = client.get(URL, {"division": division.slug, "page": 2})

    assert len(first.context["teams"]) == 50
    assert len(second.context["teams"]) == 5
    assert first.context["query_string"] == f"division={division.slug}"
    assert f"division={division.slug}" in first.content.decode().split('rel="next"')[0].rsplit("href=", 1)[-1]
