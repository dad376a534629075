"""seed_demo refuses to run outside development; what it builds is checked in tests/test_demo_data.py."""

import io

import pytest
from django.core.management import CommandError, call_command

from recovery_portal.models import User

pytestmark = pytest.mark.django_db


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not User.objects.exists()
