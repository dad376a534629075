from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from recovery_portal.admin_history import HistoryAdmin
from recovery_portal.admin_shared import ChangedByAdminMixin, CurrentFilter
from recovery_portal.form_messages import NHSModelForm
from workstreams.selectors import steering_group_list_service_specific

from .models import (
    ChallengeRating,
    Division,
    Membership,
    Priority,
    StandardRating,
    Team,
    TeamAction,
    TeamRecoveryPlan,
    TriangleOfCareAssessment,
    current_on_q,
)


class DivisionAdminForm(NHSModelForm):
    class Meta:
        model = Division
        fields = ["name", "slug", "steering_group", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Divisions sit under the service-specific groups only.
        self.fields["steering_group"].queryset = steering_group_list_service_specific()


@admin.register(Division)
class DivisionAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    form = DivisionAdminForm
    list_display = ["name", "steering_group", "team_count"]
    list_filter = ["steering_group"]
    list_select_related = ["steering_group"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Counting drops Meta.ordering (GROUP BY), so order again for stable pages and autocomplete.
        return super().get_queryset(request).annotate(_team_count=Count("teams")).order_by("name")

    @admin.display(description="teams", ordering="_team_count")
    def team_count(self, obj) -> int:
        return obj._team_count


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "team"
    extra = 0
    fields = ["user", "role", "recovery_champion", "carer_lead", "start_date", "end_date"]
    autocomplete_fields = ["user"]
    ordering = ["end_date", "user__last_name"]


@admin.register(Team)
class TeamAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["name", "division", "steering_group", "service_type", "is_clinical", "current_members"]
    list_filter = ["is_clinical", "service_type", "division__steering_group", "division"]
    list_select_related = ["division__steering_group"]
    search_fields = ["name", "slug", "location", "email"]
    autocomplete_fields = ["division"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        current = current_on_q(timezone.localdate(), prefix="memberships__")
        queryset = (
            super().get_queryset(request).annotate(_current_members=Count("memberships", filter=current))
        )
        return queryset.order_by("name")

    @admin.display(description="steering group", ordering="division__steering_group__name")
    def steering_group(self, obj):
        return obj.division.steering_group

    @admin.display(description="current members", ordering="_current_members")
    def current_members(self, obj) -> int:
        return obj._current_members


class RecoveryRoleFilter(admin.SimpleListFilter):
    title = "recovery role"
    parameter_name = "recovery_role"

    def lookups(self, request, model_admin):
        return [("champion", "Recovery champion"), ("carer_lead", "Carer lead"), ("any", "Either")]

    def queryset(self, request, queryset):
        champion = ~Q(recovery_champion="none")
        conditions = {
            "champion": champion,
            "carer_lead": Q(carer_lead=True),
            "any": champion | Q(carer_lead=True),
        }
        return queryset.filter(conditions[self.value()]) if self.value() in conditions else queryset


@admin.register(Membership)
class MembershipAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["user", "team", "role", "recovery_champion", "carer_lead", "start_date", "end_date"]
    list_filter = [
        CurrentFilter,
        "role",
        "recovery_champion",
        "carer_lead",
        RecoveryRoleFilter,
        "team__division",
    ]
    list_select_related = ["user", "team"]
    ordering = ["team__name", "user__last_name", "user__first_name"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "user__job_title", "team__name"]
    autocomplete_fields = ["user", "team"]
    date_hierarchy = "start_date"


class VersionCheckedForm(NHSModelForm):
    """Refuses to save a plan record someone else changed since the admin page was opened."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        if self.instance.pk and opened is not None:
            stored = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored != opened:
                raise forms.ValidationError(
                    "Someone else changed this record since you opened it. Reload the page to see their "
                    "changes, then make yours again."
                )
        return cleaned


class VersionCheckedAdmin(ChangedByAdminMixin, HistoryAdmin):
    form = VersionCheckedForm

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change:
                # Lock the row and check again, so two saves in the same instant cannot both pass.
                stored = (
                    type(obj).objects.select_for_update().values_list("version", flat=True).get(pk=obj.pk)
                )
                if stored != form.cleaned_data.get("opened_version", stored):
                    raise forms.ValidationError("Someone else changed this record since you opened it.")
                obj.version = stored + 1
            super().save_model(request, obj, form, change)


class ChallengeRatingInline(admin.TabularInline):
    model = ChallengeRating
    extra = 0
    fields = ["challenge", "previous_stage", "stage", "evidence"]


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    max_num = 3
    fields = ["number", "title", "why"]


@admin.register(TeamRecoveryPlan)
class TeamRecoveryPlanAdmin(VersionCheckedAdmin):
    list_display = ["team", "year", "status", "away_day_date", "attended_people_using_service", "agreed_at"]
    list_filter = ["year", "status", "team__division__steering_group", "team__division"]
    list_select_related = ["team"]
    search_fields = ["team__name"]
    autocomplete_fields = ["team", "facilitators", "previous"]
    readonly_fields = ["changed_at", "changed_by", "version", "agreed_at", "agreed_by", "agreed_version"]
    inlines = [ChallengeRatingInline, PriorityInline]


@admin.register(TeamAction)
class TeamActionAdmin(VersionCheckedAdmin):
    list_display = ["what", "plan", "priority", "due_date", "status", "rag"]
    list_filter = ["status", "rag", "plan__year", "workstream"]
    list_select_related = ["plan__team", "priority"]
    search_fields = ["what", "who", "plan__team__name"]
    raw_id_fields = ["plan", "priority", "carried_from"]
    readonly_fields = ["changed_at", "changed_by", "version"]


class StandardRatingInline(admin.TabularInline):
    model = StandardRating
    extra = 0
    max_num = 6
    fields = ["standard", "rating", "evidence", "action"]


@admin.register(TriangleOfCareAssessment)
class TriangleOfCareAssessmentAdmin(VersionCheckedAdmin):
    list_display = ["team", "year", "changed_at"]
    list_filter = ["year", "team__division"]
    list_select_related = ["team"]
    search_fields = ["team__name"]
    autocomplete_fields = ["team"]
    readonly_fields = ["changed_at", "changed_by", "version"]
    inlines = [StandardRatingInline]
