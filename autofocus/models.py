"""The core's one table: rate-limit counters (see autofocus.ratelimit; purged by the
`clean_ratelimits` command)."""

from django.db import models


class RateCounter(models.Model):
    """Hits of one rate-limited key in one fixed time window (see autofocus.ratelimit)."""

    key = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires = models.BigIntegerField(db_index=True, help_text="Unix time the window ends.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window"], name="autofocus_ratecounter_key_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.count}"
