"""Admin for superusers only. Every page that shows a person's data is audited; nothing here deletes
history (ADR 0003): people, plans, entries, versions, agreements, disagreements and sharing choices are
never deleted from admin, plans change only through the versioned services, entries are read-only, and
the one removal the law may require is the recorded erasure below, with its reason."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from recovery_portal.admin_audit import AuditedAdmin
from recovery_portal.admin_history import HistoryAdmin
from recovery_portal.audit import audit_view
from recovery_portal.form_messages import NHSForm, NHSModelForm

from .models import (
    CaseloadEntry,
    Disagreement,
    Erasure,
    Plan,
    PlanDocument,
    PlanEntry,
    PlanVersion,
    ServiceUser,
    Supporter,
    SupporterConsent,
)
from .services import plan_details_change, plan_entry_erase


class SuperusersOnly(AuditedAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        # History is never deleted here, by anyone; this also takes "Delete selected" off every list.
        return False


@admin.register(ServiceUser)
class ServiceUserAdmin(SuperusersOnly, HistoryAdmin):
    list_display = ["family_name", "given_name", "nhs_number", "date_of_birth"]
    search_fields = ["family_name", "given_name", "preferred_name", "nhs_number"]
    list_filter = ["contact_preference"]
    raw_id_fields = ["user", "changed_by"]


@admin.register(CaseloadEntry)
class CaseloadEntryAdmin(SuperusersOnly, HistoryAdmin):
    list_display = ["person", "team", "start_date", "end_date"]
    search_fields = ["person__family_name", "person__nhs_number", "team__name"]
    list_filter = ["team__division", "end_date"]
    raw_id_fields = ["person", "care_coordinator", "peer_support_worker", "changed_by"]


@admin.register(Supporter)
class SupporterAdmin(SuperusersOnly, HistoryAdmin):
    list_display = ["name", "relationship", "person", "is_active"]
    search_fields = ["name", "person__family_name"]
    list_filter = ["relationship", "is_active"]
    raw_id_fields = ["person", "user", "changed_by"]


class PlanAdminForm(NHSModelForm):
    """Carries the version the form was built on; a save after someone else's is refused."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Plan
        fields = ["review_date", "stage", "facilitator", "people_present"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            stored = Plan.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if cleaned.get("expected_version") != stored:
                raise ValidationError(
                    "Someone else changed this plan after you opened it. Reload the page to see their change; "
                    "nothing has been saved."
                )
        return cleaned


@admin.register(Plan)
class PlanAdmin(SuperusersOnly, HistoryAdmin):
    form = PlanAdminForm
    list_display = ["person", "kind", "status", "version", "review_date"]
    search_fields = ["person__family_name", "person__nhs_number"]
    list_filter = ["kind", "status"]
    readonly_fields = ["person", "kind", "status", "version", "agreed_version", "agreed_at", "agreed_by"]

    def has_add_permission(self, request):
        return False  # plans are started from the person's page, which keeps their first version

    def save_model(self, request, obj, form, change):
        # Through the service, so the change is a new version with its snapshot, like any other.
        data = form.cleaned_data
        plan_details_change(
            plan=obj,
            expected_version=data["expected_version"],
            review_date=data["review_date"],
            stage=data["stage"],
            facilitator=data["facilitator"],
            people_present=data["people_present"],
            by=request.user,
        )


class ErasureForm(NHSForm):
    reason = forms.CharField(
        label="Which legal request does this removal answer?",
        help_text="Give the request's reference and who made it. This is kept with the record for ever.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the legal request this removal answers, with its reference"},
    )


@admin.register(PlanEntry)
class PlanEntryAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["plan", "section", "author_role", "changed_at"]
    search_fields = ["plan__person__family_name", "section"]
    list_filter = ["author_role", "section"]
    readonly_fields = [*(field.name for field in PlanEntry._meta.fields), "erase"]

    def has_add_permission(self, request):
        return False  # entries change only through the plan pages, which keep versions

    def has_change_permission(self, request, obj=None):
        return False  # read-only here: a save would change the plan without a new version

    @admin.display(description="Erasure under a legal request")
    def erase(self, obj):
        url = reverse("admin:careplans_planentry_erase", args=[obj.pk])
        return format_html('<a href="{}">Remove this entry under a legal request</a>', url)

    def get_urls(self):
        erase = self.admin_site.admin_view(self.erase_view)
        return [path("<int:pk>/erase/", erase, name="careplans_planentry_erase"), *super().get_urls()]

    def erase_view(self, request, pk):
        """Confirm, with a reason, the removal of an entry from the plan and from its saved versions."""
        if not self.has_module_permission(request):
            return redirect("admin:index")
        entry = self.get_object(request, str(pk))
        if entry is None:
            return redirect("admin:careplans_planentry_changelist")
        form = ErasureForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            erasure = plan_entry_erase(
                entry=entry, reason=form.cleaned_data["reason"], by=request.user, request=request
            )
            self.message_user(
                request,
                f"The entry is removed from the plan and from {len(erasure.versions_changed)} saved versions. "
                "The plan is a draft until the person agrees it again.",
                messages.SUCCESS,
            )
            return redirect("admin:careplans_erasure_change", erasure.pk)
        if request.method == "GET":
            audit_view(request, entry, reason="admin: erasure confirmation")
        plan = entry.plan
        context = {
            **self.admin_site.each_context(request),
            "title": "Remove an entry under a legal request",
            "opts": self.model._meta,
            "entry": entry,
            "plan": plan,
            "form": form,
            "versions": plan.versions.filter(content__entries__contains=[{"id": entry.pk}]).count(),
            "in_agreed_version": plan.agreed_version_id is not None
            and any(item.get("id") == entry.pk for item in plan.agreed_version.content.get("entries", [])),
        }
        return TemplateResponse(request, "admin/careplans/planentry/erase.html", context)


@admin.register(Erasure)
class ErasureAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["plan", "section", "erased_at", "erased_by", "agreed_version_changed"]
    list_filter = ["agreed_version_changed"]
    search_fields = ["plan__person__family_name", "reason"]
    readonly_fields = [field.name for field in Erasure._meta.fields]

    def has_add_permission(self, request):
        return False  # recorded only by the erasure on a plan entry's page

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PlanVersion)
class PlanVersionAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["plan", "number", "created_at", "created_by"]
    search_fields = ["plan__person__family_name", "summary"]
    list_filter = ["plan__kind"]
    readonly_fields = ["plan", "number", "content", "summary", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Disagreement)
class DisagreementAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["plan", "created_at", "recorded_by"]
    search_fields = ["plan__person__family_name", "text"]
    list_filter = ["plan__kind"]
    readonly_fields = ["plan", "entry", "entry_text", "text", "recorded_by", "plan_version", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(SupporterConsent)
class SupporterConsentAdmin(SuperusersOnly, HistoryAdmin):
    list_display = ["supporter", "plan"]
    search_fields = ["supporter__name", "plan__person__family_name"]
    list_filter = ["plan__kind"]
    raw_id_fields = ["supporter", "plan", "changed_by"]


@admin.register(PlanDocument)
class PlanDocumentAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["title", "plan", "uploaded_at"]
    search_fields = ["title", "plan__person__family_name"]
    list_filter = ["plan__kind"]
    readonly_fields = ["plan", "file", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False  # documents are checked on the plan page before they are kept
