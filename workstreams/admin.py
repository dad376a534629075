from django import forms
from django.contrib import admin
from django.utils import timezone

from .models import ConversationDomain, ImrocChallenge, SteeringGroup, SteeringGroupMembership, Workstream


class ChangedByAdminMixin:
    """Record the administrator who saved a row, as the services do for everyone else."""

    readonly_fields = ["changed_at", "changed_by"]

    def save_model(self, request, obj, form, change):
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if hasattr(instance, "changed_by_id"):
                instance.changed_by = request.user
            instance.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()


class WorkstreamChallengeInline(admin.TabularInline):
    model = Workstream.challenges.through
    extra = 0
    verbose_name = "ImROC challenge served"
    verbose_name_plural = "ImROC challenges served"
    autocomplete_fields = ["imrocchallenge"]


class ChallengeWorkstreamInline(admin.TabularInline):
    model = Workstream.challenges.through
    extra = 0
    verbose_name = "workstream serving this challenge"
    verbose_name_plural = "workstreams serving this challenge"
    autocomplete_fields = ["workstream"]


@admin.register(ConversationDomain)
class ConversationDomainAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "code", "direction"]
    list_display_links = ["title"]
    search_fields = ["title", "code", "direction"]


@admin.register(ImrocChallenge)
class ImrocChallengeAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "code"]
    list_display_links = ["title"]
    list_filter = ["workstreams"]
    search_fields = ["title", "code", "description"]
    inlines = [ChallengeWorkstreamInline]


class WorkstreamAdminForm(forms.ModelForm):
    """Both leads are required here although the columns allow NULL (see ``Workstream``)."""

    class Meta:
        model = Workstream
        # Challenges are edited in the inline below.
        fields = ["name", "slug", "domain", "order", "purpose", "professional_lead", "peer_lead"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional_lead"].required = True
        self.fields["peer_lead"].required = True

    def clean(self):
        cleaned = super().clean()
        professional, peer = cleaned.get("professional_lead"), cleaned.get("peer_lead")
        if professional and peer and professional.pk == peer.pk:
            self.add_error("peer_lead", "The peer lead and the professional lead must be different people.")
        return cleaned


@admin.register(Workstream)
class WorkstreamAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    form = WorkstreamAdminForm
    list_display = ["order", "name", "domain", "professional_lead", "peer_lead"]
    list_display_links = ["name"]
    list_filter = ["domain", "challenges"]
    list_select_related = ["domain", "professional_lead", "peer_lead"]
    search_fields = [
        "name",
        "slug",
        "professional_lead__first_name",
        "professional_lead__last_name",
        "peer_lead__first_name",
        "peer_lead__last_name",
    ]
    autocomplete_fields = ["professional_lead", "peer_lead"]
    inlines = [WorkstreamChallengeInline]


class SteeringGroupMembershipInline(admin.TabularInline):
    model = SteeringGroupMembership
    fk_name = "group"
    extra = 0
    fields = ["user", "role", "start_date", "end_date"]
    autocomplete_fields = ["user"]
    ordering = ["end_date", "user__last_name"]


class CurrentFilter(admin.SimpleListFilter):
    title = "current"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", "Current"), ("no", "Ended")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.current(today)
        if self.value() == "no":
            return queryset.filter(end_date__lt=today)
        return queryset


@admin.register(SteeringGroup)
class SteeringGroupAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["name", "level", "parent", "chair", "meeting_frequency"]
    list_filter = ["level"]
    list_select_related = ["parent", "chair"]
    search_fields = ["name", "slug", "chair__first_name", "chair__last_name"]
    autocomplete_fields = ["chair"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SteeringGroupMembershipInline]


@admin.register(SteeringGroupMembership)
class SteeringGroupMembershipAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["user", "group", "role", "start_date", "end_date"]
    list_filter = [CurrentFilter, "group"]
    list_select_related = ["user", "group"]
    ordering = ["group__order", "user__last_name", "user__first_name"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "role", "group__name"]
    autocomplete_fields = ["user", "group"]
    date_hierarchy = "start_date"
