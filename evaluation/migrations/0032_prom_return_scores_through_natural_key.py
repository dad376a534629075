"""Each person's first and latest score on a measure are read through the natural key's index.

The covering index ``prom_return_person_scores`` cost every imported return an index entry of its own.
On PostgreSQL the natural key's unique index now carries the id and total instead (INCLUDE), so the
dashboards still read those scores from an index alone and an import writes one index fewer (ADR 0029).
The constraint keeps its name and its columns; elsewhere (SQLite) it is as Django made it.
"""

from django.db import migrations

COVERING = """
ALTER TABLE evaluation_promreturn
    DROP CONSTRAINT prom_return_natural_key,
    ADD CONSTRAINT prom_return_natural_key
        UNIQUE (person_id, instrument_id, completed_on, timepoint) INCLUDE (id, total);
"""

PLAIN = """
ALTER TABLE evaluation_promreturn
    DROP CONSTRAINT prom_return_natural_key,
    ADD CONSTRAINT prom_return_natural_key UNIQUE (person_id, instrument_id, completed_on, timepoint);
"""


def cover(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COVERING, params=None)


def uncover(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PLAIN, params=None)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0031_fft_comment_flags")]

    operations = [
        migrations.RemoveIndex(model_name="promreturn", name="prom_return_person_scores"),
        migrations.RunPython(cover, uncover),
    ]
