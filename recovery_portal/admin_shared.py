"""Admin helpers shared by every app's admin: who changed a row, and a filter for rows still current."""

from django.contrib import admin
from django.utils import timezone


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
