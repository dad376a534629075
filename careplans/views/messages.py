"""Messages sent to a person, or about them, for the staff who may see the person (audited)."""

from django.shortcuts import render

from recovery_portal.access import get_visible_or_404
from recovery_portal.audit import audit_view
from recovery_portal.breadcrumbs import trail

from .. import selectors
from ..models import ServiceUser


def person_messages(request, pk: int):
    person = get_visible_or_404(ServiceUser.objects.visible_to(request.user), pk=pk)
    audit_view(request, person, reason="messages sent to or about the person")
    return render(
        request,
        "careplans/person_messages.html",
        {
            "person": person,
            "messages_sent": selectors.messages_about(person),
            "contactability": selectors.contactability_of(person),
            "breadcrumbs": trail("careplans:person-messages", person, viewer=request.user),
        },
    )
