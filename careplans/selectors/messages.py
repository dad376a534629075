"""Messages the portal has sent to a person, or to their workers about them (recovery_portal.notifications)."""

from django.db.models import Q

from recovery_portal.models import Message
from recovery_portal.notifications import is_contactable


def messages_about(person, *, limit: int = 100):
    """Newest first: messages to the person's own account and messages to staff about them. The caller
    has already found the person through a scoped queryset."""
    sent = Q(about_person_id=person.pk)
    if person.user_id:
        sent |= Q(recipient_id=person.user_id)
    return Message.objects.filter(sent).select_related("template", "recipient")[:limit]


def contactability_of(person) -> str:
    """ "online" when the portal can message them, "not contactable" when they have an online account it
    cannot reach (no address, or they asked for none), "no account" when they have none."""
    if not person.user_id:
        return "no account"
    return "online" if is_contactable(person.user) else "not contactable"
