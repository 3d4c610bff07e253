"""Topic slugs carry no year: ``federal-credits-2025`` becomes ``federal-credits``.

A database loaded before the rename keeps its versions (they belong to the topic row, whose slug
changes); a database that already has ``federal-credits`` is left alone.
"""

from django.db import migrations

RENAMED = {"federal-credits-2025": "federal-credits"}


def rename(apps, schema_editor):
    Topic = apps.get_model("counseling", "Topic")
    for old, new in RENAMED.items():
        if not Topic.objects.filter(slug=new).exists():
            Topic.objects.filter(slug=old).update(slug=new)


def unrename(apps, schema_editor):
    Topic = apps.get_model("counseling", "Topic")
    for old, new in RENAMED.items():
        if not Topic.objects.filter(slug=old).exists():
            Topic.objects.filter(slug=new).update(slug=old)


class Migration(migrations.Migration):
    dependencies = [("counseling", "0002_load_shipped_content")]

    operations = [migrations.RunPython(rename, unrename)]
