"""Formerly loaded the shipped handouts; now does nothing.

Content is data, not schema: a migration that ran today's loader over today's files would load
different handouts on a fresh database next season. ``manage.py load_content`` loads the content at
every deployment (docs/deployment.md), from ``make run`` and in the test set-up. The migration stays,
empty, so databases that already applied it keep a consistent history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("counseling", "0001_initial")]

    operations = []
