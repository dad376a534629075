"""Documents kept with a plan: added by the person or their workers, served only after an access check."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_export, audit_view
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import PlanDocumentForm
from ..models import PlanDocument
from .plans import _crumbs


@require_http_methods(["GET", "POST"])
def document_add(request, pk: int):
    """Keep a document with the plan, such as a signed advance decision."""
    plan = get_visible_or_404(selectors.plan_queryset(user=request.user), pk=pk)
    require_permission(request.user, "careplans.write_own_words", plan)
    form = PlanDocumentForm(request.POST or None, request.FILES or None)
    outcome = submit(
        request,
        form,
        lambda data: services.plan_document_add(
            plan=plan, title=data["title"], upload=data["file"], by=request.user
        ),
    )
    if outcome.saved:
        messages.success(request, "The document has been added to the plan.")
        return redirect("careplans:plan", pk=plan.pk)
    audit_view(request, plan, reason="add a document")
    return render(
        request,
        "careplans/document_form.html",
        {"plan": plan, "form": form, "breadcrumbs": _crumbs(request, "document-add", plan)},
    )


def document_download(request, pk: int):
    """The document, as a download, for someone who may see the plan."""
    document = get_visible_or_404(PlanDocument.objects.visible_to(request.user).select_related("plan"), pk=pk)
    audit_export(request, obj=document.plan, reason=f"plan document {document.pk}")
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"plan-document-{document.pk}.{document.extension.lower()}",
    )
