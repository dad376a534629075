"""Admin history names who changed a record in words: never "Deleted user (pk=None)" or "None"."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from recovery_portal.admin_history import HistoryAdmin
from workstreams.models import Workstream
from workstreams.tests.factories import WorkstreamFactory

pytestmark = pytest.mark.django_db


def test_a_change_by_the_portal_and_a_first_changed_by_read_in_words(client, personas):
    workstream = WorkstreamFactory(purpose="Set by the schedule")  # no signed-in user: the portal
    workstream.purpose = "Changed by a person"
    workstream.changed_by = personas["wslead"]
    workstream._history_user = personas["wslead"]
    workstream.save()
    client.force_login(personas["admin"])

    page = client.get(reverse("admin:workstreams_workstream_history", args=[workstream.pk])).content.decode()

    assert "pk=None" not in page and "Deleted user" not in page
    assert "The portal" in page
    assert "Nobody" in page  # "changed by" was empty before the person's change


def test_a_link_to_a_user_since_removed_reads_as_a_former_user(client, personas, django_user_model):
    leaver = django_user_model.objects.create(username="leaver", first_name="Sam", last_name="Leaver")
    workstream = WorkstreamFactory(purpose="First")
    for by, purpose in ((leaver, "Second"), (personas["wslead"], "Third")):
        workstream.purpose, workstream.changed_by, workstream._history_user = purpose, by, by
        workstream.save()
    Workstream.objects.filter(pk=workstream.pk).update(changed_by=personas["wslead"])
    leaver.delete()
    client.force_login(personas["admin"])

    page = client.get(reverse("admin:workstreams_workstream_history", args=[workstream.pk])).content.decode()

    assert "A former user" in page and "pk=" not in page


def test_every_history_admin_names_links_in_words():
    plain = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin) and not isinstance(model_admin, HistoryAdmin)
    ]
    assert plain == []
