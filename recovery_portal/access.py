"""How views reach records: through scoped querysets, never ``Model.objects`` on personal data.

A personal-data model mixes in :class:`PersonalData` and gives its queryset a ``visible_to(user)``
method. ``scripts/lint_model_usage_in_views.py`` fails the build when a view module touches such a
model's ``.objects`` directly (ADR 0002).
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


class PersonalData:
    """Marker for models holding data about a person; views reach them only through ``visible_to``."""


def get_visible_or_404(queryset: QuerySet[M], **lookup) -> M:
    """The one record matching ``lookup`` inside an already scoped queryset, or 404.

    404, not 403, so that nobody can learn whether a record they may not see exists.
    """
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require_permission(user, permission: str, obj=None) -> None:
    """403 when a user who can see a record may not do this with it."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied
