from django.contrib import admin

from .models import IdentityLink


@admin.register(IdentityLink)
class IdentityLinkAdmin(admin.ModelAdmin):
    """An administrator ties an existing account to its Trust identity (issuer + subject) here, so that the
    person's first single sign-on reaches the account they already have."""

    list_display = ["user", "provider", "issuer", "subject", "last_signed_in_at"]
    list_filter = ["provider"]
    search_fields = ["user__username", "subject"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "last_signed_in_at"]
