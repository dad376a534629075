"""Versioned saves that also land in the history.

``save_versioned`` writes with a queryset update, which sends no signals, so django-simple-history would
not see the change: the version just written is recorded explicitly.
"""

from simple_history.utils import get_history_manager_for_model

from recovery_portal.concurrency import save_versioned


def save_versioned_with_history(instance, *, expected_version: int, fields: list[str], by):
    """Save ``fields`` if the row is still at ``expected_version`` (else ``StaleEdit``) and record the change."""
    instance.changed_by = by
    save_versioned(instance, expected_version=expected_version, fields=[*fields, "changed_by"])
    get_history_manager_for_model(type(instance)).bulk_history_create(
        [instance], update=True, default_user=by
    )
    return instance


def create_with_history(model, *, by, **fields):
    """Create a row whose "added" history entry names ``by``, inside or outside a web request."""
    instance = model(**fields)
    instance._history_user = by
    instance.save()
    return instance


def save_with_history(instance, *, by, update_fields: list[str]):
    """Save ``update_fields`` of ``instance``, naming ``by`` in its history entry."""
    instance._history_user = by
    instance.save(update_fields=update_fields)
    return instance
