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
