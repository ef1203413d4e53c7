from django.db import models
from django.db.models import F, Q


class ShortLink(models.Model):
    """A short path `/s/<code>` leading to a path on this site.

    A short link that leads to a login is a credential: only a hash of the code is stored.
    """

    code_hash = models.CharField(max_length=64, unique=True)
    target = models.CharField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    use_count = models.PositiveIntegerField(default=0)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    owner = models.CharField(
        max_length=254,
        blank=True,
        default="",
        help_text="Whose link it is (a login link: the account's key), so that it can be "
        "removed with the account; empty for links of nobody in particular.",
    )

    class Meta:
        indexes = [
            models.Index(fields=["owner"], name="shortlinks_owner_idx", condition=~Q(owner="")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(use_count__lte=F("max_uses")),
                name="shortlinks_uses_within_limit",
            ),
            models.CheckConstraint(
                condition=Q(target__startswith="/") & ~Q(target__startswith="//"),
                name="shortlinks_target_is_local_path",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"short link to {self.target.split('?')[0]} (expires {self.expires_at:%Y-%m-%d %H:%M})"
        )
