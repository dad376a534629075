"""GOV.UK Notify's delivery receipts, and a person's own messages and contact settings."""

import hmac
import json

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import notifications, selectors, services
from ..audit import audit_list, people, students
from ..forms import ContactSettingsForm


@csrf_exempt
@login_not_required
@require_POST
def notify_callback(request):
    """Delivery receipts from GOV.UK Notify, authenticated by the bearer token set in Notify's callback
    settings (NOTIFY_CALLBACK_TOKEN). A wrong or missing token is refused and changes nothing."""
    token = settings.NOTIFY_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        return JsonResponse({"error": "Unauthorised"}, status=401)
    try:
        receipt = json.loads(request.body)
        notify_id, status = str(receipt["id"]), str(receipt["status"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "A delivery receipt needs an id and a status."}, status=400)
    notifications.message_outcome_record(notify_id=notify_id, status=status)
    # 200 for a receipt of a message the portal does not know too: Notify would otherwise resend it.
    return HttpResponse(status=204)


@require_http_methods(["GET", "POST"])
def contact_settings(request):
    """How a person who uses services, a supporter or a student wants to be contacted, and the
    messages sent to them. Staff are reached at their work email, which their Trust account holds."""
    user = request.user
    form = ContactSettingsForm(request.POST or None, user=user)
    if not user.is_trust_staff:
        # The messages sent to them are their own data, and reading them is recorded like any other read.
        person = getattr(user, "service_user", None)
        student = getattr(user, "student", None)
        audit_list(
            request,
            subjects=[*people([person.pk if person else None]), *students([student.pk if student else None])],
            reason="own contact settings and messages",
        )
    if request.method == "POST" and form.is_valid():
        services.contact_settings_change(user=user, by=user, **form.cleaned_data)
        flash.success(request, "Your contact details have been saved.")
        return redirect("contact-settings")
    return render(
        request,
        "account/contact_settings.html",
        {
            "form": form,
            "messages_sent": selectors.messages_sent_to(user=user),
            "contactable": notifications.is_contactable(user),
        },
    )
