"""Terms and venues, which a new term's runs need."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Session, Term, Venue, VenueKind
from .courses import slug_for

TERM_FIELDS = ("name", "slug", "start_date", "end_date")
VENUE_FIELDS = ("name", "slug", "kind", "partner", "address", "access_information")


def _check_term(term: Term) -> None:
    """Dates in order; no overlap, since "the current term" and a plan per term assume one at a time;
    and every session of the term's runs still inside it."""
    if term.end_date < term.start_date:
        raise ValidationError({"end_date": "The last day of the term must be the same as or after the first"})
    overlapping = (
        Term.objects.filter(start_date__lte=term.end_date, end_date__gte=term.start_date)
        .exclude(pk=term.pk)
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            {
                "start_date": f"These dates overlap {overlapping.name} ({overlapping.start_date:%-d %B %Y} "
                f"to {overlapping.end_date:%-d %B %Y}): terms cannot overlap"
            }
        )
    if term.pk:
        outside = [
            session
            for session in Session.objects.filter(run__term=term).select_related("run__course")
            if not term.start_date <= timezone.localdate(session.starts_at) <= term.end_date
        ]
        if outside:
            first = outside[0]
            raise ValidationError(
                f"Session {first.number} of {first.run.course.title} would be outside the term "
                f"({len(outside)} session{'s' if len(outside) > 1 else ''} in all): change them first."
            )


def _checked_fields(fields: dict, allowed: tuple, noun: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not fields of a {noun}: {sorted(unknown)}")


def _created(model, *, fields: dict, allowed: tuple, noun: str, check, by):
    _checked_fields(fields, allowed, noun)
    thing = model(**fields, changed_by=by)
    thing.slug = slug_for(model, slug=thing.slug, name=thing.name, noun=noun)
    check(thing)
    thing.save()
    return thing


def _saved(thing, *, changes: dict, allowed: tuple, noun: str, check, by):
    """The changes saved on a fresh, locked copy of ``thing``, so two edits at once apply in turn."""
    _checked_fields(changes, allowed, noun)
    model = type(thing)
    thing = model.objects.select_for_update().get(pk=thing.pk)
    for name, value in changes.items():
        setattr(thing, name, value)
    thing.slug = slug_for(model, slug=thing.slug, name=thing.name, instance=thing, noun=noun)
    check(thing)
    thing.changed_by = by
    thing.save()
    return thing


@transaction.atomic
def term_create(*, by, **fields) -> Term:
    return _created(Term, fields=fields, allowed=TERM_FIELDS, noun="term", check=_check_term, by=by)


@transaction.atomic
def term_save(*, term: Term, by, **changes) -> Term:
    return _saved(term, changes=changes, allowed=TERM_FIELDS, noun="term", check=_check_term, by=by)


def _check_venue(venue: Venue) -> None:
    if venue.kind == VenueKind.SPOKE and not venue.partner.strip():
        raise ValidationError({"partner": "Enter the community partner who hosts this spoke"})


@transaction.atomic
def venue_create(*, by, **fields) -> Venue:
    return _created(Venue, fields=fields, allowed=VENUE_FIELDS, noun="venue", check=_check_venue, by=by)


@transaction.atomic
def venue_save(*, venue: Venue, by, **changes) -> Venue:
    return _saved(venue, changes=changes, allowed=VENUE_FIELDS, noun="venue", check=_check_venue, by=by)
