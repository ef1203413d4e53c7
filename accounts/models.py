from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.crypto import salted_hmac


class Language(models.TextChoices):
    EN = "en", "English"
    RU = "ru", "Русский"


DEFAULT_TIME_ZONE = "UTC"


@cache
def _iana_names() -> frozenset[str]:
    # available_timezones() walks the zone directories on every call (about 15 ms); the set
    # only changes when the tz package does, which means a new process.
    return frozenset(available_timezones())


def is_time_zone(name: str) -> bool:
    """Whether `name` is an IANA time zone this server knows ("Europe/Paris", "UTC")."""
    if not name or len(name) > 64 or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    # ZoneInfo also opens files such as "posixrules"; keep to the IANA names proper.
    return name in _iana_names()


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

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalize_email(username or ""))


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
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=Lower(Trim("email"))),
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

    def check_password(self, raw_password: str | None) -> bool:
        return False

    @property
    def masked_email(self) -> str:
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}•••@{domain}"


class ApiTokenScope(models.TextChoices):
    READ = "read", "Read"
    WRITE = "write", "Write"


class ApiToken(models.Model):
    """A personal access token for GraphQL clients outside the browser.

    The token itself is shown once, when it is made; only its SHA-256 hash is stored (like
    short links), so a leaked database cannot be used to call the API.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=5, choices=ApiTokenScope.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(
        null=True, blank=True, help_text="Updated at most once a minute."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=["read", "write"]),
                name="accounts_apitoken_scope_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="accounts_apitoken_name_not_empty"
            ),
            # Two live tokens of one account never share a name (case aside).
            models.UniqueConstraint(
                models.functions.Lower("name"),
                "user",
                condition=models.Q(revoked_at__isnull=True),
                name="accounts_apitoken_live_name_unique",
            ),
        ]
        indexes = [
            # The settings screen lists an account's live tokens, newest first.
            models.Index(
                fields=["user", "-created_at"],
                condition=models.Q(revoked_at__isnull=True),
                name="accounts_apitoken_live_idx",
            )
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else self.scope
        return f"{self.name} ({self.user_id}, {state})"


class UserSession(AbstractBaseSession):
    """A browser session (see accounts.sessions), with the account signed in to it, so that
    deleting an account ends its sessions on every device by cascade."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions"
    )

    @classmethod
    def get_session_store_class(cls):
        from accounts.sessions import SessionStore

        return SessionStore
