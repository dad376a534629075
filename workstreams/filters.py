"""Filters of the Trust-wide action list, in the query string so that a filtered list can be bookmarked
and exported as it is shown."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from recovery_portal.ratings import OPEN_ACTION_STATUSES, RAG, ActionStatus

from .models import Action, ConversationDomain, ImrocChallenge, Workstream


def _action_owners(request):
    return (
        get_user_model()
        .objects.filter(workstream_actions__isnull=False)
        .distinct()
        .order_by("last_name", "first_name")
    )


class ActionFilter(django_filters.FilterSet):
    workstream = django_filters.ModelChoiceFilter(
        label="Workstream",
        field_name="goal__workstream",
        queryset=Workstream.objects.order_by("order"),
        to_field_name="slug",
        empty_label="All workstreams",
    )
    domain = django_filters.ModelChoiceFilter(
        label="Conversation domain",
        field_name="goal__domain",
        queryset=ConversationDomain.objects.all(),
        to_field_name="code",
        empty_label="All domains",
    )
    challenge = django_filters.ModelChoiceFilter(
        label="ImROC challenge",
        field_name="goal__challenges",
        queryset=ImrocChallenge.objects.all(),
        to_field_name="code",
        empty_label="All challenges",
    )
    owner = django_filters.ModelChoiceFilter(
        label="Owner or co-owner", queryset=_action_owners, empty_label="Anyone", method="filter_owner"
    )
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, empty_label="Any status")
    rag = django_filters.ChoiceFilter(
        label="RAG rating",
        choices=[*RAG.choices, ("none", "Not rated")],
        empty_label="Any rating",
        method="filter_rag",
    )
    overdue = django_filters.ChoiceFilter(
        label="Overdue",
        choices=[("yes", "Overdue"), ("no", "Not overdue")],
        empty_label="Overdue or not",
        method="filter_overdue",
    )
    due_before = django_filters.DateFilter(
        label="Due before",
        field_name="due_date",
        lookup_expr="lt",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 31/3/2027",
    )

    class Meta:
        model = Action
        fields = ["workstream", "domain", "challenge", "owner", "status", "rag", "overdue", "due_before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].field.label_from_instance = lambda user: user.display_name
        self.filters["workstream"].field.label_from_instance = lambda workstream: workstream.name

    def filter_owner(self, queryset, name, value):
        return queryset.filter(Q(owner=value) | Q(co_owner=value))

    def filter_rag(self, queryset, name, value):
        return queryset.filter(rag="" if value == "none" else value)

    def filter_overdue(self, queryset, name, value):
        overdue = {"status__in": OPEN_ACTION_STATUSES, "due_date__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value == "yes" else queryset.exclude(**overdue)
