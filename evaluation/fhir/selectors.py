"""Reads of the FHIR API: instruments with their items, returns in a client's scope, and the resources
built from a page of them in a fixed number of queries."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, QuerySet

from recovery_portal.models import AccountKind

from ..models import Instrument, InstrumentItem, PromReturn, ResponseOption
from ..scoring import all_thresholds
from . import resources


def instruments() -> QuerySet[Instrument]:
    """Outcome measures (not the Friends and Family Test, which has no person), items and options fetched."""
    return Instrument.objects.filter(kind="prom").prefetch_related(
        Prefetch("items", queryset=InstrumentItem.objects.order_by("order")),
        Prefetch("options", queryset=ResponseOption.objects.order_by("item_id", "order")),
    )


def questionnaire_resource(instrument: Instrument) -> dict:
    return resources.questionnaire(instrument, list(instrument.items.all()), list(instrument.options.all()))


def questionnaire_by_id(resource_id: str) -> Instrument | None:
    return next((i for i in instruments() if i.code.lower() == resource_id.lower()), None)


def instrument_for_canonical(canonical: str) -> tuple[Instrument | None, str | None]:
    """The instrument a ``url|version`` canonical names, and the version asked for (None when absent)."""
    url, _, version = canonical.partition("|")
    for instrument in instruments():
        if resources.questionnaire_url(instrument.code) == url:
            return instrument, version or None
    return None, version or None


# The columns a return's resources are built from, read as plain rows: no model instances, and the
# person's NHS number, the team's code and the name of whoever entered it joined in the same query.
ROW = {
    "fields": (
        "id", "person_id", "instrument_id", "completed_on", "timepoint", "context", "completion", "answers",
        "additional_help", "total", "life_domain_mean", "treatment_mean", "entered_by_id",
    ),
    "joined": {
        "nhs_number": F("person__nhs_number"),
        "team_slug": F("team__slug"),
        "entered_by_first": F("entered_by__first_name"),
        "entered_by_last": F("entered_by__last_name"),
    },
}  # fmt: skip


def returns_in_scope(client) -> QuerySet[PromReturn]:
    """The returns a FHIR client may read: those of its teams, or every return for a Trust-wide client."""
    return PromReturn.objects.visible_to_fhir_client(client)


def return_rows(returns: QuerySet[PromReturn]) -> QuerySet:
    """Returns as the rows the resource builder reads (``resources.ResourceBuilder``)."""
    return returns.values(*ROW["fields"], **ROW["joined"])


def search_returns(
    client,
    *,
    nhs_number: str | None = None,
    since: date | None = None,
    until: date | None = None,
    instrument_codes: Iterable[str] | None = None,
    after_id: int = 0,
) -> QuerySet[PromReturn]:
    """Returns in scope matching a search, in id order (so a page boundary never moves under a reader)."""
    found = returns_in_scope(client).filter(pk__gt=after_id)
    if nhs_number is not None:
        found = found.filter(person__nhs_number=nhs_number)
    if since is not None:
        found = found.filter(completed_on__gte=since)
    if until is not None:
        found = found.filter(completed_on__lte=until)
    if instrument_codes is not None:
        found = found.filter(instrument__code__in=list(instrument_codes))
    return found.order_by("pk")


def baselines(client, rows: list[dict]) -> dict[tuple[int, int], tuple[int, dict]]:
    """Each (person, instrument)'s first return in the client's scope, by day then entry, with its scores:
    one query for a page or an export's batch, read along the person's scores index."""
    people = {row["person_id"] for row in rows}
    if not people:
        return {}
    first = (
        returns_in_scope(client)
        .filter(person_id__in=people, instrument_id__in={row["instrument_id"] for row in rows})
        .order_by("person_id", "instrument_id", "completed_on", "pk")
        .distinct("person_id", "instrument_id")
        .values_list("pk", "person_id", "instrument_id", "total", "life_domain_mean", "treatment_mean")
    )
    return {
        (person_id, instrument_id): (
            pk,
            {"total": total, "life_domain_mean": life, "treatment_mean": treatment},
        )
        for pk, person_id, instrument_id, total, life, treatment in first
    }


def staff_identifiers(user_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """The identifier each member of staff has at the Trust's staff identity service (its issuer as the
    system, their subject as the value): what the portal knows them by outside itself. One query."""
    issuer = settings.OIDC_STAFF_ISSUER.rstrip("/")
    ids = {pk for pk in user_ids if pk is not None} if issuer else set()
    if not ids:
        return {}
    found = (
        get_user_model()
        .objects.filter(pk__in=ids, identity_links__issuer=issuer)
        .order_by("pk", "identity_links__created_at")
        .values_list("pk", "identity_links__subject")
    )
    by_user: dict[int, tuple[str, str]] = {}
    for pk, subject in found:
        by_user.setdefault(pk, (issuer, subject))
    return by_user


def staff_account_for(system: str, value: str) -> int | None:
    """The active staff account the Trust's staff identity service knows by ``value`` (``system`` being
    that service's issuer), or None: the same identifiers ``staff_identifiers`` writes out."""
    issuer = settings.OIDC_STAFF_ISSUER.rstrip("/")
    if not issuer or system.rstrip("/") != issuer or not value:
        return None
    return (
        get_user_model()
        .objects.filter(
            identity_links__issuer=issuer,
            identity_links__subject=value,
            is_active=True,
            kind=AccountKind.STAFF,
        )
        .values_list("pk", flat=True)
        .first()
    )


def builder(*, with_observations: bool, staff: Iterable[int] = ()) -> resources.ResourceBuilder:
    """A resource builder with the instruments, the active thresholds (for Observations) and the staff
    identifiers it needs: at most three queries, whatever the number of returns it then builds."""
    return resources.ResourceBuilder(
        Instrument.objects.filter(kind="prom"),
        thresholds=all_thresholds() if with_observations else None,
        staff_identifiers=staff_identifiers(staff),
    )


def bundle_resources(client, rows: list[dict], *, with_responses=True, with_observations=True) -> list[dict]:
    """The QuestionnaireResponse and score Observations of each return (rows from ``return_rows``), in
    the same few queries for any page."""
    if not rows:
        return []
    build = builder(
        with_observations=with_observations,
        staff=[r["entered_by_id"] for r in rows if r["completion"] == "with_staff"] if with_responses else (),
    )
    return list(
        resources_of(build, client, rows, with_responses=with_responses, with_observations=with_observations)
    )


def resources_of(build, client, rows: list[dict], *, with_responses: bool, with_observations: bool):
    """Each return's resources in turn, built by ``build``; the first scores are read once for all rows."""
    first = baselines(client, rows) if with_observations else {}
    for row in rows:
        person = build.person(row)
        if with_responses:
            yield build.questionnaire_response(row, person)
        if with_observations:
            baseline = first.get((row["person_id"], row["instrument_id"]))
            yield from build.observations(
                row, person, None if baseline is None or baseline[0] == row["id"] else baseline[1]
            )
