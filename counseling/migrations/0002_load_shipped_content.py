"""Load the shipped handouts and court-order register so a fresh database has them."""

from django.db import migrations


def load(apps, schema_editor):
    from counseling.loader import content_load

    content_load(apps=apps, update=False)


class Migration(migrations.Migration):
    dependencies = [("counseling", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
