from django.db import migrations

from recovery_portal.message_templates import load


class Migration(migrations.Migration):
    dependencies = [("recovery_portal", "0006_messages")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
