"""The invitation messages (recovery_portal.message_templates), loaded with the others."""

from django.db import migrations

from recovery_portal.message_templates import load


class Migration(migrations.Migration):
    dependencies = [("identity", "0002_invitations"), ("recovery_portal", "0009_audit_event_subjects")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
