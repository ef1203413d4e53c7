from django.conf import settings
from django.db import migrations, models


def count_imported(apps, schema_editor):
    """An import's tasks took the positions from its `prev_next_position` up to the position
    the person's next action started from (or the notebook's next position, for the latest)."""
    Event = apps.get_model("focus", "Event")
    Notebook = apps.get_model("focus", "Notebook")
    for event in Event.objects.filter(kind="import").order_by("id").iterator():
        following = (
            Event.objects.filter(user_id=event.user_id, id__gt=event.id)
            .order_by("id")
            .values_list("prev_next_position", flat=True)
            .first()
        )
        if following is None:
            following = (
                Notebook.objects.filter(user_id=event.user_id)
                .values_list("next_position", flat=True)
                .first()
            )
        count = max((following or event.prev_next_position) - event.prev_next_position, 0)
        Event.objects.filter(pk=event.pk).update(item_count=count)


class Migration(migrations.Migration):
    dependencies = [
        ("focus", "0005_event_user_time_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="item_count",
            field=models.PositiveIntegerField(
                default=0, help_text="How many tasks an import added (0 for every other action)."
            ),
        ),
        migrations.RunPython(count_imported, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "import"), ("item_count", 0), _connector="OR"),
                name="focus_event_item_count_import_only",
            ),
        ),
    ]
