"""Header links for people who use services."""

import re

import pytest

pytestmark = pytest.mark.django_db

_MENU = re.compile(r'<nav class="nhsuk-header__navigation".*?</nav>', re.S)
_LINK = re.compile(r'class="nhsuk-header__navigation-link" href="([^"]+)"')


def _header_links(page: str) -> list[str]:
    menu = _MENU.search(page)
    return _LINK.findall(menu.group(0)) if menu else []


def test_people_who_use_services_get_a_link_to_their_plans(client, personas, serviceuser_record):
    client.force_login(personas["serviceuser"])

    page = client.get("/").content.decode()

    assert "/people/my-plans/" in _header_links(page)
    assert "Your plans" in page
    assert client.get("/people/my-plans/").status_code == 200


def test_staff_get_no_your_plans_link(client, personas):
    client.force_login(personas["clinician"])

    assert "/people/my-plans/" not in _header_links(client.get("/").content.decode())


PERSONAS = (
    "admin",
    "teamlead",
    "clinician",
    "peerworker",
    "serviceuser",
    "carer",
    "wslead",
    "steering",
    "college",
    "trainer",
    "evaluation",
    "outsider",
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_header_link_opens_for_every_persona(client, personas, serviceuser_record, persona):
    """The header offers exactly the pages the persona may open: no link leads to a 403, and none that would
    open is left out."""
    from django.urls import reverse

    from recovery_portal.navigation import registered_links

    client.force_login(personas[persona])
    shown = set(_header_links(client.get("/").content.decode()))

    for link in registered_links():
        url = reverse(link.url_name)
        status = client.get(url, follow=True).status_code
        assert status in (200, 403, 404), (persona, url, status)
        assert (url in shown) == (status == 200), (persona, link.label, status)


def test_staff_without_a_dashboard_role_see_no_dashboards_or_reports(client, personas):
    client.force_login(personas["clinician"])

    page = client.get("/").content.decode()

    assert "Dashboards" not in page and "Annual reports" not in page
    assert client.get("/dashboards/").status_code == 403


def test_a_steering_group_member_sees_dashboards_and_reports(client, personas):
    client.force_login(personas["steering"])

    labels = [item["label"] for item in client.get("/").context["primary_navigation"]]

    assert "Dashboards" in labels and "Annual reports" in labels


def test_the_header_asks_no_query_of_its_own_on_a_page(client, personas, django_assert_max_num_queries):
    """Worked out at sign-in and kept in the session: a page pays nothing for a steering group seat."""
    from django.urls import reverse

    client.force_login(personas["clinician"])
    with django_assert_max_num_queries(50) as counted:
        client.get(reverse("teams:directory"))
    sql = " ".join(query["sql"] for query in counted.captured_queries)
    assert "workstreams_steeringgroupmembership" not in sql and "workstreams_workstream" not in sql


def test_a_seat_given_later_shows_once_the_header_is_worked_out_again(client, personas, monkeypatch):
    from recovery_portal import navigation

    client.force_login(personas["outsider"])
    assert "Dashboards" not in client.get("/").content.decode()
    personas["outsider"].is_superuser = True
    personas["outsider"].save(update_fields=["is_superuser"])

    monkeypatch.setattr(navigation, "REFRESH_SECONDS", 0)
    assert "Dashboards" in client.get("/").content.decode()
