"""The MHSDS-ready extract of coded scored assessments, for the Recovery Evaluation Team."""

from django import forms
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from recovery_portal import audit
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_messages import NHSForm
from recovery_portal.models import AuditAction

from ..fhir import mhsds
from ..fhir.codes import CODES


class ExtractForm(NHSForm):
    since = forms.DateField(
        label="From",
        help_text="The first day of the period, for example 2025-04-01",
        error_messages={
            "required": "Enter the first day of the period",
            "invalid": "Enter the first day as a date, for example 2025-04-01",
        },
    )
    until = forms.DateField(
        label="To",
        help_text="The last day of the period, for example 2026-03-31",
        error_messages={
            "required": "Enter the last day of the period",
            "invalid": "Enter the last day as a date, for example 2026-03-31",
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            self.add_error("until", "The last day must be on or after the first day")
        return cleaned


@require_GET
@permission_required("evaluation.export_mhsds", raise_exception=True)
def mhsds_extract(request):
    """A form for the period; once it is valid, the CSV, streamed, audited as an export of each person."""
    form = ExtractForm(request.GET or None)
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
        audit.audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            request=request,
            reason=f"MHSDS extract {since:%Y-%m-%d} to {until:%Y-%m-%d}",
            subjects=audit.people(mhsds.extract_people(since=since, until=until)),
        )
        response = StreamingHttpResponse(
            mhsds.extract_rows(since=since, until=until), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="mhsds-coded-scored-assessments-{since:%Y%m%d}-{until:%Y%m%d}.csv"'
        )
        return response
    return render(
        request,
        "evaluation/mhsds_extract.html",
        {
            "form": form,
            "coded": [(code, CODES[code].total) for code in mhsds.coded_measures()],
            "left_out": mhsds.left_out(),
            "breadcrumbs": trail("measures:mhsds-extract"),
        },
    )
