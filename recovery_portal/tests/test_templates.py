"""The NHS.UK layout, account pages, error pages and shared includes, rendered through real requests."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core import mail
from django.core.paginator import Paginator
from django.template import Context, Template, engines, loader
from django.test import RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def nurse(django_user_model):
    return django_user_model.objects.create_user(
        "nurse", email="nurse@example.org", password=PASSWORD, first_name="Ada", last_name="Lovelace"
    )


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser(
        "sysadmin", email="admin@example.org", password=PASSWORD, preferred_name="Sam", last_name="Okafor"
    )


def template_names(response) -> list[str]:
    return [template.name for template in response.templates]


# Layout


def test_sign_in_page_uses_the_nhs_layout_without_navigation_for_anonymous_people(client):
    response = client.get(reverse("login"))
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<title>Sign in – Recovery Portal – NHS</title>" in html
    assert 'name="viewport"' in html
    assert '<a class="nhsuk-skip-link" data-module="nhsuk-skip-link" href="#maincontent">' in html
    assert '<main class="nhsuk-main-wrapper" id="maincontent">' in html
    assert 'class="nhsuk-header__service-name">Recovery Portal' in html
    assert "nhsuk-header__navigation" not in html
    assert "Sign out" not in html
    assert f'href="{reverse("accessibility-statement")}">Accessibility statement</a>' in html
    assert f'href="{reverse("privacy-notice")}">Privacy</a>' in html
    assert f"© {settings.TRUST_NAME}" in html
    assert "/static/nhsuk/nhsuk-frontend.min.css" in html and "/static/css/portal.css" in html
    assert html.index("nhsuk-frontend.min.css") < html.index("css/portal.css")


def test_signed_in_header_shows_the_person_and_signs_out_with_a_post_form(client, nurse):
    client.force_login(nurse)
    html = client.get(reverse("home")).content.decode()

    account = html.split('<nav class="nhsuk-header__account"')[1].split("</nav>")[0]
    assert "Ada Lovelace" in account
    assert f'href="{reverse("password_change")}"' in account
    sign_out = re.search(r'<form class="nhsuk-header__account-form" action="([^"]+)" method="post"', account)
    assert sign_out and sign_out.group(1) == reverse("logout")
    assert 'name="csrfmiddlewaretoken"' in account
    assert re.search(
        r'<button class="[^"]*nhsuk-header__account-button[^"]*" type="submit">\s*Sign out', account
    )


def test_sign_out_button_signs_the_person_out(client, nurse):
    client.force_login(nurse)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_home_greets_the_person_and_shows_their_panels(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("home"))
    html = response.content.decode()

    assert "<h1>Hello, Sam Okafor</h1>" in html
    assert "home/panels/administration.html" in template_names(response)
    assert f'href="{reverse("admin:index")}"' in html
    assert f'href="{reverse("system-status")}"' in html


def test_home_panel_for_a_person_who_uses_services_says_where_to_get_help(client, django_user_model):
    person = django_user_model.objects.create_user("dan", password=PASSWORD, kind="person", first_name="Dan")
    client.force_login(person)
    response = client.get(reverse("home"))
    html = response.content.decode()

    assert "home/panels/person.html" in template_names(response)
    assert "call NHS 111 and select the mental health option" in html
    assert f'href="{reverse("college:prospectus")}"' in html
    assert f'href="{reverse("accessibility-statement")}"' in html
    assert "home/panels/administration.html" not in template_names(response)


def _render_with_request(source: str, context: dict) -> str:
    """Render with the context processors, as a view would, for layout features no view uses yet."""
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    request.csp_nonce = "n0nce"
    return engines["django"].from_string(source).render(context, request)


def test_navigation_marks_the_current_item_and_is_hidden_from_anonymous_people(nurse):
    navigation = [
        {"label": "Teams", "url": "/somewhere/", "current": True},
        {"label": "Workstreams", "url": "/workstreams/", "current": False},
    ]
    html = _render_with_request(
        '{% extends "base.html" %}', {"user": nurse, "primary_navigation": navigation}
    )

    nav = html.split('<nav class="nhsuk-header__navigation" aria-label="Menu">')[1].split("</nav>")[0]
    assert re.search(r'href="/somewhere/" aria-current="page"><strong[^>]*>Teams</strong></a>', nav)
    assert re.search(r'href="/workstreams/">Workstreams</a>', nav)
    assert nav.count("aria-current") == 1

    anonymous = _render_with_request('{% extends "base.html" %}', {"primary_navigation": navigation})
    assert "nhsuk-header__navigation" not in anonymous


def test_messages_show_as_notification_banners_inside_main():
    html = _render_with_request(
        '{% extends "base.html" %}',
        {"messages": [Message(constants.SUCCESS, "Plan saved"), Message(constants.INFO, "Review due soon")]},
    )

    main = html.split('id="maincontent">')[1].split("</main>")[0]
    assert re.search(r'nhsuk-notification-banner--success"[^>]*role="alert"', main)
    assert re.search(r"Success\s*</h2>.*Plan saved", main, flags=re.S)
    assert re.search(r'class="nhsuk-notification-banner" [^>]*role="region"', main)
    assert re.search(r"Important\s*</h2>.*Review due soon", main, flags=re.S)


def test_breadcrumbs_from_context_render_before_main_with_a_back_link():
    html = _render_with_request(
        '{% extends "base.html" %}',
        {"breadcrumbs": [{"label": "Home", "url": "/"}, {"label": "Teams", "url": "/teams/"}]},
    )

    nav = html.split('<nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">')[1].split("</nav>")[0]
    assert html.index("nhsuk-breadcrumb") < html.index('id="maincontent"')
    assert re.findall(r'class="nhsuk-breadcrumb__link" href="([^"]+)"', nav) == ["/", "/teams/"]
    assert re.search(
        r'<a class="nhsuk-back-link" href="/teams/">\s*<span class="nhsuk-u-visually-hidden">Back to </span>Teams',
        nav,
    )


def test_layout_scripts_carry_the_request_nonce_and_load_nhs_frontend_as_a_module():
    html = _render_with_request('{% extends "base.html" %}', {})

    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all('nonce="n0nce"' in tag for tag in scripts)
    assert re.search(r"import \{ initAll \} from '/static/nhsuk/nhsuk-frontend.min.js'", html)


@pytest.mark.parametrize("url_name", ["login", "password_reset", "accessibility-statement", "privacy-notice"])
def test_public_pages_keep_to_the_content_security_policy(client, url_name):
    html = client.get(reverse(url_name)).content.decode()

    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "<style" not in html


# Sign-in and account pages


def test_login_page_has_the_heading_fields_and_forgotten_password_link(client):
    html = client.get(reverse("login")).content.decode()

    assert "<h1>Sign in to the Recovery Portal</h1>" in html
    assert 'for="id_username"' in html and 'for="id_password"' in html
    assert f'<a href="{reverse("password_reset")}">Forgotten your password?</a>' in html
    assert "nhsuk-error-summary" not in html


def test_login_with_a_wrong_password_shows_the_error_summary(client, nurse):
    response = client.post(reverse("login"), {"username": "nurse", "password": "not-the-password"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Error: Sign in – Recovery Portal – NHS</title>" in html
    assert 'data-module="nhsuk-error-summary"' in html
    assert re.search(r'<a href="#id_username">Enter a correct username and password', html)
    assert "_auth_user_id" not in client.session


def test_login_with_empty_fields_links_each_error_to_its_field(client):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()

    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert 'id="id_username-error"' in html and 'id="id_password-error"' in html


def test_slowed_sign_in_page_says_how_long_and_offers_a_password_reset(client, nurse):
    for _ in range(5):
        client.post(reverse("login"), {"username": "nurse", "password": "not-the-password"})

    response = client.post(reverse("login"), {"username": "nurse", "password": PASSWORD})
    html = response.content.decode()

    assert response.status_code == 429
    assert "errors/too_many.html" in template_names(response)
    assert "wait 1 second," in html
    assert "Your account is not locked" in html
    assert f'href="{reverse("password_reset")}"' in html


def test_password_change_form_renders_through_the_nhs_pack(client, nurse):
    client.force_login(nurse)
    response = client.post(reverse("password_change"), {"old_password": "wrong"})
    html = response.content.decode()

    assert response.status_code == 200
    assert '<a href="#id_old_password">' in html
    assert "nhsuk-password-input__input" in html
    assert 'class="nhsuk-button"' in html


def test_password_reset_sends_a_plain_email_with_a_working_link(client, nurse):
    response = client.post(reverse("password_reset"), {"email": "nurse@example.org"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "Reset your Recovery Portal password"
    link = re.search(r"http://testserver(/account/password-reset/[^/\s]+/[^/\s]+/)", email.body)
    assert link, email.body
    assert "&amp;" not in email.body and "<" not in email.body

    confirm = client.get(link.group(1), follow=True)
    assert confirm.context["validlink"] is True
    assert "Choose a new password" in confirm.content.decode()
    assert 'id="id_new_password1"' in confirm.content.decode()


def test_password_reset_confirm_with_a_bad_link_explains_what_to_do(client):
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "not-a-token"})
    html = client.get(url).content.decode()

    assert "This link does not work" in html
    assert f'href="{reverse("password_reset")}"' in html


def test_password_reset_done_and_complete_pages_render(client):
    assert "Check your email" in client.get(reverse("password_reset_done")).content.decode()
    assert "Password reset" in client.get(reverse("password_reset_complete")).content.decode()


# Error pages


def test_unknown_address_shows_the_nhs_page_not_found(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()

    assert response.status_code == 404
    assert "errors/404.html" in template_names(response)
    assert "<h1>Page not found</h1>" in html
    assert "If you typed the web address, check it was correct." in html
    assert "nhsuk-header" in html


def test_server_error_page_renders_with_only_a_request_id():
    html = loader.get_template("errors/500.html").render({"request_id": "abc"})

    assert "<h1>Sorry, there is a problem with the service</h1>" in html
    assert "Reference: <strong>abc</strong>" in html
    assert "<title>Sorry, there is a problem with the service – Recovery Portal – NHS</title>" in html
    assert "<script" not in html
    assert "/static/nhsuk/nhsuk-frontend.min.css" in html


def test_other_error_templates_render_with_the_nhs_layout(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    request.csp_nonce = "n"
    for name, heading in [
        ("errors/400.html", "Sorry, there is a problem with your request"),
        ("errors/403.html", "You do not have permission to see this page"),
        ("errors/csrf.html", "Your session has expired or the form was sent twice"),
    ]:
        html = loader.render_to_string(name, {"request_id": "ref-123"}, request=request)
        assert f"<h1>{heading}</h1>" in html, name
        assert "nhsuk-header" in html


def test_system_status_page_offers_a_check_of_background_jobs(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("system-status")).content.decode()

    assert "<h1>System status</h1>" in html
    assert re.search(rf'<form method="post" action="{reverse("system-status")}"', html)
    assert re.search(r"Check background jobs now", html)
    assert "Not checked yet" in html

    client.post(reverse("system-status"))
    html = client.get(reverse("system-status")).content.decode()
    assert "Not checked yet" not in html
    assert "Sam Okafor" in html


def test_accessibility_statement_and_privacy_notice_are_public_and_complete(client):
    statement = client.get(reverse("accessibility-statement")).content.decode()
    privacy = client.get(reverse("privacy-notice")).content.decode()

    assert "WCAG" in statement and "2.2" in statement
    assert "Enforcement procedure" in statement
    assert "Equality Advisory and Support Service" in statement
    assert "Article 6(1)(e)" in privacy and "Article 9(2)(h)" in privacy
    assert "Data Protection Officer" in privacy
    assert "records who did it" in privacy


# Includes


def test_pagination_keeps_other_parameters_and_marks_the_current_page():
    page = Paginator(list(range(200)), 10).page(10)
    html = Template('{% include "includes/pagination.html" %}').render(
        Context({"page_obj": page, "query_string": "status=open&team=4"})
    )

    assert re.search(r'href="\?status=open&amp;team=4&amp;page=9" class="nhsuk-pagination__previous"', html)
    assert re.search(r'href="\?status=open&amp;team=4&amp;page=11" class="nhsuk-pagination__next"', html)
    assert re.search(r'aria-label="Page 10" aria-current="page"', html)
    assert "nhsuk-pagination__item--ellipsis" in html
    assert 'aria-label="Page 20"' in html


def test_pagination_takes_the_query_from_the_request_without_page():
    request = RequestFactory().get("/teams/", {"q": "ward", "page": "2"})
    page = Paginator(list(range(30)), 10).page(2)
    html = Template('{% include "includes/pagination.html" %}').render(
        Context({"page_obj": page, "request": request})
    )

    assert 'href="?q=ward&amp;page=1"' in html
    assert "page=2&amp;page" not in html


def test_pagination_is_hidden_for_a_single_page():
    page = Paginator([1, 2], 10).page(1)
    assert "nhsuk-pagination" not in Template('{% include "includes/pagination.html" %}').render(
        Context({"page_obj": page})
    )
