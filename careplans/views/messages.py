"""Messages sent to a person, or about them, for the staff who may see the person (audited)."""

from django.shortcuts import render
from django.urls import reverse

from recovery_portal.access import get_visible_or_404
from recovery_portal.audit import audit_view

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
            "breadcrumbs": [
                {"label": "Home", "url": reverse("home")},
                # The person reading their own messages keeps no caseload: no crumb to a page they cannot open.
                *(
                    [{"label": "Caseload", "url": reverse("careplans:caseload")}]
                    if request.user.has_perm("careplans.view_caseload")
                    else []
                ),
                {"label": person.display_name, "url": reverse("careplans:person", args=[person.pk])},
            ],
        },
    )
