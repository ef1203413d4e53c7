from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac


class Language(models.TextChoices):
    EN = "en", "English"
    RU = "ru", "Русский"


DEFAULT_TIME_ZONE = "UTC"


def is_time_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone this server knows ("Europe/Paris", "UTC")."""
    if not name or len(name) > 64 or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    # ZoneInfo also opens files such as "posixrules"; keep to the IANA names proper.
    return name in available_timezones()


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, **extra_fields) -> User:
        email = normalize_email(email)
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=email, **extra_fields)
        user.full_clean(exclude=["email"], validate_unique=False)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        # Accounts have no password: staff sign in with a link from `manage.py login_link`.
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_validated", True)
        return self.create_user(email, **extra_fields)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email=normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """An Autofocus account. The email address is the key; there is no password."""

    email = models.EmailField("email address", primary_key=True, max_length=254)
    password = None  # type: ignore[assignment]
    is_validated = models.BooleanField(
        default=False, help_text="The owner opened a login link sent to this address."
    )
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    time_zone = models.CharField(
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        help_text="IANA time zone the person's days are counted in (from the browser at sign-up).",
    )
    date_joined = models.DateTimeField(default=timezone.now, db_index=True)
    validated_at = models.DateTimeField(
        null=True, blank=True, help_text="When the address was first confirmed."
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    # Bumped to end every session of this account (see get_session_auth_hash).
    session_version = models.PositiveIntegerField(default=0)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=models.functions.Lower(models.functions.Trim("email"))),
                name="accounts_user_email_normalized",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "ru"]), name="accounts_user_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def zone(self) -> ZoneInfo:
        """The person's time zone (UTC if the stored name is not known on this server)."""
        return ZoneInfo(self.time_zone if is_time_zone(self.time_zone) else DEFAULT_TIME_ZONE)

    def save(self, *args, **kwargs) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    # Without a password Django's session hash would be constant, so sessions could never be
    # ended from the server; the version number takes the password's place in it.
    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        return salted_hmac(
            "accounts.User.session",
            f"{self.email}:{self.session_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def has_usable_password(self) -> bool:
        return False

    def set_unusable_password(self) -> None:
        pass

    def set_password(self, raw_password: str | None) -> None:
        pass

    def check_password(self, raw_password: str) -> bool:
        return False

    @property
    def masked_email(self) -> str:
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}•••@{domain}"


class RateCounter(models.Model):
    """Hits of one rate-limited key in one fixed time window (see autofocus.ratelimit)."""

    key = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires = models.BigIntegerField(db_index=True, help_text="Unix time the window ends.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window"], name="accounts_ratecounter_key_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.count}"
