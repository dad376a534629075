"""Registering a FHIR API client in admin: public keys only, known scopes only, and a data scope."""

import json

import jwt
import pytest
from django.urls import reverse

from evaluation.admin import FhirClientForm
from evaluation.models import FhirClient
from recovery_portal.tests.factories import UserFactory

from .fhir_clients import public_jwks, rsa_key

pytestmark = pytest.mark.django_db


def form(persona_team, **changes):
    data = {
        "name": "Trust warehouse",
        "client_id": "warehouse",
        "jwks": json.dumps(public_jwks(("key-1", rsa_key()))),
        "scopes": "system/QuestionnaireResponse.rs",
        "teams": [persona_team.pk],
        "user": UserFactory(username="system-warehouse").pk,
        "is_active": "on",
    }
    data.update(changes)
    return FhirClientForm(data=data)


def test_a_client_with_public_keys_scopes_and_teams_is_registered(persona_team):
    assert form(persona_team).is_valid()


def test_a_private_key_is_refused(persona_team):
    private = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key()))
    checked = form(persona_team, jwks=json.dumps({"keys": [private | {"kid": "k", "alg": "RS384"}]}))

    assert not checked.is_valid()
    assert "private key" in str(checked.errors["jwks"])


def test_an_unknown_scope_or_no_data_scope_is_refused(persona_team):
    assert "Use only these scopes" in str(form(persona_team, scopes="user/*.*").errors)
    assert "Trust-wide" in str(form(persona_team, teams=[]).errors)


def test_the_admin_pages_open(client, admin, persona_team):
    client.force_login(admin)

    assert client.get(reverse("admin:evaluation_fhirclient_add")).status_code == 200
    assert client.get(reverse("admin:evaluation_fhirclient_changelist")).status_code == 200
    assert not FhirClient.objects.exists()
