"""Admin pages that show people's data write to the audit trail like every other page: one event for a
change list (naming everyone on the page), one for a record, its history or its delete confirmation."""

from .audit import audit_list, audit_view, subjects_of_rows


class AuditedAdmin:
    """Mix into the ``ModelAdmin`` of every personal-data model (a test walks the admin to check)."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            # The template iterates the same queryset, so reading the rows here costs no extra query.
            rows = list(changelist.result_list)
            audit_list(
                request,
                subjects=self.audit_subjects(rows),
                reason=f"admin: list of {self.model._meta.verbose_name_plural}",
            )
        return response

    def audit_subjects(self, rows) -> list[str]:
        """The people the rows shown are about."""
        return subjects_of_rows(self.model, rows)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._audit_object(request, object_id, "admin")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._audit_object(request, object_id, "admin: history")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history's page of one earlier version of the record.
        self._audit_object(request, object_id, "admin: earlier version")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "GET":
            self._audit_object(request, object_id, "admin: delete confirmation")
        return super().delete_view(request, object_id, extra_context)

    def _audit_object(self, request, object_id, reason):
        if not self.has_view_or_change_permission(request):
            return
        obj = self.get_object(request, object_id)
        if obj is not None:
            audit_view(request, obj, reason=reason)
