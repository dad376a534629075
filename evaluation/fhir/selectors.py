"""Reads of the FHIR API: instruments with their items, returns in a client's scope, and the resources
built from a page of them in a fixed number of queries."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Min, Prefetch, QuerySet

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


def returns_in_scope(client) -> QuerySet[PromReturn]:
    """The returns a FHIR client may read: those of its teams, or every return for a Trust-wide client."""
    return PromReturn.objects.visible_to_fhir_client(client).select_related(
        "person", "instrument", "entered_by"
    )


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


def _baselines(client, returns: list[PromReturn]) -> dict[tuple[int, int], dict]:
    """Each (person, instrument)'s first scores in the client's scope: one query for a page."""
    people = {r.person_id for r in returns}
    if not people:
        return {}
    scoped = returns_in_scope(client).filter(person_id__in=people).order_by()
    first_day = {
        (p, i): d
        for p, i, d in scoped.values("person_id", "instrument_id")
        .annotate(d=Min("completed_on"))
        .values_list("person_id", "instrument_id", "d")
    }
    found: dict[tuple[int, int], dict] = {}
    rows = scoped.filter(completed_on__in=set(first_day.values())).order_by("completed_on", "pk")
    for row in rows.values_list(
        "pk", "person_id", "instrument_id", "completed_on", "total", "life_domain_mean", "treatment_mean"
    ):
        pk, person_id, instrument_id, day, total, life, treatment = row
        key = (person_id, instrument_id)
        if key in found or first_day.get(key) != day:
            continue
        found[key] = {"pk": pk, "total": total, "life": life, "treatment": treatment}
    return found


def bundle_resources(
    client, returns: list[PromReturn], *, with_responses=True, with_observations=True
) -> list[dict]:
    """The QuestionnaireResponse and score Observations of each return (three queries for any page)."""
    baselines = _baselines(client, returns) if with_observations else {}
    thresholds = all_thresholds() if with_observations else {}
    found = []
    for prom_return in returns:
        instrument = prom_return.instrument
        nhs_number = prom_return.person.nhs_number
        if with_responses:
            entered_by = prom_return.entered_by.get_full_name() if prom_return.entered_by else ""
            found.append(
                resources.questionnaire_response(
                    prom_return, instrument=instrument, nhs_number=nhs_number, entered_by_name=entered_by
                )
            )
        if with_observations:
            first = baselines.get((prom_return.person_id, prom_return.instrument_id))
            baseline = {} if first is None or first["pk"] == prom_return.pk else first
            found.extend(
                resources.observations(
                    prom_return,
                    instrument=instrument,
                    nhs_number=nhs_number,
                    baseline={k: v for k, v in baseline.items() if k != "pk" and v is not None},
                    thresholds={m: t for (code, m), t in thresholds.items() if code == instrument.code},
                )
            )
    return found
