from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from recovery_portal.admin_audit import AuditedAdmin
from recovery_portal.admin_history import HistoryAdmin
from recovery_portal.admin_shared import ChangedByAdminMixin

from . import services
from .models import (
    Attendance,
    Course,
    CourseRun,
    CourseRunTrainer,
    Enrolment,
    FidelityRating,
    LearningPlan,
    RunFeedback,
    Session,
    Student,
    Term,
    Venue,
)


@admin.register(Venue)
class VenueAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "partner"]
    list_filter = ["kind"]
    search_fields = ["name", "partner"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Term)
class TermAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    list_filter = ["start_date"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Course)
class CourseAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["title", "category", "session_count", "completion_min_sessions"]
    list_filter = ["category"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}


class TrainerInline(admin.TabularInline):
    model = CourseRunTrainer
    fields = ["user", "is_peer_trainer"]
    autocomplete_fields = ["user"]
    extra = 1


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["number", "starts_at", "ends_at", "topic"]
    extra = 1


@admin.register(CourseRun)
class CourseRunAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["course", "term", "venue", "capacity", "status"]
    list_filter = ["status", "term", "venue"]
    list_select_related = ["course", "term", "venue"]
    search_fields = ["course__title"]
    # Publishing goes through the service, which insists on co-delivery.
    readonly_fields = ["status", "published_at", "changed_at", "changed_by"]
    inlines = [TrainerInline, SessionInline]
    actions = ["publish"]

    @admin.action(description="Publish in the prospectus (needs a peer trainer and another trainer)")
    def publish(self, request, queryset):
        for run in queryset:
            try:
                services.run_publish(run=run, by=request.user)
            except ValidationError as problem:
                self.message_user(request, f"{run}: {problem.messages[0]}", messages.ERROR)


@admin.register(Student)
class StudentAdmin(AuditedAdmin, ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["user", "student_type", "registered_at"]
    list_filter = ["student_type"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(Enrolment)
class EnrolmentAdmin(AuditedAdmin, HistoryAdmin):
    list_display = ["student", "run", "status", "place_number", "requested_at"]
    list_filter = ["status", "run__term"]
    search_fields = ["student__user__username", "student__user__last_name", "run__course__title"]
    list_select_related = ["student__user", "run__course", "run__term", "run__venue"]
    # Places and the waiting list change only through the services (ADR 0011).
    readonly_fields = [f.name for f in Enrolment._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Attendance)
class AttendanceAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["enrolment", "session", "present", "recorded_by"]
    list_filter = ["present"]
    search_fields = ["enrolment__student__user__last_name", "session__run__course__title"]
    list_select_related = ["enrolment__student__user", "session", "recorded_by"]
    raw_id_fields = ["enrolment", "session", "recorded_by"]


@admin.register(LearningPlan)
class LearningPlanAdmin(AuditedAdmin, ChangedByAdminMixin, HistoryAdmin):
    list_display = ["student", "term", "personal_tutor", "review_outcome"]
    list_filter = ["term", "review_outcome"]
    search_fields = ["student__user__username", "student__user__last_name"]
    list_select_related = ["student__user", "term", "personal_tutor"]
    raw_id_fields = ["student", "personal_tutor"]


@admin.register(RunFeedback)
class RunFeedbackAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "rating", "given_at"]
    list_filter = ["rating"]
    search_fields = ["enrolment__run__course__title", "best_part", "to_improve"]
    raw_id_fields = ["enrolment"]


@admin.register(FidelityRating)
class FidelityRatingAdmin(ChangedByAdminMixin, admin.ModelAdmin):
    list_display = ["year", "total", "rated_by"]
    list_filter = ["year"]
    search_fields = ["year", "notes"]
