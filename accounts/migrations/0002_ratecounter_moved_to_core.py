"""The rate-limit counters now belong to the core (autofocus.0001 keeps the table and its
rows): the model leaves this app's state, the database is untouched here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("autofocus", "0001_ratecounter_from_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateCounter")],
            database_operations=[],
        ),
    ]
