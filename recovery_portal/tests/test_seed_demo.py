import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from recovery_portal.demo import DEMO_LOGINS
from recovery_portal.models import User
from teams.models import Membership, Team
from teams.rules import is_team_manager, is_team_member
from workstreams.models import SteeringGroup, Workstream
from workstreams.rules import is_steering_group_member, is_workstream_lead

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("recovery_portal", "workstreams", "teams", "careplans", "college", "evaluation")


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    counts = {"auth.Group": apps.get_model("auth", "Group").objects.count()}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model._default_manager.count()
        for model in apps.get_app_config(label).get_models():
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                counts[through._meta.label] = through._default_manager.count()
    return counts


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not User.objects.exists()


def test_running_twice_creates_nothing_more(debug):
    _seed()
    first = _row_counts()
    changed = {m.pk: m.changed_at for m in Membership.objects.all()}

    _seed()

    assert _row_counts() == first
    assert {m.pk: m.changed_at for m in Membership.objects.all()} == changed


def _signs_in(client, username: str, password: str) -> bool:
    client.logout()
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302 and client.session.get("_auth_user_id") is not None


def test_every_demo_login_signs_in_with_the_demo_password(debug, client):
    assert "The demo Trust is ready" in _seed()

    for username in DEMO_LOGINS:
        assert _signs_in(client, username, debug.DEMO_PASSWORD), username
    assert not _signs_in(client, "teamlead", "not-the-demo-password")
    assert set(DEMO_LOGINS) == {
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
    }
    # Generated staff have no usable password: only the fixed logins can sign in.
    assert User.objects.filter(password__startswith="!").count() == User.objects.count() - len(DEMO_LOGINS)


def test_the_demo_trust_has_its_structure(debug):
    _seed()

    assert SteeringGroup.objects.count() == 3
    assert all(group.chair_id for group in SteeringGroup.objects.all())
    assert 18 <= Team.objects.count() <= 24
    assert all(workstream.leads_named for workstream in Workstream.objects.all())
    assert Workstream.objects.count() == 7
    for team in Team.objects.filter(is_clinical=True):
        current = Membership.objects.current().filter(team=team)
        assert 6 <= current.count() <= 12, team.name
        assert current.filter(role="team_manager").exists(), team.name
    assert Membership.objects.past().exists()


def test_the_demo_logins_hold_their_roles(debug):
    _seed()
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_LOGINS)}
    broxtowe = Team.objects.get(slug="broxtowe-cmht")
    outsider_team = Team.objects.get(memberships__user=users["outsider"])

    assert is_team_manager(users["teamlead"], broxtowe)
    assert is_team_member(users["clinician"], broxtowe)
    assert is_team_member(users["peerworker"], broxtowe)
    assert outsider_team.division.steering_group.slug == "forensic-services"
    assert not is_team_member(users["outsider"], broxtowe)
    assert is_team_member(users["trainer"], Team.objects.get(slug="recovery-college"))
    assert is_workstream_lead(users["wslead"], Workstream.objects.get(slug="peer-support"))
    assert is_steering_group_member(users["steering"])
    assert users["admin"].is_superuser
    assert users["serviceuser"].kind == "person"
    assert users["carer"].kind == "supporter"
    assert users["college"].groups.filter(name="Recovery College team").exists()
    assert users["evaluation"].groups.filter(name="Recovery Evaluation Team").exists()
