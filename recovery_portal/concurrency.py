"""Optimistic concurrency for co-produced documents (ARCHITECTURE §4).

Each editable document carries a ``version``. A form posts back the version it was built on; the save
succeeds only if the row still has that version, so nobody's words are overwritten unseen. On a stale
save the caller gets the current record to show beside the text that was refused.
"""

from django.db import models, transaction
from django.db.models import F
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model


class StaleEdit(Exception):
    """Someone else saved the record since this edit began; nothing was written."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{current._meta.verbose_name} was changed by someone else")
        self.current = current


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def save_versioned(instance: Versioned, *, expected_version: int, fields: list[str], by=None) -> Versioned:
    """Write ``fields`` of ``instance`` only if its row is still at ``expected_version``, and bump it.

    Raises :class:`StaleEdit` carrying the record as it now is when someone else saved first. The write is
    a queryset update, which django-simple-history does not see, so a tracked model's history entry
    (naming ``by``) is written here, in the same transaction.
    """
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    for field in model._meta.concrete_fields:
        # auto_now fields are not set by a queryset update; keep them truthful.
        if getattr(field, "auto_now", False) and field.name not in values:
            field.pre_save(instance, add=False)
            values[field.name] = getattr(instance, field.attname)
    with transaction.atomic():
        updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
            **values, version=F("version") + 1
        )
        if updated != 1:
            raise StaleEdit(model._default_manager.get(pk=instance.pk))
        instance.version = expected_version + 1
        _record_history(instance, by=by)
    return instance


def _record_history(instance: models.Model, *, by) -> None:
    try:
        history = get_history_manager_for_model(type(instance))
    except NotHistoricalModelError:
        return
    history.bulk_history_create([instance], update=True, default_user=by)
