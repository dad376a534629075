"""Admin for superusers only. Instrument wording is read-only once used; returns are read-only records
(an administrator may delete one entered in error, which is audited); thresholds are configuration."""

from django import forms
from django.contrib import admin
from django.db import models

from recovery_portal.admin_audit import AuditedAdmin
from recovery_portal.admin_read_only import ReadOnlyAdmin
from recovery_portal.audit import audit_record
from recovery_portal.form_messages import NHSModelForm
from recovery_portal.models import AuditAction
from recovery_portal.rules import is_evaluation_team

from .models import (
    ChangeThreshold,
    FhirClient,
    Instrument,
    InstrumentItem,
    PremReturn,
    PromReturn,
    ResponseOption,
    ReturnImport,
    SpcLimitChange,
)
from .reports.models import AnnualReportRun
from .services import limit_change_errors, limit_change_record


class SuperusersOnly:
    # Source links are typed without a scheme now and then; assume https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


class _WordingInline(SuperusersOnly, admin.TabularInline):
    extra = 0

    def _used(self, obj) -> bool:
        return obj is not None and obj.has_returns()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._used(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._used(obj)


class ItemInline(_WordingInline):
    model = InstrumentItem
    fields = [
        "order",
        "wording",
        "short_label",
        "reverse_scored",
        "group",
        "is_scored",
        "is_risk_item",
        "risk_from_value",
        "asks_follow_up",
    ]


class OptionInline(_WordingInline):
    model = ResponseOption
    fields = ["item", "order", "value", "label", "category"]


class ThresholdInline(SuperusersOnly, admin.TabularInline):
    model = ChangeThreshold
    extra = 0
    fields = ["kind", "measure", "value", "direction", "range_label", "source", "source_url", "is_active"]


@admin.register(Instrument)
class InstrumentAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["code", "name", "version", "kind", "recall_period", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    inlines = [ItemInline, OptionInline, ThresholdInline]

    def get_readonly_fields(self, request, obj=None):
        return list(Instrument.LOCKED_FIELDS) if obj is not None and obj.has_returns() else []


@admin.register(ChangeThreshold)
class ChangeThresholdAdmin(SuperusersOnly, admin.ModelAdmin):
    list_display = ["instrument", "kind", "measure", "value", "direction", "is_active"]
    list_filter = ["instrument", "kind", "is_active"]
    search_fields = ["instrument__code", "source"]


class _WordingAdmin(SuperusersOnly, admin.ModelAdmin):
    """Items and options on their own: read-only once their instrument has returns."""

    list_filter = ["instrument"]
    list_select_related = ["instrument"]

    def _used(self, obj) -> bool:
        return obj is not None and obj.instrument.has_returns()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._used(obj)


@admin.register(InstrumentItem)
class InstrumentItemAdmin(_WordingAdmin):
    list_display = ["instrument", "order", "wording", "reverse_scored", "group", "is_risk_item"]
    search_fields = ["wording", "short_label"]


@admin.register(ResponseOption)
class ResponseOptionAdmin(_WordingAdmin):
    list_display = ["instrument", "item", "order", "value", "label", "category"]
    search_fields = ["label"]


class _ReturnAdmin(AuditedAdmin, SuperusersOnly, admin.ModelAdmin):
    """A return records what was answered on a day: it is read here, never edited."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=AuditAction.DELETE, obj=obj, request=request, reason="admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(
                actor=request.user, action=AuditAction.DELETE, obj=obj, request=request, reason="admin"
            )
        super().delete_queryset(request, queryset)


@admin.register(PromReturn)
class PromReturnAdmin(_ReturnAdmin):
    list_display = ["person", "instrument", "completed_on", "timepoint", "total", "has_risk_answer", "team"]
    list_filter = ["instrument", "timepoint", "completion", "has_risk_answer"]
    search_fields = ["person__family_name", "person__nhs_number"]
    date_hierarchy = "completed_on"
    list_select_related = ["person", "instrument", "team"]


@admin.register(PremReturn)
class PremReturnAdmin(_ReturnAdmin):
    list_display = ["team", "completed_on", "answer", "category", "wording_version"]
    list_filter = ["category", "wording_version"]
    search_fields = ["team__name", "source_reference"]
    date_hierarchy = "completed_on"
    list_select_related = ["team"]


@admin.register(ReturnImport)
class ReturnImportAdmin(_ReturnAdmin):
    list_display = ["file_name", "kind", "imported_by", "imported_at", "rows_written"]
    list_filter = ["kind"]
    search_fields = ["file_name", "sha256"]


class SpcLimitChangeForm(NHSModelForm):
    class Meta:
        model = SpcLimitChange
        fields = ["measure", "unit_kind", "unit_slug", "starts", "reason", "baseline_months"]
        error_messages = {
            "measure": {"required": "Select the measure whose limits change"},
            "starts": {
                "required": "Enter the date the limits change from",
                "invalid": "The date the limits change from must be a real date, like 1 6 2025",
            },
            "reason": {
                "required": "Enter why the limits change, for example a new service or a new way of counting"
            },
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for field, message in limit_change_errors(
            measure=cleaned.get("measure"),
            unit_kind=cleaned.get("unit_kind"),
            unit_slug=cleaned.get("unit_slug", ""),
            starts=cleaned.get("starts"),
            reason=cleaned.get("reason", ""),
            baseline_months=cleaned.get("baseline_months"),
        ).items():
            self.add_error(field, message)
        return cleaned


@admin.register(SpcLimitChange)
class SpcLimitChangeAdmin(admin.ModelAdmin):
    """The evaluation team records when a measure's process limits are recalculated, and why. A change is
    kept as history: it cannot be edited or deleted once recorded (record a later one instead)."""

    form = SpcLimitChangeForm
    list_display = ["measure", "unit_kind", "unit_slug", "starts", "reason", "baseline_months", "recorded_by"]
    list_filter = ["measure", "unit_kind"]
    search_fields = ["unit_slug", "reason"]

    def _allowed(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or (user.is_staff and is_evaluation_team(user)))

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = limit_change_record(**{k: form.cleaned_data[k] for k in form.Meta.fields}, by=request.user)
        obj.pk = saved.pk


@admin.register(AnnualReportRun)
class AnnualReportRunAdmin(ReadOnlyAdmin, SuperusersOnly, admin.ModelAdmin):
    """Annual report runs, to see which are stuck or failed and why; written only by the report pipeline."""

    list_display = ["financial_year", "state", "sections_done", "sections_total", "attempts", "requested_by",
                    "requested_at", "finished_at"]  # fmt: skip
    list_filter = ["state", "financial_year", "scheduled"]
    search_fields = ["financial_year", "requested_by__username"]
    list_select_related = ["requested_by"]
    readonly_fields = [field.name for field in AnnualReportRun._meta.fields]


class FhirClientForm(NHSModelForm):
    class Meta:
        model = FhirClient
        fields = ["name", "client_id", "jwks", "scopes", "trust_wide", "teams", "user", "note", "is_active"]

    def clean_scopes(self):
        from .models.fhir import SCOPES

        given = self.cleaned_data["scopes"].split()
        unknown = [scope for scope in given if scope not in SCOPES]
        if unknown:
            raise forms.ValidationError(f"Use only these scopes: {', '.join(SCOPES)}")
        return " ".join(given)

    def clean_jwks(self):
        import jwt

        jwks = self.cleaned_data["jwks"]
        try:
            keys = jwt.PyJWKSet.from_dict(jwks).keys
        except (jwt.PyJWTError, TypeError, AttributeError):
            raise forms.ValidationError('Enter the public keys as a JWK Set: {"keys": [...]}') from None
        if any(getattr(key, "algorithm_name", None) not in ("RS384", "ES384", None) for key in keys):
            raise forms.ValidationError("Keys must be for RS384 or ES384")
        if any(key.key_type not in ("RSA", "EC") for key in keys):
            raise forms.ValidationError("Keys must be RSA or EC public keys")
        if any("d" in key for key in jwks.get("keys", [])):
            raise forms.ValidationError("Enter only the public keys: this JWK Set holds a private key")
        return jwks

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("trust_wide") and not cleaned.get("teams"):
            raise forms.ValidationError(
                "Choose the teams whose returns the client sees, or make it Trust-wide"
            )
        return cleaned


@admin.register(FhirClient)
class FhirClientAdmin(SuperusersOnly, admin.ModelAdmin):
    """Systems using the FHIR API (ADR 0028): their public keys, scopes and the data they may see."""

    form = FhirClientForm
    list_display = ("name", "client_id", "scopes", "trust_wide", "is_active")
    list_filter = ("is_active", "trust_wide")
    filter_horizontal = ("teams",)
    search_fields = ("name", "client_id")
