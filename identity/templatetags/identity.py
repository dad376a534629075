from django import template

from ..oidc import nhs_login_provider, staff_provider

register = template.Library()


@register.simple_tag
def sign_in_options() -> dict:
    """Which ways of signing in besides a password the portal offers here."""
    return {"trust": staff_provider() is not None, "nhs_login": nhs_login_provider() is not None}
