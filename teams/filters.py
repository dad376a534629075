"""Filters of the team directory, in the query string so that a filtered list can be bookmarked."""

import django_filters
from django.db.models import Q

from workstreams.selectors import steering_group_list_service_specific

from .models import Division, ServiceType, Team


class TeamDirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Team name or place", method="filter_name")
    division = django_filters.ModelChoiceFilter(
        queryset=Division.objects.order_by("name"), to_field_name="slug", empty_label="All divisions"
    )
    steering_group = django_filters.ModelChoiceFilter(
        label="Steering group",
        field_name="division__steering_group",
        queryset=steering_group_list_service_specific(),
        to_field_name="slug",
        empty_label="All steering groups",
    )
    service_type = django_filters.ChoiceFilter(choices=ServiceType.choices, empty_label="All service types")
    clinical = django_filters.ChoiceFilter(
        label="Clinical or not",
        choices=[("yes", "Clinical teams"), ("no", "Non-clinical teams")],
        empty_label="All teams",
        method="filter_clinical",
    )

    class Meta:
        model = Team
        fields = ["q", "division", "steering_group", "service_type", "clinical"]

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(location__icontains=value))

    def filter_clinical(self, queryset, name, value):
        return queryset.filter(is_clinical=(value == "yes"))
