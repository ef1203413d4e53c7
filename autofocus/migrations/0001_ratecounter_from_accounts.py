"""The rate-limit counters move from `accounts` to the core: the model changes app in
Django's state only, then its table is renamed (rows and index kept) and its constraint takes
the new app's name."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateCounter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("key", models.CharField(max_length=64)),
                        ("window", models.BigIntegerField()),
                        ("count", models.PositiveIntegerField(default=0)),
                        (
                            "expires",
                            models.BigIntegerField(
                                db_index=True, help_text="Unix time the window ends."
                            ),
                        ),
                    ],
                    options={
                        "db_table": "accounts_ratecounter",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("key", "window"), name="accounts_ratecounter_key_window"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="ratecounter", table=None),
        migrations.RemoveConstraint(
            model_name="ratecounter", name="accounts_ratecounter_key_window"
        ),
        migrations.AddConstraint(
            model_name="ratecounter",
            constraint=models.UniqueConstraint(
                fields=("key", "window"), name="autofocus_ratecounter_key_window"
            ),
        ),
    ]
