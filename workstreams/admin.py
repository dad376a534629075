from django.contrib import admin
from django.db import models

from recovery_portal.admin_history import HistoryAdmin
from recovery_portal.admin_read_only import ReadOnlyAdmin
from recovery_portal.admin_shared import ChangedByAdminMixin, CurrentFilter
from recovery_portal.form_messages import NHSModelForm

from .models import (
    Action,
    ConversationDomain,
    Goal,
    GoalMeasurement,
    ImrocChallenge,
    MeetingFollowUp,
    ProgressUpdate,
    SteeringGroup,
    SteeringGroupMeeting,
    SteeringGroupMembership,
    Workstream,
    WorkstreamAnnualReport,
)


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


class WorkstreamAdminForm(NHSModelForm):
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
class WorkstreamAdmin(ChangedByAdminMixin, HistoryAdmin):
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


@admin.register(SteeringGroup)
class SteeringGroupAdmin(ChangedByAdminMixin, HistoryAdmin):
    list_display = ["name", "level", "parent", "chair", "meeting_frequency"]
    list_filter = ["level"]
    list_select_related = ["parent", "chair"]
    search_fields = ["name", "slug", "chair__first_name", "chair__last_name"]
    autocomplete_fields = ["chair"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SteeringGroupMembershipInline]


@admin.register(SteeringGroupMembership)
class SteeringGroupMembershipAdmin(ChangedByAdminMixin, HistoryAdmin):
    list_display = ["user", "group", "role", "start_date", "end_date"]
    list_filter = [CurrentFilter, "group"]
    list_select_related = ["user", "group"]
    ordering = ["group__order", "user__last_name", "user__first_name"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "role", "group__name"]
    autocomplete_fields = ["user", "group"]
    date_hierarchy = "start_date"


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["description", "owner", "due_date", "status", "rag"]
    readonly_fields = ["status", "rag"]
    autocomplete_fields = ["owner"]
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(ChangedByAdminMixin, HistoryAdmin):
    list_display = ["title", "workstream", "status", "start_date", "target_date"]
    list_filter = ["workstream", "status", "domain"]
    list_select_related = ["workstream"]
    search_fields = ["title", "measure"]
    filter_horizontal = ["challenges"]
    inlines = [ActionInline]


@admin.register(GoalMeasurement)
class GoalMeasurementAdmin(ReadOnlyAdmin, HistoryAdmin):
    """Read only: measurements are recorded and corrected on the goal's page, where the range and the
    one-a-month rule are checked; here administrators read them and their history."""

    list_display = ["goal", "month", "value", "source", "changed_at"]
    list_filter = ["source", "goal__workstream"]
    list_select_related = ["goal"]
    search_fields = ["goal__title", "source_detail", "note"]


# Links typed without a scheme are taken to be https (Django 6's default).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class ProgressUpdateInline(admin.StackedInline):
    model = ProgressUpdate
    formfield_overrides = HTTPS_LINKS
    extra = 0
    fields = [
        "date",
        "narrative",
        "rag",
        "status",
        "dropped_reason",
        "evidence_link",
        "evidence_file",
        "author",
    ]
    autocomplete_fields = ["author"]


@admin.register(Action)
class ActionAdmin(ChangedByAdminMixin, HistoryAdmin):
    """Status and RAG follow the latest progress update; add updates below rather than editing them."""

    list_display = ["__str__", "goal", "owner", "due_date", "status", "rag"]
    list_filter = ["goal__workstream", "status", "rag", "co_produced"]
    list_select_related = ["goal", "owner"]
    search_fields = ["description", "owner__first_name", "owner__last_name"]
    autocomplete_fields = ["goal", "owner", "co_owner"]
    readonly_fields = [*ChangedByAdminMixin.readonly_fields, "status", "rag", "completed_on", "dropped_on"]
    date_hierarchy = "due_date"
    inlines = [ProgressUpdateInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(HistoryAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["action", "date", "rag", "status", "author"]
    list_filter = ["rag", "status", "action__goal__workstream"]
    list_select_related = ["action", "author"]
    search_fields = ["narrative"]
    autocomplete_fields = ["action", "author"]
    date_hierarchy = "date"


class MeetingFollowUpInline(admin.TabularInline):
    model = MeetingFollowUp
    extra = 0
    fields = ["description", "owner", "due_date", "done_on"]
    autocomplete_fields = ["owner"]


@admin.register(SteeringGroupMeeting)
class SteeringGroupMeetingAdmin(ChangedByAdminMixin, HistoryAdmin):
    list_display = ["group", "date"]
    list_filter = ["group"]
    list_select_related = ["group"]
    search_fields = ["minutes", "decisions"]
    filter_horizontal = ["attendees"]
    date_hierarchy = "date"
    inlines = [MeetingFollowUpInline]


@admin.register(MeetingFollowUp)
class MeetingFollowUpAdmin(ChangedByAdminMixin, HistoryAdmin):
    list_display = ["__str__", "meeting", "owner", "due_date", "done_on"]
    list_filter = ["meeting__group"]
    list_select_related = ["meeting__group", "owner"]
    search_fields = ["description", "owner__first_name", "owner__last_name"]
    autocomplete_fields = ["owner"]


@admin.register(WorkstreamAnnualReport)
class WorkstreamAnnualReportAdmin(ChangedByAdminMixin, HistoryAdmin):
    list_display = ["workstream", "financial_year", "version", "changed_at"]
    list_filter = ["workstream", "financial_year"]
    list_select_related = ["workstream"]
    search_fields = ["achievements", "challenges", "priorities_next_year"]
    readonly_fields = [*ChangedByAdminMixin.readonly_fields, "version"]
