"""Saves of plan records that name the person acting in their history entries."""

from recovery_portal.concurrency import save_versioned


def save_versioned_with_history(instance, *, expected_version: int, fields: list[str], by):
    """Save ``fields`` if the row is still at ``expected_version`` (else ``StaleEdit``); the history entry
    that ``save_versioned`` writes names ``by``."""
    instance.changed_by = by
    return save_versioned(instance, expected_version=expected_version, fields=[*fields, "changed_by"], by=by)


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
