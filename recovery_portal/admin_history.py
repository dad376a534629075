"""Admin history that names who changed a record in words: never "Deleted user (pk=None)".

django-simple-history shows an empty link (a "changed by" not yet set) and a link to a removed record
alike as "Deleted <type> (pk=…)", and a change the portal made itself (a task, a schedule) as "None".
Every history admin in the portal uses ``HistoryAdmin`` so each reads as people write it.
"""

from django.contrib.auth import get_user_model
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

# Who made a change recorded with no signed-in user: a background task, the schedule, a data migration.
BY_THE_PORTAL = "The portal"
# A link to a user who no longer exists.
FORMER_USER = "A former user"
NOBODY = "Nobody"


def name_of_link(value):
    """Words for a link's value in a history row."""
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return NOBODY
        if value.model is get_user_model():
            return FORMER_USER
        return f"A {value.model._meta.verbose_name} since removed"
    return value


class _NamedLinks(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        return super().prepare_delta_change_value(change, name_of_link(value))


class HistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "admin/portal_object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return _NamedLinks(self.model, historical_record)
