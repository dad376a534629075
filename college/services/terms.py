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


@transaction.atomic
def term_create(*, by, **fields) -> Term:
    _checked_fields(fields, TERM_FIELDS, "term")
    term = Term(**fields, changed_by=by)
    term.slug = slug_for(Term, slug=term.slug, name=term.name, noun="term")
    _check_term(term)
    term.save()
    return term


@transaction.atomic
def term_save(*, term: Term, by, **changes) -> Term:
    _checked_fields(changes, TERM_FIELDS, "term")
    term = Term.objects.select_for_update().get(pk=term.pk)
    for name, value in changes.items():
        setattr(term, name, value)
    term.slug = slug_for(Term, slug=term.slug, name=term.name, instance=term, noun="term")
    _check_term(term)
    term.changed_by = by
    term.save()
    return term


def _check_venue(venue: Venue) -> None:
    if venue.kind == VenueKind.SPOKE and not venue.partner.strip():
        raise ValidationError({"partner": "Enter the community partner who hosts this spoke"})


@transaction.atomic
def venue_create(*, by, **fields) -> Venue:
    _checked_fields(fields, VENUE_FIELDS, "venue")
    venue = Venue(**fields, changed_by=by)
    venue.slug = slug_for(Venue, slug=venue.slug, name=venue.name, noun="venue")
    _check_venue(venue)
    venue.save()
    return venue


@transaction.atomic
def venue_save(*, venue: Venue, by, **changes) -> Venue:
    _checked_fields(changes, VENUE_FIELDS, "venue")
    venue = Venue.objects.select_for_update().get(pk=venue.pk)
    for name, value in changes.items():
        setattr(venue, name, value)
    venue.slug = slug_for(Venue, slug=venue.slug, name=venue.name, instance=venue, noun="venue")
    _check_venue(venue)
    venue.changed_by = by
    venue.save()
    return venue
