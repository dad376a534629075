"""The audit trail: who read or did what, when, from which request; never changed afterwards."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from recovery_portal.audit import audit_record, audit_view
from recovery_portal.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("reader", password="a-long-enough-password")


@pytest.fixture
def event(reader):
    return audit_record(actor=reader, action=AuditAction.VIEW, obj=reader, reason="test")


def test_a_read_records_who_what_when_and_the_request(reader):
    request = RequestFactory().get("/people/7/", REMOTE_ADDR="10.1.2.3")
    request.user = reader
    request.request_id = "req-12345678"

    event = audit_view(request, reader)

    event.refresh_from_db()
    assert (event.actor, event.action, event.object_id) == (reader, AuditAction.VIEW, str(reader.pk))
    assert event.object_type.model == "user"
    assert (event.request_id, event.ip_address, event.reason) == ("req-12345678", "10.1.2.3", "/people/7/")
    assert event.occurred_at is not None


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE recovery_portal_auditevent SET reason = 'rewritten'",
        "DELETE FROM recovery_portal_auditevent",
        # Row triggers do not see a TRUNCATE; a statement trigger refuses it (migration 0005).
        "TRUNCATE recovery_portal_auditevent",
    ],
)
def test_postgresql_refuses_to_change_or_delete_audit_rows(event, statement):
    assert connection.vendor == "postgresql"

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    event.refresh_from_db()
    assert event.reason == "test"
    assert AuditEvent.objects.count() == 1


def test_the_orm_refuses_too(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        event.delete()
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()


def test_deleting_a_user_leaves_their_trail_intact(reader, event):
    reader.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_only_administrators_may_read_the_trail(event, reader, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="a-long-enough-password")

    assert list(AuditEvent.objects.visible_to(admin)) == [event]
    assert list(AuditEvent.objects.visible_to(reader)) == []


def test_sign_in_failure_and_sign_out_are_recorded(client, reader):
    client.post(reverse("login"), {"username": "reader", "password": "wrong-password-here"})
    client.post(reverse("login"), {"username": "reader", "password": "a-long-enough-password"})
    client.post(reverse("logout"))

    actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor"))
    assert actions == [
        (AuditAction.SIGN_IN_FAILED, None),
        (AuditAction.SIGN_IN, reader.pk),
        (AuditAction.SIGN_OUT, reader.pk),
    ]
