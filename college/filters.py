"""Filters of the prospectus, in the query string so that a search can be bookmarked and shared."""

import django_filters
from django.db.models import Q

from .models import CourseCategory, CourseRun, Term, Venue, VenueKind


class ProspectusFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search courses", method="filter_words")
    term = django_filters.ModelChoiceFilter(
        queryset=Term.objects.order_by("start_date"), to_field_name="slug", empty_label="Any term"
    )
    category = django_filters.ChoiceFilter(
        field_name="course__category", choices=CourseCategory.choices, empty_label="Any subject"
    )
    venue = django_filters.ModelChoiceFilter(
        label="Where", queryset=Venue.objects.order_by("name"), to_field_name="slug", empty_label="Anywhere"
    )
    kind = django_filters.ChoiceFilter(
        label="In person or online", field_name="venue__kind", choices=VenueKind.choices, empty_label="Either"
    )

    class Meta:
        model = CourseRun
        fields = ["q", "term", "category", "venue", "kind"]

    def filter_words(self, queryset, name, value):
        for word in value.split()[:6]:
            queryset = queryset.filter(
                Q(course__title__icontains=word)
                | Q(course__summary__icontains=word)
                | Q(course__who_it_is_for__icontains=word)
            )
        return queryset
